package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func TestRegionHolidayFieldsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := Default()
	s.Regions = []calendar.Region{{Name: "Australia", Zone: "Australia/Sydney", Days: []time.Weekday{time.Monday},
		Open: 9 * 60, Close: 17 * 60, Country: "AU", Subdivision: "NSW", HolidaysURL: "https://example.com/au.ics",
		ClosedDates: []calendar.ClosedDate{{Date: calendar.Date{Year: 2026, Month: 12, Day: 31}, Name: "Stocktake"}}}}
	if err := Save(dir, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	for _, want := range []string{`"country": "AU"`, `"subdivision": "NSW"`, `"date": "2026-12-31"`, `"name": "Stocktake"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("config lacks %s:\n%s", want, data)
		}
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := got.Regions[0]
	if r.Country != "AU" || r.Subdivision != "NSW" || r.HolidaysURL != s.Regions[0].HolidaysURL ||
		len(r.ClosedDates) != 1 || r.ClosedDates[0] != s.Regions[0].ClosedDates[0] {
		t.Errorf("round trip: %+v", r)
	}
}

func TestRegionUnknownCountryRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range [][2]string{{"XX", ""}, {"AU", "ZZ"}} {
		s := Default()
		s.Regions = []calendar.Region{{Name: "Nowhere", Zone: "UTC", Days: []time.Weekday{time.Monday},
			Open: 9 * 60, Close: 17 * 60, Country: c[0], Subdivision: c[1]}}
		err := Save(dir, s)
		if err == nil || !strings.Contains(err.Error(), "Nowhere") || !strings.Contains(err.Error(), "no holidays known") {
			t.Errorf("%v: %v", c, err)
		}
		if _, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
			t.Errorf("%v: a config was saved", c)
		}
	}
}
