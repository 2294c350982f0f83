package app

import (
	"bytes"
	"encoding/json"
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
