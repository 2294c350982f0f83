// Package calendar is Shiftdesk's domain: it turns raw iCalendar feeds
// (RFC 5545) into the occurrences an agent works by, inside a time window,
// in the agent's time zone, each classified as an activity kind.
//
// It imports no UI toolkit. The flow is Parse (bytes → Feed) then
// Feed.Expand (Feed + window → sorted []Occurrence).
package calendar

import (
	"fmt"
	"time"
)

// Kind is the activity an occurrence stands for.
type Kind string

// The activity kinds an occurrence can have.
const (
	KindShift    Kind = "shift"
	KindBreak    Kind = "break"
	KindLunch    Kind = "lunch"
	KindTimeOff  Kind = "time_off"
	KindMeeting  Kind = "meeting"
	KindTraining Kind = "training"
	KindOther    Kind = "other"
)

// Kinds lists every kind, in display order.
func Kinds() []Kind {
	return []Kind{KindShift, KindBreak, KindLunch, KindMeeting, KindTraining, KindTimeOff, KindOther}
}

// KindRule maps a keyword (matched case-insensitively as a word in SUMMARY
// or CATEGORIES) to a kind. User rules are tried before the built-in ones.
type KindRule struct {
	Keyword string `json:"keyword"`
	Kind    Kind   `json:"kind"`
}

// Date is a calendar date without a time or zone (an iCalendar DATE value).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Occurrence is one instance of an event inside an expansion window.
type Occurrence struct {
	UID         string
	Summary     string
	Location    string
	Description string
	Categories  []string
	Kind        Kind
	// Source names the feed the occurrence came from.
	Source string
	// AllDay occurrences are dates: StartDate and EndDate (exclusive) hold
	// them, and Start/End are midnight of those dates in the zone the feed
	// was expanded in, for timeline maths only.
	AllDay bool
	// oof: Kind comes from Outlook's OOF status alone (see Classify). It
	// sits in AllDay's padding, so that occurrences stay as small.
	oof                bool
	StartDate, EndDate Date
	// Start and End are instants for timed occurrences.
	Start, End time.Time
	// RecurrenceID is the original start of a recurring instance (zero for
	// a single event).
	RecurrenceID time.Time
	// Alarms are the event's own VALARMs; Shiftdesk uses them only for the
	// feeds the agent chose.
	Alarms []Alarm
}

// Duration is End − Start.
func (o Occurrence) Duration() time.Duration { return o.End.Sub(o.Start) }

// Warning is a per-event problem: the event is skipped (or cut), the rest of
// the feed stays.
type Warning struct {
	Feed    string
	UID     string
	Summary string
	Line    int // line in the feed where the event starts, 0 if unknown
	Reason  string
}

// String renders w on one line, naming the feed, event and reason.
func (w Warning) String() string {
	s := "calendar: "
	if w.Feed != "" {
		s += w.Feed + ": "
	}
	if w.UID != "" || w.Summary != "" {
		s += fmt.Sprintf("event %q (%s)", w.UID, w.Summary)
		if w.Line > 0 {
			s += fmt.Sprintf(" at line %d", w.Line)
		}
		s += ": "
	}
	return s + w.Reason
}
