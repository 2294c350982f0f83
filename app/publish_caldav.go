package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/app/ui"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// caldavStateFile, in the cache folder, lists the objects published to
// the CalDAV calendar (hrefs, ETags; no secrets).
const caldavStateFile = "caldav-publish.json"

// caldavTimeout bounds one publish to a CalDAV server.
const caldavTimeout = 2 * time.Minute

// isRemote reports whether a --publish target is an http(s) address
// rather than a file.
func isRemote(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")
}

// exportPublishCalDAV handles the CalDAV side of "shiftdesk export
// --publish": an http(s) URL turns publishing to that calendar on (done
// is true); "off" turns it off and leaves the file side to the caller
// (done is false).
func exportPublishCalDAV(env Env, a exportArgs, store secrets.Store) (done bool, err error) {
	switch {
	case isRemote(a.publish):
		return true, configureCalDAVPublish(env, a, store)
	case a.publish == "off":
		m, err := openFeeds(env, store)
		if err != nil {
			return true, err
		}
		cal, err := stopCalDAVPublish(m, store)
		if err != nil {
			return true, err
		}
		if cal != "" {
			fmt.Fprintf(env.Stdout, "Publishing to %s is off; what was published there stays.\n", cal)
		}
	}
	return false, nil
}

// configureCalDAVPublish is "shiftdesk export --publish URL --user U
// --password-stdin": setupCalDAVPublish with the command line's choice.
func configureCalDAVPublish(env Env, a exportArgs, store secrets.Store) error {
	if a.days <= 0 {
		return badUsage("--days %d: want a number of days above 0", a.days)
	}
	if a.user == "" || !a.passwordStdin {
		return badUsage("--publish %s needs --user NAME and --password-stdin (the password or app password on standard input)", a.publish)
	}
	lines, err := readStdinLines(env.Stdin, []string{"password"})
	if err != nil {
		return badUsage("--password-stdin: %v", err)
	}
	if _, err := caldav.Dial(caldav.Account{URL: a.publish}); err != nil {
		return badUsage("--publish: %v", err)
	}
	m, err := openFeeds(env, store)
	if err != nil {
		return err
	}
	if _, _, err := pickRegions(m.Settings().Regions, a.region); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cal, res, err := setupCalDAVPublish(ctx, env, m, store, ui.PublishSetup{URL: a.publish, User: a.user, Password: lines[0],
		Days: a.days, Busy: a.busy}, a.region)
	switch {
	case err != nil:
		return err
	case res.Calendar == "":
		fmt.Fprintf(env.Stdout, "Publishing to %s is on; the first sync writes the availability.\n", cal)
	default:
		fmt.Fprintln(env.Stdout, res.line())
	}
	return nil
}

// setupCalDAVPublish finds the calendar of p (or creates "Shiftdesk
// availability" on a server URL), keeps the password in the keyring and
// the choice in the settings, and publishes once if a feed is synced
// (res.Calendar is "" otherwise). It returns the calendar's address.
func setupCalDAVPublish(ctx context.Context, env Env, m *feeds.Manager, store secrets.Store, p ui.PublishSetup, region string) (string, publishResult, error) {
	ctx, cancel := context.WithTimeout(ctx, caldavTimeout)
	defer cancel()
	c, err := caldav.Dial(caldav.Account{URL: p.URL, User: p.User, Password: p.Password, UserAgent: env.Info.UserAgent()})
	if err != nil {
		return "", publishResult{}, err
	}
	cal, err := c.Find(ctx, caldav.DefaultCalendarName, true)
	if err != nil {
		return "", publishResult{}, err
	}
	if err := store.Set(settings.CalDAVPublishKey, p.Password); err != nil {
		return "", publishResult{}, fmt.Errorf("the password cannot be kept in the keyring, so publishing stays off: %w", err)
	}
	calURL := c.URL(cal)
	err = m.UpdateSettings(func(s *settings.Settings) error {
		s.CalDAV = settings.CalDAVPublish{URL: p.URL, Calendar: calURL, User: p.User, Days: p.Days, Region: region, Busy: p.Busy}
		return nil
	})
	if err != nil {
		return "", publishResult{}, err
	}
	if parsed, _ := parsedFeeds(m); len(parsed) == 0 {
		return calURL, publishResult{}, nil
	}
	res, err := publishCalDAV(ctx, env, m, store, time.Now())
	recordPublish(m, res, err)
	return calURL, res, err
}

// stopCalDAVPublish turns publishing off and forgets the password; what
// was published stays on the server. It returns the calendar it was
// publishing to ("" when it was off).
func stopCalDAVPublish(m *feeds.Manager, store secrets.Store) (string, error) {
	cal := m.Settings().CalDAV.Calendar
	if cal == "" {
		return "", nil
	}
	if err := m.UpdateSettings(func(s *settings.Settings) error { s.CalDAV = settings.CalDAVPublish{}; return nil }); err != nil {
		return "", err
	}
	_ = store.Delete(settings.CalDAVPublishKey)
	return cal, nil
}

// publishAfterSync publishes to the CalDAV calendar, if one is set, after
// a sync, printing one line; it reports whether that failed.
func publishAfterSync(ctx context.Context, env Env, m *feeds.Manager, store secrets.Store) (failed bool) {
	ctx, cancel := context.WithTimeout(ctx, caldavTimeout)
	defer cancel()
	res, err := publishCalDAV(ctx, env, m, store, time.Now())
	recordPublish(m, res, err)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return true
	}
	if res.Calendar != "" {
		fmt.Fprintln(env.Stdout, res.line())
	}
	return false
}

// publishResult is what one publish to a CalDAV calendar did.
type publishResult struct {
	Calendar string // "" when publishing is off
	Items    int    // windows or busy blocks published
	What     string // "windows" or "busy blocks"
	Report   caldav.Report
}

// line is the result in one line: "availability: 9 windows published to
// URL (1 new, 2 changed), 2 removed".
func (r publishResult) line() string {
	s := fmt.Sprintf("availability: %d %s published to %s (%d new, %d changed), %d removed",
		r.Items, r.What, r.Calendar, r.Report.Created, r.Report.Updated, r.Report.Removed)
	if n := len(r.Report.Conflicts); n > 0 {
		s += fmt.Sprintf("; %d changed on the server and left alone (delete them there to let Shiftdesk write them again)", n)
	}
	return s
}

// caldavStatusFile, in the cache folder, is the last publish's result
// for the window's Feeds & changes screen.
const caldavStatusFile = "caldav-publish-status.json"

// recordPublish keeps the result of a publish (err included, in words)
// for the window; nothing when publishing is off.
func recordPublish(m *feeds.Manager, res publishResult, err error) {
	cal := m.Settings().CalDAV.Calendar
	if cal == "" {
		return
	}
	st := ui.PublishStatus{Calendar: cal, At: time.Now(), Items: res.Items, Created: res.Report.Created,
		Updated: res.Report.Updated, Removed: res.Report.Removed, Conflicts: len(res.Report.Conflicts)}
	if err != nil {
		st.Err = err.Error()
	}
	_ = caldav.SaveState(filepath.Join(m.CacheDir(), caldavStatusFile), st) // only a display
}

// readPublishStatus is the state of publishing for the window.
func readPublishStatus(m *feeds.Manager) ui.PublishStatus {
	cal := m.Settings().CalDAV.Calendar
	if cal == "" {
		return ui.PublishStatus{}
	}
	st, err := caldav.LoadState[ui.PublishStatus](filepath.Join(m.CacheDir(), caldavStatusFile))
	if err != nil || st.Calendar != cal {
		return ui.PublishStatus{Calendar: cal}
	}
	return st
}

// publishCalDAV writes the next days of availability to the CalDAV
// calendar in the settings (nothing when off) and returns what it did.
func publishCalDAV(ctx context.Context, env Env, m *feeds.Manager, store secrets.Store, now time.Time) (publishResult, error) {
	st := m.Settings()
	p := st.CalDAV
	if p.Calendar == "" {
		return publishResult{}, nil
	}
	var none publishResult
	pw, err := store.Get(settings.CalDAVPublishKey)
	if err != nil {
		if errors.Is(err, secrets.ErrNotFound) {
			return none, fmt.Errorf("availability: no password for %s in the keyring: run shiftdesk export --publish again", p.Calendar)
		}
		return none, fmt.Errorf("availability: %w", err)
	}
	objs, what, err := caldavObjects(st, m.Occurrences, now)
	if err != nil {
		return none, fmt.Errorf("availability: %w", err)
	}
	cal, err := caldav.CalendarAt(p.Calendar)
	if err != nil {
		return none, err
	}
	c, err := caldav.Dial(caldav.Account{URL: p.Calendar, User: p.User, Password: pw, UserAgent: env.Info.UserAgent()})
	if err != nil {
		return none, err
	}
	statePath := filepath.Join(m.CacheDir(), caldavStateFile)
	prev, err := caldav.LoadState[caldav.State](statePath)
	if err != nil {
		return none, fmt.Errorf("availability: %w", err)
	}
	rep, next, err := c.Publish(ctx, cal, objs, prev)
	if serr := caldav.SaveState(statePath, next); serr != nil && err == nil {
		err = serr
	}
	if err != nil {
		return none, fmt.Errorf("availability: %w", err)
	}
	return publishResult{Calendar: p.Calendar, Items: len(objs), What: what, Report: rep}, nil
}

// caldavObjects computes the calendar objects to publish from the synced
// feeds (occ) as auto-publish does: the windows of the next p.Days days
// from midnight today in the agent's zone, or the busy blocks between
// them. what names them ("windows" or "busy blocks").
func caldavObjects(st settings.Settings, occ occurrencesFunc, now time.Time) (objs []caldav.Object, what string, err error) {
	p := st.CalDAV
	agent, err := agentZone(st)
	if err != nil {
		return nil, "", err
	}
	regions, scope, err := pickRegions(st.Regions, p.Region)
	if err != nil {
		return nil, "", err
	}
	outZone := agent
	if len(regions) == 1 && scope != "all-regions" {
		if outZone, err = regions[0].Location(); err != nil {
			return nil, "", err
		}
	}
	outZone, _ = icsZone(outZone)
	days := p.Days
	if days <= 0 {
		days = export.DefaultPublishDays
	}
	from := calendar.DateOf(now.In(agent)).In(agent)
	to := from.AddDate(0, 0, days)
	occs, _ := occ(from, to, calendar.ExpandOptions{Zone: agent, Rules: st.KindRules})
	windows, err := availability.Compute(occs, from, to, availability.Options{Zone: agent, Blocking: st.BlockingKinds, Regions: regions})
	if err != nil {
		return nil, "", err
	}
	opts := export.Options{Zone: outZone, From: from, To: to, Lang: st.Language, Scope: scope, Now: now}
	if p.Busy {
		objs, err = caldav.BusyObjects(windows, opts)
		return objs, "busy blocks", err
	}
	objs, err = caldav.WindowObjects(windows, opts)
	return objs, "windows", err
}
