package calendar

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestHostileRules checks that rules that would run for minutes, forever, or
// never occur are cut with a warning, quickly, and that the real shift in
// the same feed still shows.
func TestHostileRules(t *testing.T) {
	shift := vevent("UID:shift", "SUMMARY:Pass", "DTSTART:20261006T060000Z", "DTEND:20261006T150000Z")
	cases := []struct {
		name, rule, dtstart string
		warn                string
		extra               []string // occurrences besides the shift
	}{
		{"SECONDLY from 1970", "FREQ=SECONDLY", "19700101T000000Z", "not shown", nil},
		{"SECONDLY with a huge COUNT", "FREQ=SECONDLY;COUNT=500000000;BYSECOND=0,30", "19700101T000000Z", "steps", nil},
		{"MINUTELY unbounded", "FREQ=MINUTELY", "20200106T070000Z", "not shown", nil},
		{"HOURLY that loops in rrule-go", "FREQ=HOURLY;INTERVAL=4;BYHOUR=6,10,14,18,22", "20261005T070000Z", "never occurs",
			[]string{"2026-10-05T07:00:00Z Reminder"}},
		{"MINUTELY that can never reach its BYMINUTE", "FREQ=MINUTELY;INTERVAL=2;BYMINUTE=1,3", "20261005T070000Z", "never occurs",
			[]string{"2026-10-05T07:00:00Z Reminder"}},
		{"YEARLY on 30 February", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20261007T080000Z", "never occurs",
			[]string{"2026-10-07T08:00:00Z Reminder"}},
		{"DAILY on 31 April", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "20261007T080000Z", "never occurs",
			[]string{"2026-10-07T08:00:00Z Reminder"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed := ics(shift, vevent("UID:bad", "SUMMARY:Reminder", "DTSTART:"+c.dtstart, "DURATION:PT1M", "RRULE:"+c.rule))
			var got []string
			var warns []Warning
			noHang(t, func() { got, warns = expandText(t, feed, "2026-10-05", "2026-10-12", "Europe/Stockholm") })
			var starts []string
			for _, g := range got {
				f := strings.Fields(g)
				starts = append(starts, f[0]+" "+f[2])
			}
			want := append([]string{"2026-10-06T06:00:00Z Pass"}, c.extra...)
			if strings.Join(sortedCopy(starts), "|") != strings.Join(sortedCopy(want), "|") {
				t.Errorf("got %v, want %v", starts, want)
			}
			if len(warns) != 1 || warns[0].UID != "bad" || !strings.Contains(warns[0].Reason, c.warn) {
				t.Errorf("warnings = %v, want one about %q", warns, c.warn)
			}
		})
	}
}

// noHang fails the test if fn has not returned after a minute. It guards
// against hangs only; speed is measured by BenchmarkHostileFeeds.
func noHang(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("still running after a minute: the expansion hangs")
	}
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[j] < c[i] {
				c[i], c[j] = c[j], c[i]
			}
		}
	}
	return c
}

// TestHostileManyRules checks the per-feed bounds: thousands of rules that
// never occur or run from 1970 still parse and expand quickly.
func TestHostileManyRules(t *testing.T) {
	var evs []string
	for i := 0; i < 2000; i++ {
		evs = append(evs,
			vevent(fmt.Sprintf("UID:never-%d", i), "SUMMARY:Never", fmt.Sprintf("DTSTART:2026%02d07T080000Z", 1+i%9),
				fmt.Sprintf("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=%d", 30+i%2)),
			vevent(fmt.Sprintf("UID:sec-%d", i), "SUMMARY:Secondly", "DTSTART:19700101T000000Z", fmt.Sprintf("RRULE:FREQ=SECONDLY;INTERVAL=%d", 1+i)))
	}
	for i := 0; i < 20; i++ { // COUNT rules cannot skip ahead: the feed's step budget stops them
		evs = append(evs, vevent(fmt.Sprintf("UID:count-%d", i), "SUMMARY:Count", "DTSTART:19700101T000000Z",
			fmt.Sprintf("RRULE:FREQ=SECONDLY;COUNT=500000000;BYSECOND=%d", i)))
	}
	evs = append(evs, vevent("UID:shift", "SUMMARY:Pass", "DTSTART:20261006T060000Z", "DTEND:20261006T150000Z"))
	var got []string
	noHang(t, func() { got, _ = expandText(t, ics(evs...), "2026-10-05", "2026-10-12", "UTC") })
	found := false
	for _, g := range got {
		found = found || strings.HasSuffix(g, " Pass")
	}
	if !found {
		t.Errorf("the real shift is missing")
	}
}

// BenchmarkHostileFeeds measures parse + expand (one week) of each hostile
// feed; every one should take well under a second.
func BenchmarkHostileFeeds(b *testing.B) {
	rules := map[string]string{
		"secondly-1970":      "DTSTART:19700101T000000Z\r\nRRULE:FREQ=SECONDLY",
		"minutely-unbounded": "DTSTART:20200106T070000Z\r\nRRULE:FREQ=MINUTELY",
		"hourly-loop":        "DTSTART:20261005T070000Z\r\nRRULE:FREQ=HOURLY;INTERVAL=4;BYHOUR=6,10,14,18,22",
		"yearly-never":       "DTSTART:20261007T080000Z\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
		"secondly-count":     "DTSTART:19700101T000000Z\r\nRRULE:FREQ=SECONDLY;COUNT=500000000;BYSECOND=0,30",
		"minutely-bysetpos":  "DTSTART:20261020T060000Z\r\nRRULE:FREQ=MINUTELY;BYSETPOS=2",
		"secondly-bysetpos":  "DTSTART:20261020T060000Z\r\nRRULE:FREQ=SECONDLY;BYSETPOS=-366",
		"monthly-53mo":       "DTSTART:20261020T060000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=53MO",
		"secondly-leap-mon":  "DTSTART:20261020T060000Z\r\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=23;BYMINUTE=59;BYSECOND=59",
	}
	from := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	for name, rule := range rules {
		feed := ics(vevent("UID:shift", "SUMMARY:Pass", "DTSTART:20261006T060000Z", "DTEND:20261006T150000Z"),
			vevent("UID:bad", "SUMMARY:Reminder", rule, "DURATION:PT1M"))
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				f, err := Parse(strings.NewReader(feed), ParseOptions{})
				if err != nil {
					b.Fatal(err)
				}
				f.Expand(from, from.AddDate(0, 0, 7), ExpandOptions{Zone: time.UTC})
			}
		})
	}
}
