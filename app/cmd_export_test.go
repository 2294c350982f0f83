package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// weekFeed is the fixed schedule of the export golden files: the week of
// the EU end of DST 2026 for an agent in Stockholm.
const weekFeed = "../calendar/export/testdata/dst_week.ics"

// exportEnv points the settings at a fresh config dir holding st and
// returns a function that runs "shiftdesk export ARGS".
func exportEnv(t *testing.T, st settings.Settings) func(args ...string) (int, string, string) {
	t.Helper()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	dir := filepath.Join(cfg, "shiftdesk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, settings.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := Main(Env{Args: append([]string{"export"}, args...), Stdin: strings.NewReader(""),
			Stdout: &stdout, Stderr: &stderr, Info: Info{Name: "Shiftdesk", Version: "0.0.0"}})
		return code, stdout.String(), stderr.String()
	}
}

func agentSettings() settings.Settings {
	st := settings.Default()
	st.Zone = "Europe/Stockholm"
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	st.Regions = []calendar.Region{
		{Name: "Japan", Zone: "Asia/Tokyo", Days: weekdays, Open: 9 * 60, Close: 18 * 60},
		{Name: "US East", Zone: "America/New_York", Days: weekdays, Open: 8 * 60, Close: 17 * 60},
	}
	return st
}

func TestExportBadInput(t *testing.T) {
	run := exportEnv(t, agentSettings())
	out := filepath.Join(t.TempDir(), "out.ics")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-10-19", "--to", "2026-10-19"}, "empty range"},
		{[]string{"--from", "2026-10-19", "--to", "2026-10-12"}, "--to 2026-10-12 is before --from 2026-10-19"},
		{[]string{"--from", "19/10/2026"}, `--from "19/10/2026" is not a date`},
		{[]string{"--to", "tomorrow"}, `--to "tomorrow" is not a date`},
		{[]string{"--zone", "Mars/Olympus_Mons"}, `unknown time zone "Mars/Olympus_Mons"`},
		{[]string{"--zone", "Local"}, `unknown time zone "Local"`},
		{[]string{"--region", "Atlantis"}, `unknown region "Atlantis" (known: Japan, US East)`},
		{[]string{"--format", "pdf"}, `unknown format "pdf"`},
		{[]string{"--format", "text", "--lang", "de"}, `unsupported language "de"`},
		{[]string{"--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"stray.ics"}, `unexpected argument "stray.ics"`},
	} {
		args := append(append([]string{}, c.args...), "--feed", weekFeed, "-o", out)
		code, stdout, stderr := run(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: stdout %q", c.args, stdout)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "shiftdesk export: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q, want one line containing %q", c.args, stderr, c.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("%v: an output file was written", c.args)
		}
	}
}

func TestExportRegionAllWithoutRegions(t *testing.T) {
	st := agentSettings()
	st.Regions = nil
	run := exportEnv(t, st)
	code, _, stderr := run("--region", "all", "--feed", weekFeed)
	if code != 2 || !strings.Contains(stderr, "no customer regions") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// feedParses reports whether calendar.Parse reads the week feed; the
// engine lands in stages and the export tests need it.
func feedParses(t *testing.T) {
	t.Helper()
	f, err := os.Open(weekFeed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := calendar.Parse(f, calendar.ParseOptions{Source: weekFeed})
	if err != nil {
		t.Fatalf("calendar.Parse cannot read %s: %v", weekFeed, err)
	}
	loc, _ := time.LoadLocation("Europe/Stockholm")
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, loc)
	if occs, _ := feed.Expand(from, from.AddDate(0, 0, 7), calendar.ExpandOptions{Zone: loc}); len(occs) != 22 {
		t.Fatalf("the engine expands %s to %d occurrences, want 22", weekFeed, len(occs))
	}
}

func TestExportTextMatchesGolden(t *testing.T) {
	feedParses(t)
	run := exportEnv(t, agentSettings())
	for _, c := range []struct {
		args   []string
		golden string
	}{
		{[]string{"--format", "text", "--lang", "sv"}, "week_stockholm_sv.txt.golden"},
		{[]string{"--format", "text", "--region", "japan"}, "week_japan_en.txt.golden"},
		{[]string{"--format", "freebusy"}, "week_freebusy.ics.golden"},
		{[]string{"--format", "freebusy", "--busy"}, "week_busy.ics.golden"},
	} {
		code, stdout, stderr := run(append(c.args, "--from", "2026-10-19", "--to", "2026-10-26", "--feed", weekFeed)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		want, err := os.ReadFile(filepath.Join("../calendar/export/testdata", c.golden))
		if err != nil {
			t.Fatal(err)
		}
		if c.golden[len(c.golden)-11:] == ".ics.golden" {
			// The CLI stamps DTSTAMP with the current time.
			stdout = dtstamp(stdout)
			want = []byte(dtstamp(string(want)))
		}
		stdout, _ = cutBestHours(stdout) // checked by TestExportTextBestHours
		if stdout != string(want) {
			t.Errorf("%v:\n--- got\n%s--- want (%s)\n%s", c.args, stdout, c.golden, want)
		}
	}
}

func dtstamp(s string) string {
	lines := strings.Split(s, "\r\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "DTSTAMP:") {
			lines[i] = "DTSTAMP:X"
		}
	}
	return strings.Join(lines, "\r\n")
}

func TestExportICSToFileRoundTrip(t *testing.T) {
	feedParses(t)
	run := exportEnv(t, agentSettings())
	dir := t.TempDir()
	out := filepath.Join(dir, "availability.ics")
	if err := os.WriteFile(out, []byte("previous export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("--from", "2026-10-19", "--to", "2026-10-26", "--feed", weekFeed, "-o", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left in the output dir: %v", ents)
	}
	// go-ical reads it: one VTIMEZONE for Europe/Stockholm, 17 windows.
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical: %v\n%s", err, b)
	}
	if n := len(cal.Events()); n != 17 {
		t.Errorf("%d VEVENTs, want 17", n)
	}
	// calendar/ reads it back to exactly the windows the JSON format lists.
	_, js, stderr := run("--from", "2026-10-19", "--to", "2026-10-26", "--feed", weekFeed, "--format", "json")
	var want []windowJSON
	if err := json.Unmarshal([]byte(js), &want); err != nil {
		t.Fatalf("json output: %v\n%s%s", err, js, stderr)
	}
	feed, err := calendar.Parse(bytes.NewReader(b), calendar.ParseOptions{Source: out})
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Stockholm")
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, loc)
	occs, warns := feed.Expand(from, from.AddDate(0, 0, 7), calendar.ExpandOptions{Zone: loc})
	if len(warns) != 0 || len(feed.Warnings) != 0 {
		t.Errorf("warnings reading the export: %v %v", feed.Warnings, warns)
	}
	var got []windowJSON
	for _, o := range occs {
		got = append(got, windowJSON{o.Summary, o.Start.UTC().Format(time.RFC3339), o.End.UTC().Format(time.RFC3339), o.AllDay})
	}
	if g, w := fmtJSON(got), fmtJSON(want); g != w || len(want) != 17 {
		t.Errorf("parsed back:\n%s\nwant:\n%s", g, w)
	}
}

func fmtJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

func TestExportZoneDefaults(t *testing.T) {
	feedParses(t)
	run := exportEnv(t, agentSettings())
	base := []string{"--from", "2026-10-19", "--to", "2026-10-26", "--feed", weekFeed}
	// A single region: its zone; --zone overrides it.
	_, out, _ := run(append(base, "--region", "Japan")...)
	if !strings.Contains(out, "DTSTART;TZID=Asia/Tokyo:20261019T150000\r\n") {
		t.Errorf("--region Japan is not in Tokyo time:\n%s", out)
	}
	_, out, _ = run(append(base, "--region", "Japan", "--zone", "America/New_York", "--format", "text")...)
	if first := strings.SplitN(out, "\n", 2)[0]; first != "Mon 19 Oct 02:00–04:00 EDT" {
		t.Errorf("first line %q", first)
	}
	// All regions: the agent's zone, and the union of both regions' hours.
	_, out, _ = run(append(base, "--region", "all", "--format", "text")...)
	if !strings.Contains(out, "Mon 19 Oct 08:00–10:00 CEST\n") || !strings.Contains(out, "Mon 19 Oct 14:00–16:30 CEST\n") ||
		strings.Contains(out, "12:30–14:00") {
		t.Errorf("--region all:\n%s", out)
	}
}

func TestExportFeedProblems(t *testing.T) {
	run := exportEnv(t, agentSettings())
	dir := t.TempDir()
	out := filepath.Join(dir, "out.ics")
	if err := os.WriteFile(out, []byte("previous export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "error.ics")
	if err := os.WriteFile(html, []byte("<html><body>502 Bad Gateway</body></html>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		feed string
		code int
		want string
	}{
		{filepath.Join(dir, "missing.ics"), 2, "missing.ics"},
		{html, 1, "error.ics"},
	} {
		code, stdout, stderr := run("--feed", c.feed, "--from", "2026-10-19", "-o", out)
		if code != c.code || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("--feed %s: exit %d, stdout %q, stderr %q", c.feed, code, stdout, stderr)
		}
		if b, _ := os.ReadFile(out); string(b) != "previous export\n" {
			t.Errorf("--feed %s: the output file changed to %q", c.feed, b)
		}
	}
}

// TestNamedZoneFollowsTZ: the unnamed system zone is named after $TZ, also
// when $TZ is a path (":/usr/share/zoneinfo/Europe/Berlin"); a $TZ that
// names nothing is not taken to mean /etc/localtime's zone, which then is
// not the system zone.
func TestNamedZoneFollowsTZ(t *testing.T) {
	for tz, want := range map[string]string{
		"Europe/Berlin":                       "Europe/Berlin",
		":Asia/Tokyo":                         "Asia/Tokyo",
		":/usr/share/zoneinfo/Europe/Berlin":  "Europe/Berlin",
		"/usr/share/zoneinfo/America/Chicago": "America/Chicago",
		"Nowhere/Atlantis":                    "",
		"":                                    "",
	} {
		t.Setenv("TZ", tz)
		loc, err := namedZone(time.Local)
		switch {
		case want == "" && err == nil:
			t.Errorf("TZ=%q: named %s, want an error", tz, loc)
		case want != "" && (err != nil || loc.String() != want):
			t.Errorf("TZ=%q: %v, %v; want %s", tz, loc, err, want)
		}
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if loc, err := namedZone(tokyo); err != nil || loc != tokyo {
		t.Errorf("a named zone changed: %v, %v", loc, err)
	}
}
