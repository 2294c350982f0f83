package export

import (
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// dstWeek is the fixed schedule of the golden files: the week of the EU
// end of DST (Sunday 25 October 2026) for an agent in Stockholm. It is the
// same schedule as testdata/dst_week.ics.
type dstWeek struct {
	loc      *time.Location
	from, to time.Time
	occs     []calendar.Occurrence
}

func newDSTWeek(t *testing.T) dstWeek {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, h, m int) time.Time { return time.Date(2026, 10, day, h, m, 0, 0, loc) }
	occ := func(kind calendar.Kind, summary string, s, e time.Time) calendar.Occurrence {
		return calendar.Occurrence{Kind: kind, Summary: summary, Start: s, End: e}
	}
	w := dstWeek{loc: loc, from: at(19, 0, 0), to: at(26, 0, 0)}
	for day := 19; day <= 22; day++ { // Mon–Thu day shifts
		w.occs = append(w.occs,
			occ(calendar.KindShift, "Shift", at(day, 8, 0), at(day, 16, 30)),
			occ(calendar.KindBreak, "Break", at(day, 10, 0), at(day, 10, 15)),
			occ(calendar.KindLunch, "Lunch", at(day, 12, 0), at(day, 12, 30)),
		)
	}
	w.occs = append(w.occs,
		// Tuesday: a team meeting; Wednesday: training to the end of the shift.
		occ(calendar.KindMeeting, "Team meeting", at(20, 14, 0), at(20, 15, 0)),
		occ(calendar.KindTraining, "Training", at(21, 15, 0), at(21, 16, 30)),
		// Thursday: a 10-minute gap between the break and a meeting is dropped.
		occ(calendar.KindMeeting, "1:1", at(22, 10, 25), at(22, 11, 0)),
		// Friday: all-day time off blocks the whole Stockholm day.
		calendar.Occurrence{Kind: calendar.KindTimeOff, Summary: "Time off", AllDay: true,
			StartDate: calendar.Date{Year: 2026, Month: 10, Day: 23}, EndDate: calendar.Date{Year: 2026, Month: 10, Day: 24},
			Start: at(23, 0, 0), End: at(24, 0, 0)},
		occ(calendar.KindShift, "Shift", at(23, 8, 0), at(23, 16, 30)),
		// Saturday night across the DST end: 22:00 CEST → 06:00 CET is
		// 9 hours; two breaks both read 02:30 on the wall clock.
		occ(calendar.KindShift, "Night shift", at(24, 22, 0), at(25, 6, 0)),
		occ(calendar.KindBreak, "Break", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 0, 45, 0, 0, time.UTC)),
		occ(calendar.KindBreak, "Break", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 45, 0, 0, time.UTC)),
		// Sunday evening shift with a non-blocking "other" item.
		occ(calendar.KindShift, "Shift", at(25, 16, 0), at(26, 0, 0)),
		occ(calendar.KindOther, "Birthday cake", at(25, 18, 0), at(25, 18, 30)),
	)
	return w
}

func (w dstWeek) windows(t *testing.T, regions ...calendar.Region) []availability.Interval {
	t.Helper()
	ws, err := availability.Compute(w.occs, w.from, w.to, availability.Options{Zone: w.loc, Regions: regions})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func japan() calendar.Region {
	return calendar.Region{Name: "Japan", Zone: "Asia/Tokyo",
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Open: 9 * 60, Close: 18 * 60}
}
