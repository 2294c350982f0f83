package calendar

// CONTRACT STUB — the engine replaces the bodies; the signatures are shared
// by app/, calendar/availability and calendar/export. Keep them.

import (
	"errors"
	"io"
	"time"
)

// DefaultMaxBytes is the feed size limit used when ParseOptions.MaxBytes is 0.
const DefaultMaxBytes = 32 << 20

// Whole-feed failures. A *FeedError matches one of these with errors.Is.
var (
	ErrNotCalendar = errors.New("calendar: not an iCalendar feed")
	ErrTruncated   = errors.New("calendar: feed is truncated")
	ErrTooLarge    = errors.New("calendar: feed is too large")
	ErrMalformed   = errors.New("calendar: feed cannot be parsed")
)

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
}

// EventCount is the number of usable events (series count once).
func (f *Feed) EventCount() int { return 0 }

// Parse reads one feed (one or more VCALENDARs) from r.
func Parse(r io.Reader, opts ParseOptions) (*Feed, error) {
	return nil, errors.New("calendar: not implemented")
}

// ExpandOptions tunes Feed.Expand.
type ExpandOptions struct {
	// Zone is the agent's zone: floating times without X-WR-TIMEZONE are
	// read in it, and all-day dates get their Start/End in it. nil = Local.
	Zone *time.Location
	// Rules are the user's keyword rules, tried before the built-in ones.
	Rules []KindRule
}

// Expand returns the occurrences with start < to and end > from, sorted by
// (Start, Summary), cancelled ones left out, plus warnings for what was cut.
func (f *Feed) Expand(from, to time.Time, opts ExpandOptions) ([]Occurrence, []Warning) {
	return nil, nil
}
