package calendar

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, feed string) *Feed {
	t.Helper()
	f, err := Parse(strings.NewReader(feed), ParseOptions{Source: "test.ics"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func summaries(t *testing.T, f *Feed, from, to string) []string {
	t.Helper()
	a, b, loc := window(t, from, to, "UTC")
	occ, _ := f.Expand(a, b, ExpandOptions{Zone: loc})
	var out []string
	for _, o := range occ {
		out = append(out, o.Summary)
	}
	return out
}

func TestParseBOMAndLF(t *testing.T) {
	feed := "\ufeff" + strings.ReplaceAll(ics(vevent("UID:a", "SUMMARY:Früh", "DTSTART:20270105T060000Z")), "\r\n", "\n")
	f := mustParse(t, feed)
	if got := summaries(t, f, "2027-01-05", "2027-01-06"); len(got) != 1 || got[0] != "Früh" {
		t.Errorf("got %v", got)
	}
}

func TestParseUnfoldsOctets(t *testing.T) {
	// "–" (E2 80 93) is split between the two octet lines, as §3.1 allows.
	feed := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Pass \xe2\x80\r\n \x93 natt\r\nDESCRIPTION:one\r\n\ttwo\r\nDTSTART:20270105T060000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	f := mustParse(t, feed)
	a, b, loc := window(t, "2027-01-05", "2027-01-06", "UTC")
	occ, _ := f.Expand(a, b, ExpandOptions{Zone: loc})
	if len(occ) != 1 || occ[0].Summary != "Pass – natt" || occ[0].Description != "onetwo" {
		t.Fatalf("occ = %+v", occ)
	}
}

func TestParseSeveralCalendars(t *testing.T) {
	one := ics("X-WR-TIMEZONE:Europe/Stockholm", vevent("UID:a", "SUMMARY:A", "DTSTART:20270105T090000"))
	two := ics("X-WR-TIMEZONE:America/New_York", vevent("UID:b", "SUMMARY:B", "DTSTART:20270105T090000"))
	got, warns := expandText(t, one+two, "2027-01-05", "2027-01-06", "UTC")
	want := []string{"2027-01-05T08:00:00Z 2027-01-05T08:00:00Z A", "2027-01-05T14:00:00Z 2027-01-05T14:00:00Z B"}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(warns) != 0 {
		t.Errorf("got %v %v", got, warns)
	}
}

func TestParseFeedProperties(t *testing.T) {
	f := mustParse(t, ics("X-WR-CALNAME:Schema\\, Elin", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT4H",
		vevent("UID:a", "DTSTART:20270105T090000Z"), vevent("UID:b", "DTSTART:20270105T090000Z", "RRULE:FREQ=DAILY"),
		vevent("UID:b", "RECURRENCE-ID:20270106T090000Z", "DTSTART:20270106T100000Z")))
	if f.Name != "Schema, Elin" || f.RefreshInterval != 4*time.Hour || f.EventCount() != 2 {
		t.Errorf("name %q, refresh %v, events %d", f.Name, f.RefreshInterval, f.EventCount())
	}
}

func TestParseWholeFeedErrors(t *testing.T) {
	cases := []struct {
		name, body string
		kind       error
		words      []string
	}{
		{"empty", "", ErrNotCalendar, []string{"empty"}},
		{"blank", " \r\n\r\n", ErrNotCalendar, []string{"empty"}},
		{"html", "<html><head><title>Log in</title></head></html>", ErrNotCalendar, []string{"HTML page", "Log in", "login"}},
		{"json", `{"error":"unauthorized"}`, ErrNotCalendar, []string{"JSON"}},
		{"text", "Service Unavailable", ErrNotCalendar, []string{"Service Unavailable"}},
		{"no end", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ErrTruncated, []string{"cut off", "END:VCALENDAR"}},
		{"mid event", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2027", ErrTruncated, []string{"VEVENT", "line 2"}},
		{"bad calendar line", "BEGIN:VCALENDAR\r\nX-WR-CALNAME;X=\"a\"b:c\r\nEND:VCALENDAR\r\n", ErrMalformed, []string{"line 2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.body), ParseOptions{Source: "Work"})
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want %v", err, c.kind)
			}
			for _, w := range append(c.words, "Work") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	body := ics(vevent("UID:a", "DTSTART:20270105T090000Z"))
	_, err := Parse(strings.NewReader(body), ParseOptions{Source: "big", MaxBytes: 40})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "40 bytes") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Parse(strings.NewReader(body), ParseOptions{MaxBytes: int64(len(body))}); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(b []byte) (int, error) {
	if r.n > 0 {
		n := copy(b, "BEGIN:VCALENDAR\r\n")
		r.n--
		return n, nil
	}
	return 0, errors.New("connection reset")
}

func TestParseReadError(t *testing.T) {
	_, err := Parse(&failingReader{n: 1}, ParseOptions{Source: "net"})
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "connection reset") {
		t.Fatalf("err = %v", err)
	}
	_, err = Parse(strings.NewReader("BEGIN:VCALENDAR\r\nBEGIN:VEVENT"), ParseOptions{})
	if errors.Is(err, io.EOF) || !errors.Is(err, ErrTruncated) {
		t.Fatalf("truncated feed: err = %v", err)
	}
}

func TestParseDecoderPanicIsAWarning(t *testing.T) {
	// go-ical panics on both lines (no colon after a parameter; text after
	// a quoted parameter value). Only that line is lost: the event keeps
	// its other lines.
	for _, bad := range []string{"DTSTART;TZID=Europe/Berlin", "SUMMARY;X=\"a\"b:c"} {
		feed := ics(vevent("UID:good", "SUMMARY:Good", "DTSTART:20270105T090000Z"),
			vevent("UID:bad", "SUMMARY:Bad", "DTSTART:20270105T100000Z", bad))
		f := mustParse(t, feed)
		if got := summaries(t, f, "2027-01-05", "2027-01-06"); strings.Join(got, "|") != "Good|Bad" {
			t.Errorf("%s: got %v", bad, got)
		}
		if len(f.Warnings) != 1 || f.Warnings[0].UID != "bad" || f.Warnings[0].Line != 9 ||
			!strings.Contains(f.Warnings[0].Reason, "line 13") || !strings.Contains(f.Warnings[0].Reason, "line ignored") {
			t.Errorf("%s: warnings = %v", bad, f.Warnings)
		}
	}
	// When the unreadable line is the only DTSTART, the event is skipped.
	f := mustParse(t, ics(vevent("UID:bad", "SUMMARY:Bad", "DTSTART;TZID=Europe/Berlin")))
	if len(f.Warnings) != 2 || !strings.Contains(f.Warnings[0].Reason, "line 7") || !strings.Contains(f.Warnings[1].Reason, "no DTSTART") || f.EventCount() != 0 {
		t.Errorf("only DTSTART unreadable: warnings = %v", f.Warnings)
	}
}

func TestParseEventWarnings(t *testing.T) {
	feed := ics(
		vevent("UID:ok", "SUMMARY:Good", "DTSTART:20270105T090000Z", "DTEND:20270105T100000Z"),
		vevent("UID:nostart", "SUMMARY:No start"),
		vevent("UID:feb30", "SUMMARY:Impossible", "DTSTART:20270230T090000Z"),
		vevent("UID:mars", "SUMMARY:Mars", "DTSTART;TZID=Mars/Olympus_Mons:20270105T090000"),
		vevent("UID:rule", "SUMMARY:Bad rule", "DTSTART:20270105T110000Z", "RRULE:FREQ=SOMETIMES"),
		vevent("UID:back", "SUMMARY:Backwards", "DTSTART:20270105T120000Z", "DTEND:20270105T080000Z"),
	)
	f := mustParse(t, feed)
	want := map[string]string{
		"nostart": "no DTSTART",
		"feb30":   `"20270230T090000Z" is not a valid DATE-TIME`,
		"mars":    `"Mars/Olympus_Mons" is unknown`,
		"rule":    "cannot be read",
		"back":    "before DTSTART",
	}
	if len(f.Warnings) != len(want) {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	for _, w := range f.Warnings {
		if !strings.Contains(w.Reason, want[w.UID]) || w.Summary == "" || w.Line == 0 || w.Feed != "test.ics" {
			t.Errorf("warning %+v, want reason with %q", w, want[w.UID])
		}
		if !strings.Contains(w.String(), w.UID) {
			t.Errorf("String() = %q", w.String())
		}
	}
	got := summaries(t, f, "2027-01-05", "2027-01-06")
	if strings.Join(got, "|") != "Good|Bad rule|Backwards" {
		t.Errorf("kept %v", got)
	}
}

// COUNT=0 is no valid rule (COUNT is positive); rrule-go reads it as no
// COUNT, which made a one-off repeat every day forever.
func TestParseCountZeroIsAWarning(t *testing.T) {
	f := mustParse(t, ics(vevent("UID:zero", "SUMMARY:Once", "DTSTART:20270105T090000Z", "DTEND:20270105T100000Z",
		"RRULE:FREQ=DAILY;COUNT=0")))
	if len(f.Warnings) != 1 || f.Warnings[0].UID != "zero" || !strings.Contains(f.Warnings[0].Reason, "COUNT must be positive") {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	if got := summaries(t, f, "2027-01-05", "2027-01-12"); len(got) != 1 {
		t.Fatalf("COUNT=0 gave %d occurrences in a week, want the DTSTART one: %v", len(got), got)
	}
}

// An event in a zone whose VTIMEZONE cannot be used is skipped with the
// resolver's reason, not a generic "unknown zone".
func TestParseUnusableVTimezoneReason(t *testing.T) {
	feed := ics(
		"BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
		"BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+3000", "TZOFFSETTO:+3000", "END:STANDARD",
		"END:VTIMEZONE",
		vevent("UID:odd", "SUMMARY:Odd zone", "DTSTART;TZID=Customized Time Zone:20270105T090000"),
		vevent("UID:ok", "SUMMARY:Good", "DTSTART:20270105T090000Z"),
	)
	f := mustParse(t, feed)
	if len(f.Warnings) != 1 || f.Warnings[0].UID != "odd" ||
		!strings.Contains(f.Warnings[0].Reason, `"Customized Time Zone" is unknown (its VTIMEZONE is unusable`) {
		t.Fatalf("warnings = %v", f.Warnings)
	}
}

func TestParseLineNumbers(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%d\r\nDTSTART:20270105T090000Z\r\nDESCRIPTION:folded\r\n  line\r\nEND:VEVENT\r\n", i)
	}
	b.WriteString("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f := mustParse(t, b.String())
	if len(f.Warnings) != 1 || f.Warnings[0].Line != 20 {
		t.Errorf("warnings = %v, want one at line 20", f.Warnings)
	}
}
