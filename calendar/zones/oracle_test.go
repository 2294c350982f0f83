package zones

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// oracleDir holds the reference expanders (ical.js and python-icalendar with
// recurring-ical-events), shared by the team next to the repository.
const oracleDir = "../../../shared/oracle"

// Other engines read VTimezone's output the way the real zones say: a feed
// with VTIMEZONEs under made-up TZIDs (so an engine cannot use its own copy
// of the zone) and events at 05:00, 12:00 and 20:00 local time every day of
// the range is expanded by ical.js and by python-recurring-ical-events, and
// each start must be the instant the real zone gives.
func TestVTimezoneOracles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs node and python")
	}
	if _, err := os.Stat(filepath.Join(oracleDir, "expand.js")); err != nil {
		t.Skipf("no oracles: %v", err)
	}
	cases := []struct {
		zone     string
		from, to time.Time
	}{
		{"Europe/Stockholm", year(2026), year(2027)},
		{"America/New_York", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"Australia/Sydney", year(2026), year(2027)},
		{"Australia/Lord_Howe", year(2026), year(2027)}, // 30-minute DST
		{"Asia/Tokyo", time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"Africa/Casablanca", year(2016), year(2018)}, // RDATEs
		{"America/Sao_Paulo", year(2017), year(2020)}, // rules that end (COUNT), then no DST
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//shiftdesk//zones oracle test//EN")
	want := map[string]bool{} // summaries are the expected UTC starts
	lo, hi := cases[0].from, cases[0].to
	for i, c := range cases {
		loc := mustLoad(t, c.zone)
		tzid := fmt.Sprintf("Shiftdesk Test %d", i)
		tz := VTimezone(loc, c.from, c.to)
		tz.Props.SetText(ical.PropTimezoneID, tzid)
		cal.Children = append(cal.Children, tz)
		for d := c.from; d.Before(c.to); d = d.AddDate(0, 0, 1) {
			for _, h := range []int{5, 12, 20} { // never in a gap or overlap
				start := time.Date(d.Year(), d.Month(), d.Day(), h, 0, 0, 0, loc)
				summary := c.zone + " " + start.UTC().Format("2006-01-02T15:04:05Z")
				want[summary] = true
				ev := ical.NewEvent()
				ev.Props.SetText(ical.PropUID, fmt.Sprintf("%d-%d@zones.test", i, start.Unix()))
				ev.Props.SetDateTime(ical.PropDateTimeStamp, c.from)
				p := ical.NewProp(ical.PropDateTimeStart)
				p.Value = start.Format("20060102T150405")
				p.Params.Set(ical.PropTimezoneID, tzid)
				ev.Props.Set(p)
				ev.Props.SetText(ical.PropSummary, summary)
				cal.Children = append(cal.Children, ev.Component)
			}
		}
		if c.from.Before(lo) {
			lo = c.from
		}
		if c.to.After(hi) {
			hi = c.to
		}
	}
	var b strings.Builder
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		t.Fatal(err)
	}
	feed := filepath.Join(t.TempDir(), "zones.ics")
	if err := os.WriteFile(feed, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A window two days wider than every range, in UTC.
	wfrom, wto := lo.AddDate(0, 0, -2).Format("2006-01-02"), hi.AddDate(0, 0, 2).Format("2006-01-02")
	if os.Getenv("ZONES_KEEP_FEED") != "" {
		_ = os.WriteFile(os.Getenv("ZONES_KEEP_FEED"), []byte(b.String()), 0o644)
	}
	oracles := map[string]*exec.Cmd{
		"ical.js": exec.Command("timeout", "120", "node", "expand.js", feed, wfrom, wto),
		"python":  exec.Command("timeout", "120", "/usr/bin/python3", "expand.py", feed, wfrom, wto, "UTC"),
	}
	for name, cmd := range oracles {
		t.Run(name, func(t *testing.T) {
			cmd.Dir = oracleDir
			cmd.Env = append(os.Environ(), "TZ=UTC")
			out, err := cmd.Output()
			if err != nil {
				t.Skipf("%s does not run here: %v", name, err)
			}
			var got []struct{ Summary, Start string }
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%s output: %v", name, err)
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d events, want %d", name, len(got), len(want))
			}
			bad := 0
			for _, ev := range got {
				zone, start, _ := strings.Cut(ev.Summary, " ")
				if !want[ev.Summary] || start != ev.Start {
					if bad++; bad <= 5 {
						t.Errorf("%s: %s event %q starts at %s", name, zone, ev.Summary, ev.Start)
					}
				}
			}
		})
	}
}
