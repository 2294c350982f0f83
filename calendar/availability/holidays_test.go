package availability

import (
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// weekOfShifts is a 08:00–20:00 UTC shift on each of the seven days from
// monday.
func weekOfShifts(monday time.Time) []calendar.Occurrence {
	var occs []calendar.Occurrence
	for i := 0; i < 7; i++ {
		d := monday.AddDate(0, 0, i)
		occs = append(occs, timed(calendar.KindShift, d.Add(-6*time.Hour), d.Add(20*time.Hour)))
	}
	return occs
}

// windowDays lists the region-local dates that have a window.
func windowDays(ws []Interval, loc *time.Location) map[calendar.Date]time.Duration {
	out := map[calendar.Date]time.Duration{}
	for _, w := range ws {
		out[calendar.DateOf(w.Start.In(loc))] += w.Duration()
	}
	return out
}

func TestHolidayRemovesRegionWindows(t *testing.T) {
	for _, tc := range []struct {
		name, zone, country, monday, holiday string
	}{
		{"Japan", "Asia/Tokyo", "JP", "2026-11-23", "2026-11-23"},         // Labor Thanksgiving Day, Mon
		{"US East", "America/New_York", "US", "2026-11-23", "2026-11-26"}, // Thanksgiving, Thu
		{"Sweden", "Europe/Stockholm", "SE", "2026-12-21", "2026-12-24"},  // Julafton, Thu
	} {
		t.Run(tc.country, func(t *testing.T) {
			loc := mustLoad(t, tc.zone)
			mon, _ := calendar.ParseDate(tc.monday)
			hol, _ := calendar.ParseDate(tc.holiday)
			r := calendar.Region{Name: tc.name, Zone: tc.zone, Country: tc.country, Open: 9 * 60, Close: 18 * 60,
				Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}
			from, to := mon.In(loc).Add(-24*time.Hour), mon.AddDays(8).In(loc)
			occs := weekOfShifts(mon.In(time.UTC))
			withHol, err := Compute(occs, from, to, Options{Zone: loc, Regions: []calendar.Region{r}})
			if err != nil {
				t.Fatal(err)
			}
			r.Country = ""
			without, err := Compute(occs, from, to, Options{Zone: loc, Regions: []calendar.Region{r}})
			if err != nil {
				t.Fatal(err)
			}
			got, base := windowDays(withHol, loc), windowDays(without, loc)
			if base[hol] == 0 {
				t.Fatalf("without a country %s should have a window: %v", hol, base)
			}
			if got[hol] != 0 {
				t.Errorf("%s is a holiday in %s, yet has %v of windows", hol, tc.country, got[hol])
			}
			days, _ := holidays.ForRegion(calendar.Region{Name: "x", Country: tc.country}, nil)
			for d, dur := range base {
				if _, off := days.On(d); off && got[d] != 0 {
					t.Errorf("%s is a holiday, yet has %v", d, got[d])
				}
				if _, off := days.On(d); !off && got[d] != dur {
					t.Errorf("%s: %v with holidays, %v without", d, got[d], dur)
				}
			}
			ov, err := RegionOverlap(Interval{hol.In(loc), hol.AddDays(1).In(loc)}, calendar.Region{
				Name: tc.name, Zone: tc.zone, Country: tc.country, Open: 9 * 60, Close: 18 * 60, Days: r.Days})
			if err != nil || ov != 0 {
				t.Errorf("overlap on the holiday = %v, %v; want 0", ov, err)
			}
		})
	}
}

func TestFeedHolidaysAndClosedDates(t *testing.T) {
	loc := mustLoad(t, "Asia/Kolkata")
	r := calendar.Region{Name: "India", Zone: "Asia/Kolkata", Open: 9 * 60, Close: 18 * 60,
		Days:        []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		ClosedDates: []calendar.ClosedDate{{Date: calendar.Date{Year: 2026, Month: 11, Day: 4}, Name: "Offsite"}}}
	feed := []holidays.Holiday{{Date: calendar.Date{Year: 2026, Month: 11, Day: 2}, Name: "Diwali"}}
	days, err := holidays.ForRegion(r, feed)
	if err != nil {
		t.Fatal(err)
	}
	mon := calendar.Date{Year: 2026, Month: 11, Day: 2}
	from, to := mon.In(loc), mon.AddDays(5).In(loc)
	ws, err := Compute(weekOfShifts(mon.In(time.UTC)), from, to, Options{Zone: loc, Regions: []calendar.Region{r},
		Holidays: map[string]*holidays.Calendar{"India": days}})
	if err != nil {
		t.Fatal(err)
	}
	got := windowDays(ws, loc)
	for _, d := range []int{2, 4} {
		if got[calendar.Date{Year: 2026, Month: 11, Day: d}] != 0 {
			t.Errorf("Nov %d is closed: %v", d, got)
		}
	}
	for _, d := range []int{3, 5, 6} {
		if got[calendar.Date{Year: 2026, Month: 11, Day: d}] == 0 {
			t.Errorf("Nov %d is open: %v", d, got)
		}
	}
}

// BenchmarkBusinessHoursHolidayRatio measures, side by side, 90 days of
// Japan's business hours with its public holidays and without a country,
// and reports the cost of the holiday look-up as a ratio.
func BenchmarkBusinessHoursHolidayRatio(b *testing.B) {
	loc, _ := time.LoadLocation("Asia/Tokyo")
	with := calendar.Region{Name: "Japan", Zone: "Asia/Tokyo", Country: "JP", Open: 9 * 60, Close: 18 * 60,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}
	without := with
	without.Country = ""
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 90)
	var tWith, tWithout time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := BusinessHours(with, from, to); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := BusinessHours(without, from, to); err != nil {
			b.Fatal(err)
		}
		tWith, tWithout = tWith+t1.Sub(t0), tWithout+time.Since(t1)
	}
	b.ReportMetric(float64(tWith)/float64(tWithout), "with/without-holidays")
}
