package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// agendaDefaultDays is the window of "shiftdesk agenda" without --to.
const agendaDefaultDays = 14

// agendaArgs is the parsed command line of "shiftdesk agenda".
type agendaArgs struct {
	from, to, zone string
	json           bool
	feeds          []string
}

// runAgenda is "shiftdesk agenda": it prints the occurrences of FEEDs (file
// paths or http, https, webcal or webcals URLs), or of the synced feeds,
// in a window of days in the agent's zone. Exit code 0 when the feeds were
// read (warnings go to stderr), 1 when a feed could not be read, 2 for bad
// usage.
func runAgenda(env Env, args []string) int {
	a, err := parseAgendaArgs(env, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(env.Stderr, "shiftdesk agenda: %v\n", err)
		return 2
	}
	m, st, err := openAgent(env, secrets.NewKeyring())
	if err != nil {
		fmt.Fprintln(env.Stderr, err) // defaults are used
	}
	zone, code, err := commandZone(a.zone, st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk agenda: %v\n", err)
		return code
	}
	from, to, err := agendaRange(a.from, a.to, zone, time.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk agenda: %v\n", err)
		return 2
	}

	occ, failed, fatal := commandOccurrences(env, "agenda", m, a.feeds, from, to, calendar.ExpandOptions{Zone: zone, Rules: st.KindRules})
	if fatal {
		return 1
	}
	if a.json {
		err = writeAgendaJSON(env.Stdout, occ)
	} else {
		err = writeAgendaText(env.Stdout, occ, from, to, zone)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk agenda: %v\n", err)
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

// commandOccurrences is what a command such as agenda or hours shows in
// [from, to): the occurrences of the FEED arguments (names), or without
// any the agent's own (syncedOccurrences, the one read path). Problems go
// to stderr under the command's name; failed says a feed could not be
// read, fatal that nothing could (no feed synced, settings unreadable).
func commandOccurrences(env Env, cmd string, m *feeds.Manager, names []string, from, to time.Time, opts calendar.ExpandOptions) (occ []calendar.Occurrence, failed, fatal bool) {
	say := func(err error) { fmt.Fprintf(env.Stderr, "shiftdesk %s: %v\n", cmd, err) }
	if len(names) == 0 {
		occ, err := syncedOccurrences(env.Stderr, m, from, to, opts.Zone)
		if err != nil {
			say(err)
			// Some feeds left out: the others are shown.
			return occ, false, !errors.Is(err, errSomeLeftOut)
		}
		return occ, false, false
	}
	var parsed []*calendar.Feed
	for _, name := range names {
		f, err := readAgendaFeed(env, name)
		if err != nil {
			say(err)
			failed = true
			continue
		}
		parsed = append(parsed, f)
	}
	return expandFeeds(env.Stderr, parsed, from, to, opts), failed, false
}

// parseAgendaArgs reads the flags, which may come before or after FEEDs.
func parseAgendaArgs(env Env, args []string) (agendaArgs, error) {
	var a agendaArgs
	fs := flag.NewFlagSet("agenda", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&a.from, "from", "", "first day, YYYY-MM-DD in the zone (default today)")
	fs.StringVar(&a.to, "to", "", "day after the last one, YYYY-MM-DD (default FROM + 14 days)")
	fs.StringVar(&a.zone, "zone", "", "IANA time zone of the agenda (default the agent's zone)")
	fs.BoolVar(&a.json, "json", false, "print a JSON array instead of text")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: shiftdesk agenda [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--zone IANA] [--json] [FEED...]")
		fmt.Fprintln(fs.Output(), "FEED is a file or an http(s)/webcal(s) URL; without FEEDs the synced feeds are used.")
		fs.PrintDefaults()
	}
	var err error
	a.feeds, err = parseFlagsAndFeeds(fs, args)
	return a, err
}

// parseFlagsAndFeeds parses args with fs, where flags may stand before or
// after the FEED arguments (after "--" everything is a FEED), and returns
// the FEEDs in order.
func parseFlagsAndFeeds(fs *flag.FlagSet, args []string) ([]string, error) {
	var feeds []string
	for {
		if err := fs.Parse(args); err != nil {
			return feeds, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return feeds, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(feeds, rest...), nil
		}
		feeds = append(feeds, rest[0])
		args = rest[1:]
	}
}

// commandZone is the zone a command such as agenda or hours works in:
// --zone (asked) when given, else the agent's. code is the exit code when
// it cannot be had: 2 for a bad --zone, 1 for an unusable setting.
func commandZone(asked string, st settings.Settings) (zone *time.Location, code int, err error) {
	if asked != "" {
		if zone, err = loadZone(asked); err != nil {
			return nil, 2, err
		}
		return zone, 0, nil
	}
	if zone, err = agentZone(st); err != nil {
		return nil, 1, err
	}
	return zone, 0, nil
}

// agendaRange reads --from/--to as days in zone: [from, to), by default
// today and 14 days on.
func agendaRange(fromArg, toArg string, zone *time.Location, now time.Time) (time.Time, time.Time, error) {
	if toArg == "" {
		base := calendar.DateOf(now.In(zone))
		if fromArg != "" {
			d, err := time.ParseInLocation("2006-01-02", fromArg, zone)
			if err != nil {
				return time.Time{}, time.Time{}, badUsage("--from %q is not a date (YYYY-MM-DD)", fromArg)
			}
			base = calendar.DateOf(d)
		}
		toArg = base.AddDays(agendaDefaultDays).String()
	}
	return exportRange(fromArg, toArg, zone, now)
}

// readAgendaFeed parses one FEED argument: a file, or an http, https,
// webcal or webcals URL.
func readAgendaFeed(env Env, name string) (*calendar.Feed, error) {
	lower := strings.ToLower(name)
	for _, scheme := range []string{"http://", "https://", "webcal://", "webcals://"} {
		if strings.HasPrefix(lower, scheme) {
			return fetchAgendaFeed(env, name)
		}
	}
	if strings.Contains(name, "://") {
		// A file:// URL, or another scheme: the feeds layer reads it and
		// names it without the user name, password or query it may hold.
		path, err := feeds.LocalFile(name)
		if err != nil {
			return nil, err
		}
		name = path
	}
	f, err := openFeedFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read feed file: %w", err)
	}
	defer f.Close()
	return calendar.Parse(f, calendar.ParseOptions{Source: name})
}

// fetchAgendaFeed downloads and parses a feed URL the way a sync does
// (feeds.DownloadFeed): its errors and warnings come worded and redacted
// by the feeds layer, naming the URL with its secrets (userinfo, tokens,
// private paths) taken out.
func fetchAgendaFeed(env Env, raw string) (*calendar.Feed, error) {
	feed, err := feeds.DownloadFeed(context.Background(), raw, env.Info.UserAgent(), calendar.DefaultMaxBytes)
	if err != nil {
		return nil, downloadError(err)
	}
	return feed, nil
}

// downloadError adds to a failed download's plain words what a command
// line wants besides: the HTTP status ("(HTTP 404)") and the cause of a
// network failure ("connect: connection refused"), with addresses
// redacted.
func downloadError(err error) error {
	var se *feeds.SyncError
	if !errors.As(err, &se) {
		return err // a bad address, already in plain words
	}
	if se.Status != 0 && !strings.Contains(se.Plain(), fmt.Sprintf("HTTP %d", se.Status)) {
		return fmt.Errorf("%w (HTTP %d)", err, se.Status)
	}
	if se.Reason == feeds.ReasonUnreachable && se.Status == 0 && se.Detail == "" && se.Err != nil {
		var ue *url.Error
		cause := se.Err
		if errors.As(cause, &ue) {
			cause = ue.Err // without "Get URL:", which repeats the address
		}
		return fmt.Errorf("%w: %s", err, feeds.RedactString(cause.Error()))
	}
	return err
}

// agendaJSON is one occurrence of "shiftdesk agenda --json".
type agendaJSON struct {
	Summary  string `json:"summary"`
	Start    string `json:"start"`
	End      string `json:"end"`
	AllDay   bool   `json:"all_day"`
	Kind     string `json:"kind"`
	UID      string `json:"uid"`
	Location string `json:"location,omitempty"`
	Feed     string `json:"feed,omitempty"`
}

// writeAgendaJSON writes occ (sorted by start, summary) as a JSON array:
// timed instants in UTC, all-day occurrences as dates with the end
// exclusive. Each occurrence is written as it comes, through one buffer,
// in the layout of encoding/json with a one-space indent (agendaJSON's
// fields, in that order): the output of a long agenda is never built
// whole in memory.
func writeAgendaJSON(w io.Writer, occ []calendar.Occurrence) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if len(occ) == 0 {
		bw.WriteString("[]\n")
		return bw.Flush()
	}
	jw := jsonWriter{quoted: map[strKey][]byte{}}
	buf := make([]byte, 0, 512)
	bw.WriteString("[\n")
	for i := range occ {
		buf = jw.occurrence(buf[:0], &occ[i], i == len(occ)-1)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// jsonWriter writes agenda elements. The strings that repeat from one
// occurrence to the next (UID, summary, location, feed, kind) are quoted
// once and then copied.
type jsonWriter struct {
	quoted map[strKey][]byte
}

// strKey identifies a string by where its bytes are: the occurrences of
// one event share their strings' bytes, so this finds a repeat without
// hashing the whole text. (Equal texts at different places are merely
// quoted twice.) The occurrences keep the bytes alive while they are
// written.
type strKey struct {
	data *byte
	n    int
}

// maxQuoted bounds the quoted-string cache of one agenda.
const maxQuoted = 8192

// str appends s as a JSON string.
func (jw *jsonWriter) str(b []byte, s string) []byte {
	if len(s) < 8 {
		return appendJSONString(b, s)
	}
	k := strKey{unsafe.StringData(s), len(s)}
	if q, ok := jw.quoted[k]; ok {
		return append(b, q...)
	}
	n := len(b)
	b = appendJSONString(b, s)
	if len(jw.quoted) < maxQuoted {
		jw.quoted[k] = append([]byte(nil), b[n:]...)
	}
	return b
}

// occurrence appends one element of the --json array.
func (jw *jsonWriter) occurrence(b []byte, o *calendar.Occurrence, last bool) []byte {
	field := func(b []byte, name string) []byte {
		b = append(b, ",\n  \""...)
		b = append(b, name...)
		return append(b, "\": "...)
	}
	b = append(b, " {\n  \"summary\": "...)
	b = jw.str(b, o.Summary)
	b = field(b, "start")
	if o.AllDay {
		b = appendJSONString(b, o.StartDate.String())
		b = field(b, "end")
		b = appendJSONString(b, o.EndDate.String())
	} else {
		b = appendUTCStamp(b, o.Start)
		b = field(b, "end")
		b = appendUTCStamp(b, o.End)
	}
	b = field(b, "all_day")
	b = strconv.AppendBool(b, o.AllDay)
	b = field(b, "kind")
	b = jw.str(b, string(o.Kind))
	b = field(b, "uid")
	b = jw.str(b, o.UID)
	if o.Location != "" {
		b = field(b, "location")
		b = jw.str(b, o.Location)
	}
	if o.Source != "" {
		b = field(b, "feed")
		b = jw.str(b, o.Source)
	}
	if last {
		return append(b, "\n }\n"...)
	}
	return append(b, "\n },\n"...)
}

// appendUTCStamp appends t in UTC as a quoted "2006-01-02T15:04:05Z"
// (years 0–9999, as iCalendar writes them), without time.Format's layout
// parsing.
func appendUTCStamp(b []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		return append(t.AppendFormat(append(b, '"'), "2006-01-02T15:04:05Z"), '"')
	}
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	b = append(b, '"')
	b = two(two(b, y/100), y%100)
	b = two(append(b, '-'), int(mo))
	b = two(append(b, '-'), d)
	b = two(append(b, 'T'), h)
	b = two(append(b, ':'), mi)
	b = two(append(b, ':'), s)
	return append(b, 'Z', '"')
}

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped, U+2028 and U+2029 too, invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), "\\ufffd"...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

// writeAgendaText writes a readable agenda: one heading per day in zone,
// then the occurrences that start that day (or, for the first day, that
// started earlier and are still going on: those name their start day,
// "Sun 18 Oct 22:00–06:00 +1", so a night shift is not read as tonight's).
func writeAgendaText(w io.Writer, occ []calendar.Occurrence, from, to time.Time, zone *time.Location) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Agenda %s – %s (%s)\n", from.Format("Mon 2 Jan 2006"), to.Add(-time.Second).Format("Mon 2 Jan 2006"), zoneName(zone, from))
	if len(occ) == 0 {
		b.WriteString("\nNothing scheduled.\n")
	}
	var day calendar.Date
	for _, o := range occ {
		start := o.Start
		if start.Before(from) {
			start = from
		}
		if d := calendar.DateOf(start.In(zone)); d != day {
			day = d
			fmt.Fprintf(&b, "\n%s\n", d.In(zone).Format("Monday 2 January 2006"))
		}
		when := agendaTimes(o, zone)
		began := o.StartDate
		if !o.AllDay {
			began = calendar.DateOf(o.Start.In(zone))
		}
		if began != day {
			when = began.In(zone).Format("Mon 2 Jan") + " " + when
		}
		fmt.Fprintf(&b, "  %-22s %-9s %s\n", when, kindText(o.Kind), o.Summary)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// agendaTimes is "08:00–17:00", "22:00–06:00 +1", "all day" or "all day
// ×3". When the UTC offset changes in between (DST), both ends name their
// zone: "02:30 CEST–02:00 CET".
func agendaTimes(o calendar.Occurrence, zone *time.Location) string {
	if o.AllDay {
		days := int(o.EndDate.In(time.UTC).Sub(o.StartDate.In(time.UTC)).Hours()+12) / 24
		if days > 1 {
			return fmt.Sprintf("all day ×%d", days)
		}
		return "all day"
	}
	s, e := o.Start.In(zone), o.End.In(zone)
	layout := "15:04"
	_, so := s.Zone()
	_, eo := e.Zone()
	if so != eo {
		layout = "15:04 MST"
	}
	text := s.Format(layout) + "–" + e.Format(layout)
	if n := int(calendar.DateOf(e).In(time.UTC).Sub(calendar.DateOf(s).In(time.UTC)).Hours()+12) / 24; n > 0 {
		text += fmt.Sprintf(" +%d", n)
	}
	return text
}

// kindText is a kind as words ("time off").
func kindText(k calendar.Kind) string { return strings.ReplaceAll(string(k), "_", " ") }

// zoneName names zone for the heading: its IANA name, or for the system
// zone its abbreviation.
func zoneName(zone *time.Location, at time.Time) string {
	if n := zone.String(); n != "Local" {
		return n
	}
	abbr, _ := at.In(zone).Zone()
	return abbr
}

// expandFeeds expands the --feed files in [from, to) through the same
// path as the agent's feeds (feeds.Expand); parse and expansion warnings
// go to warn, one per line, naming the feed and event.
func expandFeeds(warn io.Writer, parsed []*calendar.Feed, from, to time.Time, opts calendar.ExpandOptions) []calendar.Occurrence {
	occ, warns := feeds.Expand(parsed, from, to, opts)
	for _, w := range warns {
		fmt.Fprintln(warn, w.String())
	}
	return occ
}
