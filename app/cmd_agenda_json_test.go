package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// TestAgendaJSONStreamMatchesEncoding checks that the streaming --json
// writer gives, byte for byte, what encoding/json gives for the same
// occurrences (one-space indent, no HTML escaping), also for text that
// needs escaping: quotes, backslashes, control characters, U+2028, invalid
// UTF-8, "<&>".
func TestAgendaJSONStreamMatchesEncoding(t *testing.T) {
	at := time.Date(2026, 10, 19, 6, 0, 0, 0, time.FixedZone("X", 7200))
	odd := "Shift \"A\" \\ <b>&amp;</b>\ttab\r\n\x01\x1f\b\f \u2028\u2029 é 😀 \xff\xfe end"
	occ := []calendar.Occurrence{
		{Summary: odd, Start: at, End: at.Add(8 * time.Hour), Kind: calendar.KindShift, UID: "u1", Location: odd, Source: "feed.ics"},
		{Summary: "Off", AllDay: true, StartDate: calendar.DateOf(at), EndDate: calendar.DateOf(at).AddDays(2), Kind: calendar.KindTimeOff, UID: "u2"},
		{Summary: "", Start: at, End: at, Kind: calendar.KindOther},
	}
	for _, list := range [][]calendar.Occurrence{occ, occ[:1], nil} {
		want := make([]agendaJSON, 0, len(list))
		for _, o := range list {
			j := agendaJSON{Summary: o.Summary, AllDay: o.AllDay, Kind: string(o.Kind), UID: o.UID, Location: o.Location, Feed: o.Source}
			if o.AllDay {
				j.Start, j.End = o.StartDate.String(), o.EndDate.String()
			} else {
				j.Start, j.End = o.Start.UTC().Format("2006-01-02T15:04:05Z"), o.End.UTC().Format("2006-01-02T15:04:05Z")
			}
			want = append(want, j)
		}
		var exp, got bytes.Buffer
		enc := json.NewEncoder(&exp)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(want); err != nil {
			t.Fatal(err)
		}
		if err := writeAgendaJSON(&got, list); err != nil {
			t.Fatal(err)
		}
		if got.String() != exp.String() {
			t.Errorf("%d occurrences: got\n%s\nwant\n%s", len(list), got.String(), exp.String())
		}
	}
}

// TestAgendaSurvivesHostileRules runs "agenda --json" on a feed with the
// rules of issue 12 that crashed (BYDAY=53MO, -6MO, -7MO, -53SU in a month
// or a February) or hung (a BYSETPOS a MINUTELY or SECONDLY period never
// reaches): exit 0, one warning per rule on stderr, the shift and each
// event's first occurrence on stdout.
func TestAgendaSurvivesHostileRules(t *testing.T) {
	hermetic(t)
	rules := []string{"FREQ=MONTHLY;BYDAY=53MO", "FREQ=MONTHLY;BYDAY=-6MO", "FREQ=MONTHLY;BYDAY=-7MO", "FREQ=MONTHLY;BYDAY=-53SU",
		"FREQ=YEARLY;BYMONTH=2;BYDAY=53MO", "FREQ=MINUTELY;BYSETPOS=2", "FREQ=SECONDLY;BYSETPOS=-366"}
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"}
	for i, r := range rules {
		lines = append(lines, "BEGIN:VEVENT", "UID:rule-"+string(rune('a'+i)), "SUMMARY:Rule", "DTSTART:20261020T060000Z", "DURATION:PT8H", "RRULE:"+r, "END:VEVENT")
	}
	lines = append(lines, "BEGIN:VEVENT", "UID:shift", "SUMMARY:Shift", "DTSTART:20261021T060000Z", "DURATION:PT8H", "END:VEVENT", "END:VCALENDAR", "")
	feed := filepath.Join(t.TempDir(), "hostile.ics")
	if err := os.WriteFile(feed, []byte(strings.Join(lines, "\r\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := mainForTest(t, Info{}, "agenda", "--json", "--from", "2026-10-01", "--to", "2027-04-01", "--zone", "UTC", feed)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var got []agendaJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(got) != len(rules)+1 || got[len(got)-1].UID != "shift" {
		t.Errorf("got %d occurrences, want %d ending with the shift: %+v", len(got), len(rules)+1, got)
	}
	if n := strings.Count(errOut, "never occurs"); n != len(rules) {
		t.Errorf("%d warnings, want %d:\n%s", n, len(rules), errOut)
	}
}
