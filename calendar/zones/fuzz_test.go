package zones

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// FuzzFromVTimezone feeds arbitrary VTIMEZONE text to FromVTimezone. It
// must return quickly with a location or a "zones: " error; a location must
// give offsets under a day, and writing it back with VTimezone and reading
// that again must give the same offsets.
func FuzzFromVTimezone(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.ics")
	block := regexp.MustCompile(`(?s)BEGIN:VTIMEZONE.*?END:VTIMEZONE\r?\n`)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range block.FindAll(b, -1) {
			f.Add(string(m))
		}
	}
	f.Add(newYorkHistory)
	f.Add(customized)
	f.Add("BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETTO:+1400\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:STANDARD\nEND:VTIMEZONE\n")
	f.Add("BEGIN:VTIMEZONE\nTZID:X\nBEGIN:DAYLIGHT\nDTSTART:20200301T020000Z\nTZOFFSETFROM:-0330\nTZOFFSETTO:-0230\nRDATE;VALUE=PERIOD:20210301T020000/PT1H,20220301\nEND:DAYLIGHT\nEND:VTIMEZONE\n")
	f.Add("BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:99991231T235959\nTZOFFSETFROM:+235959\nTZOFFSETTO:-235959\nRRULE:FREQ=YEARLY;INTERVAL=1000;BYSETPOS=-366;BYDAY=-53SU\nEND:STANDARD\nEND:VTIMEZONE\n")

	f.Fuzz(func(t *testing.T, text string) {
		comps, ok := decodeLoose(text)
		if !ok {
			t.Skip("go-ical cannot decode it")
		}
		for _, c := range comps {
			start := time.Now()
			loc, err := FromVTimezone(c)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("FromVTimezone took %s", d)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "zones: ") {
					t.Errorf("error without the package prefix: %v", err)
				}
				continue
			}
			for y := 1900; y <= 2300; y += 7 {
				if _, off := time.Date(y, time.Month(y%12+1), 15, 0, 0, 0, 0, loc).Zone(); off <= -24*3600 || off >= 24*3600 {
					t.Fatalf("offset %d s in %d", off, y)
				}
			}
			from, to := year(2025), year(2026)
			back, err := FromVTimezone(VTimezone(loc, from, to))
			if err != nil {
				t.Fatalf("VTimezone output is unreadable: %v", err)
			}
			for at := from; at.Before(to); at = at.Add(time.Hour) {
				_, a := at.In(loc).Zone()
				_, b := at.In(back).Zone()
				if a != b {
					t.Fatalf("round trip: at %s offset %d, was %d", at, b, a)
				}
			}
		}
	})
}

// decodeLoose decodes text as an iCalendar stream (wrapping a bare
// component in a VCALENDAR) and returns its VTIMEZONEs; go-ical panics on
// some malformed input, which is not this package's to fix.
func decodeLoose(text string) (comps []*ical.Component, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if !strings.Contains(text, "BEGIN:VCALENDAR") {
		text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n" + text + "\r\nEND:VCALENDAR\r\n"
	}
	cal, err := ical.NewDecoder(strings.NewReader(text)).Decode()
	if err != nil {
		return nil, false
	}
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			comps = append(comps, c)
		}
	}
	return comps, true
}
