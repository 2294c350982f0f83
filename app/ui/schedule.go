package ui

import (
	"bytes"
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/assets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// FeedSchedule is a Schedule over parsed feeds, such as the embedded demo.
type FeedSchedule struct {
	Feeds []*calendar.Feed
	// Rules are the agent's keyword rules, tried before the built-in ones.
	Rules []calendar.KindRule
}

// Occurrences expands every feed in [from, to) and merges them by start,
// then summary (calendar.Merge), like the feeds manager does.
func (s FeedSchedule) Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	lists := make([][]calendar.Occurrence, 0, len(s.Feeds))
	for _, f := range s.Feeds {
		occs, _ := f.Expand(from, to, calendar.ExpandOptions{Zone: zone, Rules: s.Rules})
		lists = append(lists, occs)
	}
	return calendar.Merge(lists...), nil
}

// DemoSchedule parses the embedded demo week (assets/demo.ics).
func DemoSchedule() (FeedSchedule, error) {
	f, err := calendar.Parse(bytes.NewReader(assets.DemoFeed), calendar.ParseOptions{Source: "Demo"})
	if err != nil {
		return FeedSchedule{}, fmt.Errorf("ui: demo schedule: %w", err)
	}
	return FeedSchedule{Feeds: []*calendar.Feed{f}}, nil
}
