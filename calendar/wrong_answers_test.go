package calendar

import (
	"strings"
	"testing"
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
