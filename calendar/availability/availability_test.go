package availability

import (
	"errors"
	"math/rand"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func timed(kind calendar.Kind, start, end time.Time) calendar.Occurrence {
	return calendar.Occurrence{Summary: string(kind), Kind: kind, Start: start, End: end}
}

func allDay(kind calendar.Kind, from, to calendar.Date, loc *time.Location) calendar.Occurrence {
	return calendar.Occurrence{Summary: string(kind), Kind: kind, AllDay: true,
		StartDate: from, EndDate: to, Start: from.In(loc), End: to.In(loc)}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// assertWindows compares windows by instant, naming both lists on failure.
func assertWindows(t *testing.T, got []Interval, want ...string) {
	t.Helper()
	if len(want)%2 != 0 {
		t.Fatal("want needs start/end pairs")
	}
	ok := len(got) == len(want)/2
	for i := 0; ok && i < len(got); i++ {
		ok = got[i].Start.Equal(utc(want[2*i])) && got[i].End.Equal(utc(want[2*i+1]))
	}
	if !ok {
		t.Errorf("windows:\n got %v\nwant %v", fmtWindows(got), want)
	}
}

func fmtWindows(ws []Interval) []string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Start.UTC().Format(time.RFC3339), w.End.UTC().Format(time.RFC3339))
	}
	return s
}

func TestNightShiftAcrossDSTEnd(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	// 22:00 CEST Sat 24 Oct → 06:00 CET Sun 25 Oct 2026: the clocks go
	// back at 03:00, so the night is 9 hours of elapsed time.
	shift := timed(calendar.KindShift, time.Date(2026, 10, 24, 22, 0, 0, 0, sto), time.Date(2026, 10, 25, 6, 0, 0, 0, sto))
	// Two breaks both read 02:30 on the wall clock: first in CEST, then CET.
	b1 := timed(calendar.KindBreak, utc("2026-10-25T00:30:00Z"), utc("2026-10-25T00:45:00Z"))
	b2 := timed(calendar.KindBreak, utc("2026-10-25T01:30:00Z"), utc("2026-10-25T01:45:00Z"))
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, sto)
	to := time.Date(2026, 10, 26, 0, 0, 0, 0, sto)
	got, err := Compute([]calendar.Occurrence{shift, b1, b2}, from, to, Options{Zone: sto})
	if err != nil {
		t.Fatal(err)
	}
	assertWindows(t, got,
		"2026-10-24T20:00:00Z", "2026-10-25T00:30:00Z",
		"2026-10-25T00:45:00Z", "2026-10-25T01:30:00Z",
		"2026-10-25T01:45:00Z", "2026-10-25T05:00:00Z")
	if tot := Total(got); tot != 8*time.Hour+30*time.Minute {
		t.Errorf("total = %v, want 9h minus two 15 min breaks = 8h30m", tot)
	}
	if got[0].Start.Location() != sto {
		t.Errorf("window zone = %v, want the agent zone", got[0].Start.Location())
	}
}

func TestNightShiftAcrossDSTStart(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	shift := timed(calendar.KindShift, time.Date(2027, 3, 27, 22, 0, 0, 0, sto), time.Date(2027, 3, 28, 6, 0, 0, 0, sto))
	lunch := timed(calendar.KindLunch, time.Date(2027, 3, 28, 1, 0, 0, 0, sto), time.Date(2027, 3, 28, 1, 30, 0, 0, sto))
	got, err := Compute([]calendar.Occurrence{shift, lunch}, time.Date(2027, 3, 27, 0, 0, 0, 0, sto), time.Date(2027, 3, 29, 0, 0, 0, 0, sto), Options{Zone: sto})
	if err != nil {
		t.Fatal(err)
	}
	if tot := Total(got); tot != 6*time.Hour+30*time.Minute {
		t.Errorf("total = %v, want 7h minus 30m lunch", tot)
	}
}

func TestAllDayTimeOffBlocksWholeAgentDays(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	d := func(day int) calendar.Date { return calendar.Date{Year: 2026, Month: 11, Day: day} }
	occs := []calendar.Occurrence{
		// Night shift Mon 2 → Tue 3, time off all of Tue 3 and Wed 4.
		timed(calendar.KindShift, time.Date(2026, 11, 2, 22, 0, 0, 0, sto), time.Date(2026, 11, 3, 6, 0, 0, 0, sto)),
		timed(calendar.KindShift, time.Date(2026, 11, 4, 9, 0, 0, 0, sto), time.Date(2026, 11, 4, 17, 0, 0, 0, sto)),
		timed(calendar.KindShift, time.Date(2026, 11, 5, 9, 0, 0, 0, sto), time.Date(2026, 11, 5, 17, 0, 0, 0, sto)),
		// Start/End of this all-day occurrence are in UTC on purpose: the
		// agent zone decides which instants the dates cover.
		allDay(calendar.KindTimeOff, d(3), d(5), time.UTC),
	}
	got, err := Compute(occs, d(1).In(sto), d(8).In(sto), Options{Zone: sto})
	if err != nil {
		t.Fatal(err)
	}
	assertWindows(t, got,
		"2026-11-02T21:00:00Z", "2026-11-02T23:00:00Z", // 22:00–24:00 CET
		"2026-11-05T08:00:00Z", "2026-11-05T16:00:00Z")
}

func TestMinWindowAndMerging(t *testing.T) {
	loc := mustLoad(t, "Europe/Amsterdam")
	at := func(h, m int) time.Time { return time.Date(2026, 11, 2, h, m, 0, 0, loc) }
	occs := []calendar.Occurrence{
		timed(calendar.KindShift, at(8, 0), at(12, 0)),
		timed(calendar.KindShift, at(12, 0), at(14, 0)), // touches: merged
		timed(calendar.KindShift, at(13, 0), at(15, 0)), // overlaps: merged
		timed(calendar.KindMeeting, at(8, 10), at(9, 0)),
		timed(calendar.KindBreak, at(14, 46), at(15, 0)),
	}
	from, to := at(0, 0), at(0, 0).AddDate(0, 0, 1)
	got, err := Compute(occs, from, to, Options{Zone: loc})
	if err != nil {
		t.Fatal(err)
	}
	// 08:00–08:10 (10 min) is dropped; 09:00–14:46 stays.
	assertWindows(t, got, "2026-11-02T08:00:00Z", "2026-11-02T13:46:00Z")

	got, _ = Compute(occs, from, to, Options{Zone: loc, MinWindow: -1})
	assertWindows(t, got, "2026-11-02T07:00:00Z", "2026-11-02T07:10:00Z", "2026-11-02T08:00:00Z", "2026-11-02T13:46:00Z")

	got, _ = Compute(occs, from, to, Options{Zone: loc, MinWindow: 6 * time.Hour})
	if len(got) != 0 {
		t.Errorf("6h minimum kept %v", fmtWindows(got))
	}

	// A custom blocking set: only breaks block, so the meeting is work time.
	got, _ = Compute(occs, from, to, Options{Zone: loc, Blocking: []calendar.Kind{calendar.KindBreak}})
	assertWindows(t, got, "2026-11-02T07:00:00Z", "2026-11-02T13:46:00Z")
	// Nothing blocks: the whole merged shift.
	got, _ = Compute(occs, from, to, Options{Zone: loc, Blocking: []calendar.Kind{}})
	assertWindows(t, got, "2026-11-02T07:00:00Z", "2026-11-02T14:00:00Z")
}

func TestClippedToRange(t *testing.T) {
	loc := mustLoad(t, "Europe/Stockholm")
	shift := timed(calendar.KindShift, time.Date(2026, 10, 31, 22, 0, 0, 0, loc), time.Date(2026, 11, 1, 6, 0, 0, 0, loc))
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	got, err := Compute([]calendar.Occurrence{shift}, from, from.AddDate(0, 0, 1), Options{Zone: loc})
	if err != nil {
		t.Fatal(err)
	}
	assertWindows(t, got, "2026-10-31T23:00:00Z", "2026-11-01T05:00:00Z")
}

func TestEmptyRange(t *testing.T) {
	now := utc("2026-11-02T00:00:00Z")
	for _, to := range []time.Time{now, now.Add(-time.Hour)} {
		_, err := Compute(nil, now, to, Options{})
		if !errors.Is(err, ErrEmptyRange) {
			t.Errorf("to=%v: err = %v, want ErrEmptyRange", to, err)
		}
	}
}

func tokyo() calendar.Region {
	return calendar.Region{Name: "Japan", Zone: "Asia/Tokyo",
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Open: 9 * 60, Close: 18 * 60}
}

func newYork() calendar.Region {
	return calendar.Region{Name: "US East", Zone: "America/New_York",
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Open: 8 * 60, Close: 17 * 60}
}

func TestRegionRestriction(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	// Mon 2 Nov 2026 07:00–16:00 CET = 06:00Z–15:00Z, and Sat 7 Nov same hours.
	occs := []calendar.Occurrence{
		timed(calendar.KindShift, time.Date(2026, 11, 2, 7, 0, 0, 0, sto), time.Date(2026, 11, 2, 16, 0, 0, 0, sto)),
		timed(calendar.KindShift, time.Date(2026, 11, 7, 7, 0, 0, 0, sto), time.Date(2026, 11, 7, 16, 0, 0, 0, sto)),
	}
	from, to := time.Date(2026, 11, 2, 0, 0, 0, 0, sto), time.Date(2026, 11, 9, 0, 0, 0, 0, sto)

	// Tokyo 09:00–18:00 JST = 00:00Z–09:00Z; Saturday is closed.
	got, err := Compute(occs, from, to, Options{Zone: sto, Regions: []calendar.Region{tokyo()}})
	if err != nil {
		t.Fatal(err)
	}
	assertWindows(t, got, "2026-11-02T06:00:00Z", "2026-11-02T09:00:00Z")

	// New York 08:00–17:00 EST = 13:00Z–22:00Z.
	got, _ = Compute(occs, from, to, Options{Zone: sto, Regions: []calendar.Region{newYork()}})
	assertWindows(t, got, "2026-11-02T13:00:00Z", "2026-11-02T15:00:00Z")

	// All regions: the union of both.
	got, _ = Compute(occs, from, to, Options{Zone: sto, Regions: []calendar.Region{tokyo(), newYork()}})
	assertWindows(t, got, "2026-11-02T06:00:00Z", "2026-11-02T09:00:00Z", "2026-11-02T13:00:00Z", "2026-11-02T15:00:00Z")

	bad := tokyo()
	bad.Zone = "Asia/Atlantis"
	if _, err := Compute(occs, from, to, Options{Zone: sto, Regions: []calendar.Region{bad}}); err == nil {
		t.Error("a region with an unknown zone gave no error")
	}
}

func TestBusinessHoursAcrossDST(t *testing.T) {
	// A region open around the clock on Sundays: the EU DST end day has
	// 25 hours, the DST start day 23.
	r := calendar.Region{Name: "EU 24h", Zone: "Europe/Stockholm", Days: []time.Weekday{time.Sunday}, Open: 0, Close: 24 * 60}
	loc := mustLoad(t, "Europe/Stockholm")
	for _, c := range []struct {
		day  calendar.Date
		want time.Duration
	}{
		{calendar.Date{Year: 2026, Month: 10, Day: 25}, 25 * time.Hour},
		{calendar.Date{Year: 2027, Month: 3, Day: 28}, 23 * time.Hour},
		{calendar.Date{Year: 2026, Month: 11, Day: 1}, 24 * time.Hour},
	} {
		hours, err := BusinessHours(r, c.day.AddDays(-3).In(loc), c.day.AddDays(3).In(loc))
		if err != nil {
			t.Fatal(err)
		}
		if len(hours) != 1 || hours[0].Duration() != c.want || !hours[0].Start.Equal(c.day.In(loc)) {
			t.Errorf("%v: hours %v, want one span of %v from local midnight", c.day, fmtWindows(hours), c.want)
		}
	}
}

func TestBusinessHoursRegionBehindRange(t *testing.T) {
	// Range is one Tuesday in Tokyo; New York's Monday hours (13:00Z–22:00Z
	// Monday) overlap Tuesday 00:00–07:00 JST.
	tyo := mustLoad(t, "Asia/Tokyo")
	from := time.Date(2026, 11, 3, 0, 0, 0, 0, tyo)
	hours, err := BusinessHours(newYork(), from, from.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	assertWindows(t, hours, "2026-11-02T15:00:00Z", "2026-11-02T22:00:00Z", "2026-11-03T13:00:00Z", "2026-11-03T15:00:00Z")
}

func TestRegionOverlap(t *testing.T) {
	sto := mustLoad(t, "Europe/Stockholm")
	shift := Interval{time.Date(2026, 11, 2, 7, 0, 0, 0, sto), time.Date(2026, 11, 2, 16, 0, 0, 0, sto)}
	for _, c := range []struct {
		r    calendar.Region
		want time.Duration
	}{{tokyo(), 3 * time.Hour}, {newYork(), 2 * time.Hour}} {
		got, err := RegionOverlap(shift, c.r)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: overlap %v, want %v", c.r.Name, got, c.want)
		}
	}
	if _, err := RegionOverlap(shift, calendar.Region{Name: "x", Zone: "Asia/Tokyo", Days: []time.Weekday{1}, Open: 600, Close: 540}); err == nil {
		t.Error("Close before Open gave no error")
	}
}

// TestIntervalAlgebraAgainstBitmap checks Union, Intersect and Subtract on
// random inputs against a minute-by-minute bitmap.
func TestIntervalAlgebraAgainstBitmap(t *testing.T) {
	const n = 300
	base := utc("2026-01-01T00:00:00Z")
	rng := rand.New(rand.NewSource(7))
	gen := func() ([]Interval, [n]bool) {
		var ivs []Interval
		var bits [n]bool
		for k := rng.Intn(8); k > 0; k-- {
			s := rng.Intn(n)
			e := s + rng.Intn(60) - 5 // some empty or reversed
			if e > n {
				e = n
			}
			ivs = append(ivs, Interval{base.Add(time.Duration(s) * time.Minute), base.Add(time.Duration(e) * time.Minute)})
			for m := s; m < e; m++ {
				bits[m] = true
			}
		}
		return ivs, bits
	}
	check := func(name string, got []Interval, want func(m int) bool) {
		t.Helper()
		var bits [n]bool
		for i, iv := range got {
			if iv.Empty() || (i > 0 && !iv.Start.After(got[i-1].End)) {
				t.Fatalf("%s: not normalized: %v", name, fmtWindows(got))
			}
			for m := int(iv.Start.Sub(base) / time.Minute); m < int(iv.End.Sub(base)/time.Minute); m++ {
				bits[m] = true
			}
		}
		for m := 0; m < n; m++ {
			if bits[m] != want(m) {
				t.Fatalf("%s: minute %d is %v, want %v", name, m, bits[m], want(m))
			}
		}
	}
	for i := 0; i < 500; i++ {
		a, ab := gen()
		b, bb := gen()
		check("union", Union(a, b), func(m int) bool { return ab[m] || bb[m] })
		check("intersect", Intersect(a, b), func(m int) bool { return ab[m] && bb[m] })
		check("subtract", Subtract(a, b), func(m int) bool { return ab[m] && !bb[m] })
		var both time.Duration
		for m := 0; m < n; m++ {
			if ab[m] && bb[m] {
				both += time.Minute
			}
		}
		if got := Overlap(a, b); got != both {
			t.Fatalf("overlap %v, want %v", got, both)
		}
	}
}
