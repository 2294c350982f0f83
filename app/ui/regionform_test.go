package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// The region form takes a holiday feed and closed dates as the CLI's
// "regions add --holidays URL --closed DATE[=NAME]" does, and saves them.
func TestAddRegionWithFeedAndClosedDates(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	r := e.ui.settings.region
	c := e.win.Canvas()
	typeInto(c, r.nameEntry, "Head office")
	typeInto(c, r.zone, "Europe/Stockholm")
	typeInto(c, r.feed, "webcals://holidays.example/se.ics")
	typeInto(c, r.closed, "2026-12-24, 2026-12-31=Company day")
	test.Tap(button(t, r.form, "Add region"))
	if len(e.store.s.Regions) != 1 {
		t.Fatalf("regions %+v\n%s", e.store.s.Regions, shownTexts(r.form))
	}
	got := e.store.s.Regions[0]
	if got.HolidaysURL != "webcals://holidays.example/se.ics" {
		t.Errorf("holiday feed %q", got.HolidaysURL)
	}
	want := []calendar.ClosedDate{
		{Date: calendar.Date{Year: 2026, Month: 12, Day: 24}},
		{Date: calendar.Date{Year: 2026, Month: 12, Day: 31}, Name: "Company day"},
	}
	if len(got.ClosedDates) != len(want) || got.ClosedDates[0] != want[0] || got.ClosedDates[1] != want[1] {
		t.Errorf("closed dates %+v, want %+v", got.ClosedDates, want)
	}
}

// A holiday feed that is not a public web address, or a closed date that
// is not a date, is refused at its field and nothing is saved.
func TestRegionFormRefusesBadFeedAndDates(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	r := e.ui.settings.region
	c := e.win.Canvas()
	typeInto(c, r.nameEntry, "Head office")
	typeInto(c, r.zone, "Europe/Stockholm")
	for _, tc := range []struct{ feed, closed, msg string }{
		{"https://holidays.example/se.ics?token=abc123", "", "The address holds a secret; holiday feeds must be public"},
		{"https://me:pw@holidays.example/se.ics", "", "The address holds a secret; holiday feeds must be public"},
		{"/tmp/holidays.ics", "", "A holiday feed is a web address (https, http, webcal or webcals)"},
		{"", "2026-12-24, 2026-13-01=Stocktake", "2026-13-01 is not a date (YYYY-MM-DD)"},
		{"", "24/12/2026", "24/12/2026 is not a date (YYYY-MM-DD)"},
	} {
		typeInto(c, r.feed, tc.feed)
		typeInto(c, r.closed, tc.closed)
		add := button(t, r.form, "Add region")
		if !add.Disabled() {
			t.Errorf("feed %q closed %q: Add region enabled", tc.feed, tc.closed)
		}
		if got := shownTexts(r.form); !strings.Contains(got, tc.msg) {
			t.Errorf("feed %q closed %q: no %q at the field:\n%s", tc.feed, tc.closed, tc.msg, got)
		}
		r.onSubmitted() // as a press of Enter would, past the disabled button
		if len(e.store.s.Regions) != 0 {
			t.Fatalf("feed %q closed %q: saved %+v", tc.feed, tc.closed, e.store.s.Regions)
		}
	}
}
