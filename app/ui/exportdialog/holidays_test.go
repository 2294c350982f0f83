package exportdialog

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// companyDay is a holiday feed closing Japan on Wed 21 Oct 2026 (an
// all-day VEVENT, RFC 5545 §3.6.1 with a DATE DTSTART).
const companyDay = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//holidays//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:company-day-2026@example.com\r\nDTSTAMP:20260101T000000Z\r\n" +
	"DTSTART;VALUE=DATE:20261021\r\nDTEND;VALUE=DATE:20261022\r\nSUMMARY:Company day\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// feedHolidays reads companyDay as the app reads a region's offline copy:
// calendar.Parse, holidays.FromFeed, holidays.ForRegion.
func feedHolidays(t *testing.T, asked *int) func([]calendar.Region, time.Time, time.Time) map[string]*holidays.Calendar {
	t.Helper()
	f, err := calendar.Parse(strings.NewReader(companyDay), calendar.ParseOptions{Source: "Japan"})
	if err != nil {
		t.Fatal(err)
	}
	return func(regions []calendar.Region, from, to time.Time) map[string]*holidays.Calendar {
		*asked++
		out := map[string]*holidays.Calendar{}
		for _, r := range regions {
			var feed []holidays.Holiday
			if r.HolidaysURL != "" {
				feed = holidays.FromFeed(f, calendar.DateOf(from), calendar.DateOf(to))
			}
			c, err := holidays.ForRegion(r, feed)
			if err != nil {
				t.Fatal(err)
			}
			out[r.Name] = c
		}
		return out
	}
}

// A day off in a region's holiday feed removes the dialog's windows for
// that region on that day, as the CLI export does; other regions keep it.
func TestFeedHolidayRemovesTheRegionsWindows(t *testing.T) {
	test.NewTempApp(t)
	loc, src, _ := week(t)
	cfg := config(loc)
	cfg.Regions[0].HolidaysURL = "https://holidays.example/japan.ics"
	asked := 0
	cfg.Holidays = feedHolidays(t, &asked)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	p := newPanel(w, src, cfg)
	w.SetContent(p.buildUI())
	if asked != 0 {
		t.Errorf("holidays asked %d times with no region picked", asked)
	}
	p.region.SetSelected("Japan")
	want := "Mon 19 Oct 15:00–18:00 JST\nTue 20 Oct 15:00–18:00 JST\nThu 22 Oct 15:00–18:00 JST"
	if p.preview.Text != want {
		t.Errorf("Japan preview with its Company day:\n%s\nwant:\n%s", p.preview.Text, want)
	}
	if asked == 0 {
		t.Error("the dialog never asked for the regions' holidays")
	}
	p.region.SetSelected("US East")
	if !strings.Contains(p.preview.Text, "Wed 21 Oct 08:00–10:30 EDT") {
		t.Errorf("US East lost Wednesday to Japan's feed:\n%s", p.preview.Text)
	}
}
