package feeds

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// icsOf is a calendar of the given VEVENT bodies (lines without
// BEGIN/END:VEVENT).
func icsOf(events ...[]string) []byte {
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"}
	for _, ev := range events {
		lines = append(lines, "BEGIN:VEVENT", "DTSTAMP:20261001T000000Z")
		lines = append(lines, ev...)
		lines = append(lines, "END:VEVENT")
	}
	return []byte(strings.Join(append(lines, "END:VCALENDAR", ""), "\r\n"))
}

// addFileFeed subscribes to a local file holding body and syncs it.
func addFileFeed(t *testing.T, r *rig, name string, body []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".ics")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := r.m.Add(NewFeed{URL: path, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
		t.Fatalf("sync %s: %v", name, res)
	}
	return f.ID
}

// The agent's feeds and feed files read outside the Manager (the command
// line's --feed files, the window's demo) go through one expansion:
// Manager.Occurrences gives exactly what Expand gives for the same parsed
// feeds, and both treat an Outlook out-of-office block in one feed lying
// inside a shift of another as a break (alone, it is time off).
func TestOccurrencesAreExpandOfTheCopies(t *testing.T) {
	r := newRig(t)
	shift := icsOf([]string{"UID:s1", "SUMMARY:Support shift", "DTSTART:20261019T080000Z", "DTEND:20261019T160000Z"})
	away := icsOf([]string{"UID:a1", "SUMMARY:Away", "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
		"DTSTART:20261019T130000Z", "DTEND:20261019T133000Z"},
		[]string{"UID:a2", "SUMMARY:Dentist", "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
			"DTSTART:20261019T170000Z", "DTEND:20261019T180000Z"})
	addFileFeed(t, r, "Rota", shift)
	outlookID := addFileFeed(t, r, "Outlook", away)
	from, to := start.Add(-8*time.Hour), start.Add(16*time.Hour)
	opts := calendar.ExpandOptions{Zone: time.UTC}

	got, warns := r.m.Occurrences(from, to, opts)
	if len(warns) != 0 {
		t.Fatalf("warnings %v", warns)
	}
	kinds := map[string]calendar.Kind{}
	for _, o := range got {
		kinds[o.Source+"/"+o.Summary] = o.Kind
	}
	want := map[string]calendar.Kind{"Rota/Support shift": calendar.KindShift,
		"Outlook/Away": calendar.KindBreak, "Outlook/Dentist": calendar.KindTimeOff}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}

	var parsed []*calendar.Feed
	for _, body := range []struct {
		name string
		ics  []byte
	}{{"Rota", shift}, {"Outlook", away}} {
		p, err := calendar.Parse(bytes.NewReader(body.ics), calendar.ParseOptions{Source: body.name})
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, p)
	}
	direct, _ := Expand(parsed, from, to, opts)
	if !reflect.DeepEqual(direct, got) {
		t.Fatalf("Expand gives\n%+v\nthe Manager\n%+v", direct, got)
	}
	alone, _ := Expand(parsed[1:], from, to, opts)
	if len(alone) != 2 || alone[0].Kind != calendar.KindTimeOff {
		t.Fatalf("the OOF block alone: %+v", alone)
	}

	// A renamed feed's occurrences carry its new name at once.
	if err := r.m.Rename(outlookID, "Mail"); err != nil {
		t.Fatal(err)
	}
	got, _ = r.m.Occurrences(from, to, opts)
	for _, o := range got {
		if o.Summary == "Away" && o.Source != "Mail" {
			t.Errorf("after a rename, Away comes from %q", o.Source)
		}
	}
	if occ, w := Expand(nil, from, to, opts); occ != nil || w != nil {
		t.Errorf("no feeds: %v %v", occ, w)
	}
}
