package export

import (
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

func TestBestHoursLine(t *testing.T) {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, sto) }
	ws := []availability.Interval{
		{Start: at(23, 8, 0), End: at(23, 9, 0)},
		{Start: at(24, 16, 0), End: at(24, 18, 0)},
		{Start: at(26, 22, 0), End: at(27, 1, 30)},
	}
	for _, tc := range []struct {
		lang     string
		from, to time.Time
		want     string
	}{
		{"en", at(23, 0, 0), at(30, 0, 0), "Japan: 6 h 30 min this week, longest Thu 22:00–Fri 01:30 your time"},
		{"sv", at(23, 0, 0), at(30, 0, 0), "Japan: 6 h 30 min den här veckan, längst tors 22:00–fre 01:30 din tid"},
		{"en", at(23, 0, 0), at(30, 0, 0).AddDate(0, 0, 7), "Japan: 6 h 30 min from Mon 23 Nov to Sun 6 Dec, longest Thu 26 Nov 22:00–Fri 01:30 your time"},
	} {
		got, err := BestHoursLine("Japan", ws, tc.from, tc.to, sto, tc.lang)
		if err != nil || got != tc.want {
			t.Errorf("%s:\n got %q %v\nwant %q", tc.lang, got, err, tc.want)
		}
	}
	got, _ := BestHoursLine("Japan", ws[:2], at(23, 0, 0), at(30, 0, 0), sto, "fr")
	if got != "Japan : 3 h cette semaine, le plus long mar. 16:00–18:00 votre heure" {
		t.Errorf("fr: %q", got)
	}
	if got, _ := BestHoursLine("Japan", nil, at(23, 0, 0), at(30, 0, 0), sto, "nl"); got != "Japan: geen overlap deze week" {
		t.Errorf("none: %q", got)
	}
	if _, err := BestHoursLine("Japan", nil, at(23, 0, 0), at(30, 0, 0), sto, "de"); err == nil {
		t.Error("de accepted")
	}
}
