package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// exportDefaultDays is the range of "shiftdesk export" without --to.
const exportDefaultDays = 7

// usageError is bad input on the command line: one line, exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badUsage(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// exportArgs is the parsed command line of "shiftdesk export".
type exportArgs struct {
	from, to, zone, region, format, out, lang, summary string
	busy                                               bool
	feeds                                              stringList
	publish                                            string
	days                                               int
	user                                               string // --publish URL: CalDAV sign-in
	passwordStdin                                      bool
}

// runExport is "shiftdesk export": it computes the agent's availability
// from the synced feeds (or --feed files) and writes it as .ics (VEVENTs),
// .ics (VFREEBUSY) or text, to stdout or atomically to -o FILE. Bad input
// (dates, range, zone, region, format) is one line on stderr and exit
// code 2; nothing is written then.
func runExport(env Env, args []string) int {
	return runExportWith(env, args, secrets.NewKeyring())
}

// runExportWith is runExport with store as the keyring.
func runExportWith(env Env, args []string, store secrets.Store) int {
	err := exportCmd(env, args, store)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "shiftdesk export: %s\n", ue.msg)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "shiftdesk export: %v\n", err)
		return 1
	}
}

// exportCmd runs "shiftdesk export" by steps: read the command line, plan
// (zones, range, regions, format), read the agent's occurrences (the one
// read path, or --feed files), compute availability, write.
func exportCmd(env Env, args []string, store secrets.Store) error {
	a, err := parseExportArgs(env, args)
	if err != nil {
		return err
	}
	if a.publish != "" {
		if done, err := exportPublishCalDAV(env, a, store); done {
			return err
		}
	}
	m, st, err := openAgent(env, store)
	if a.publish != "" {
		if err != nil {
			return err
		}
		if parsed, _ := parsedFeeds(m); len(parsed) == 0 {
			// Nothing synced yet: an empty file would say "never
			// available" to whoever subscribed to it.
			return configurePublish(env, m, a.publish, a.days, a.region, a.format, nil)
		}
		return configurePublish(env, m, a.publish, a.days, a.region, a.format, m.Occurrences)
	}
	if err != nil {
		// A config that cannot be read: the defaults are used; say so.
		fmt.Fprintln(env.Stderr, err)
	}
	p, err := planExport(env, a, st)
	if err != nil {
		return err
	}
	occs, err := exportOccurrences(env, m, a.feeds, p)
	if err != nil {
		return err
	}
	windows, err := availability.Compute(occs, p.from, p.to, availability.Options{
		Zone: p.agent, Blocking: st.BlockingKinds, Regions: p.regions,
		Holidays: cachedHolidays(p.regions, p.from, p.to)})
	if err != nil {
		return err
	}
	return writeExport(env, a, p, windows)
}

// parseExportArgs reads the command line of "shiftdesk export".
func parseExportArgs(env Env, args []string) (exportArgs, error) {
	var a exportArgs
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.from, "from", "", "first day, YYYY-MM-DD in the agent's zone (default today)")
	fs.StringVar(&a.to, "to", "", "day after the last one, YYYY-MM-DD (default FROM + 7 days)")
	fs.StringVar(&a.zone, "zone", "", "IANA zone of the output (default the region's zone, else the agent's)")
	fs.StringVar(&a.region, "region", "", `restrict to one customer region's business hours, or "all"`)
	fs.StringVar(&a.format, "format", "ics", "ics, freebusy or text (json: the windows as oracle-style JSON)")
	fs.StringVar(&a.out, "o", "", "write to FILE (atomically) instead of stdout")
	fs.StringVar(&a.lang, "lang", "", "language of the text: en, sv, nl or fr (default from settings)")
	fs.StringVar(&a.summary, "summary", "", `SUMMARY of each exported event (default "Available")`)
	fs.BoolVar(&a.busy, "busy", false, "freebusy: list the busy periods instead of the free ones")
	fs.Var(&a.feeds, "feed", "export from this feed file instead of the synced feeds (repeatable)")
	fs.StringVar(&a.publish, "publish", "", `auto-publish: rewrite FILE, or the CalDAV calendar at an http(s) URL, with the next --days of availability after each sync ("off" stops it)`)
	fs.StringVar(&a.user, "user", "", "with --publish URL: the CalDAV user name")
	fs.BoolVar(&a.passwordStdin, "password-stdin", false, "with --publish URL: read the password (or app password) from standard input")
	fs.IntVar(&a.days, "days", export.DefaultPublishDays, "with --publish: how many days the file covers")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(env.Stdout, "usage: shiftdesk export [--from DATE] [--to DATE] [--zone IANA] [--region NAME|all] [--format ics|freebusy|text] [-o FILE] [--feed FILE]... [--lang L] [--summary TEXT] [--busy]")
			fs.SetOutput(env.Stdout)
			fs.PrintDefaults()
			return a, err
		}
		return a, badUsage("%v", err)
	}
	if fs.NArg() > 0 {
		return a, badUsage("unexpected argument %q (feed files go after --feed)", fs.Arg(0))
	}
	return a, nil
}

// exportPlan is what an export needs besides the occurrences.
type exportPlan struct {
	agent    *time.Location // the agent's zone: days and availability
	from, to time.Time
	regions  []calendar.Region
	scope    string
	opts     export.Options // the output zone is decided by exportZone
	format   string
}

// planExport checks the flags against the settings and decides zones,
// range, regions, language and format; bad input is a usageError.
func planExport(env Env, a exportArgs, st settings.Settings) (exportPlan, error) {
	var p exportPlan
	var err error
	if p.agent, err = agentZone(st); err != nil {
		return p, err
	}
	p.format = a.format
	if p.format != "json" {
		if _, err := export.ParseFormat(p.format); err != nil {
			return p, badUsage("unknown format %q (want ics, freebusy or text)", a.format)
		}
	}
	if p.regions, p.scope, err = pickRegions(st.Regions, a.region); err != nil {
		return p, err
	}
	outZone, err := exportZone(a.zone, p.agent, p.regions, p.scope)
	if err != nil {
		return p, err
	}
	if p.from, p.to, err = exportRange(a.from, a.to, p.agent, time.Now()); err != nil {
		return p, err
	}
	lang := a.lang
	if lang == "" {
		lang = st.Language
	}
	if p.format == string(export.FormatText) {
		if _, err := export.TextLine(availability.Interval{}, time.UTC, lang); err != nil {
			return p, badUsage("unsupported language %q (want en, sv, nl or fr)", lang)
		}
	}
	if a.out != "" {
		if err := checkOutFile("-o", a.out); err != nil {
			return p, err
		}
	}
	p.opts = export.Options{Zone: outZone, From: p.from, To: p.to, Summary: a.summary, Lang: lang,
		Busy: a.busy, Scope: p.scope}
	if p.format == string(export.FormatICS) {
		if p.opts.Zone, err = icsZone(outZone); err != nil {
			fmt.Fprintf(env.Stderr, "shiftdesk export: %v; writing UTC times\n", err)
		}
	}
	return p, nil
}

// exportZone is the one rule for the zone an export is written in (the
// command, auto-publish): the zone asked for, else the one region's zone
// when a single region is exported, else the agent's. An .ics export
// then names it through icsZone.
func exportZone(asked string, agent *time.Location, regions []calendar.Region, scope string) (*time.Location, error) {
	switch {
	case asked != "":
		return loadZone(asked)
	case len(regions) == 1 && scope != "all-regions":
		loc, err := regions[0].Location()
		if err != nil {
			return nil, badUsage("%v", err)
		}
		return loc, nil
	}
	return agent, nil
}

// exportOccurrences reads the occurrences to export: the agent's
// (syncedOccurrences) or those of the --feed files.
func exportOccurrences(env Env, m *feeds.Manager, files []string, p exportPlan) ([]calendar.Occurrence, error) {
	if len(files) == 0 {
		occ, err := syncedOccurrences(env.Stderr, m, p.from, p.to, p.agent)
		if err != nil && !errors.Is(err, errSomeLeftOut) {
			return nil, err
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "shiftdesk export: %v\n", err)
		}
		return occ, nil
	}
	parsed, err := exportFeeds(files)
	if err != nil {
		return nil, err
	}
	rules := []calendar.KindRule(nil)
	if m != nil {
		rules = m.Settings().KindRules
	}
	return expandFeeds(env.Stderr, parsed, p.from, p.to, calendar.ExpandOptions{Zone: p.agent, Rules: rules}), nil
}

// writeExport writes the windows in the chosen format to stdout or,
// atomically, to -o FILE.
func writeExport(env Env, a exportArgs, p exportPlan, windows []availability.Interval) error {
	var buf bytes.Buffer
	var err error
	if p.format == "json" {
		err = writeWindowsJSON(&buf, windows, a.summary)
	} else {
		err = export.Write(&buf, export.Format(p.format), windows, p.opts)
	}
	if err == nil && p.format == string(export.FormatText) && len(p.regions) == 1 && a.region != "all" {
		err = appendBestHours(&buf, p.regions[0], windows, p.from, p.to, p.agent, p.opts.Lang)
	}
	if err != nil {
		return err
	}
	if a.out == "" {
		_, err = env.Stdout.Write(buf.Bytes())
		return err
	}
	return export.WriteFile(a.out, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// checkOutFile refuses, as bad usage naming flag, an output path that is a
// directory or whose directory does not exist, before anything is written.
func checkOutFile(flag, path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return badUsage("%s %s is a directory", flag, path)
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return badUsage("%s %s: no such directory %s", flag, path, filepath.Dir(path))
	}
	return nil
}

// agentZone is the zone in settings, or the system zone.
func agentZone(st settings.Settings) (*time.Location, error) {
	if st.Zone == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(st.Zone)
	if err != nil {
		return nil, fmt.Errorf("settings name an unknown time zone %q: %w", st.Zone, err)
	}
	return loc, nil
}

func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, badUsage("unknown time zone %q (want an IANA name such as Asia/Tokyo)", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, badUsage("unknown time zone %q (want an IANA name such as Asia/Tokyo)", name)
	}
	return loc, nil
}

// icsZone is the zone an .ics export names in its TZIDs: loc, or for the
// unnamed system zone its IANA name (namedZone); without one, UTC (exact
// instants, no TZID needed) and the reason, for a warning.
func icsZone(loc *time.Location) (*time.Location, error) {
	z, err := namedZone(loc)
	if err != nil {
		return time.UTC, err
	}
	return z, nil
}

// namedZone returns loc, or for the unnamed system zone the IANA zone it
// stands for: $TZ when set (a name, or a path into a zoneinfo folder),
// else the /etc/localtime link. A $TZ that names no zone is not replaced
// by /etc/localtime, which the system zone then is not.
func namedZone(loc *time.Location) (*time.Location, error) {
	if loc != time.Local && loc.String() != "Local" {
		return loc, nil
	}
	name, set := os.LookupEnv("TZ")
	name = strings.TrimPrefix(name, ":")
	if !set {
		name, _ = os.Readlink("/etc/localtime")
	}
	if _, rest, ok := strings.Cut(name, "zoneinfo/"); ok {
		name = rest
	}
	if name != "" && name != "Local" && !filepath.IsAbs(name) {
		if l, err := time.LoadLocation(name); err == nil {
			return l, nil
		}
	}
	return nil, errors.New("the system time zone has no IANA name (set one in settings)")
}

// pickRegions resolves --region: "" none, "all" every configured region,
// else the one region of that name (case-insensitive).
func pickRegions(all []calendar.Region, name string) ([]calendar.Region, string, error) {
	switch {
	case name == "":
		return nil, "", nil
	case strings.EqualFold(name, "all"):
		if len(all) == 0 {
			return nil, "", badUsage(`--region all: no customer regions are set up`)
		}
		return all, "all-regions", nil
	}
	var known []string
	for _, r := range all {
		if strings.EqualFold(r.Name, name) {
			return []calendar.Region{r}, r.Name, nil
		}
		known = append(known, r.Name)
	}
	if len(known) == 0 {
		return nil, "", badUsage("unknown region %q (no customer regions are set up)", name)
	}
	return nil, "", badUsage("unknown region %q (known: %s)", name, strings.Join(known, ", "))
}

// exportRange reads --from/--to as days in the agent's zone: [from, to).
func exportRange(fromArg, toArg string, zone *time.Location, now time.Time) (time.Time, time.Time, error) {
	from := calendar.DateOf(now.In(zone)).In(zone)
	if fromArg != "" {
		d, err := time.ParseInLocation("2006-01-02", fromArg, zone)
		if err != nil {
			return time.Time{}, time.Time{}, badUsage("--from %q is not a date (YYYY-MM-DD)", fromArg)
		}
		from = d
	}
	to := from.AddDate(0, 0, exportDefaultDays)
	if toArg != "" {
		d, err := time.ParseInLocation("2006-01-02", toArg, zone)
		if err != nil {
			return time.Time{}, time.Time{}, badUsage("--to %q is not a date (YYYY-MM-DD)", toArg)
		}
		to = d
	}
	switch {
	case to.Equal(from):
		return time.Time{}, time.Time{}, badUsage("empty range: --to %s is the same day as --from (--to is exclusive)", to.Format("2006-01-02"))
	case to.Before(from):
		return time.Time{}, time.Time{}, badUsage("--to %s is before --from %s", to.Format("2006-01-02"), from.Format("2006-01-02"))
	}
	return from, to, nil
}

// exportFeeds parses the --feed files.
func exportFeeds(paths []string) ([]*calendar.Feed, error) {
	var feeds []*calendar.Feed
	for _, p := range paths {
		if strings.Contains(p, "://") {
			path, err := localFeedFile(p)
			if err != nil {
				return nil, err
			}
			p = path
		}
		f, err := openFeedFile(p)
		if err != nil {
			return nil, badUsage("--feed: %v", err)
		}
		feed, err := calendar.Parse(f, calendar.ParseOptions{Source: p})
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("feed %s: %w", p, err)
		}
		feeds = append(feeds, feed)
	}
	return feeds, nil
}

// localFeedFile is the path of a --feed given as a file:// URL. A web
// address is refused, named by its scheme and host only: the rest may
// hold its secret.
func localFeedFile(raw string) (string, error) {
	path, err := feeds.LocalFile(raw)
	if err == nil {
		return path, nil
	}
	if feeds.CheckURL(raw) == nil {
		return "", badUsage("--feed takes a calendar file, not a web address (%s): subscribe to it with \"shiftdesk feeds add --url-stdin\" and sync", feeds.NameAddress(raw))
	}
	return "", badUsage("--feed: %s", strings.TrimPrefix(err.Error(), "feeds: "))
}

// windowJSON is one window in the oracles' format (../shared/oracle).
type windowJSON struct {
	Summary string `json:"summary"`
	Start   string `json:"start"`
	End     string `json:"end"`
	AllDay  bool   `json:"all_day"`
}

// writeWindowsJSON writes the windows as the oracles print expansions:
// UTC instants, sorted, so scripts can compare them.
func writeWindowsJSON(w io.Writer, windows []availability.Interval, summary string) error {
	if summary == "" {
		summary = export.DefaultSummary
	}
	out := make([]windowJSON, 0, len(windows))
	for _, win := range windows {
		out = append(out, windowJSON{summary, win.Start.UTC().Format(time.RFC3339), win.End.UTC().Format(time.RFC3339), false})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
