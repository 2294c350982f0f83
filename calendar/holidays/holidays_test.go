package holidays

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func region(country, sub string) calendar.Region {
	return calendar.Region{Name: country, Zone: "UTC", Country: country, Subdivision: sub,
		Days: []time.Weekday{time.Monday}, Open: 9 * 60, Close: 17 * 60}
}

func TestLibraryHolidays(t *testing.T) {
	for _, tc := range []struct {
		country, sub, day, name string
	}{
		{"JP", "", "2026-11-23", "Labor Thanksgiving Day"},
		{"US", "", "2026-11-26", "Thanksgiving Day"},
		{"SE", "", "2026-12-24", "Julafton"},
		{"GB", "", "2026-12-25", "Christmas Day"},
		{"AU", "NSW", "2026-01-26", "Australia Day"},
		{"AU", "", "2026-12-25", "Christmas Day"},
	} {
		c, err := ForRegion(region(tc.country, tc.sub), nil)
		if err != nil {
			t.Fatal(err)
		}
		h, ok := c.On(date(tc.day))
		if !ok || h.Name != tc.name || h.Source != SourceLibrary {
			t.Errorf("%s %s on %s: got %+v %v, want %q", tc.country, tc.sub, tc.day, h, ok, tc.name)
		}
		if _, ok := c.On(date(tc.day).AddDays(-2)); ok && tc.country != "SE" {
			t.Errorf("%s: %s is not a holiday", tc.country, date(tc.day).AddDays(-2))
		}
	}
}

func TestObservedSubstituteHoliday(t *testing.T) {
	// Constitution Memorial Day, 3 May 2026, is a Sunday; Japan's
	// substitute holiday falls on the next free weekday, Wed 6 May.
	c, _ := ForRegion(region("JP", ""), nil)
	hs := c.Between(date("2026-05-01"), date("2026-05-08"))
	var got []string
	for _, h := range hs {
		got = append(got, h.Date.String())
	}
	if strings.Join(got, " ") != "2026-05-03 2026-05-04 2026-05-05 2026-05-06" {
		t.Errorf("Golden Week 2026: %v", got)
	}
}

func TestUnknownCountry(t *testing.T) {
	for _, tc := range [][2]string{{"XX", ""}, {"jp", ""}, {"AU", "XYZ"}, {"", "NSW"}} {
		if err := Check(tc[0], tc[1]); err == nil {
			t.Errorf("Check(%q, %q) accepted", tc[0], tc[1])
		}
	}
	var ue *UnknownError
	if _, err := ForRegion(region("XX", ""), nil); !errors.As(err, &ue) || !strings.Contains(err.Error(), "JP") {
		t.Errorf("ForRegion XX: %v", err)
	}
	if err := Check("JP", ""); err != nil {
		t.Error(err)
	}
	if err := Check("", ""); err != nil {
		t.Error(err)
	}
}

func TestClosedDatesAndFeedOrder(t *testing.T) {
	r := region("JP", "")
	r.ClosedDates = []calendar.ClosedDate{{Date: date("2026-11-23"), Name: "Office move"}, {Date: date("2026-12-30")}}
	feed := []Holiday{{Date: date("2026-11-23"), Name: "勤労感謝の日"}, {Date: date("2026-12-29"), Name: "Year-end"}}
	c, _ := ForRegion(r, feed)
	hs := c.Between(date("2026-11-20"), date("2027-01-01"))
	want := []Holiday{
		{date("2026-11-23"), "Office move", SourceRegion, false},
		{date("2026-12-29"), "Year-end", SourceFeed, false},
		{date("2026-12-30"), "", SourceRegion, false},
	}
	if len(hs) != len(want) {
		t.Fatalf("got %+v", hs)
	}
	for i := range want {
		if hs[i] != want[i] {
			t.Errorf("%d: got %+v want %+v", i, hs[i], want[i])
		}
	}
}

func TestCountriesListed(t *testing.T) {
	cs := strings.Join(Countries(), " ")
	for _, c := range []string{"JP", "US", "SE", "NL", "FR", "GB", "DE", "AU", "NZ", "CA"} {
		if !strings.Contains(cs, c) {
			t.Errorf("%s missing from %s", c, cs)
		}
	}
	if got := strings.Join(Subdivisions("AU"), " "); got != "ACT NSW NT QLD SA TAS VIC WA" {
		t.Errorf("AU subdivisions %s", got)
	}
}

const feedICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261102\r\nDTEND;VALUE=DATE:20261104\r\nSUMMARY:Diwali\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260815\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Independence Day\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:c@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261105T100000Z\r\nDTEND:20261105T110000Z\r\nSUMMARY:Town hall\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestFromFeed(t *testing.T) {
	f, err := calendar.Parse(strings.NewReader(feedICS), calendar.ParseOptions{Source: "in"})
	if err != nil {
		t.Fatal(err)
	}
	hs := FromFeed(f, date("2026-08-01"), date("2027-08-16"))
	var got []string
	for _, h := range hs {
		got = append(got, h.Date.String()+" "+h.Name)
	}
	want := "2026-08-15 Independence Day|2026-11-02 Diwali|2026-11-03 Diwali|2027-08-15 Independence Day"
	if strings.Join(got, "|") != want {
		t.Errorf("got %v\nwant %s", got, want)
	}
}
