package calendar

import (
	"time"
)

// DefaultMaxBytes is the feed size limit used when ParseOptions.MaxBytes is 0.
const DefaultMaxBytes = 32 << 20

// ParseOptions tunes Parse.
type ParseOptions struct {
	Source   string // feed name used in warnings and errors
	MaxBytes int64  // 0 means DefaultMaxBytes
}

// Feed is a parsed feed, ready to expand in any window.
type Feed struct {
	Source string
	// Name is X-WR-CALNAME, if any.
	Name string
	// RefreshInterval is the longer of REFRESH-INTERVAL and X-PUBLISHED-TTL
	// (0 when the feed names none).
	RefreshInterval time.Duration
	// Warnings are per-event problems found while parsing.
	Warnings []Warning

	// events are the usable events: single events, series masters (with
	// their overrides attached) and overrides whose series is missing.
	events []*event
	// series is how many of them recur (a hint for sizing).
	series int
}

// EventCount is the number of usable events (series count once).
func (f *Feed) EventCount() int { return len(f.events) }

// ExpandOptions tunes Feed.Expand.
type ExpandOptions struct {
	// Zone is the agent's zone: floating times without X-WR-TIMEZONE are
	// read in it, and all-day dates get their Start/End in it. nil = Local.
	Zone *time.Location
	// Rules are the user's keyword rules, tried before the built-in ones.
	Rules []KindRule
}
