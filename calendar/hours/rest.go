package hours

import (
	"time"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// WarningKind names the rule a warning is about.
type WarningKind string

// The rest rules.
const (
	// DailyRest: less than the daily rest between two working days.
	DailyRest WarningKind = "daily_rest"
	// WeeklyRest: 7 days without a continuous weekly rest.
	WeeklyRest WarningKind = "weekly_rest"
	// MaxWeek: more work in an ISO week than the maximum.
	MaxWeek WarningKind = "max_week"
)

// Warning is one broken rest rule.
type Warning struct {
	Kind WarningKind
	// From and To are, for DailyRest, the end of one work period and the
	// start of the next; for WeeklyRest the 7 days without the rest (from
	// the start of the work); for MaxWeek the week.
	From, To time.Time
	// Length is the rest between (DailyRest), the longest rest in the 7
	// days (WeeklyRest) or the work in the week (MaxWeek).
	Length time.Duration
	// Limit is the rule's limit: the daily or weekly rest, the maximum week.
	Limit time.Duration
	// At is the instant that decides the week (and month) the warning
	// belongs to: the start of the short-rested work, the moment the weekly
	// rest was due, the week's start.
	At time.Time
}

// dailyRest finds the working days that follow too short a rest. A working
// day is a run of work periods that fits in 24 h less the daily rest (13 h
// by default), so a split shift 07:00–11:00 and 16:00–20:00 is one day and
// its 5 h gap is a pause, not the daily rest; the rest between two working
// days must be at least the daily rest (2003/88/EC art. 3).
func dailyRest(work []availability.Interval, r Rules) []Warning {
	if r.DailyRest <= 0 || len(work) < 2 {
		return nil
	}
	var out []Warning
	dayStart := work[0].Start
	for i := 1; i < len(work); i++ {
		prev, cur := work[i-1], work[i]
		gap := cur.Start.Sub(prev.End)
		if cur.End.Sub(dayStart) <= 24*time.Hour-r.DailyRest {
			continue // same working day: a pause
		}
		dayStart = cur.Start
		if gap < r.DailyRest {
			out = append(out, Warning{Kind: DailyRest, From: prev.End, To: cur.Start, Length: gap, Limit: r.DailyRest, At: cur.Start})
		}
	}
	return out
}

// weeklyRest finds runs of work with no continuous rest of WeeklyRest for
// more than 7 days: every 7 days must hold one (2003/88/EC art. 5). Work
// periods separated by at least WeeklyRest start a new run; a run whose
// work lasts beyond its first start + 7 days − WeeklyRest left no room for
// the rest. Each 7 days of a long run warn once.
func weeklyRest(work []availability.Interval, r Rules) []Warning {
	if r.WeeklyRest <= 0 || len(work) == 0 {
		return nil
	}
	const week = 7 * 24 * time.Hour
	var out []Warning
	start := 0
	for i := 1; i <= len(work); i++ {
		if i < len(work) && work[i].Start.Sub(work[i-1].End) < r.WeeklyRest {
			continue
		}
		out = append(out, runWarnings(work[start:i], r, week)...)
		start = i
	}
	return out
}

// runWarnings checks one run of work without a weekly rest.
func runWarnings(run []availability.Interval, r Rules, week time.Duration) []Warning {
	var out []Warning
	for first := 0; first < len(run); {
		from := run[first].Start
		due := from.Add(week - r.WeeklyRest)
		last := first
		for last+1 < len(run) && run[last+1].Start.Before(from.Add(week)) {
			last++
		}
		if !run[last].End.After(due) {
			return out
		}
		out = append(out, Warning{Kind: WeeklyRest, From: from, To: from.Add(week), Length: longestRest(run[first:last+1], from, from.Add(week)), Limit: r.WeeklyRest, At: due})
		first = last + 1
	}
	return out
}

// longestRest is the longest time without work inside [from, to).
func longestRest(work []availability.Interval, from, to time.Time) time.Duration {
	var best time.Duration
	for _, iv := range availability.Subtract([]availability.Interval{{Start: from, End: to}}, work) {
		if d := iv.Duration(); d > best {
			best = d
		}
	}
	return best
}
