package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// The demo feed parses and gives, in the current week, shifts with two
// breaks and a lunch each, a meeting, a training, a day off and a night
// shift across midnight.
func TestDemoFeedShowsTheCurrentWeek(t *testing.T) {
	demo, err := DemoSchedule()
	if err != nil {
		t.Fatal(err)
	}
	if w := demo.Feeds[0].Warnings; len(w) > 0 {
		t.Errorf("demo feed warnings: %v", w)
	}
	mon := mondayOf(time.Now().In(stockholm))
	from, to := mon.In(stockholm), mon.AddDays(7).In(stockholm)
	occs, err := demo.Occurrences(from, to, stockholm)
	if err != nil {
		t.Fatal(err)
	}
	count := map[calendar.Kind]int{}
	night := false
	for _, o := range occs {
		count[o.Kind]++
		if o.Kind == calendar.KindShift && calendar.DateOf(o.Start.In(stockholm)) != calendar.DateOf(o.End.In(stockholm)) {
			night = true
		}
		if o.Kind == calendar.KindTimeOff && (!o.AllDay || !strings.Contains(o.Summary, "Day off")) {
			t.Errorf("time off %+v is not an all-day Day off", o)
		}
	}
	want := map[calendar.Kind]int{calendar.KindShift: 5, calendar.KindBreak: 10, calendar.KindLunch: 5,
		calendar.KindMeeting: 1, calendar.KindTraining: 1, calendar.KindTimeOff: 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d in the week of %s, want %d (all: %v)", k, count[k], mon, n, count)
		}
	}
	if !night {
		t.Error("no night shift across midnight")
	}
}

// The window opens on the demo with its banner when no feed is configured.
func TestDemoBannerWithoutFeeds(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 8, 48), nil, nil, nil)
	demo, err := DemoSchedule()
	if err != nil {
		t.Fatal(err)
	}
	e.ui.deps.Demo = demo
	e.ui.Refresh()
	if e.ui.banner.Hidden {
		t.Fatal("demo banner hidden without feeds")
	}
	if got := e.ui.now.status.Text; got != "On shift · APAC queue — break in 12 min" {
		t.Errorf("demo Monday 08:48: %q", got)
	}
}
