package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// trayMenu is the system tray menu: the next activity as its first line,
// then Open, Sync now and Quit.
type trayMenu struct {
	desk  desktop.App
	menu  *fyne.Menu
	first *fyne.MenuItem
	icon  fyne.Resource
}

// nextLine is the tray's first line for a status.
func (u *UI) nextLine(st Status) string {
	if st.Next == nil {
		return lang.L("Nothing planned in the next 7 days")
	}
	start := st.Next.Start.In(u.zone())
	return lang.L("Next: {{.What}} {{.At}}", map[string]any{"What": st.Next.Summary, "At": u.loc.DayTime(start)})
}

// SetupTray installs the system tray menu where the desktop has one, and
// makes closing the window hide it to the tray. It reports whether a tray
// was set up.
func (u *UI) SetupTray(icon fyne.Resource) bool {
	desk, ok := u.app.(desktop.App)
	if !ok || u.win == nil {
		return false
	}
	t := &trayMenu{desk: desk, icon: icon}
	t.first = fyne.NewMenuItem(u.nextLine(u.now.status), nil)
	t.first.Disabled = true
	open := fyne.NewMenuItem(lang.L("Open Shiftdesk"), func() {
		u.win.Show()
		u.win.RequestFocus()
	})
	quit := fyne.NewMenuItem(lang.L("Quit"), func() { u.app.Quit() })
	quit.IsQuit = true
	t.menu = fyne.NewMenu("Shiftdesk", t.first, fyne.NewMenuItemSeparator(), open,
		fyne.NewMenuItem(lang.L("Sync now"), u.SyncNow), fyne.NewMenuItemSeparator(), quit)
	desk.SetSystemTrayMenu(t.menu)
	desk.SetSystemTrayWindow(u.win)
	if icon != nil {
		desk.SetSystemTrayIcon(icon)
	}
	u.tray = t
	u.win.SetCloseIntercept(u.win.Hide)
	return true
}

// updateTray refreshes the tray's first line when it changed.
func (u *UI) updateTray(st Status) {
	if u.tray == nil {
		return
	}
	if line := u.nextLine(st); line != u.tray.first.Label {
		u.tray.first.Label = line
		u.tray.menu.Refresh()
	}
}
