package calendar

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Tests for feeds that used to expand to a wrong answer (issue 12, "Wrong
// answers"): each is a tiny feed whose result RFC 5545 decides.

// A TZID of an IANA name behind a bare slash ("/Europe/Stockholm") is that
// zone, not an unknown one (§3.2.19 leaves the TZID text to the producer).
func TestTZIDWithBareLeadingSlash(t *testing.T) {
	got, warns := expandText(t, ics(
		vevent("UID:a", "SUMMARY:Sthlm", "DTSTART;TZID=/Europe/Stockholm:20240701T090000"),
		vevent("UID:b", "SUMMARY:BA", "DTSTART;TZID=/America/Argentina/Buenos_Aires:20240701T090000"),
	), "2024-07-01", "2024-07-02", "UTC")
	want := "2024-07-01T07:00:00Z 2024-07-01T07:00:00Z Sthlm|2024-07-01T12:00:00Z 2024-07-01T12:00:00Z BA"
	if strings.Join(got, "|") != want || len(warns) != 0 {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// lineWarning reports whether one of warns names line (in its Line and its
// text) and contains every word.
func lineWarning(warns []Warning, line int, words ...string) bool {
	for _, w := range warns {
		ok := w.Line == line && strings.Contains(w.String(), "line "+itoa(line))
		for _, word := range words {
			ok = ok && strings.Contains(w.String(), word)
		}
		if ok {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }

// One damaged BEGIN or END line loses one component at most, never the feed: every
// complete VEVENT is kept and a warning names the line (RFC 5545 §3.4/§3.6
// pair BEGIN and END; real feeds break that).
func TestDamagedEndLines(t *testing.T) {
	good := vevent("UID:g", "SUMMARY:Good", "DTSTART:20240701T090000Z", "DTEND:20240701T100000Z")
	cases := []struct {
		name  string
		feed  string
		want  string // summaries kept, "|"-joined
		line  int
		words []string
	}{
		{"misspelt calendar end", strings.Replace(ics(good), "END:VCALENDAR", "END:VCALENDARD", 1),
			"Good", 10, []string{"END:VCALENDARD", "END:VCALENDAR"}},
		{"misspelt todo end", ics("BEGIN:VTODO", "UID:t", "SUMMARY:Todo", "END:VTOOD", good),
			"Good", 7, []string{"END:VTOOD", "END:VTODO"}},
		{"misspelt event end", ics(strings.Replace(good, "END:VEVENT", "END:VEVNT", 1), vevent("UID:h", "SUMMARY:Next", "DTSTART:20240701T110000Z")),
			"Good|Next", 9, []string{"END:VEVNT"}},
		{"missing event end", ics("BEGIN:VEVENT", "UID:m", "SUMMARY:Open", "DTSTART:20240701T080000Z"),
			"Open", 4, []string{"no END:VEVENT"}},
		{"missing end before the next event", ics("BEGIN:VEVENT", "UID:m", "SUMMARY:First", "DTSTART:20240701T080000Z",
			"BEGIN:VALARM", "ACTION:DISPLAY", good), "First|Good", 4, []string{"BEGIN:VEVENT has no END:VEVENT", "before the BEGIN:VEVENT of line 10"}},
		{"missing alarm end", ics("BEGIN:VEVENT", "UID:a", "SUMMARY:Alarm", "DTSTART:20240701T080000Z", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VEVENT", good),
			"Alarm|Good", 8, []string{"no END:VALARM"}},
		{"stray end", ics("END:VTODO", good), "Good", 4, []string{"END:VTODO", "closes no open component"}},
		{"misspelt event begin", ics("BEGIN:VEVNT", "UID:v", "SUMMARY:Begin", "DTSTART:20240701T070000Z", "END:VEVENT", good),
			"Begin|Good", 4, []string{"BEGIN:VEVNT", "BEGIN:VEVENT"}},
		{"unknown component", ics("BEGIN:VAPPOINTMENT", "UID:u", "DTSTART:20240701T070000Z", "END:VAPPOINTMENT", good,
			"BEGIN:VAPPOINTMENT", "UID:v", "END:VAPPOINTMENT"),
			"Good", 4, []string{"BEGIN:VAPPOINTMENT", "skipped"}},
		{"end of another kind", ics("BEGIN:VEVENT", "UID:x", "SUMMARY:Bad end", "DTSTART:20240701T070000Z", "END:VTODO", "END:VEVENT", good),
			"Bad end|Good", 8, []string{"END:VTODO", "line ignored"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := mustParse(t, c.feed)
			got := summaries(t, f, "2024-07-01", "2024-07-02")
			if strings.Join(got, "|") != c.want {
				t.Errorf("kept %v, want %s", got, c.want)
			}
			if !lineWarning(f.Warnings, c.line, c.words...) {
				t.Errorf("warnings %v, want one at line %d with %q", f.Warnings, c.line, c.words)
			}
		})
	}
}

// A VCALENDAR inside a VCALENDAR is read as a calendar of its own: its
// events are kept, its X-WR-TIMEZONE applies to its floating times only,
// and the outer calendar's events after it are kept too.
func TestNestedCalendar(t *testing.T) {
	inner := strings.TrimSuffix(ics("X-WR-TIMEZONE:America/New_York", vevent("UID:i", "SUMMARY:Inner", "DTSTART:20240701T090000")), "\r\n")
	feed := ics("X-WR-TIMEZONE:Europe/Stockholm",
		vevent("UID:a", "SUMMARY:Before", "DTSTART:20240701T090000"),
		inner,
		vevent("UID:b", "SUMMARY:After", "DTSTART:20240701T100000"))
	got, warns := expandText(t, feed, "2024-07-01", "2024-07-02", "UTC")
	want := "2024-07-01T07:00:00Z 2024-07-01T07:00:00Z Before|2024-07-01T08:00:00Z 2024-07-01T08:00:00Z After|2024-07-01T13:00:00Z 2024-07-01T13:00:00Z Inner"
	if strings.Join(got, "|") != want || len(warns) != 0 {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// Several copies of one UID without RECURRENCE-ID are versions of one
// event (RFC 5545 §3.8.7.4): the highest SEQUENCE wins, then the latest
// DTSTAMP, then LAST-MODIFIED. The older copies go, and so do the
// overrides of instances the newest copy no longer has (excluded, or past
// its UNTIL); an override of an instance it still has stays, whatever its
// SEQUENCE (as python-recurring-ical-events reads such feeds).
func TestSeveralCopiesOfOneUID(t *testing.T) {
	old := vevent("UID:111", "SEQUENCE:1", "DTSTART;VALUE=DATE:20240701", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:old")
	newer := vevent("UID:111", "SEQUENCE:2", "DTSTART;VALUE=DATE:20240701", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;VALUE=DATE:20240708", "SUMMARY:new")
	moved := func(seq, recurID, start string) string {
		return vevent("UID:111", "SEQUENCE:"+seq, "RECURRENCE-ID;VALUE=DATE:"+recurID, "DTSTART;VALUE=DATE:"+start, "SUMMARY:moved")
	}
	want := "2024-07-01 2024-07-02 new|2024-07-15 2024-07-16 new"
	cases := []struct {
		name string
		body []string
		want string
	}{
		{"newer last", []string{old, newer}, want},
		{"newer first", []string{newer, old}, want},
		{"override of an excluded instance goes", []string{old, moved("1", "20240708", "20240709"), newer}, want},
		{"override past the new end goes", []string{old, moved("1", "20240722", "20240710"), strings.Replace(newer, "COUNT=3", "COUNT=2", 1)},
			"2024-07-01 2024-07-02 new"},
		{"override of a kept instance stays", []string{old, moved("1", "20240715", "20240716"), newer},
			"2024-07-01 2024-07-02 new|2024-07-16 2024-07-17 moved"},
		{"newer override stays", []string{old, newer, moved("3", "20240715", "20240716")},
			"2024-07-01 2024-07-02 new|2024-07-16 2024-07-17 moved"},
		{"timed series", []string{
			vevent("UID:t", "SEQUENCE:1", "DTSTART;TZID=Europe/Berlin:20240701T090000", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:old"),
			vevent("UID:t", "SEQUENCE:2", "DTSTART;TZID=Europe/Berlin:20240701T090000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20240702", "SUMMARY:new"),
			vevent("UID:t", "RECURRENCE-ID:20240702T070000Z", "DTSTART:20240702T120000Z", "SUMMARY:gone"),
			vevent("UID:t", "RECURRENCE-ID;TZID=Europe/Berlin:20240703T090000", "DTSTART:20240703T120000Z", "SUMMARY:kept"),
		}, "2024-07-01T07:00:00Z 2024-07-01T07:00:00Z new|2024-07-03T12:00:00Z 2024-07-03T12:00:00Z kept"},
		{"dtstamp decides", []string{
			vevent("UID:s", "DTSTAMP:20240601T100000Z", "DTSTART:20240701T090000Z", "SUMMARY:later stamp"),
			vevent("UID:s", "DTSTAMP:20240501T100000Z", "DTSTART:20240701T080000Z", "SUMMARY:earlier stamp"),
		}, "2024-07-01T09:00:00Z 2024-07-01T09:00:00Z later stamp"},
		{"last-modified decides", []string{
			vevent("UID:s", "LAST-MODIFIED:20240501T100000Z", "DTSTART:20240701T080000Z", "SUMMARY:earlier"),
			vevent("UID:s", "LAST-MODIFIED:20240601T100000Z", "DTSTART:20240701T090000Z", "SUMMARY:later"),
		}, "2024-07-01T09:00:00Z 2024-07-01T09:00:00Z later"},
		{"identical copies once", []string{
			vevent("UID:d", "DTSTART:20240701T080000Z", "SUMMARY:twice"), vevent("UID:d", "DTSTART:20240701T080000Z", "SUMMARY:twice"),
		}, "2024-07-01T08:00:00Z 2024-07-01T08:00:00Z twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, warns := expandText(t, ics(c.body...), "2024-07-01", "2024-08-01", "UTC")
			if strings.Join(got, "|") != c.want || len(warns) != 0 {
				t.Errorf("got %v, warnings %v\nwant %s", got, warns, c.want)
			}
		})
	}
}

// Two events that share a UID by mistake, with nothing to tell which is
// newer, are both shown, with a warning naming the UID.
func TestSharedUIDWithoutVersion(t *testing.T) {
	got, warns := expandText(t, ics(
		vevent("UID:same", "DTSTAMP:20240601T000000Z", "DTSTART:20240701T080000Z", "SUMMARY:Early shift"),
		vevent("UID:same", "DTSTAMP:20240601T000000Z", "DTSTART:20240702T080000Z", "SUMMARY:Late shift"),
	), "2024-07-01", "2024-07-03", "UTC")
	if len(got) != 2 || len(warns) != 1 || !strings.Contains(warns[0].String(), `UID "same" is shared`) || warns[0].Line != 10 {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// The same override (UID and RECURRENCE-ID) twice is one instance: the
// higher SEQUENCE, then the later DTSTAMP, wins (RFC 5545 §3.8.4.4,
// §3.8.7.4), whatever form the RECURRENCE-ID is written in.
func TestSameOverrideTwice(t *testing.T) {
	series := vevent("UID:w", "DTSTART;TZID=Europe/Stockholm:20240701T090000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:Shift")
	cases := []struct {
		name string
		a, b string
		want string
	}{
		{"sequence", vevent("UID:w", "SEQUENCE:3", "RECURRENCE-ID;TZID=Europe/Stockholm:20240702T090000", "DTSTART:20240702T100000Z", "DURATION:PT1H", "SUMMARY:Moved 3"),
			vevent("UID:w", "SEQUENCE:2", "RECURRENCE-ID;TZID=Europe/Stockholm:20240702T090000", "DTSTART:20240702T110000Z", "DURATION:PT1H", "SUMMARY:Moved 2"),
			"2024-07-02T10:00:00Z 2024-07-02T11:00:00Z Moved 3"},
		{"dtstamp, other zone form", vevent("UID:w", "DTSTAMP:20240620T000000Z", "RECURRENCE-ID:20240702T070000Z", "DTSTART:20240702T100000Z", "DURATION:PT1H", "SUMMARY:Later"),
			vevent("UID:w", "DTSTAMP:20240610T000000Z", "RECURRENCE-ID;TZID=Europe/Stockholm:20240702T090000", "DTSTART:20240702T110000Z", "DURATION:PT1H", "SUMMARY:Earlier"),
			"2024-07-02T10:00:00Z 2024-07-02T11:00:00Z Later"},
		{"identical", vevent("UID:w", "RECURRENCE-ID;TZID=Europe/Stockholm:20240702T090000", "DTSTART:20240702T100000Z", "DURATION:PT1H", "SUMMARY:Same"),
			vevent("UID:w", "RECURRENCE-ID;TZID=Europe/Stockholm:20240702T090000", "DTSTART:20240702T100000Z", "DURATION:PT1H", "SUMMARY:Same"),
			"2024-07-02T10:00:00Z 2024-07-02T11:00:00Z Same"},
	}
	for _, c := range cases {
		for _, order := range [][]string{{c.a, c.b}, {c.b, c.a}} {
			t.Run(c.name, func(t *testing.T) {
				got, warns := expandText(t, ics(append([]string{series}, order...)...), "2024-07-02", "2024-07-03", "UTC")
				if strings.Join(got, "|") != c.want || len(warns) != 0 {
					t.Errorf("got %v, warnings %v", got, warns)
				}
			})
		}
	}
}

// A feed's VTIMEZONE named "Europe/lisbon" with CET rules is CET, wherever
// it stands in the feed, and the overrides in that zone still replace
// their instances (RFC 5545 §3.6.5, §3.8.4.4).
func TestOwnVTimezoneBeatsCaseFoldedIANA(t *testing.T) {
	vtz := []string{"BEGIN:VTIMEZONE", "TZID:Europe/lisbon",
		"BEGIN:STANDARD", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
		"END:VTIMEZONE"}
	events := []string{
		vevent("UID:l", "SUMMARY:Shift", "DTSTART;TZID=Europe/lisbon:20240701T090000", "DTEND;TZID=Europe/lisbon:20240701T170000", "RRULE:FREQ=DAILY;COUNT=3"),
		vevent("UID:l", "SUMMARY:Moved", "RECURRENCE-ID;TZID=Europe/lisbon:20240702T090000", "DTSTART;TZID=Europe/lisbon:20240702T100000", "DTEND;TZID=Europe/lisbon:20240702T180000"),
	}
	want := "2024-07-01T07:00:00Z 2024-07-01T15:00:00Z Shift|2024-07-02T08:00:00Z 2024-07-02T16:00:00Z Moved|2024-07-03T07:00:00Z 2024-07-03T15:00:00Z Shift"
	for name, body := range map[string][]string{"zone first": append(vtz, events...), "zone last": append(events, vtz...)} {
		got, warns := expandText(t, ics(body...), "2024-07-01", "2024-07-04", "UTC")
		if strings.Join(got, "|") != want || len(warns) != 0 {
			t.Errorf("%s: got %v, warnings %v", name, got, warns)
		}
	}
}

// EXDATE and RECURRENCE-ID name an instance in any form (RFC 5545
// §3.8.5.1, §3.8.4.4): in another zone, in UTC, as a DATE (the whole day),
// floating on a zoned series (a wall clock in the series' zone, as
// python-recurring-ical-events reads it), and a cancelled override removes
// its instance.
func TestInstanceNamedInAnyForm(t *testing.T) {
	series := func(extra ...string) string {
		return vevent(append([]string{"UID:s", "SUMMARY:S", "DTSTART;TZID=Europe/Berlin:20240701T090000",
			"DTEND;TZID=Europe/Berlin:20240701T100000", "RRULE:FREQ=DAILY;COUNT=3"}, extra...)...)
	}
	moved := func(recurID ...string) string {
		return vevent(append(recurID, "UID:s", "SUMMARY:M", "DTSTART:20240702T120000Z", "DURATION:PT1H")...)
	}
	without2 := "2024-07-01T07:00:00Z 2024-07-01T08:00:00Z S|2024-07-03T07:00:00Z 2024-07-03T08:00:00Z S"
	with2 := "2024-07-01T07:00:00Z 2024-07-01T08:00:00Z S|2024-07-02T12:00:00Z 2024-07-02T13:00:00Z M|2024-07-03T07:00:00Z 2024-07-03T08:00:00Z S"
	cases := []struct{ name, feed, want string }{
		{"exdate other zone", ics(series("EXDATE;TZID=America/New_York:20240702T030000")), without2},
		{"exdate utc", ics(series("EXDATE:20240702T070000Z")), without2},
		{"exdate date", ics(series("EXDATE;VALUE=DATE:20240702")), without2},
		{"exdate floating", ics(series("EXDATE:20240702T090000")), without2},
		{"recurid other zone", ics(series(), moved("RECURRENCE-ID;TZID=America/New_York:20240702T030000")), with2},
		{"recurid utc", ics(series(), moved("RECURRENCE-ID:20240702T070000Z")), with2},
		{"recurid date", ics(series(), moved("RECURRENCE-ID;VALUE=DATE:20240702")), with2},
		{"recurid floating", ics(series(), moved("RECURRENCE-ID:20240702T090000")), with2},
		{"override first", ics(moved("RECURRENCE-ID:20240702T070000Z"), series()), with2},
		{"cancelled override", ics(series(), vevent("UID:s", "STATUS:CANCELLED", "RECURRENCE-ID;TZID=Europe/Berlin:20240702T090000",
			"DTSTART;TZID=Europe/Berlin:20240702T090000")), without2},
	}
	for _, c := range cases {
		// The agent's zone differs from the series' so that a floating
		// value read in it would miss.
		got, warns := expandText(t, c.feed, "2024-07-01", "2024-07-04", "UTC")
		if strings.Join(got, "|") != c.want || len(warns) != 0 {
			t.Errorf("%s: got %v, warnings %v", c.name, got, warns)
		}
	}
}

// Line ends: CRLF, bare LF and a mix of both in one feed, and a feed with
// only bare CRs (old Mac tools) all read the same (RFC 5545 §3.1 wants
// CRLF; none of the events may be lost for it).
func TestLineEnds(t *testing.T) {
	feed := ics(vevent("UID:a", "SUMMARY:A", "DTSTART:20240701T090000Z", "DESCRIPTION:folded", "  text"),
		vevent("UID:b", "SUMMARY:B", "DTSTART:20240701T100000Z"))
	for name, body := range map[string]string{
		"crlf":    feed,
		"lf":      strings.ReplaceAll(feed, "\r\n", "\n"),
		"mixed":   strings.Replace(feed, "\r\nUID:b", "\nUID:b", 1),
		"cr only": strings.ReplaceAll(feed, "\r\n", "\r"),
	} {
		f := mustParse(t, body)
		a, b, loc := window(t, "2024-07-01", "2024-07-02", "UTC")
		occ, _ := f.Expand(a, b, ExpandOptions{Zone: loc})
		if len(occ) != 2 || occ[0].Description != "folded text" || occ[1].Summary != "B" || len(f.Warnings) != 0 {
			t.Errorf("%s: %+v, warnings %v", name, occ, f.Warnings)
		}
	}
}

// An override older than its one series (lower SEQUENCE) for an instance
// the series no longer has (its UNTIL moved before it) is not shown; an
// older override of an instance the series still has is.
func TestOlderOverrideOfAGoneInstance(t *testing.T) {
	feed := ics(
		vevent("UID:111", "SEQUENCE:1", "RECURRENCE-ID;VALUE=DATE:20240729", "DTSTART;VALUE=DATE:20240729", "DTEND;VALUE=DATE:20240804",
			"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "SUMMARY:old split"),
		vevent("UID:111", "SEQUENCE:1", "RECURRENCE-ID;VALUE=DATE:20240715", "DTSTART;VALUE=DATE:20240716", "DTEND;VALUE=DATE:20240717", "SUMMARY:moved"),
		vevent("UID:111", "SEQUENCE:2", "DTSTART;VALUE=DATE:20240701", "DTEND;VALUE=DATE:20240708", "RRULE:FREQ=WEEKLY;UNTIL=20240720;INTERVAL=2;BYDAY=MO", "SUMMARY:series"),
	)
	got, warns := expandText(t, feed, "2024-07-01", "2024-09-01", "UTC")
	if strings.Join(got, "|") != "2024-07-01 2024-07-08 series|2024-07-16 2024-07-17 moved" || len(warns) != 0 {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// Byte order marks: a UTF-8 BOM before a second VCALENDAR (two files
// concatenated) and a UTF-16 feed with its BOM (saved so by Windows
// tools; RFC 5545 §3.1.4 wants UTF-8) lose no event.
func TestByteOrderMarks(t *testing.T) {
	one := ics(vevent("UID:a", "SUMMARY:Früh", "DTSTART:20240701T090000Z"))
	two := ics(vevent("UID:b", "SUMMARY:Spät", "DTSTART:20240701T150000Z"))
	toUTF16 := func(s string, big bool) string {
		var b []byte
		if big {
			b = append(b, 0xfe, 0xff)
		} else {
			b = append(b, 0xff, 0xfe)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if big {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return string(b)
	}
	for name, feed := range map[string]string{
		"bom twice": "\ufeff" + one + "\ufeff" + two,
		"utf-16le":  toUTF16(one+two, false),
		"utf-16be":  toUTF16(one+two, true),
	} {
		f := mustParse(t, feed)
		if got := summaries(t, f, "2024-07-01", "2024-07-02"); strings.Join(got, "|") != "Früh|Spät" || len(f.Warnings) != 0 {
			t.Errorf("%s: got %v, warnings %v", name, got, f.Warnings)
		}
	}
}

// An event whose TZID is a plain UTC offset ("UTC+02:00") is placed at
// that offset, not skipped as in an unknown zone.
func TestTZIDFixedOffset(t *testing.T) {
	got, warns := expandText(t, ics(vevent("UID:a", "SUMMARY:Shift", `DTSTART;TZID="UTC+02:00":20240701T090000`, "DTEND;TZID=GMT+0200:20240701T170000")),
		"2024-07-01", "2024-07-02", "UTC")
	if strings.Join(got, "|") != "2024-07-01T07:00:00Z 2024-07-01T15:00:00Z Shift" || len(warns) != 0 {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// Unknown components are warned about once per name, not once each.
func TestUnknownComponentsWarnedOnce(t *testing.T) {
	var body []string
	for range 50 {
		body = append(body, "BEGIN:VAPPOINTMENT", "UID:u", "END:VAPPOINTMENT")
	}
	f := mustParse(t, ics(append(body, "BEGIN:X-ACME", "END:X-ACME", vevent("UID:g", "SUMMARY:Good", "DTSTART:20240701T090000Z"))...))
	if len(f.Warnings) != 1 || f.Warnings[0].Line != 4 || f.EventCount() != 1 {
		t.Errorf("warnings %v, events %d", f.Warnings, f.EventCount())
	}
}
