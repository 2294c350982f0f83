package feeds

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func expandFile(t *testing.T, data []byte, from, to time.Time, loc *time.Location) []calendar.Occurrence {
	t.Helper()
	f, err := calendar.Parse(bytes.NewReader(data), calendar.ParseOptions{Source: "test"})
	if err != nil {
		t.Fatal(err)
	}
	occ, _ := f.Expand(from, to, calendar.ExpandOptions{Zone: loc})
	if len(occ) == 0 {
		t.Fatal("nothing in the window: the test proves nothing")
	}
	return occ
}

// A recurring series moved an hour earlier: every instance in the window
// is reported as moved (its recurrence IDs change with DTSTART).
func TestDiffRecurringSeriesMoved(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	old := readTestdata(t, "google_rotation_newyork.ics")
	new := bytes.Replace(old,
		[]byte("DTSTART;TZID=America/New_York:20261003T220000\r\nDTEND;TZID=America/New_York:20261004T060000"),
		[]byte("DTSTART;TZID=America/New_York:20261003T210000\r\nDTEND;TZID=America/New_York:20261004T050000"), 1)
	if bytes.Equal(old, new) {
		t.Fatal("the edit did not apply")
	}
	from := time.Date(2026, 10, 5, 0, 0, 0, 0, ny)
	to := from.Add(ChangeWindow)
	changes := Diff(expandFile(t, old, from, to, ny), expandFile(t, new, from, to, ny), ny)
	var lines []string
	for _, c := range changes {
		lines = append(lines, c.Line)
		if c.Kind != ChangeMoved || c.Activity != calendar.KindShift || c.NewEnd.Sub(c.NewStart) != 8*time.Hour {
			t.Errorf("change %+v", c)
		}
	}
	want := "Sat 10 Oct: shift moved 22:00 → 21:00\nSat 17 Oct: shift moved 22:00 → 21:00"
	if strings.Join(lines, "\n") != want {
		t.Fatalf("changes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), want)
	}
	if got := Diff(expandFile(t, old, from, to, ny), expandFile(t, old, from, to, ny), ny); len(got) != 0 {
		t.Fatalf("the same feed twice gives changes: %+v", got)
	}
}

// A shift lengthened and a time-off day added (all-day), on the Nextcloud
// feed.
func TestDiffChangedAndAllDay(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	old := readTestdata(t, "nextcloud_nachtdienst_amsterdam.ics")
	allDay := "BEGIN:VEVENT\r\nUID:verlof-extra@test\r\nDTSTAMP:20261001T000000Z\r\nDTSTART;VALUE=DATE:20261014\r\nSUMMARY:Verlof\r\nCATEGORIES:Verlof\r\nEND:VEVENT\r\n"
	new := bytes.Replace(old, []byte("END:VCALENDAR"), []byte(allDay+"END:VCALENDAR"), 1)
	from := time.Date(2026, 10, 5, 0, 0, 0, 0, ams)
	to := from.Add(ChangeWindow)
	changes := Diff(expandFile(t, old, from, to, ams), expandFile(t, new, from, to, ams), ams)
	if len(changes) != 1 || changes[0].Kind != ChangeAdded || !changes[0].AllDay ||
		changes[0].Date != (calendar.Date{Year: 2026, Month: 10, Day: 14}) || !strings.HasPrefix(changes[0].Line, "Wed 14 Oct: ") || !strings.HasSuffix(changes[0].Line, " added") {
		t.Fatalf("all-day addition: %+v", changes)
	}
}

func TestFormatChangeLengthAndDay(t *testing.T) {
	loc := time.UTC
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, loc) }
	c := Change{Kind: ChangeMoved, Activity: calendar.KindShift, Date: calendar.Date{Year: 2026, Month: 11, Day: 27},
		OldStart: at(27, 14), OldEnd: at(27, 22), NewStart: at(27, 12), NewEnd: at(27, 20)}
	if got := formatChange(c, loc); got != "Fri 27 Nov: shift moved 14:00 → 12:00" {
		t.Errorf("moved: %q", got)
	}
	c.NewEnd = at(27, 21)
	if got := formatChange(c, loc); got != "Fri 27 Nov: shift changed 14:00–22:00 → 12:00–21:00" {
		t.Errorf("changed: %q", got)
	}
	c.NewStart, c.NewEnd, c.Date = at(28, 9), at(28, 17), calendar.Date{Year: 2026, Month: 11, Day: 28}
	if got := formatChange(c, loc); got != "Sat 28 Nov: shift moved from Fri 27 Nov 14:00 → 09:00" {
		t.Errorf("other day: %q", got)
	}
}

// TestDiffAllDayMovedOrLengthened: an all-day absence that moves says from
// which day; one that gets longer says its new last day (the line used to
// read "Mon 30 Nov: time off moved to Mon 30 Nov" either way).
func TestDiffAllDayMovedOrLengthened(t *testing.T) {
	sthlm, _ := time.LoadLocation("Europe/Stockholm")
	feed := func(start, end string) []byte {
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:semester-1@test\r\n" +
			"DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:" + start + "\r\nDTEND;VALUE=DATE:" + end +
			"\r\nSUMMARY:Semester\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	}
	from := time.Date(2026, 11, 24, 0, 0, 0, 0, sthlm)
	to := from.Add(ChangeWindow)
	old := expandFile(t, feed("20261130", "20261203"), from, to, sthlm) // Mon 30 Nov – Wed 2 Dec
	for _, c := range []struct{ start, end, want string }{
		{"20261130", "20261205", "Mon 30 Nov: time off changed, now until Fri 4 Dec"},
		{"20261201", "20261204", "Tue 1 Dec: time off moved from Mon 30 Nov"},
		{"20261201", "20261202", "Tue 1 Dec: time off moved from Mon 30 Nov, now until Tue 1 Dec"},
	} {
		changes := Diff(old, expandFile(t, feed(c.start, c.end), from, to, sthlm), sthlm)
		if len(changes) != 1 || changes[0].Kind != ChangeMoved || changes[0].Line != c.want {
			t.Errorf("%s–%s: %+v, want %q", c.start, c.end, changes, c.want)
		}
	}
}
