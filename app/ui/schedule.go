package ui

import (
	"bytes"
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/assets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// FeedSchedule is a Schedule over parsed feeds, such as the embedded demo.
type FeedSchedule struct {
	Feeds []*calendar.Feed
	// Rules gives the agent's keyword rules at the time of reading, tried
	// before the built-in ones; nil means none.
	Rules func() []calendar.KindRule
}

// Occurrences expands every feed in [from, to) through the sync layer's
// one expansion path (feeds.Expand: merged by start, then summary), the
// one the agent's own feeds go through.
func (s FeedSchedule) Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	opts := calendar.ExpandOptions{Zone: zone}
	if s.Rules != nil {
		opts.Rules = s.Rules()
	}
	occs, _ := feeds.Expand(s.Feeds, from, to, opts)
	return occs, nil
}

// DemoSchedule parses the embedded demo week (assets/demo.ics).
func DemoSchedule() (FeedSchedule, error) {
	f, err := calendar.Parse(bytes.NewReader(assets.DemoFeed), calendar.ParseOptions{Source: "Demo"})
	if err != nil {
		return FeedSchedule{}, fmt.Errorf("ui: demo schedule: %w", err)
	}
	return FeedSchedule{Feeds: []*calendar.Feed{f}}, nil
}
