package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/godbus/dbus/v5"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/app/ui"
	"github.com/shiftdesk/shiftdesk/app/ui/exportdialog"
	"github.com/shiftdesk/shiftdesk/assets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// hasDisplay reports whether a window can be opened: on Linux and the BSDs
// an X11 or Wayland display must be named.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// startScreenEnv names the environment variable that picks the first
// screen: now (the default), week, customers, feeds or settings.
const startScreenEnv = "SHIFTDESK_START_SCREEN"

// runGUI opens the main window and returns when Shiftdesk quits.
//
// The window opens from the offline caches (no network): the subscribed
// feeds' last copies, or the embedded demo week with its banner while no
// feed is configured. Syncing then runs in the background. The first
// screen is Now; SHIFTDESK_START_SCREEN=week (or customers, feeds,
// settings) opens another one, e.g. for the smoke test's screenshots.
// Closing the window keeps Shiftdesk in the system tray where there is one.
func runGUI(env Env) int {
	if !hasDisplay() {
		fmt.Fprintln(env.Stderr, "shiftdesk: no display: set DISPLAY or use a subcommand (shiftdesk help)")
		return 1
	}
	a := fyneapp.NewWithID(env.Info.ID)
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	a.SetIcon(icon)

	mgr, mgrErr := feeds.New(feeds.Options{Secrets: secrets.NewKeyring(), UserAgent: env.Info.UserAgent()})
	if mgrErr != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk: %v\n", mgrErr)
	}
	w := a.NewWindow(env.Info.Name)
	u := buildWindow(a, w, env, mgr, mgrErr)
	if trayAvailable() {
		u.SetupTray(icon)
	}
	if name := os.Getenv(startScreenEnv); name != "" && !u.Show(name) {
		fmt.Fprintf(env.Stderr, "shiftdesk: %s=%q: unknown screen (now, week, customers, feeds, settings)\n", startScreenEnv, name)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u.Start(ctx)
	if mgr != nil {
		go mgr.Run(ctx, func(rs []feeds.Result) {
			autoPublish(env, mgr, rs)
			changed := uiChanges(rs)
			fyne.Do(func() { u.Synced(changed) })
		})
	}
	w.ShowAndRun()
	return 0
}

// buildWindow fills w with Shiftdesk's screens on top of mgr (nil: the
// demo only) and wires the settings, export, menu and shortcuts. mgrErr is
// shown above the screens (e.g. a corrupt settings file).
func buildWindow(a fyne.App, w fyne.Window, env Env, mgr *feeds.Manager, mgrErr error) *ui.UI {
	cfg := settings.Default()
	if mgr != nil {
		cfg = mgr.Settings()
	}
	restoreLocale := localeEnv()
	loc, err := ui.UseLanguage(cfg.Language)
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk: %v\n", err)
	}
	a.Settings().SetTheme(ui.ThemeForSettings(cfg))

	deps := ui.Deps{
		Clock: time.Now,
		Info:  ui.Info{Name: env.Info.Name, Version: env.Info.Version, Build: env.Info.Build},
	}
	var u *ui.UI
	if demo, err := ui.DemoSchedule(); err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk: %v\n", err)
	} else {
		// The demo follows the agent's keyword rules too.
		deps.Demo = ruledSchedule{demo, func() []calendar.KindRule {
			if u == nil { // while the window is being built
				return cfg.KindRules
			}
			return u.Settings().KindRules
		}}
	}
	if mgr != nil {
		deps.Schedule = managerSchedule{mgr}
		deps.Feeds = &managerFeeds{m: mgr, env: env}
		deps.Settings = managerSettings{mgr}
	}
	deps.Export = func(win fyne.Window) {
		s := u.Settings()
		exportdialog.Show(win, u.Occurrences, exportdialog.Config{
			Zone: s.Location(), Regions: s.Regions, Blocking: s.BlockingKinds, Now: time.Now, Lang: u.Locale().Lang,
		})
	}
	u = ui.New(a, w, deps, loc)
	u.OnSettingsChanged = func(old, new settings.Settings) {
		if old.Theme != new.Theme || old.TextScale != new.TextScale {
			a.Settings().SetTheme(ui.ThemeForSettings(new))
		}
		if old.Language != new.Language {
			if new.Language == "" {
				restoreLocale() // back to the system's language
			}
			if loc, err := ui.UseLanguage(new.Language); err == nil {
				u.Rebuild(loc)
			}
		}
	}
	w.SetContent(u.Content())
	w.Resize(fyne.NewSize(1040, 720))
	u.Install()
	if mgrErr != nil {
		u.ShowNotice(mgrErr.Error())
	}
	return u
}

// trayAvailable reports whether the desktop shows tray icons, so closing
// the window may hide it there: always on Windows and macOS; on Linux and
// the BSDs when a StatusNotifier host is on the session bus (a bare X
// server or GNOME without its extension has none, and a hidden window
// could not be brought back).
func trayAvailable() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false // do not let the D-Bus library autolaunch a bus
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}

// plainError shows a failed sync in the words meant for the agent while
// keeping the *feeds.SyncError for errors.As.
type plainError struct{ err *feeds.SyncError }

func (e plainError) Error() string { return e.err.Plain() }
func (e plainError) Unwrap() error { return e.err }

// Problem is the failure as data, for the window to word in its language.
func (e plainError) Problem() ui.SyncProblem {
	return ui.SyncProblem{Reason: string(e.err.Reason), Status: e.err.Status, RetryAt: e.err.RetryAt, Title: e.err.Title}
}

// localeEnv records the locale environment Shiftdesk started with and
// returns a function that puts it back (choosing a language changes it).
func localeEnv() func() {
	names := []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}
	saved := map[string]*string{}
	for _, n := range names {
		if v, ok := os.LookupEnv(n); ok {
			saved[n] = &v
		}
	}
	return func() {
		for _, n := range names {
			if v := saved[n]; v != nil {
				_ = os.Setenv(n, *v)
			} else {
				_ = os.Unsetenv(n)
			}
		}
	}
}

// uiChanges lists the changes found by a round of syncs, as data the
// window words in its language.
func uiChanges(rs []feeds.Result) []ui.Change {
	var out []ui.Change
	for _, r := range rs {
		for _, c := range r.Changes {
			out = append(out, uiChange(c))
		}
	}
	return out
}

// uiChange is one change for the window (its English Line is for the CLI).
func uiChange(c feeds.Change) ui.Change {
	return ui.Change{
		Kind: ui.ChangeKind(c.Kind), Activity: c.Activity, Summary: c.Summary, Date: c.Date,
		OldStart: c.OldStart, OldEnd: c.OldEnd, NewStart: c.NewStart, NewEnd: c.NewEnd, AllDay: c.AllDay,
	}
}

// managerSchedule reads the offline copies through the feeds manager.
type managerSchedule struct{ m *feeds.Manager }

// Occurrences expands the offline copies with the agent's keyword rules;
// per-event warnings are left to the CLI, and an unreadable copy shows on
// the Feeds screen through the feed's state (Status).
func (s managerSchedule) Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	occs, _ := s.m.Occurrences(from, to, calendar.ExpandOptions{Zone: zone, Rules: s.m.Settings().KindRules})
	return occs, nil
}

// ruledSchedule expands parsed feeds with the agent's current keyword rules.
type ruledSchedule struct {
	feeds ui.FeedSchedule
	rules func() []calendar.KindRule
}

// Occurrences expands the feeds in [from, to) with the current rules.
func (r ruledSchedule) Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	s := r.feeds
	s.Rules = r.rules()
	return s.Occurrences(from, to, zone)
}

// managerSettings loads and saves settings through the feeds manager, which
// owns the config file; the feed list is left to the manager's own calls.
type managerSettings struct{ m *feeds.Manager }

// Load returns the manager's current settings.
func (s managerSettings) Load() settings.Settings { return s.m.Settings() }

// Save stores everything but the feed list.
func (s managerSettings) Save(n settings.Settings) error {
	return s.m.UpdateSettings(func(p *settings.Settings) error {
		list := p.Feeds
		*p = n
		p.Feeds = list
		return nil
	})
}

// managerFeeds adapts the feeds manager to what the window needs.
type managerFeeds struct {
	m   *feeds.Manager
	env Env
}

// Status lists the feeds with their sync state.
func (f *managerFeeds) Status() []ui.FeedStatus {
	var out []ui.FeedStatus
	for _, st := range f.m.Feeds() {
		fs := ui.FeedStatus{
			ID: st.Feed.ID, Name: st.Feed.Name, URL: st.Feed.URL, Color: st.Feed.Color, Enabled: st.Feed.Enabled,
			Auth: st.Feed.Auth, User: st.Feed.User, LastSync: st.LastSync, Err: st.LastError,
			Offline: st.LastError != "" && st.Reason == feeds.ReasonUnreachable, Events: st.Events,
			CopyUnreadable: st.CopyUnreadable,
		}
		if st.LastError != "" {
			// The window words the class itself, in its language.
			fs.Problem = ui.SyncProblem{Reason: string(st.Reason), Status: st.HTTPStatus}
			if st.Reason == feeds.ReasonUnreachable {
				fs.Problem.RetryAt = st.NextSync
			}
		}
		out = append(out, fs)
	}
	return out
}

// Changes is "What changed" at the last sync.
func (f *managerFeeds) Changes() []ui.Change {
	var out []ui.Change
	for _, c := range f.m.Changes() {
		out = append(out, uiChange(c))
	}
	return out
}

// Sync downloads every enabled feed, reporting progress per feed.
func (f *managerFeeds) Sync(ctx context.Context, progress func(done, total int)) ([]ui.Change, error) {
	total := 0
	for _, st := range f.m.Feeds() {
		if st.Feed.Enabled {
			total++
		}
	}
	done := 0
	rs := f.m.Sync(ctx, func(feeds.Result) {
		done++
		progress(done, total)
	})
	autoPublish(f.env, f.m, rs)
	var errs []error
	for _, r := range rs {
		if r.Err != nil {
			errs = append(errs, plainError{r.Err})
		}
	}
	return uiChanges(rs), errors.Join(errs...)
}

// Save adds a feed, or renames one and replaces its sign-in; a stored
// secret is kept unless a new one is typed. The user name counts only for
// a password sign-in: the form keeps the old one in its disabled field
// when the agent switches to a token or to no sign-in.
func (f *managerFeeds) Save(ctx context.Context, e ui.FeedEdit) error {
	password, token := "", ""
	switch e.Auth {
	case settings.AuthBasic:
		password = e.Secret
	case settings.AuthBearer:
		token = e.Secret
		e.User = ""
	default:
		e.User = ""
	}
	if e.ID == "" {
		_, err := f.m.Add(feeds.NewFeed{URL: e.URL, Name: e.Name, User: e.User, Password: password, Token: token})
		return err
	}
	old, err := f.m.Find(e.ID)
	if err != nil {
		return err
	}
	if e.Name != old.Name {
		if err := f.m.Rename(e.ID, e.Name); err != nil {
			return err
		}
	}
	if e.Auth == old.Auth && e.User == old.User && e.Secret == "" {
		return nil // sign-in unchanged: the stored secret stays
	}
	if e.Auth != settings.AuthNone && e.Secret == "" {
		return errors.New("app: enter the password or token again to change the sign-in")
	}
	return f.m.SetCredentials(e.ID, e.User, password, token)
}

// Remove unsubscribes a feed.
func (f *managerFeeds) Remove(ctx context.Context, id string) error { return f.m.Remove(id) }

// SetEnabled shows or hides a feed.
func (f *managerFeeds) SetEnabled(ctx context.Context, id string, on bool) error {
	return f.m.SetEnabled(id, on)
}

// Pending lists feeds whose download came back empty.
func (f *managerFeeds) Pending() []ui.PendingFeed {
	var out []ui.PendingFeed
	for _, p := range f.m.Pending() {
		out = append(out, ui.PendingFeed{ID: p.FeedID, Name: p.Name, Question: p.Question})
	}
	return out
}

// Decide accepts the empty download or keeps the old copy.
func (f *managerFeeds) Decide(ctx context.Context, id string, useEmpty bool) error {
	if useEmpty {
		return f.m.Confirm(id)
	}
	return f.m.Reject(id)
}

// autoPublish rewrites the auto-publish file after a sync that reached at
// least one feed; a failure is logged (the Feeds screen shows sync errors).
// It runs on the sync goroutine, never on the UI one.
func autoPublish(env Env, m *feeds.Manager, rs []feeds.Result) {
	if !syncedAny(rs) {
		return
	}
	if _, err := publishAvailability(m.Settings(), m.Occurrences, time.Now()); err != nil {
		fmt.Fprintln(env.Stderr, err)
	}
}
