package ui

import (
	"context"
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// Screen names, as accepted by UI.Show (and SHIFTDESK_START_SCREEN).
const (
	ScreenNow       = "now"
	ScreenWeek      = "week"
	ScreenCustomers = "customers"
	ScreenFeeds     = "feeds"
	ScreenSettings  = "settings"
)

// UI is the main window's content and behaviour.
type UI struct {
	deps Deps
	app  fyne.App
	win  fyne.Window
	cfg  settings.Settings
	loc  Locale
	// tz is the loaded zone of cfg.Zone (tzName).
	tz     *time.Location
	tzName string

	now       *NowScreen
	week      *WeekScreen
	customers *CustomersScreen
	feeds     *FeedsScreen
	settings  *SettingsScreen

	tabs    *container.AppTabs
	banner  *fyne.Container
	dataErr *widget.Label
	notice  *widget.Label
	root    *fyne.Container

	// OnStatus is called (on the UI goroutine) with the Now line each time
	// it is recomputed; the tray menu uses it.
	OnStatus func(Status)
	// OnSettingsChanged is called after the agent changed a setting that
	// needs the application (language, theme, refresh interval).
	OnSettingsChanged func(old, new settings.Settings)

	syncing bool
	// keys holds the same shortcuts as the window's canvas (for tests,
	// whose canvas cannot type shortcuts).
	keys fyne.ShortcutHandler
	// async runs blocking work (sync, keyring) off the UI goroutine.
	async func(work func())
	// remindedUpTo is the instant up to which reminders were handled;
	// it starts at the opening of the window, so nothing missed while
	// Shiftdesk was closed is announced.
	remindedUpTo time.Time
	tray         *trayMenu
	// shared is the expansion the screens share until the data changes.
	shared *sharedOccs
}

// New builds the window content for win with deps. loc is the locale the
// texts are formatted in (see UseLanguage).
func New(a fyne.App, win fyne.Window, deps Deps, loc Locale) *UI {
	if deps.Clock == nil {
		deps.Clock = time.Now
	}
	u := &UI{deps: deps, app: a, win: win, loc: loc, remindedUpTo: deps.Clock(),
		async: func(work func()) { go work() }}
	if deps.Settings != nil {
		u.cfg = deps.Settings.Load()
	} else {
		u.cfg = settings.Default()
	}
	u.buildUI()
	return u
}

// Content is the window's root object.
func (u *UI) Content() fyne.CanvasObject { return u.root }

// Settings returns the current settings.
func (u *UI) Settings() settings.Settings { return u.cfg }

func (u *UI) buildUI() {
	u.now = newNowScreen(u)
	u.week = newWeekScreen(u)
	u.customers = newCustomersScreen(u)
	u.feeds = newFeedsScreen(u)
	u.settings = newSettingsScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Now"), u.now.buildUI()),
		container.NewTabItem(lang.L("Week"), u.week.buildUI()),
		container.NewTabItem(lang.L("Customers"), u.customers.buildUI()),
		container.NewTabItem(lang.L("Feeds & changes"), u.feeds.buildUI()),
		container.NewTabItem(lang.L("Settings"), u.settings.buildUI()),
	)
	u.tabs.OnSelected = u.onTabChanged
	addFeed := widget.NewButtonWithIcon(lang.L("Add your feed"), theme.ContentAddIcon(), u.onAddYourFeedTapped)
	addFeed.Importance = widget.HighImportance
	bannerText := widget.NewLabelWithStyle(lang.L("Demo schedule — add your feed"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bannerText.Wrapping = fyne.TextWrapWord
	u.banner = container.NewBorder(nil, nil, nil, addFeed, bannerText)
	u.dataErr = widget.NewLabel("")
	u.dataErr.Wrapping = fyne.TextWrapWord
	u.dataErr.Importance = widget.DangerImportance
	if u.notice == nil {
		u.notice = widget.NewLabel("")
		u.notice.Wrapping = fyne.TextWrapWord
		u.notice.Importance = widget.WarningImportance
		u.notice.Hide()
	}
	u.root = container.NewBorder(container.NewVBox(u.notice, u.banner, u.dataErr), nil, nil, nil, u.tabs)
	u.Refresh()
}

// Rebuild recreates every screen, e.g. after the language changed.
func (u *UI) Rebuild(loc Locale) {
	selected := u.tabs.SelectedIndex()
	u.loc = loc
	u.buildUI()
	u.tabs.SelectIndex(selected)
	if u.win != nil {
		u.win.SetContent(u.root)
		u.Install()
	}
	if u.tray != nil {
		u.SetupTray(u.tray.icon) // the menu in the new language
	}
}

// ShowNotice puts a message above the screens until the window closes,
// e.g. that the settings file was corrupt and defaults are in use.
func (u *UI) ShowNotice(msg string) {
	u.notice.SetText(msg)
	u.notice.Show()
}

// Show selects a screen by name (see the Screen constants); it reports
// whether the name is known.
func (u *UI) Show(name string) bool {
	i := map[string]int{ScreenNow: 0, ScreenWeek: 1, ScreenCustomers: 2, ScreenFeeds: 3, ScreenSettings: 4}
	idx, ok := i[strings.ToLower(strings.TrimSpace(name))]
	if ok {
		u.tabs.SelectIndex(idx)
	}
	return ok
}

// onTabChanged redraws the screen that is now shown, and only that one:
// every screen reads the schedule, and the others are redrawn at the
// next minute or when their data changes.
func (u *UI) onTabChanged(*container.TabItem) {
	switch u.tabs.SelectedIndex() {
	case 0:
		u.now.refresh()
	case 1:
		u.week.refresh()
	case 2:
		u.customers.refresh()
	case 3:
		u.feeds.refresh()
	case 4:
		u.settings.refreshLists()
	}
}

// demo reports whether no feed is configured, so the demo week is shown.
func (u *UI) demo() bool {
	return u.deps.Feeds == nil || len(u.deps.Feeds.Status()) == 0
}

// waitingForFirstSync reports whether feeds are shown but none has an
// offline copy yet (paused feeds are neither synced nor shown: with only
// those the agent is not waiting for a download).
func (u *UI) waitingForFirstSync() bool {
	if u.demo() {
		return false
	}
	waiting := false
	for _, f := range u.deps.Feeds.Status() {
		if f.Enabled {
			if !f.LastSync.IsZero() {
				return false
			}
			waiting = true
		}
	}
	return waiting
}

// zone is the agent's zone.
func (u *UI) zone() *time.Location {
	if u.tz == nil || u.tzName != u.cfg.Zone {
		u.tz, u.tzName = u.cfg.Location(), u.cfg.Zone
	}
	return u.tz
}

// clock is the current instant in the agent's zone.
func (u *UI) clock() time.Time { return u.deps.Clock().In(u.zone()) }

// Occurrences reads the schedule shown (the feeds', or the demo while no
// feed is configured) for [from, to) in the agent's zone.
func (u *UI) Occurrences(from, to time.Time) ([]calendar.Occurrence, error) {
	src := u.deps.Schedule
	if u.demo() && u.deps.Demo != nil {
		src = u.deps.Demo
	}
	if src == nil {
		return nil, nil
	}
	return src.Occurrences(from, to, u.zone())
}

// Locale is the locale the window formats in.
func (u *UI) Locale() Locale { return u.loc }

// sharedSpan is how far around now one shared expansion reaches: every
// screen's range (the Now screen's days, the Week screen's weeks, the
// Customers screen's three weeks, the Week screen's week with the rest
// rules' margin of restMargin days either side) fits in it unless the
// agent browses far.
const (
	sharedBefore = (7 + restMargin + 1) * 24 * time.Hour
	sharedAfter  = 36 * 24 * time.Hour
	// sharedFor is how long an expansion is shared without a data change
	// (Refresh starts a new one at once).
	sharedFor = time.Minute
)

// sharedOccs is one expansion of the schedule that the screens share.
type sharedOccs struct {
	from, to time.Time
	zone     *time.Location
	demo     bool
	at       time.Time
	occs     []calendar.Occurrence
}

// covers reports whether c can answer [from, to) at now.
func (c *sharedOccs) covers(from, to time.Time, zone *time.Location, demo bool, now time.Time) bool {
	return c != nil && c.zone == zone && c.demo == demo && !from.Before(c.from) && !to.After(c.to) &&
		now.Sub(c.at) < sharedFor && !now.Before(c.at)
}

// occurrences reads the schedule (or the demo) for [from, to): from the
// expansion the screens share since the last data change, or a new one
// covering weeks around now, so a refresh of every screen expands the
// feeds once. A failure is shown above the screens and yields no
// occurrences.
func (u *UI) occurrences(from, to time.Time) []calendar.Occurrence {
	now, zone, demo := u.deps.Clock(), u.zone(), u.demo()
	if !u.shared.covers(from, to, zone, demo, now) {
		wideFrom, wideTo := now.Add(-sharedBefore), now.Add(sharedAfter)
		if from.Before(wideFrom) {
			wideFrom = from
		}
		if to.After(wideTo) {
			wideTo = to
		}
		occs, err := u.Occurrences(wideFrom, wideTo)
		if err != nil {
			u.shared = nil
			u.dataErr.SetText(lang.L("Cannot read the schedule: {{.Err}}", map[string]any{"Err": err.Error()}))
			u.dataErr.Show()
			return nil
		}
		u.dataErr.Hide()
		u.shared = &sharedOccs{from: wideFrom, to: wideTo, zone: zone, demo: demo, at: now, occs: occs}
	}
	var out []calendar.Occurrence
	for _, o := range u.shared.occs {
		// As calendar's Expand keeps them: overlapping [from, to), or
		// an instant inside it.
		if o.Start.Before(to) && (o.End.After(from) || o.Start.Equal(o.End) && !o.Start.Before(from)) {
			out = append(out, o)
		}
	}
	return out
}

// feedColor returns the marker colour of the feed named source.
func (u *UI) feedColor(source string) color.Color {
	if u.deps.Feeds == nil {
		return nil
	}
	for _, f := range u.deps.Feeds.Status() {
		if f.Name == source || f.ID == source {
			if c, ok := parseHexColor(f.Color); ok {
				return c
			}
		}
	}
	return nil
}

func parseHexColor(s string) (color.NRGBA, bool) {
	var r, g, b uint8
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: r, G: g, B: b, A: 0xff}, true
}

// Refresh redraws every screen from the data, expanding the schedule
// once for all of them.
func (u *UI) Refresh() {
	u.shared = nil
	if u.demo() {
		u.banner.Show()
	} else {
		u.banner.Hide()
	}
	u.now.refresh()
	u.week.refresh()
	u.customers.refresh()
	u.feeds.refresh()
	u.settings.refreshLists()
}

// DiskChanged takes in what another process changed on disk (settings,
// feeds, offline copies) and redraws every screen. Call it on the UI
// goroutine.
func (u *UI) DiskChanged() {
	if u.deps.Settings != nil {
		old, cur := u.cfg, u.deps.Settings.Load()
		u.cfg = cur
		if u.OnSettingsChanged != nil && !reflect.DeepEqual(old, cur) {
			u.OnSettingsChanged(old, cur)
		}
	}
	u.Refresh()
}

// FeedsShown lists the names of the feeds the Feeds screen shows now,
// in order (the smoke test's state dump reads it).
func (u *UI) FeedsShown() []string { return append([]string(nil), u.feeds.shown...) }

// saveSettings stores s and redraws; the error, if any, is shown. The
// store may merge s with changes made meanwhile on disk: the window then
// shows the merged settings.
func (u *UI) saveSettings(s settings.Settings) error {
	old := u.cfg
	if u.deps.Settings != nil {
		if err := u.deps.Settings.Save(s); err != nil {
			return fmt.Errorf("ui: save settings: %w", err)
		}
		s = u.deps.Settings.Load()
	}
	u.cfg = s
	u.Refresh()
	if u.OnSettingsChanged != nil {
		u.OnSettingsChanged(old, s)
	}
	return nil
}

func (u *UI) onAddYourFeedTapped() {
	u.Show(ScreenSettings)
	u.settings.onAddFeedTapped()
}

// SyncNow starts a background sync (unless one is running) and shows its
// progress on the Feeds screen.
func (u *UI) SyncNow() {
	if u.deps.Feeds == nil || u.syncing {
		return
	}
	u.syncing = true
	u.feeds.onSyncStarted()
	feeds := u.deps.Feeds
	u.async(func() {
		changed, err := feeds.Sync(context.Background(), func(done, total int) {
			fyne.Do(func() { u.feeds.onSyncProgress(done, total) })
		})
		fyne.Do(func() {
			u.syncing = false
			u.feeds.onSyncFinished(err)
			u.Synced(changed)
		})
	})
}

// ShowAbout opens the About dialog with the version.
func (u *UI) ShowAbout() {
	if u.win == nil {
		return
	}
	info := u.deps.Info
	text := widget.NewLabel(lang.L("Your shifts, breaks and customer hours at a glance.") + "\n\n" +
		lang.L("Version {{.Version}} (build {{.Build}})", map[string]any{"Version": info.Version, "Build": info.Build}))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(info.Name, lang.L("Close"), text, u.win)
	d.Resize(fyne.NewSize(360, 200))
	d.Show()
}

// Export opens the export dialog when one is wired in.
func (u *UI) Export() {
	if u.deps.Export != nil && u.win != nil {
		u.deps.Export(u.win)
	}
}

// Install sets the main menu and keyboard shortcuts on the window:
// Ctrl+R sync, Ctrl+E export, Ctrl+, settings, ←/→ previous/next week.
func (u *UI) Install() {
	if u.win == nil {
		return
	}
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	for _, b := range []struct {
		key fyne.KeyName
		run func()
	}{
		{fyne.KeyR, u.SyncNow},
		{fyne.KeyE, u.Export},
		{fyne.KeyComma, func() { u.Show(ScreenSettings) }},
	} {
		run := b.run
		sc := &desktop.CustomShortcut{KeyName: b.key, Modifier: mod}
		c.AddShortcut(sc, func(fyne.Shortcut) { run() })
		u.keys.AddShortcut(sc, func(fyne.Shortcut) { run() })
	}
	c.SetOnTypedKey(u.onTypedKey)
	u.installScreenKeys(c)

	syncItem := fyne.NewMenuItem(lang.L("Sync now"), u.SyncNow)
	syncItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: mod}
	items := []*fyne.MenuItem{syncItem}
	if u.deps.Export != nil {
		exp := fyne.NewMenuItem(lang.L("Export availability…"), u.Export)
		exp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod}
		items = append(items, exp)
	}
	prefs := fyne.NewMenuItem(lang.L("Settings"), func() { u.Show(ScreenSettings) })
	prefs.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: mod}
	items = append(items, prefs)
	u.win.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"), items...),
		fyne.NewMenu(lang.L("Help"), fyne.NewMenuItem(lang.L("Keyboard shortcuts"), u.ShowShortcuts),
			fyne.NewMenuItem(lang.L("About Shiftdesk"), u.ShowAbout)),
	))
}

// onTypedKey moves weeks (days on the Customers screen) with the arrow
// keys while the Week screen shows
// (a focused entry gets its keys first).
func (u *UI) onTypedKey(ev *fyne.KeyEvent) {
	if u.tabs.SelectedIndex() == 2 {
		u.customers.onTypedKey(ev)
		return
	}
	if u.tabs.SelectedIndex() != 1 {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		u.week.onPrevTapped()
	case fyne.KeyRight:
		u.week.onNextTapped()
	}
}

// Start runs the live updates until ctx ends: the Now line (every second
// in the last ten minutes before a change, every minute otherwise) and the
// other screens at each minute.
func (u *UI) Start(ctx context.Context) {
	go func() {
		var last time.Time
		for {
			var wait time.Duration
			done := make(chan struct{})
			fyne.Do(func() {
				now := u.deps.Clock()
				if m := now.Truncate(time.Minute); !m.Equal(last) {
					last = m
					u.Refresh()
				} else {
					u.now.tick()
				}
				next := u.checkReminders(now)
				wait = tickAfter(now, u.now.status.Change)
				if !next.IsZero() && next.Sub(now) < wait {
					wait = next.Sub(now)
				}
				close(done)
			})
			select {
			case <-ctx.Done():
				return
			case <-done:
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
	}()
}
