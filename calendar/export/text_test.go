package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

func TestTextLine(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	sto, _ := time.LoadLocation("Europe/Stockholm")
	// Mon 3 Nov 2025 09:00–12:00 JST.
	morning := availability.Interval{Start: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 11, 3, 3, 0, 0, 0, time.UTC)}
	night := availability.Interval{Start: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 25, 5, 0, 0, 0, time.UTC)}
	evening := availability.Interval{Start: time.Date(2026, 12, 24, 17, 0, 0, 0, sto), End: time.Date(2026, 12, 25, 0, 0, 0, 0, sto)}
	for _, c := range []struct {
		win  availability.Interval
		zone *time.Location
		lang string
		want string
	}{
		{morning, tokyo, "en", "Mon 3 Nov 09:00–12:00 JST"},
		{morning, tokyo, "", "Mon 3 Nov 09:00–12:00 JST"},
		{morning, tokyo, "sv", "mån 3 nov 09:00–12:00 JST"},
		{morning, tokyo, "nl", "ma 3 nov 09:00–12:00 JST"},
		{morning, tokyo, "fr", "lun. 3 nov. 09:00–12:00 JST"},
		{morning, sto, "en", "Mon 3 Nov 01:00–04:00 CET"},
		{morning, nil, "en", "Mon 3 Nov 00:00–03:00 UTC"},
		// The night of the EU DST end: two abbreviations, nine hours.
		{night, sto, "en", "Sat 24 Oct 22:00 CEST–Sun 25 Oct 06:00 CET"},
		{night, sto, "fr", "sam. 24 oct. 22:00 CEST–dim. 25 oct. 06:00 CET"},
		{night, tokyo, "nl", "zo 25 okt 05:00–14:00 JST"},
		// Ending at midnight: 24:00 of the same day.
		{evening, sto, "sv", "tors 24 dec 17:00–24:00 CET"},
		{evening, tokyo, "en", "Fri 25 Dec 01:00–08:00 JST"},
	} {
		got, err := TextLine(c.win, c.zone, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("TextLine(%s, %q) = %q, want %q", c.zone, c.lang, got, c.want)
		}
	}
}

func TestTextMonthsAndDays(t *testing.T) {
	// Every month and weekday name in every language appears, in order.
	for _, lang := range []string{"en", "sv", "nl", "fr"} {
		n, err := languageNames(lang)
		if err != nil {
			t.Fatal(err)
		}
		for m := 1; m <= 12; m++ {
			start := time.Date(2026, time.Month(m), 1, 9, 0, 0, 0, time.UTC)
			got, _ := TextLine(availability.Interval{Start: start, End: start.Add(time.Hour)}, time.UTC, lang)
			want := n.days[start.Weekday()] + " 1 " + n.months[m-1] + " 09:00–10:00 UTC"
			if got != want {
				t.Errorf("%s month %d: %q, want %q", lang, m, got, want)
			}
		}
	}
}

func TestTextUnknownLanguage(t *testing.T) {
	err := WriteText(&bytes.Buffer{}, nil, Options{Lang: "de"})
	if err == nil || !strings.Contains(err.Error(), `"de"`) {
		t.Errorf("error %v should name the language", err)
	}
}
