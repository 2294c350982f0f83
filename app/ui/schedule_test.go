package ui

import (
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func parseFeed(t *testing.T, source, summary string) *calendar.Feed {
	t.Helper()
	ics := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
		"BEGIN:VEVENT", "UID:" + source + "@test", "DTSTAMP:20261101T000000Z",
		"DTSTART;TZID=Europe/Stockholm:20261123T090000", "DTEND;TZID=Europe/Stockholm:20261123T100000",
		"SUMMARY:" + summary, "END:VEVENT", "END:VCALENDAR", ""}, "\r\n")
	f, err := calendar.Parse(strings.NewReader(ics), calendar.ParseOptions{Source: source})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Occurrences of several feeds starting together come in the same order as
// the feeds manager gives them (start, then summary), whatever the order
// of the feeds, so the window does not reorder rows between demo and feeds.
func TestFeedScheduleMergesByStartThenSummary(t *testing.T) {
	s := FeedSchedule{Feeds: []*calendar.Feed{parseFeed(t, "B feed", "Team meeting"), parseFeed(t, "A feed", "Break")}}
	occs, err := s.Occurrences(at(2026, 11, 23, 0, 0), at(2026, 11, 24, 0, 0), stockholm)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occs {
		got = append(got, o.Summary)
	}
	if strings.Join(got, ",") != "Break,Team meeting" {
		t.Errorf("order %v, want [Break Team meeting]", got)
	}
}

// The demo goes through the agent's feeds' expansion (feeds.Expand): an
// Outlook out-of-office block of one feed inside another feed's shift is
// a break there too, and the current keyword rules apply.
func TestFeedScheduleExpandsLikeTheAgentsFeeds(t *testing.T) {
	oof, err := calendar.Parse(strings.NewReader(strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
		"BEGIN:VEVENT", "UID:away@test", "DTSTAMP:20261101T000000Z", "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
		"DTSTART;TZID=Europe/Stockholm:20261123T093000", "DTEND;TZID=Europe/Stockholm:20261123T094500",
		"SUMMARY:Away", "END:VEVENT", "END:VCALENDAR", ""}, "\r\n")), calendar.ParseOptions{Source: "Outlook"})
	if err != nil {
		t.Fatal(err)
	}
	rules := []calendar.KindRule{{Keyword: "queue", Kind: calendar.KindShift}}
	s := FeedSchedule{Feeds: []*calendar.Feed{parseFeed(t, "Rota", "APAC queue"), oof},
		Rules: func() []calendar.KindRule { return rules }}
	occs, err := s.Occurrences(at(2026, 11, 23, 0, 0), at(2026, 11, 24, 0, 0), stockholm)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occs {
		got = append(got, o.Summary+":"+string(o.Kind))
	}
	if strings.Join(got, ",") != "APAC queue:shift,Away:break" {
		t.Errorf("got %v, want the shift and the OOF block in it as a break", got)
	}
}
