package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// workFeed is a configured feed, so no demo banner shows.
func workFeed() *fakeFeeds {
	return &fakeFeeds{status: []feeds.State{{Feed: settings.Feed{ID: "work", Name: "Work", URL: "https://wfm.example/agent.ics",
		Enabled: true, Color: "#e11d48"}, LastSync: at(2026, 11, 23, 8, 0), Events: 23}}}
}

func TestNowGolden(t *testing.T) {
	cases := []struct {
		name string
		now  time.Time
		want map[string]string // language → status line
	}{
		{"on_shift", at(2026, 11, 23, 8, 48), map[string]string{
			"en": "On shift · APAC queue — break in 12 min", "sv": "I tjänst · APAC queue — rast om 12 min"}},
		{"on_break", at(2026, 11, 23, 9, 5), map[string]string{
			"en": "On break — back at 09:15", "sv": "På rast — tillbaka 09:15"}},
		{"off", at(2026, 11, 25, 10, 0), map[string]string{
			"en": "Off — next shift Sat 22:00 (in 3 d 12 h)", "sv": "Ledig — nästa pass lör 22:00 (om 3 d 12 h)"}},
		{"time_off", at(2026, 11, 26, 10, 0), map[string]string{
			"en": "Time off until Fri", "sv": "Ledig till fre"}},
	}
	for _, code := range []string{"en", "sv"} {
		for _, c := range cases {
			t.Run(code+"_"+c.name, func(t *testing.T) {
				e := newEnv(t, code, c.now, weekOf23Nov(), workFeed(), nil)
				if got := e.ui.now.status.Text; got != c.want[code] {
					t.Errorf("status %q, want %q", got, c.want[code])
				}
				test.AssertRendersToMarkup(t, "now_"+c.name+"_"+code+".xml", e.win.Canvas())
			})
		}
	}
}

func TestNowLineCountsDownPerSecondNearAChange(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 8, 51), weekOf23Nov(), workFeed(), nil)
	if got := e.ui.now.status.Text; got != "On shift · APAC queue — break in 9 min" {
		t.Fatalf("status %q", got)
	}
	*e.now = e.now.Add(-30 * time.Second)
	e.ui.now.refresh()
	if got := e.ui.now.status.Text; got != "On shift · APAC queue — break in 9 min 30 s" {
		t.Fatalf("status %q", got)
	}
	if d := tickAfter(*e.now, e.ui.now.status.Change); d != time.Second {
		t.Errorf("tick %v in the last 10 minutes, want 1s", d)
	}
	// 29 min 40 s before: "30 min" shows until 29 min are left.
	if d := tickAfter(at(2026, 11, 23, 8, 30).Add(20*time.Second), at(2026, 11, 23, 9, 0)); d != 40*time.Second {
		t.Errorf("tick %v half an hour before, want 40s (to the next minute of the countdown)", d)
	}
	// 10 min 50 s before: the per-second countdown starts in 50 s.
	if d := tickAfter(at(2026, 11, 23, 8, 49).Add(10*time.Second), at(2026, 11, 23, 9, 0)); d != 50*time.Second {
		t.Errorf("tick %v, want 50s (when the last 10 minutes begin)", d)
	}
}

// dstWeek is the week of Mon 19 Oct 2026; Sweden leaves summer time on Sun
// 25 Oct at 03:00, in the middle of a night shift.
func dstWeek() []calendar.Occurrence {
	return []calendar.Occurrence{
		occ(calendar.KindShift, "EMEA queue", at(2026, 10, 19, 8, 0), at(2026, 10, 19, 17, 0)),
		occ(calendar.KindLunch, "Lunch", at(2026, 10, 19, 12, 0), at(2026, 10, 19, 12, 30)),
		occ(calendar.KindTraining, "Training", at(2026, 10, 21, 13, 0), at(2026, 10, 21, 14, 30)),
		allDay(calendar.KindTimeOff, "Day off", calendar.Date{Year: 2026, Month: 10, Day: 22}, 1),
		occ(calendar.KindShift, "APAC queue (night)", at(2026, 10, 24, 22, 0), at(2026, 10, 25, 6, 0)),
		occ(calendar.KindBreak, "Break", at(2026, 10, 25, 2, 30), at(2026, 10, 25, 2, 45)),
	}
}

func TestWeekGoldenNightAcrossDST(t *testing.T) {
	for _, code := range []string{"en", "sv"} {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t, code, at(2026, 10, 21, 10, 0), dstWeek(), workFeed(), nil)
			e.ui.Show(ScreenWeek)
			w := e.ui.week
			// The night shows on Saturday from 22:00 and on Sunday, a
			// 25-hour day, until 06:00 CET.
			sat, sun := w.days[5], w.days[6]
			if len(sat.Segments) != 1 || len(sun.Segments) != 2 {
				t.Fatalf("segments sat %d sun %d", len(sat.Segments), len(sun.Segments))
			}
			if got := sun.To.Sub(sun.From); got != 25*time.Hour {
				t.Errorf("Sunday 25 Oct lasts %v, want 25h", got)
			}
			if got := sun.Segments[0].End.Sub(sun.Segments[0].Start); got != 7*time.Hour {
				t.Errorf("night on Sunday lasts %v, want 7h (00:00 CEST – 06:00 CET)", got)
			}
			if got := w.allDay[3].Text; got != "Day off" {
				t.Errorf("Thursday all-day %q", got)
			}
			test.AssertRendersToMarkup(t, "week_dst_"+code+".xml", e.win.Canvas())
		})
	}
}

func regions(s *settings.Settings) {
	s.Regions = []calendar.Region{
		{Name: "Japan", Zone: "Asia/Tokyo", Days: []time.Weekday{1, 2, 3, 4, 5}, Open: 9 * 60, Close: 18 * 60},
		{Name: "New York", Zone: "America/New_York", Days: []time.Weekday{1, 2, 3, 4, 5}, Open: 9 * 60, Close: 17 * 60},
	}
}

func TestCustomersGoldenOverlapAndDST(t *testing.T) {
	for _, code := range []string{"en", "sv"} {
		t.Run(code, func(t *testing.T) {
			occs := append(dstWeek(),
				occ(calendar.KindShift, "EMEA queue", at(2026, 10, 26, 14, 0), at(2026, 10, 26, 22, 0)),
				occ(calendar.KindShift, "EMEA queue", at(2026, 11, 2, 14, 0), at(2026, 11, 2, 22, 0)))
			e := newEnv(t, code, at(2026, 10, 19, 16, 0), occs, workFeed(), regions)
			e.ui.Show(ScreenCustomers)
			text := strings.Join(labelTexts(e.ui.customers.list), "\n")
			// Mon 19 Oct 08:00–17:00 CEST is 12:00–21:00 in New York? No:
			// 02:00–11:00 EDT: two hours in business hours.
			for _, want := range []string{"overlap 2 h", "overlap 3 h"} {
				if code == "en" && !strings.Contains(text, want) {
					t.Errorf("missing %q in\n%s", want, text)
				}
			}
			if code == "en" && !strings.Contains(text, "From Sun 1 Nov New York is 1 h further away: your 14:00 shift starts at 08:00 there") {
				t.Errorf("no New York DST warning in\n%s", text)
			}
			test.AssertRendersToMarkup(t, "customers_"+code+".xml", e.win.Canvas())
		})
	}
}

func TestFeedsGoldenErrorState(t *testing.T) {
	for _, code := range []string{"en", "sv"} {
		t.Run(code, func(t *testing.T) {
			ff := &fakeFeeds{
				status: []feeds.State{
					{Feed: settings.Feed{ID: "work", Name: "Work", Color: "#e11d48", Enabled: true}, LastSync: at(2026, 11, 23, 6, 0), Events: 23,
						LastError: "sign-in failed — check the password or token", Reason: feeds.ReasonAuth},
					{Feed: settings.Feed{ID: "team", Name: "Team calendar", Enabled: true}, LastSync: at(2026, 11, 22, 21, 15), Events: 4,
						LastError: "server unreachable", Reason: feeds.ReasonUnreachable},
					{Feed: settings.Feed{ID: "rota", Name: "Rota", Enabled: true}, LastSync: at(2026, 11, 23, 7, 0), Events: 12, CopyUnreadable: true},
				},
				changes: []Change{
					moved(calendar.KindShift, "APAC queue", at(2026, 11, 24, 14, 0), at(2026, 11, 24, 22, 0), at(2026, 11, 24, 12, 0), at(2026, 11, 24, 20, 0)),
					added(calendar.KindMeeting, "Team meeting", at(2026, 11, 26, 10, 0), at(2026, 11, 26, 10, 30)),
				},
			}
			e := newEnv(t, code, at(2026, 11, 23, 9, 30), weekOf23Nov(), ff, nil)
			e.ui.Show(ScreenFeeds)
			if e.ui.feeds.offline.Hidden {
				t.Error("offline banner hidden with an offline feed")
			}
			// The sync layer's error, the damaged copy and the change lines
			// are worded by the window in its language.
			want := map[string][]string{
				"en": {"Sync failed: sign-in failed — check the password or token — showing the copy from Mon 06:00",
					"The offline copy of this feed cannot be read",
					"• Tue 24 Nov: shift moved 14:00 -> 12:00", "• Thu 26 Nov: meeting added 10:00–10:30"},
				"sv": {"Synkningen misslyckades: inloggningen nekades — kontrollera lösenordet eller token — visar kopian från mån 06:00",
					"Den sparade kopian av det här flödet går inte att läsa",
					"• tis 24 nov: pass har flyttats 14:00 -> 12:00", "• tor 26 nov: möte har lagts till 10:00–10:30"},
			}[code]
			text := strings.Join(append(labelTexts(e.ui.feeds.list), labelTexts(e.ui.feeds.changes)...), "\n")
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in\n%s", w, text)
				}
			}
			test.AssertRendersToMarkup(t, "feeds_error_"+code+".xml", e.win.Canvas())
		})
	}
}

// The per-second countdown reads no feed: only a new minute's full redraw does.
func TestTickReusesTheLoadedOccurrences(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 8, 51), weekOf23Nov(), workFeed(), nil)
	calls := e.sched.calls
	*e.now = e.now.Add(-30 * time.Second)
	e.ui.now.tick()
	if e.sched.calls != calls {
		t.Errorf("tick read the schedule %d times", e.sched.calls-calls)
	}
	if got := e.ui.now.status.Text; got != "On shift · APAC queue — break in 9 min 30 s" {
		t.Errorf("status %q", got)
	}
	if !e.ui.now.timeline.Now.Equal(*e.now) {
		t.Error("now marker not moved")
	}
	// Past midnight the day's occurrences are loaded again.
	*e.now = at(2026, 11, 24, 8, 55)
	e.ui.now.tick()
	if e.sched.calls == calls {
		t.Error("a new day did not reload the schedule")
	}
	if got := e.ui.now.status.Text; got != "On shift · EMEA queue — break in 1 h 05 min" {
		t.Errorf("next day %q", got)
	}
}

// After the day's shift the bar reaches out to now, so the marker shows.
func TestTodayBarKeepsNowInView(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 18, 20), weekOf23Nov(), workFeed(), nil)
	tl := e.ui.now.timeline
	if !tl.From.Equal(at(2026, 11, 23, 7, 0)) || !tl.To.Equal(at(2026, 11, 23, 19, 0)) {
		t.Errorf("bar %v – %v, want 07:00 – 19:00", tl.From, tl.To)
	}
	if got := e.ui.now.status.Text; got != "Off — next shift Tue 08:00 (in 13 h 40 min)" {
		t.Errorf("status %q", got)
	}
}

func TestSettingsGolden(t *testing.T) {
	for _, code := range []string{"en", "sv"} {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t, code, at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), func(s *settings.Settings) {
				regions(s)
				s.KindRules = []calendar.KindRule{{Keyword: "coaching", Kind: calendar.KindTraining}}
			})
			e.ui.Show(ScreenSettings)
			test.AssertRendersToMarkup(t, "settings_"+code+".xml", e.win.Canvas())
		})
	}
}

// On the 25-hour Sunday of a DST change the day's timeline is drawn by wall
// clock, like the hour ruler above the week: the night that ends at 06:00
// CET ends under the ruler's 06, not 43 minutes later.
func TestWeekDSTDayFollowsTheRuler(t *testing.T) {
	e := newEnv(t, "en", at(2026, 10, 21, 10, 0), append(dstWeek(),
		occ(calendar.KindShift, "EMEA queue", at(2026, 10, 25, 14, 0), at(2026, 10, 25, 22, 0))), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	w := e.ui.week
	sun := w.days[6]
	const width = 960
	tick := map[string]float32{}
	for _, tk := range w.ruler.Ticks {
		tick[tk.Label] = w.ruler.x(tk.At, width)
	}
	for _, c := range []struct {
		when time.Time
		hour string
	}{
		{at(2026, 10, 25, 6, 0), "06"},
		{at(2026, 10, 25, 15, 0), "15"},
		{at(2026, 10, 25, 21, 0), "21"},
	} {
		if got, want := sun.x(c.when, width), tick[c.hour]; math.Abs(float64(got-want)) > 0.5 {
			t.Errorf("Sunday %s drawn at x=%.1f, the ruler's %s at x=%.1f", c.when.Format("15:04 MST"), got, c.hour, want)
		}
	}
	// An ordinary day maps by elapsed time as before.
	mon := w.days[0]
	if got := mon.x(at(2026, 10, 19, 12, 0), width); math.Abs(float64(got-width/2)) > 0.5 {
		t.Errorf("Monday noon at x=%.1f, want %d", got, width/2)
	}
}

// A DST change is reported for a region only when it moves a shift's
// overlap with the region's business hours: the 14:00–22:00 shifts are
// 22:00–06:00 in Tokyo before and after Stockholm's change (no overlap
// either way), but they gain and then lose an hour of New York's day.
// With no shift known after a change, the change is still reported.
func TestDSTWarningsOnlyWhenTheOverlapMoves(t *testing.T) {
	var s settings.Settings
	regions(&s)
	japan, newYork := s.Regions[0], s.Regions[1]
	shifts := []calendar.Occurrence{
		occ(calendar.KindShift, "EMEA queue", at(2026, 10, 26, 14, 0), at(2026, 10, 26, 22, 0)),
		occ(calendar.KindShift, "EMEA queue", at(2026, 11, 2, 14, 0), at(2026, 11, 2, 22, 0)),
	}
	now := at(2026, 10, 19, 16, 0)
	if w := dstWarnings(stockholm, japan, mustZone("Asia/Tokyo"), now, shifts); len(w) != 0 {
		t.Errorf("Japan: %d warnings for changes that move no overlap: %+v", len(w), w)
	}
	w := dstWarnings(stockholm, newYork, mustZone("America/New_York"), now, shifts)
	if len(w) != 2 || !w[0].Closer || w[1].Closer || !w[0].Shift.Start.Equal(shifts[0].Start) || !w[1].Shift.Start.Equal(shifts[1].Start) {
		t.Errorf("New York warnings %+v", w)
	}
	if w := dstWarnings(stockholm, japan, mustZone("Asia/Tokyo"), now, nil); len(w) != 1 || !w[0].Shift.Start.IsZero() {
		t.Errorf("Japan without shifts: %+v", w)
	}
}
