package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// shortRestWeek is the week of Mon 23 Nov 2026 with a late shift on
// Monday and an early one on Tuesday: 8 h of rest in between.
func shortRestWeek() []calendar.Occurrence {
	return []calendar.Occurrence{
		occ(calendar.KindShift, "EMEA late", at(2026, 11, 23, 15, 0), at(2026, 11, 23, 23, 0)),
		occ(calendar.KindLunch, "Lunch", at(2026, 11, 23, 19, 0), at(2026, 11, 23, 19, 30)),
		occ(calendar.KindShift, "EMEA early", at(2026, 11, 24, 7, 0), at(2026, 11, 24, 15, 0)),
		occ(calendar.KindTimeOff, "Dentist", at(2026, 11, 24, 10, 0), at(2026, 11, 24, 11, 0)),
		occ(calendar.KindShift, "EMEA", at(2026, 11, 25, 8, 0), at(2026, 11, 25, 17, 0)),
	}
}

func contract40(s *settings.Settings) { s.Hours.ContractHours = 40 }

func TestWeekGoldenHoursAndRestWarning(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 12, 0), shortRestWeek(), workFeed(), contract40)
	e.ui.Show(ScreenWeek)
	w := e.ui.week
	if got, want := w.hours.line.Text, "Work 23 h 30 min of 40 h · overtime 0 min · night 1 h · unpaid 30 min · time off 1 h"; got != want {
		t.Errorf("hours line %q, want %q", got, want)
	}
	if got := strings.Join(labelTexts(w.hours.warnings), "|"); got != "Only 8 h rest between Mon 23:00 and Tue 07:00" {
		t.Errorf("warnings %q", got)
	}
	// The rest is marked on Monday from 23:00 and on Tuesday until 07:00.
	mon, tue := w.days[0].Alerts, w.days[1].Alerts
	if len(mon) != 1 || !mon[0].Start.Equal(at(2026, 11, 23, 23, 0)) || !mon[0].End.Equal(at(2026, 11, 24, 0, 0)) {
		t.Errorf("Monday alerts %+v", mon)
	}
	if len(tue) != 1 || !tue[0].End.Equal(at(2026, 11, 24, 7, 0)) || len(w.days[2].Alerts) != 0 {
		t.Errorf("Tuesday alerts %+v, Wednesday %+v", tue, w.days[2].Alerts)
	}
	test.AssertRendersToMarkup(t, "week_hours_rest_en.xml", e.win.Canvas())

	// The next week has neither the work nor the warning.
	w.onNextTapped()
	if got := w.hours.line.Text; got != "Nothing scheduled this week" || len(w.hours.warnings.Objects) != 0 || len(w.days[0].Alerts) != 0 {
		t.Errorf("next week: %q, %d warnings", got, len(w.hours.warnings.Objects))
	}
}

func TestWeekHoursSwedish(t *testing.T) {
	e := newEnv(t, "sv", at(2026, 11, 23, 12, 0), shortRestWeek(), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	if got := strings.Join(labelTexts(e.ui.week.hours.warnings), "|"); got != "Bara 8 h vila mellan mån 23:00 och tis 07:00" {
		t.Errorf("warnings %q", got)
	}
}

func TestNowSaysTheNextShiftFollowsAShortRest(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 23, 30), shortRestWeek(), workFeed(), nil)
	e.ui.Show(ScreenNow)
	r := e.ui.now.rest
	if !r.Visible() || r.Text != "Your next shift starts after only 8 h rest (Mon 23:00 – Tue 07:00)" {
		t.Fatalf("rest line %v %q", r.Visible(), r.Text)
	}
	*e.now = at(2026, 11, 24, 12, 0) // Wednesday's shift follows 17 h of rest
	e.ui.Refresh()
	if r.Visible() {
		t.Fatalf("rest line still shown: %q", r.Text)
	}
}

// A timed time off inside a shift is drawn over the shift, and one outside
// the shifts stretches today's bar to be seen.
func TestTimedTimeOffIsDrawn(t *testing.T) {
	occs := append(shortRestWeek(), occ(calendar.KindTimeOff, "Doctor", at(2026, 11, 25, 17, 30), at(2026, 11, 25, 19, 0)))
	e := newEnv(t, "en", at(2026, 11, 24, 9, 0), occs, workFeed(), nil)
	e.ui.Show(ScreenWeek)
	segs := e.ui.week.days[1].Segments
	if len(segs) != 2 || segs[1].Occ.Summary != "Dentist" {
		t.Fatalf("Tuesday draws %+v, want the dentist over the shift", segs)
	}
	*e.now = at(2026, 11, 25, 9, 0)
	e.ui.Show(ScreenNow)
	tl := e.ui.now.timeline
	if !tl.To.Equal(at(2026, 11, 25, 19, 0)) {
		t.Fatalf("today's bar ends %v, want 19:00 (the doctor after the shift)", tl.To)
	}
	var found bool
	for _, s := range tl.Segments {
		found = found || s.Occ.Summary == "Doctor"
	}
	if !found {
		t.Fatal("the doctor is not on today's bar")
	}
}

// Each kind of reminder has its own lead time and can be off; meetings and
// training remind only when turned on.
func TestRemindersPerKind(t *testing.T) {
	occs := append(weekOf23Nov(), occ(calendar.KindMeeting, "Team meeting", at(2026, 11, 23, 15, 0), at(2026, 11, 23, 15, 30)),
		occ(calendar.KindTraining, "CRM course", at(2026, 11, 23, 15, 30), at(2026, 11, 23, 16, 0)))
	r := settings.Default().Reminders
	r.PerKind = map[string]settings.Lead{
		settings.RemindShiftStart: {On: false, Minutes: 10},
		settings.RemindBreakStart: {On: true, Minutes: 5},
		settings.RemindLunchEnd:   {On: false, Minutes: 2},
		settings.RemindMeeting:    {On: true, Minutes: 15},
		settings.RemindTraining:   {On: true, Minutes: 1},
	}
	loc := useLang(t, "en")
	got := dueReminders(occs, at(2026, 11, 23, 0, 0), at(2026, 11, 23, 23, 0), r, stockholm, loc)
	var lines []string
	for _, x := range got {
		lines = append(lines, x.At.In(stockholm).Format("15:04")+" "+x.Title+" / "+x.Body)
	}
	want := []string{
		"08:55 Break in 5 min / 09:00–09:15",
		"09:13 Back on the queue in 2 min / Back at 09:15",
		"11:28 Lunch in 2 min / 11:30–12:00",
		"13:55 Break in 5 min / 14:00–14:15",
		"14:13 Back on the queue in 2 min / Back at 14:15",
		"14:45 Meeting in 15 min / Team meeting at 15:00",
		"15:29 Training in 1 min / CRM course at 15:30",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("reminders:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// A sync that moves a shift so close to the next one that the rest is too
// short says so in its notification.
func TestSyncNotificationSaysShortRest(t *testing.T) {
	feeds := workFeed()
	e := newEnv(t, "en", at(2026, 11, 23, 9, 0), shortRestWeek(), feeds, nil)
	changed := []Change{moved(calendar.KindShift, "EMEA early", at(2026, 11, 24, 9, 0), at(2026, 11, 24, 17, 0), at(2026, 11, 24, 7, 0), at(2026, 11, 24, 15, 0))}
	n := fyne.NewNotification("Your schedule changed",
		"Tue 24 Nov: shift moved 09:00 -> 07:00\nThis leaves a short rest: Only 8 h rest between Mon 23:00 and Tue 07:00")
	test.AssertNotificationSent(t, n, func() { e.ui.Synced(changed) })
}

// The Settings screen sets each reminder and the hours rules; the Week
// screen follows.
func TestSettingsRemindersAndHoursRules(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 12, 0), shortRestWeek(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.leads.on[settings.RemindMeeting].SetChecked(true)
	s.leads.lead[settings.RemindMeeting].SetText("15")
	s.leads.on[settings.RemindBreakEnd].SetChecked(false)
	s.leads.lead[settings.RemindShiftStart].SetText("20")
	s.onRemindersChanged()
	r := e.store.s.Reminders
	if r.Lead(settings.RemindMeeting) != (settings.Lead{On: true, Minutes: 15}) || r.Lead(settings.RemindBreakEnd).On || r.ShiftMinutes != 20 {
		t.Fatalf("saved reminders %+v", r)
	}
	s.leads.lead[settings.RemindLunchEnd].SetText("-3") // not saved
	s.onRemindersChanged()
	if e.store.s.Reminders.Lead(settings.RemindLunchEnd).Minutes != 2 {
		t.Fatalf("a bad lead was saved: %+v", e.store.s.Reminders)
	}

	s.hours.contract.SetText("37,5")
	s.hours.unpaid.SetSelected([]string{"Break", "Lunch"})
	s.hours.dailyRest.SetText("7")
	s.onHoursChanged()
	h := e.store.s.Hours
	if h.ContractHours != 37.5 || len(h.UnpaidKinds) != 2 || h.DailyRestHours != 7 {
		t.Fatalf("saved hours %+v", h)
	}
	e.ui.Show(ScreenWeek)
	if got := e.ui.week.hours.line.Text; !strings.HasPrefix(got, "Work 23 h 30 min of 37 h 30 min") {
		t.Errorf("hours line %q", got)
	}
	if n := len(e.ui.week.hours.warnings.Objects); n != 0 {
		t.Errorf("with 7 h daily rest, %d warnings", n)
	}
	s.hours.nightStart.SetText("late")
	s.onHoursChanged()
	if e.store.s.Hours.NightStart != "22:00" {
		t.Fatalf("a bad night bound was saved: %+v", e.store.s.Hours)
	}
}

// A feed's own alarms ring only when the agent turned them on for that feed.
func TestFeedAlarmsHonouredPerFeed(t *testing.T) {
	brk := occ(calendar.KindBreak, "Coffee", at(2026, 11, 23, 10, 0), at(2026, 11, 23, 10, 15))
	brk.Alarms = []calendar.Alarm{{Offset: -7 * time.Minute}, {Offset: -1 * time.Minute, FromEnd: true}}
	other := brk
	other.Source, other.Summary = "Team", "Team coffee"
	occs := []calendar.Occurrence{brk, other}
	withFeeds := func(s *settings.Settings) {
		s.Feeds = []settings.Feed{{ID: "work", Name: "Work", URL: "https://wfm.example/agent.ics", Enabled: true},
			{ID: "team", Name: "Team", URL: "https://team.example/t.ics", Enabled: true}}
		s.Reminders.PerKind = map[string]settings.Lead{settings.RemindBreakStart: {}, settings.RemindBreakEnd: {}}
	}
	e := newEnv(t, "en", at(2026, 11, 23, 9, 0), occs, workFeed(), withFeeds)
	if got := e.ui.remindersIn(occs, at(2026, 11, 23, 9, 0), at(2026, 11, 23, 11, 0)); len(got) != 0 {
		t.Fatalf("alarms ignored by default, got %+v", got)
	}
	e.ui.Show(ScreenSettings)
	e.ui.settings.onFeedAlarmsChanged("work", true)
	if got := e.store.s.AlarmFeeds; len(got) != 1 || got[0] != "work" {
		t.Fatalf("alarm feeds %v", got)
	}
	got := e.ui.remindersIn(occs, at(2026, 11, 23, 9, 0), at(2026, 11, 23, 11, 0))
	if len(got) != 2 || !got[0].At.Equal(at(2026, 11, 23, 9, 53)) || !got[1].At.Equal(at(2026, 11, 23, 10, 14)) || got[0].Title != "Coffee" {
		t.Fatalf("work alarms %+v", got)
	}
	e.ui.settings.onFeedAlarmsChanged("work", false)
	if len(e.store.s.AlarmFeeds) != 0 {
		t.Fatalf("alarm feeds %v after turning off", e.store.s.AlarmFeeds)
	}
}

// The Feeds screen's "What changed" says when a change leaves a short
// rest, in the words of the sync notification; without one it says nothing.
func TestFeedsChangesSayShortRest(t *testing.T) {
	ff := workFeed()
	ff.changes = []Change{moved(calendar.KindShift, "EMEA early", at(2026, 11, 24, 9, 0), at(2026, 11, 24, 17, 0), at(2026, 11, 24, 7, 0), at(2026, 11, 24, 15, 0))}
	e := newEnv(t, "en", at(2026, 11, 23, 9, 0), shortRestWeek(), ff, nil)
	e.ui.Show(ScreenFeeds)
	got := strings.Join(labelTexts(e.ui.feeds.changes), "\n")
	want := "• Tue 24 Nov: shift moved 09:00 -> 07:00\nThis leaves a short rest: Only 8 h rest between Mon 23:00 and Tue 07:00"
	if got != want {
		t.Errorf("changes list:\n%s\nwant:\n%s", got, want)
	}
	// A change far from the short rest leaves the list without the line.
	ff.changes = []Change{added(calendar.KindMeeting, "Team meeting", at(2026, 11, 25, 10, 0), at(2026, 11, 25, 10, 30))}
	e.ui.Refresh()
	if got := strings.Join(labelTexts(e.ui.feeds.changes), "\n"); strings.Contains(got, "short rest") {
		t.Errorf("a change away from the short rest still warns:\n%s", got)
	}
}
