package holidays

import (
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// FromFeed returns the days off in a parsed holiday feed between from and
// to (exclusive): every day covered by an all-day event (RFC 5545
// §3.6.1: DTSTART;VALUE=DATE, the day itself when there is no DTEND or
// DURATION, else up to the exclusive end), named by its SUMMARY.
// Recurring holidays (RRULE FREQ=YEARLY) are expanded. Timed events are
// not days off and are left out.
func FromFeed(f *calendar.Feed, from, to calendar.Date) []Holiday {
	if f == nil {
		return nil
	}
	occs, _ := f.Expand(from.In(time.UTC), to.In(time.UTC), calendar.ExpandOptions{Zone: time.UTC})
	end := to.In(time.UTC)
	var out []Holiday
	for _, o := range occs {
		if !o.AllDay {
			continue
		}
		last := o.EndDate
		if !last.In(time.UTC).After(o.StartDate.In(time.UTC)) {
			last = o.StartDate.AddDays(1)
		}
		for d := o.StartDate; d.In(time.UTC).Before(last.In(time.UTC)); d = d.AddDays(1) {
			if !d.In(time.UTC).Before(from.In(time.UTC)) && d.In(time.UTC).Before(end) {
				out = append(out, Holiday{Date: d, Name: o.Summary, Source: SourceFeed})
			}
		}
	}
	return out
}
