package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
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
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
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

// stateDumpEnv names a file the window rewrites, when set, each time it
// took in a change made on disk by another process: what its screens show
// (for the smoke test, which cannot read the pixels).
const stateDumpEnv = "SHIFTDESK_STATE_DUMP"

// stateDump is what the window shows, as written to SHIFTDESK_STATE_DUMP.
type stateDump struct {
	Feeds []string `json:"feeds"` // the names the Feeds screen lists
}

// writeStateDump writes u's state to path ("" writes nothing); a failure
// is reported on stderr.
func writeStateDump(env Env, path string, u *ui.UI) {
	if path == "" {
		return
	}
	data, err := json.Marshal(stateDump{Feeds: u.FeedsShown()})
	if err == nil {
		err = atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }, atomicfile.Options{})
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk: %s: %v\n", stateDumpEnv, err)
	}
}

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
		// The window follows the disk: what another Shiftdesk (a
		// command in a terminal) changes shows within a second or two.
		dump := os.Getenv(stateDumpEnv)
		go mgr.Watch(ctx, func() {
			fyne.Do(func() {
				u.DiskChanged()
				writeStateDump(env, dump, u)
			})
		})
		go mgr.Run(ctx, func(rs []feeds.Result) {
			// Holiday feeds refresh with the schedule; a failure keeps
			// their offline copies (shown again at the next manual sync).
			_ = syncHolidayFeeds(ctx, mgr.Settings().Regions, env.Info.UserAgent())
			autoPublish(env, mgr, rs)
			changed := uiChanges(rs)
			fyne.Do(func() { u.Synced(changed) })
		})
	}
	endOnSignal()
	w.ShowAndRun()
	return 0
}

// endOnSignal ends the process at once on SIGTERM or SIGINT (the session
// ending, kill, Ctrl+C in the terminal that started the window). Nothing
// needs flushing: every file Shiftdesk writes is replaced whole or not at
// all, so a sync cut short keeps the last good copy. Fyne v2.8.1's own
// handler quits through its main loop instead, and its stopped hook can
// then be sent to the loop's queue after the queue is closed (a panic,
// "send on closed channel", as the process ends).
func endOnSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-ch
		os.Exit(0)
	}()
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
		demo.Rules = func() []calendar.KindRule {
			if u == nil { // while the window is being built
				return cfg.KindRules
			}
			return u.Settings().KindRules
		}
		deps.Demo = demo
	}
	if mgr != nil {
		deps.Schedule = managerSchedule{mgr}
		deps.Feeds = &managerFeeds{m: mgr, env: env}
		deps.Settings = &managerSettings{m: mgr}
	}
	deps.Export = func(win fyne.Window) {
		s := u.Settings()
		exportdialog.Show(win, u.Occurrences, exportdialog.Config{
			Zone: dialogZone(s), Regions: s.Regions, Blocking: s.BlockingKinds, Now: time.Now, Lang: u.Locale().Lang,
			Holidays: cachedHolidays,
		})
	}
	deps.Holidays = cachedHolidays
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

// dialogZone is the agent's zone for the export dialog, named as the
// command-line export names it (namedZone: the system zone by its IANA
// name), so that both write .ics times in the same zone; UTC only when
// the system zone has no name.
func dialogZone(s settings.Settings) *time.Location {
	loc := s.Location()
	if z, err := namedZone(loc); err == nil {
		return z
	}
	return loc
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
	return *e.err
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
		out = append(out, r.Changes...)
	}
	return out
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

// managerSettings loads and saves settings through the feeds manager, which
// owns the config file; the feed list is left to the manager's own calls.
// base is what the window last loaded: a save merges only the fields the
// agent changed since into the settings on disk (settings.Merge), so a
// change made meanwhile by another process (an export --publish choice)
// stays.
type managerSettings struct {
	m    *feeds.Manager
	mu   sync.Mutex
	base settings.Settings
}

// Load returns the manager's current settings.
func (s *managerSettings) Load() settings.Settings {
	cur := s.m.Settings()
	s.mu.Lock()
	s.base = cur
	s.mu.Unlock()
	return cur
}

// Save stores the fields the window changed, everything but the feed list.
func (s *managerSettings) Save(n settings.Settings) error {
	s.mu.Lock()
	base := s.base
	s.mu.Unlock()
	err := s.m.UpdateSettings(func(p *settings.Settings) error {
		*p = settings.Merge(base, n, *p)
		return nil
	})
	if err == nil {
		s.Load()
	}
	return err
}

// managerFeeds adapts the feeds manager to what the window needs.
type managerFeeds struct {
	m     *feeds.Manager
	env   Env
	store secrets.Store // for publishing's password; nil: the OS keyring
}

// PublishStatus is the state of publishing availability to a CalDAV
// calendar, for the Feeds & changes screen.
func (f *managerFeeds) PublishStatus() ui.PublishStatus { return readPublishStatus(f.m) }

// keyring is the store for publishing's password: the manager's keyring,
// bounded so that a locked keyring does not hang the call.
func (f *managerFeeds) keyring() secrets.Store {
	if f.store != nil {
		return f.store
	}
	return secrets.NewBounded(secrets.NewKeyring(), 0)
}

// SetUpPublish turns publishing availability to a CalDAV calendar on and
// publishes once (Settings screen).
func (f *managerFeeds) SetUpPublish(ctx context.Context, p ui.PublishSetup) error {
	_, _, err := setupCalDAVPublish(ctx, f.env, f.m, f.keyring(), p, p.Region)
	return err
}

// StopPublish turns publishing to the CalDAV calendar off.
func (f *managerFeeds) StopPublish(ctx context.Context) error {
	_, err := stopCalDAVPublish(f.m, f.keyring())
	return err
}

// Status lists the feeds with their sync state, as the manager keeps it.
func (f *managerFeeds) Status() []feeds.State { return f.m.Feeds() }

// Changes is "What changed" at the last sync.
func (f *managerFeeds) Changes() []ui.Change {
	return f.m.Changes()
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
	var errs []error
	if err := syncHolidayFeeds(ctx, f.m.Settings().Regions, f.env.Info.UserAgent()); err != nil {
		errs = append(errs, err)
	}
	autoPublish(f.env, f.m, rs)
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
		nf := feeds.NewFeed{URL: e.URL, Name: e.Name, User: e.User, Password: password, Token: token}
		if _, err := detectCalDAV(f.env, &nf, ""); err != nil {
			return fmt.Errorf("%w (give the address of one of them)", err)
		}
		_, err := f.m.Add(nf)
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
	publishAfterSync(context.Background(), env, m, secrets.NewBounded(secrets.NewKeyring(), 0))
}
