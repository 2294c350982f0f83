// Package hours is the agent's own hours: a ledger per ISO week (or month)
// of scheduled work, overtime against the contract, night hours and time
// off, and the rest-period rules of the EU Working Time Directive
// (2003/88/EC: 11 h daily rest, art. 3; 24 h + 11 h weekly rest, art. 5;
// 48 h week, art. 6) checked on the schedule.
//
// All lengths are elapsed time between instants, so a night shift across
// the end of daylight saving time (22:00–06:00, 25-hour night) is 9 h of
// work and the spring night is 7 h. Periods (weeks, months, nights) are
// cut at local midnight in the agent's zone.
package hours

import (
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// Rules are the agent's settings for the ledger and the rest warnings.
type Rules struct {
	// Unpaid kinds are not work even inside a shift (default lunch).
	Unpaid []calendar.Kind
	// Contract is the contract time per week; 0 means none (no overtime).
	Contract time.Duration
	// NightStart and NightEnd are the night window as times of day after
	// local midnight (default 22:00 and 06:00). When NightStart is after
	// NightEnd the window crosses midnight. Equal means no night hours.
	NightStart, NightEnd time.Duration
	// DailyRest is the least rest between two working days (default 11 h).
	DailyRest time.Duration
	// WeeklyRest is the least continuous rest in every 7 days (default 35 h).
	WeeklyRest time.Duration
	// MaxWeek is the most work in an ISO week (default 48 h); 0 means none.
	MaxWeek time.Duration
}

// DefaultRules are the rules of a fresh install: lunch unpaid, no
// contract, nights 22:00–06:00, 11 h daily rest, 35 h weekly rest, 48 h
// week.
func DefaultRules() Rules {
	return Rules{
		Unpaid:     []calendar.Kind{calendar.KindLunch},
		NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour,
		DailyRest: 11 * time.Hour, WeeklyRest: 35 * time.Hour, MaxWeek: 48 * time.Hour,
	}
}

// WorkKinds are the kinds that are work: shifts, and meetings and training
// (inside a shift or not).
func WorkKinds() []calendar.Kind {
	return []calendar.Kind{calendar.KindShift, calendar.KindMeeting, calendar.KindTraining}
}

// Period is the ledger of one ISO week or one month.
type Period struct {
	// Key is "2026-W43" for an ISO week, "2026-10" for a month.
	Key string
	// Start and End are local midnights in the agent's zone; End excluded.
	Start, End time.Time
	// Work is the paid work: shifts, meetings and training, less the
	// unpaid kinds and timed time off inside them.
	Work time.Duration
	// Overtime is Work above the contract (pro rata for a month).
	Overtime time.Duration
	// Night is the part of Work inside the night window.
	Night time.Duration
	// Meeting and Training are the paid meetings and training (part of Work).
	Meeting, Training time.Duration
	// Unpaid is the time of unpaid kinds inside work (lunch by default).
	Unpaid time.Duration
	// TimeOff is timed time off ("doctor 10:00–12:00").
	TimeOff time.Duration
	// TimeOffDays counts the days of all-day time off in the period.
	TimeOffDays int
	// Warnings are the rest warnings that belong to the period.
	Warnings []Warning
}

// Scheduled reports whether the period has any scheduled time or warning.
func (p Period) Scheduled() bool {
	return p.Work > 0 || p.Unpaid > 0 || p.TimeOff > 0 || p.TimeOffDays > 0 || len(p.Warnings) > 0
}

// schedule is the occurrences reduced to unions of instants.
type schedule struct {
	work, paid, unpaid, timeOff, meeting, training []availability.Interval
	offDays                                        map[calendar.Date]bool
}

func newSchedule(occ []calendar.Occurrence, r Rules) schedule {
	var s schedule
	s.offDays = map[calendar.Date]bool{}
	var unpaid []availability.Interval
	for _, o := range occ {
		if o.AllDay {
			if o.Kind == calendar.KindTimeOff {
				for d := o.StartDate; d.In(time.UTC).Before(o.EndDate.In(time.UTC)); d = d.AddDays(1) {
					s.offDays[d] = true
				}
			}
			continue
		}
		iv := availability.Interval{Start: o.Start, End: o.End}
		switch {
		case hasKind(WorkKinds(), o.Kind):
			s.work = append(s.work, iv)
		case o.Kind == calendar.KindTimeOff:
			s.timeOff = append(s.timeOff, iv)
		}
		if hasKind(r.Unpaid, o.Kind) {
			unpaid = append(unpaid, iv)
		}
		switch o.Kind {
		case calendar.KindMeeting:
			s.meeting = append(s.meeting, iv)
		case calendar.KindTraining:
			s.training = append(s.training, iv)
		}
	}
	s.work = availability.Normalize(s.work)
	s.timeOff = availability.Normalize(s.timeOff)
	s.unpaid = availability.Intersect(s.work, unpaid)
	s.paid = availability.Subtract(availability.Subtract(s.work, s.unpaid), s.timeOff)
	s.meeting = availability.Intersect(s.paid, s.meeting)
	s.training = availability.Intersect(s.paid, s.training)
	return s
}

func hasKind(list []calendar.Kind, k calendar.Kind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// total is the length of ivs inside [from, to).
func total(ivs []availability.Interval, from, to time.Time) time.Duration {
	var d time.Duration
	for _, iv := range availability.Intersect(ivs, []availability.Interval{{Start: from, End: to}}) {
		d += iv.Duration()
	}
	return d
}

// Nights returns the night windows that touch [from, to), as instants in
// zone: each local day's NightStart to the next NightEnd.
func (r Rules) Nights(from, to time.Time, zone *time.Location) []availability.Interval {
	if r.NightStart == r.NightEnd {
		return nil
	}
	var out []availability.Interval
	for d := calendar.DateOf(from.In(zone)).AddDays(-1); d.In(zone).Before(to); d = d.AddDays(1) {
		end := d
		if r.NightStart > r.NightEnd {
			end = d.AddDays(1)
		}
		out = append(out, availability.Interval{Start: atTime(d, r.NightStart, zone), End: atTime(end, r.NightEnd, zone)})
	}
	return availability.Normalize(out)
}

// atTime is the wall-clock time of day tod on d in zone.
func atTime(d calendar.Date, tod time.Duration, zone *time.Location) time.Time {
	m := int(tod / time.Minute)
	return time.Date(d.Year, d.Month, d.Day, m/60, m%60, 0, 0, zone)
}

// ledger fills the sums of one period [from, to).
func (s schedule) ledger(key string, from, to time.Time, zone *time.Location, r Rules) Period {
	p := Period{Key: key, Start: from, End: to}
	p.Work = total(s.paid, from, to)
	p.Night = total(availability.Intersect(s.paid, r.Nights(from, to, zone)), from, to)
	p.Meeting = total(s.meeting, from, to)
	p.Training = total(s.training, from, to)
	p.Unpaid = total(s.unpaid, from, to)
	p.TimeOff = total(s.timeOff, from, to)
	for d := calendar.DateOf(from.In(zone)); d.In(zone).Before(to); d = d.AddDays(1) {
		if s.offDays[d] {
			p.TimeOffDays++
		}
	}
	return p
}
