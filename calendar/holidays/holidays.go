// Package holidays says on which days a customer region is closed: the
// public holidays of its country (and subdivision) from the offline
// library github.com/rickar/cal/v2 (LibraryVersion), the days of an
// iCalendar holiday feed the agent subscribes for the region (all-day
// VEVENTs, RFC 5545 §3.6.1 with DTSTART;VALUE=DATE, §3.3.4), and the
// region's own closed dates. It does no I/O: feeds come in parsed.
//
// Dates are calendar dates in the region's own zone: a holiday closes the
// region from its local midnight to the next.
package holidays

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// Source says where a holiday comes from.
type Source string

// The sources of holidays.
const (
	SourceLibrary Source = "library" // github.com/rickar/cal/v2
	SourceFeed    Source = "feed"    // the region's iCalendar holiday feed
	SourceRegion  Source = "region"  // the region's own closed dates
)

// Holiday is one day a region is closed.
type Holiday struct {
	Date calendar.Date
	// Name is the holiday's name as its source gives it ("Labor
	// Thanksgiving Day", "Julafton"); the region's own closed dates may
	// have none.
	Name   string
	Source Source
	// Observed is true for a day the holiday is moved to (a substitute
	// holiday, e.g. a Sunday holiday observed on Monday).
	Observed bool
}

// UnknownError is a country or subdivision the library has no holidays
// for.
type UnknownError struct {
	Country, Subdivision string
}

// Error names the code and the known ones.
func (e *UnknownError) Error() string {
	if e.Subdivision != "" {
		return fmt.Sprintf("holidays: no holidays known for subdivision %q of %s (known: %s)",
			e.Subdivision, e.Country, strings.Join(Subdivisions(e.Country), ", "))
	}
	return fmt.Sprintf("holidays: no holidays known for country %q (an ISO 3166 code; known: %s)",
		e.Country, strings.Join(Countries(), ", "))
}

// Check reports whether the library knows country (ISO 3166-1 alpha-2,
// upper case) and subdivision; "" for both is fine (no holidays), a
// subdivision without a country is not.
func Check(country, subdivision string) error {
	if country == "" {
		if subdivision != "" {
			return fmt.Errorf("holidays: subdivision %q given without a country", subdivision)
		}
		return nil
	}
	_, err := rules(country, subdivision)
	return err
}

// Calendar is the days off of one region.
type Calendar struct {
	rules []*cal.Holiday
	extra map[calendar.Date]Holiday
}

// ForRegion returns r's days off: its country's public holidays, its
// ClosedDates, and feed (the days of its holiday feed, nil when none).
// On a day with several, the region's own closed date wins, then the
// library's holiday, then the feed's.
func ForRegion(r calendar.Region, feed []Holiday) (*Calendar, error) {
	c := &Calendar{extra: map[calendar.Date]Holiday{}}
	if r.Country != "" {
		rs, err := rules(r.Country, r.Subdivision)
		if err != nil {
			return nil, fmt.Errorf("holidays: region %q: %w", r.Name, err)
		}
		c.rules = rs
	}
	for _, h := range feed {
		if _, dup := c.extra[h.Date]; !dup {
			h.Source = SourceFeed
			c.extra[h.Date] = h
		}
	}
	for _, d := range r.ClosedDates {
		c.extra[d.Date] = Holiday{Date: d.Date, Name: d.Name, Source: SourceRegion}
	}
	return c, nil
}

// Between returns the days off from from up to but not including to,
// sorted by date, one per day.
func (c *Calendar) Between(from, to calendar.Date) []Holiday {
	if c == nil {
		return nil
	}
	start, end := from.In(time.UTC), to.In(time.UTC)
	in := func(d calendar.Date) bool {
		t := d.In(time.UTC)
		return !t.Before(start) && t.Before(end)
	}
	days := map[calendar.Date]Holiday{}
	for _, h := range c.extra {
		if in(h.Date) && h.Source == SourceFeed {
			days[h.Date] = h
		}
	}
	// A holiday observed on another day can cross a year boundary (New
	// Year's Day observed on 31 Dec): look one year around.
	for y := from.Year - 1; y <= to.Year+1; y++ {
		for _, h := range c.rules {
			actual, observed := h.Calc(y)
			if actual.IsZero() {
				continue
			}
			if d := calendar.DateOf(actual); in(d) {
				days[d] = Holiday{Date: d, Name: h.Name, Source: SourceLibrary}
			}
			if d := calendar.DateOf(observed); !observed.Equal(actual) && in(d) {
				if _, taken := days[d]; !taken {
					days[d] = Holiday{Date: d, Name: h.Name, Source: SourceLibrary, Observed: true}
				}
			}
		}
	}
	for _, h := range c.extra {
		if in(h.Date) && h.Source == SourceRegion {
			days[h.Date] = h
		}
	}
	out := make([]Holiday, 0, len(days))
	for _, h := range days {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.In(time.UTC).Before(out[j].Date.In(time.UTC)) })
	return out
}

// On returns the day off on d, if d is one.
func (c *Calendar) On(d calendar.Date) (Holiday, bool) {
	hs := c.Between(d, d.AddDays(1))
	if len(hs) == 0 {
		return Holiday{}, false
	}
	return hs[0], true
}
