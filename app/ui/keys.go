package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// screenOrder lists the screens in tab order: Ctrl+1 … Ctrl+5 show them.
func screenOrder() []string {
	return []string{ScreenNow, ScreenWeek, ScreenCustomers, ScreenFeeds, ScreenSettings}
}

// installScreenKeys adds Ctrl+1 … Ctrl+5 (⌘ on macOS): every screen is
// reachable from the keyboard, where Tab then moves through its controls.
func (u *UI) installScreenKeys(c fyne.Canvas) {
	digits := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5}
	for i, name := range screenOrder() {
		name := name
		sc := &desktop.CustomShortcut{KeyName: digits[i], Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(fyne.Shortcut) { u.Show(name) })
		u.keys.AddShortcut(sc, func(fyne.Shortcut) { u.Show(name) })
	}
}

// shortcutsText lists the keyboard shortcuts, one a line, for Help.
func shortcutsText() string {
	mod := "Ctrl"
	if (&desktop.CustomShortcut{Modifier: fyne.KeyModifierShortcutDefault}).Mod() == fyne.KeyModifierSuper {
		mod = "⌘"
	}
	lines := []string{
		mod + "+1 … " + mod + "+" + strconv.Itoa(len(screenOrder())) + "  " + lang.L("Show a screen (Now, Week, Customers, Feeds, Settings)"),
		mod + "+R  " + lang.L("Sync now"),
		mod + "+E  " + lang.L("Export availability…"),
		mod + "+,  " + lang.L("Settings"),
		"← / →  " + lang.L("Previous or next week (Week screen)"),
		"← / →  " + lang.L("Previous or next activity on a focused timeline; Enter opens it"),
		"Tab / Shift+Tab  " + lang.L("Move to the next or previous control"),
		lang.L("Space or Enter") + "  " + lang.L("Press the focused button or box"),
	}
	return strings.Join(lines, "\n")
}

// ShowShortcuts opens the list of keyboard shortcuts (Help menu).
func (u *UI) ShowShortcuts() {
	if u.win == nil {
		return
	}
	text := widget.NewLabel(shortcutsText())
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), text, u.win)
	d.Show()
}
