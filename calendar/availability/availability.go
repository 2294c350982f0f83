// Package availability computes when an agent can be reached: the union of
// their shift intervals minus the activities that block them (breaks,
// lunch, meetings, training, time off by default), over a range, optionally
// restricted to the business hours of customer regions.
//
// All arithmetic is on instants, so a night shift across midnight or a DST
// change keeps its real length; calendar days (all-day time off, business
// days, the range) are taken in the zone they belong to.
package availability

import (
	"errors"
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// DefaultMinWindow is the shortest window kept when Options.MinWindow is 0.
const DefaultMinWindow = 15 * time.Minute

// DefaultBlocking returns the kinds that make an agent unavailable inside a
// shift when Options.Blocking is nil: break, lunch, meeting, training and
// time off.
func DefaultBlocking() []calendar.Kind {
	return []calendar.Kind{calendar.KindBreak, calendar.KindLunch, calendar.KindMeeting,
		calendar.KindTraining, calendar.KindTimeOff}
}

// Options tunes Compute.
type Options struct {
	// Zone is the agent's zone: all-day occurrences (time off) cover whole
	// days in it. nil means time.Local.
	Zone *time.Location
	// Blocking lists the kinds subtracted from shifts. nil means
	// DefaultBlocking(); an empty non-nil slice blocks nothing.
	Blocking []calendar.Kind
	// MinWindow drops windows shorter than it, after merging. 0 means
	// DefaultMinWindow; a negative value keeps every window.
	MinWindow time.Duration
	// Regions, when not empty, restricts availability to the union of
	// these regions' business hours ("available to Japan customers").
	Regions []calendar.Region
	// Holidays are the days off of regions, by region name. A region
	// missing here is closed on its country's public holidays and its own
	// closed dates (holidays.ForRegion without a feed).
	Holidays map[string]*holidays.Calendar
}

// ErrEmptyRange is returned by Compute when to is not after from.
var ErrEmptyRange = errors.New("availability: empty range")

// Compute returns the agent's available windows within [from, to): shift
// time minus blocking activities, clipped to the range, restricted to the
// regions' business hours if any, with touching windows merged and windows
// shorter than the minimum dropped. Windows are sorted and disjoint; their
// Start and End are in opts.Zone.
//
// Timed occurrences count by their instants. All-day occurrences of a
// blocking kind block the whole days StartDate..EndDate (exclusive) in the
// agent's zone; all-day shifts carry no hours and are ignored.
func Compute(occs []calendar.Occurrence, from, to time.Time, opts Options) ([]Interval, error) {
	if !to.After(from) {
		return nil, fmt.Errorf("%w: %s is not after %s", ErrEmptyRange, to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	zone := opts.Zone
	if zone == nil {
		zone = time.Local
	}
	blocking := opts.Blocking
	if blocking == nil {
		blocking = DefaultBlocking()
	}
	blocks := make(map[calendar.Kind]bool, len(blocking))
	for _, k := range blocking {
		blocks[k] = true
	}

	var shifts, blocked []Interval
	for _, o := range occs {
		var iv Interval
		if o.AllDay {
			iv = Interval{o.StartDate.In(zone), o.EndDate.In(zone)}
		} else {
			iv = Interval{o.Start, o.End}
		}
		switch {
		case blocks[o.Kind]:
			blocked = append(blocked, iv)
		case o.Kind == calendar.KindShift && !o.AllDay:
			shifts = append(shifts, iv)
		}
	}
	avail := Subtract(shifts, blocked)
	avail = Intersect(avail, []Interval{{from, to}})
	if len(opts.Regions) > 0 {
		var hours []Interval
		for _, r := range opts.Regions {
			h, err := OpenHours(r, opts.Holidays[r.Name], from, to)
			if err != nil {
				return nil, err
			}
			hours = append(hours, h...)
		}
		avail = Intersect(avail, hours)
	}
	minWin := opts.MinWindow
	if minWin == 0 {
		minWin = DefaultMinWindow
	}
	out := avail[:0]
	for _, iv := range avail {
		if iv.Duration() >= minWin {
			out = append(out, Interval{iv.Start.In(zone), iv.End.In(zone)})
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// BusinessHours returns region r's open hours that overlap [from, to), as
// intervals clipped to that range: on each open weekday (in the region's
// zone), Open to Close local time, except on the region's public holidays
// and closed dates (holidays.ForRegion). A Close of 24:00 ends at the next
// midnight. On a DST change day the hours are the real elapsed span
// between the two wall-clock times (a time in a spring-forward gap is
// read as the wall clock after it).
func BusinessHours(r calendar.Region, from, to time.Time) ([]Interval, error) {
	return OpenHours(r, nil, from, to)
}

// OpenHours is BusinessHours with the region's days off given as days
// (holidays.ForRegion with the region's holiday feed); nil days means
// holidays.ForRegion(r, nil).
func OpenHours(r calendar.Region, days *holidays.Calendar, from, to time.Time) ([]Interval, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("availability: %w", err)
	}
	if days == nil {
		var err error
		if days, err = holidays.ForRegion(r, nil); err != nil {
			return nil, fmt.Errorf("availability: %w", err)
		}
	}
	loc, err := r.Location()
	if err != nil {
		return nil, fmt.Errorf("availability: %w", err)
	}
	if !to.After(from) {
		return nil, nil
	}
	// Start a day early: hours of the previous local day can reach into
	// the range when the region's zone is behind the range's.
	first := calendar.DateOf(from.In(loc)).AddDays(-1)
	last := calendar.DateOf(to.In(loc))
	closed := map[calendar.Date]bool{}
	for _, h := range days.Between(first, last.AddDays(1)) {
		closed[h.Date] = true
	}
	var out []Interval
	for d := first; !dateAfter(d, last); d = d.AddDays(1) {
		day := d.In(loc)
		if !r.OpenOn(day.Weekday()) || closed[d] {
			continue
		}
		open := time.Date(d.Year, d.Month, d.Day, 0, int(r.Open), 0, 0, loc)
		closing := time.Date(d.Year, d.Month, d.Day, 0, int(r.Close), 0, 0, loc)
		out = append(out, Interval{open, closing})
	}
	return Intersect(out, []Interval{{from, to}}), nil
}

// RegionOverlap is the time of iv that falls in region r's business hours
// (0 on its holidays).
func RegionOverlap(iv Interval, r calendar.Region) (time.Duration, error) {
	return RegionOverlapWith(iv, r, nil)
}

// RegionOverlapWith is RegionOverlap with the region's days off given
// (see OpenHours).
func RegionOverlapWith(iv Interval, r calendar.Region, days *holidays.Calendar) (time.Duration, error) {
	hours, err := OpenHours(r, days, iv.Start, iv.End)
	if err != nil {
		return 0, err
	}
	return Overlap([]Interval{iv}, hours), nil
}

func dateAfter(a, b calendar.Date) bool {
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	if a.Month != b.Month {
		return a.Month > b.Month
	}
	return a.Day > b.Day
}
