package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// busyWeek has n occurrences spread over the week of 23 Nov 2026: shifts
// with many short activities inside, as a feed with several agents' or
// queues' calendars merged might give.
func busyWeek(n int) []calendar.Occurrence {
	kinds := []calendar.Kind{calendar.KindBreak, calendar.KindLunch, calendar.KindMeeting, calendar.KindTraining, calendar.KindOther}
	start := at(2026, 11, 23, 0, 0)
	step := 7 * 24 * time.Hour / time.Duration(n)
	occs := make([]calendar.Occurrence, 0, n)
	for i := range n {
		s := start.Add(time.Duration(i) * step)
		k := kinds[i%len(kinds)]
		length := step * 3 / 4
		if i%10 == 0 {
			k, length = calendar.KindShift, 8*time.Hour
		}
		occs = append(occs, occ(k, fmt.Sprintf("Activity %d", i), s, s.Add(length)))
	}
	return occs
}

// BenchmarkWeekRedraw builds the Week view's timelines from 2,000
// occurrences and renders the window on the test canvas, once per
// iteration (the target is under 16 ms per redraw).
func BenchmarkWeekRedraw(b *testing.B) {
	e := newEnv(b, "en", at(2026, 11, 25, 10, 0), busyWeek(2000), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	segs := 0
	for _, d := range e.ui.week.days {
		segs += len(d.Segments)
	}
	if segs < 2000 {
		b.Fatalf("only %d segments drawn", segs)
	}
	c := e.win.Canvas()
	b.ResetTimer()
	for b.Loop() {
		e.ui.week.refresh()
		c.Capture()
	}
}

// BenchmarkWeekRefresh is the building part alone (no painting).
func BenchmarkWeekRefresh(b *testing.B) {
	e := newEnv(b, "en", at(2026, 11, 25, 10, 0), busyWeek(2000), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	for b.Loop() {
		e.ui.week.refresh()
	}
}

// BenchmarkWeekRedrawEmpty is the same window with no occurrence: the
// test canvas's own cost of painting the window.
func BenchmarkWeekRedrawEmpty(b *testing.B) {
	e := newEnv(b, "en", at(2026, 11, 25, 10, 0), nil, workFeed(), nil)
	e.ui.Show(ScreenWeek)
	c := e.win.Canvas()
	for b.Loop() {
		e.ui.week.refresh()
		c.Capture()
	}
}

// BenchmarkWeekRedrawRatio interleaves redraws of the busy week and of the
// same window without occurrences, and reports per redraw the time with
// 2,000 occurrences (ms/redraw), the empty window's paint (ms/empty), the
// building alone (ms/build) and busy/empty as a ratio, which the machine's
// speed and load cancel out of.
func BenchmarkWeekRedrawRatio(b *testing.B) {
	busy := newEnv(b, "en", at(2026, 11, 25, 10, 0), busyWeek(2000), workFeed(), nil)
	busy.ui.Show(ScreenWeek)
	empty := newEnv(b, "en", at(2026, 11, 25, 10, 0), nil, workFeed(), nil)
	empty.ui.Show(ScreenWeek)
	var tBusy, tEmpty, tBuild time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		busy.ui.week.refresh()
		t1 := time.Now()
		busy.win.Canvas().Capture()
		t2 := time.Now()
		empty.ui.week.refresh()
		empty.win.Canvas().Capture()
		tBuild += t1.Sub(t0)
		tBusy += t2.Sub(t0)
		tEmpty += time.Since(t2)
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(n) / float64(time.Millisecond) }
	b.ReportMetric(ms(tBusy), "ms/redraw")
	b.ReportMetric(ms(tEmpty), "ms/empty")
	b.ReportMetric(ms(tBuild), "ms/build")
	b.ReportMetric(float64(tBusy)/float64(tEmpty), "busy/empty")
}
