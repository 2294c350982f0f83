package hours

import (
	"fmt"
	"sort"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// WeekKey is the ISO 8601 week of t in t's zone: "2026-W43".
func WeekKey(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// MondayOf is the Monday of the ISO week that holds t (in t's zone).
func MondayOf(t time.Time) calendar.Date {
	back := (int(t.Weekday()) + 6) % 7
	return calendar.DateOf(t).AddDays(-back)
}

// Ledger is the hours of a schedule: its periods and every rest warning.
type Ledger struct {
	Periods []Period
	// Warnings are all the rest warnings found, sorted by At, including
	// those outside the periods.
	Warnings []Warning
}

// Weeks is the ledger of every ISO week (Monday 00:00 in zone) that
// overlaps [from, to). occ should cover those whole weeks and, for the
// rest rules at the edges, a week more on each side (see Margin). Each
// week holds the warnings whose At lies in it, and a MaxWeek warning when
// its work exceeds r.MaxWeek.
func Weeks(occ []calendar.Occurrence, from, to time.Time, zone *time.Location, r Rules) Ledger {
	s := newSchedule(occ, r)
	l := Ledger{Warnings: rules(s, r)}
	for d := MondayOf(from.In(zone)); d.In(zone).Before(to); d = d.AddDays(7) {
		ws, we := d.In(zone), d.AddDays(7).In(zone)
		p := s.ledger(WeekKey(ws), ws, we, zone, r)
		p.Overtime = over(p.Work, r.Contract)
		if r.MaxWeek > 0 && p.Work > r.MaxWeek {
			w := Warning{Kind: MaxWeek, From: ws, To: we, Length: p.Work, Limit: r.MaxWeek, At: ws}
			l.Warnings = append(l.Warnings, w)
		}
		l.Periods = append(l.Periods, p)
	}
	sortWarnings(l.Warnings)
	l.attach()
	return l
}

// Months is the ledger of every calendar month (local midnight of the 1st
// in zone) that overlaps [from, to). The contract is pro rata: a 31-day
// month holds 31/7 contract weeks. MaxWeek warnings are not checked per
// month; the daily and weekly rest warnings are attached as in Weeks.
func Months(occ []calendar.Occurrence, from, to time.Time, zone *time.Location, r Rules) Ledger {
	s := newSchedule(occ, r)
	l := Ledger{Warnings: rules(s, r)}
	f := from.In(zone)
	for m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, zone); m.Before(to); m = m.AddDate(0, 1, 0) {
		me := m.AddDate(0, 1, 0)
		p := s.ledger(m.Format("2006-01"), m, me, zone, r)
		days := calendar.DateOf(me.AddDate(0, 0, -1)).Day
		p.Overtime = over(p.Work, r.Contract*time.Duration(days)/7)
		l.Periods = append(l.Periods, p)
	}
	l.attach()
	return l
}

// Margin widens [from, to) by 40 days on each side: enough for whole ISO
// weeks or months and a week beyond them, the window to expand occurrences
// in for Weeks or Months so the rest rules see the work around the edges.
func Margin(from, to time.Time) (time.Time, time.Time) {
	return from.AddDate(0, 0, -40), to.AddDate(0, 0, 40)
}

// Rest returns the daily and weekly rest warnings of occ, sorted by At.
func Rest(occ []calendar.Occurrence, r Rules) []Warning {
	w := rules(newSchedule(occ, r), r)
	sortWarnings(w)
	return w
}

func rules(s schedule, r Rules) []Warning {
	return append(dailyRest(s.work, r), weeklyRest(s.work, r)...)
}

func over(work, contract time.Duration) time.Duration {
	if contract <= 0 || work <= contract {
		return 0
	}
	return work - contract
}

func sortWarnings(w []Warning) {
	sort.SliceStable(w, func(i, j int) bool { return w[i].At.Before(w[j].At) })
}

// attach gives each period the warnings whose At lies in it.
func (l *Ledger) attach() {
	for i := range l.Periods {
		p := &l.Periods[i]
		for _, w := range l.Warnings {
			if !w.At.Before(p.Start) && w.At.Before(p.End) {
				p.Warnings = append(p.Warnings, w)
			}
		}
	}
}
