package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgendaKeepsEventsAfterDamagedEnd: a misspelt END line (issue 12,
// item 8) costs no event: exit 0, both events printed, and the warning on
// stderr names the line.
func TestAgendaKeepsEventsAfterDamagedEnd(t *testing.T) {
	hermetic(t)
	feed := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN",
		"BEGIN:VTODO", "UID:t", "SUMMARY:Todo", "END:VTOOD",
		"BEGIN:VEVENT", "UID:a", "SUMMARY:Early shift", "DTSTART:20261020T060000Z", "DTEND:20261020T140000Z", "END:VEVENT",
		"BEGIN:VEVENT", "UID:b", "SUMMARY:Lunch", "DTSTART:20261020T100000Z", "DTEND:20261020T103000Z", "END:VEVENT",
		"END:VCALENDARD", ""}, "\r\n")
	path := filepath.Join(t.TempDir(), "damaged.ics")
	if err := os.WriteFile(path, []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := mainForTest(t, Info{}, "agenda", "--json", "--from", "2026-10-20", "--to", "2026-10-21", "--zone", "UTC", path)
	if code != 0 || !strings.Contains(out, `"Early shift"`) || !strings.Contains(out, `"Lunch"`) {
		t.Fatalf("exit %d, stdout %s", code, out)
	}
	for _, want := range []string{"damaged.ics: line 7: END:VTOOD", "line 20: END:VCALENDARD"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q does not contain %q", errOut, want)
		}
	}
}
