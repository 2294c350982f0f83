package calendar

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParseExpand feeds arbitrary bytes through Parse and Expand. Whatever
// the input, Parse returns a Feed or a *FeedError of a known kind, and
// Expand returns occurrences that are in the window, sorted and not
// reversed. The seed corpus (every corpus feed plus small edge cases) runs
// in every "go test".
func FuzzParseExpand(f *testing.F) {
	feeds, _ := filepath.Glob("testdata/corpus/feeds/*.ics")
	for _, p := range feeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=X\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		ics(vevent("UID:a", "DTSTART;TZID=Europe/Stockholm:20261025T023000", "RRULE:FREQ=HOURLY;INTERVAL=4;BYHOUR=6,10"),
			vevent("UID:a", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261026T060000Z", "DTSTART:20261026T070000Z")),
		ics(vevent("UID:b", "DTSTART;VALUE=DATE:20261020", "RDATE;VALUE=PERIOD:20261021T080000Z/PT1H", "EXDATE;VALUE=DATE:20261020")),
		ics(vevent("UID:c", "DTSTART:19700101T000000Z", "RRULE:FREQ=SECONDLY;BYSETPOS=-1;BYMONTH=2;BYMONTHDAY=30")),
		// Damaged END lines and a nested VCALENDAR (issue 12, items 8, 9).
		"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VTOOD\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART:20261020T060000Z\r\nBEGIN:VALARM\r\nEND:VEVENT\r\nEND:VCALENDARD\r\n",
		ics(ics(vevent("UID:e", "DTSTART:20261020T060000Z")), vevent("UID:e", "SEQUENCE:2", "DTSTART:20261021T060000Z")),
	} {
		f.Add([]byte(s))
	}
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, stockholm)
	to := time.Date(2026, 11, 1, 0, 0, 0, 0, stockholm)
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(bytes.NewReader(data), ParseOptions{Source: "fuzz", MaxBytes: 1 << 20})
		if err != nil {
			var fe *FeedError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is %T, not *FeedError", err, err)
			}
			if !errors.Is(err, ErrNotCalendar) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v has no known kind", err)
			}
			return
		}
		occ, _ := feed.Expand(from, to, ExpandOptions{Zone: stockholm, Rules: []KindRule{{Keyword: "x", Kind: KindMeeting}}})
		for i, o := range occ {
			if o.End.Before(o.Start) {
				t.Fatalf("occurrence %d ends before it starts: %+v", i, o)
			}
			if !o.Start.Before(to) || (!o.End.After(from) && !(o.End.Equal(o.Start) && o.Start.Equal(from))) {
				t.Fatalf("occurrence %d is outside the window: %+v", i, o)
			}
			if i > 0 && o.Start.Before(occ[i-1].Start) {
				t.Fatalf("occurrences are not sorted at %d", i)
			}
			if o.Kind == "" {
				t.Fatalf("occurrence %d has no kind", i)
			}
		}
	})
}
