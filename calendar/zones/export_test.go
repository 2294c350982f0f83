package zones

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// VTimezone's output, read back by FromVTimezone, gives the real zone's
// offset at every hour of the range and around each change.
func TestVTimezoneRoundTrip(t *testing.T) {
	zonesToTest := []string{"Europe/Stockholm", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "UTC",
		"Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo", "Africa/Casablanca", "Europe/Dublin"}
	ranges := []struct{ from, to time.Time }{
		{year(2026), year(2027)}, // one year
		{time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC)},    // 3 months over a spring change
		{time.Date(2026, 9, 20, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC)}, // 3 months over an autumn change
		{year(2017), year(2020)}, // Sao Paulo changed its rules in 2018 and 2019
		{time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2029, 6, 1, 0, 0, 0, 0, time.UTC)}, // over a leap year's end
	}
	embedded := embeddedZones(t, zonesToTest...)
	for _, name := range zonesToTest {
		// The system database and Go's embedded one, which is "slim": its
		// rules run from a POSIX TZ string after 1996, where Go's
		// ZoneBounds reports year boundaries (and gets stuck in leap years).
		locs := map[string]*time.Location{"system": mustLoad(t, name)}
		if slim := embedded[name]; slim != nil {
			locs["embedded"] = slim
		}
		for db, loc := range locs {
			for _, r := range ranges {
				t.Run(name+"/"+db+"/"+r.from.Format("2006-01-02")+"/"+r.to.Format("2006-01-02"), func(t *testing.T) {
					c := VTimezone(loc, r.from, r.to)
					if got := c.Props.Get(ical.PropTimezoneID).Value; got != name {
						t.Errorf("TZID %q, want %q", got, name)
					}
					text := encode(t, c)
					back := decode(t, text) // through go-ical's encoder and decoder
					if len(back) != 1 {
						t.Fatalf("%d VTIMEZONEs read back", len(back))
					}
					got, err := FromVTimezone(back[0])
					if err != nil {
						t.Fatalf("%v\n%s", err, text)
					}
					compareOffsets(t, got, loc, r.from, r.to)
					if t.Failed() {
						t.Logf("VTIMEZONE:\n%s", text)
					}
				})
			}
		}
	}
}

// The writer's output has the shape RFC 5545 §3.6.5 asks for: sub-components
// with DTSTART, TZOFFSETFROM, TZOFFSETTO and TZNAME; yearly rules where the
// zone has them; one STANDARD for a zone without changes.
func TestVTimezoneShape(t *testing.T) {
	t.Run("Stockholm", func(t *testing.T) {
		c := VTimezone(mustLoad(t, "Europe/Stockholm"), year(2026), year(2027))
		want := map[string]string{
			"STANDARD": "DTSTART:20251026T030000|TZOFFSETFROM:+0200|TZOFFSETTO:+0100|TZNAME:CET|RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
			"DAYLIGHT": "DTSTART:20260329T020000|TZOFFSETFROM:+0100|TZOFFSETTO:+0200|TZNAME:CEST|RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		}
		if len(c.Children) != 2 {
			t.Fatalf("%d sub-components, want 2:\n%s", len(c.Children), encode(t, c))
		}
		for _, sub := range c.Children {
			if got := props(sub); got != want[sub.Name] {
				t.Errorf("%s:\n got %s\nwant %s", sub.Name, got, want[sub.Name])
			}
		}
	})
	t.Run("New York 3 months", func(t *testing.T) {
		c := VTimezone(mustLoad(t, "America/New_York"), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
		text := encode(t, c)
		for _, s := range []string{"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "TZNAME:EDT", "TZNAME:EST"} {
			if !strings.Contains(text, s) {
				t.Errorf("no %s in\n%s", s, text)
			}
		}
	})
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("+0530", 5*3600+1800), mustLoad(t, "Asia/Tokyo")} {
		t.Run("fixed "+loc.String(), func(t *testing.T) {
			c := VTimezone(loc, year(2026), year(2027))
			if len(c.Children) != 1 || c.Children[0].Name != "STANDARD" {
				t.Fatalf("want one STANDARD, got\n%s", encode(t, c))
			}
			sub := c.Children[0]
			_, off := time.Date(2026, 6, 1, 0, 0, 0, 0, loc).Zone()
			if got := sub.Props.Get("TZOFFSETTO").Value; got != formatOffset(off) {
				t.Errorf("TZOFFSETTO %s, want %s", got, formatOffset(off))
			}
			if sub.Props.Get("RRULE") != nil || sub.Props.Get("RDATE") != nil {
				t.Errorf("a fixed zone needs no rule:\n%s", encode(t, c))
			}
		})
	}
}

// Where a zone's changes do not follow a yearly weekday rule, VTimezone
// lists them as RDATEs, and COUNT ends a rule the zone stopped following.
func TestVTimezoneIrregular(t *testing.T) {
	// Morocco suspends DST for Ramadan: dates move every year.
	loc := mustLoad(t, "Africa/Casablanca")
	c := VTimezone(loc, year(2015), year(2018))
	text := encode(t, c)
	if !strings.Contains(text, "RDATE") {
		t.Errorf("no RDATE for Casablanca 2015–2017:\n%s", text)
	}
	// Brazil ended DST in 2019.
	c = VTimezone(mustLoad(t, "America/Sao_Paulo"), year(2015), year(2020))
	text = encode(t, c)
	if !strings.Contains(text, "RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=3SU;COUNT=") {
		t.Errorf("no COUNT for Sao Paulo 2015–2019:\n%s", text)
	}
}

func props(c *ical.Component) string {
	var parts []string
	for _, name := range []string{"DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "RRULE", "RDATE"} {
		if p := c.Props.Get(name); p != nil {
			parts = append(parts, name+":"+p.Value)
		}
	}
	return strings.Join(parts, "|")
}

// encode writes c inside a VCALENDAR with go-ical's encoder.
func encode(t testing.TB, c *ical.Component) string {
	t.Helper()
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//shiftdesk//zones test//EN")
	cal.Children = append(cal.Children, c)
	var b bytes.Buffer
	if err := ical.NewEncoder(&b).Encode(cal); err != nil {
		t.Fatalf("encoding: %v", err)
	}
	return b.String()
}
