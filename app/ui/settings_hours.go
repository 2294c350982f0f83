package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// reminderRows are the Settings rows of the reminders: per kind, on or
// off and minutes before.
type reminderRows struct {
	on   map[string]*widget.Check
	lead map[string]*widget.Entry
}

// reminderName is the row label of a reminder kind.
func reminderName(kind string) string {
	switch kind {
	case settings.RemindShiftStart:
		return lang.L("Before a shift starts")
	case settings.RemindBreakStart:
		return lang.L("Before a break starts")
	case settings.RemindBreakEnd:
		return lang.L("Before a break ends (back on the queue)")
	case settings.RemindLunchStart:
		return lang.L("Before lunch starts")
	case settings.RemindLunchEnd:
		return lang.L("Before lunch ends")
	case settings.RemindMeeting:
		return lang.L("Before a meeting")
	}
	return lang.L("Before a training")
}

// build makes the form: one row per kind, "[x] on  [ 2 ] minutes".
func (r *reminderRows) build(cfg settings.Reminders) *widget.Form {
	r.on, r.lead = map[string]*widget.Check{}, map[string]*widget.Entry{}
	form := widget.NewForm()
	for _, k := range settings.ReminderKinds() {
		l := cfg.Lead(k)
		on := widget.NewCheck(lang.L("On"), nil)
		on.SetChecked(l.On)
		lead := widget.NewEntry()
		lead.SetText(strconv.Itoa(l.Minutes))
		lead.Validator = validateMinutes
		r.on[k], r.lead[k] = on, lead
		form.Append(reminderName(k), container.NewBorder(nil, nil, on, widget.NewLabel(lang.L("min")), lead))
	}
	return form
}

// read returns cfg with the rows' leads, false when a lead is not valid.
// ShiftMinutes and BreakMinutes follow the shift and break-start rows.
func (r *reminderRows) read(cfg settings.Reminders) (settings.Reminders, bool) {
	out := cfg
	out.PerKind = map[string]settings.Lead{}
	for _, k := range settings.ReminderKinds() {
		n, err := strconv.Atoi(strings.TrimSpace(r.lead[k].Text))
		if err != nil || validateMinutes(r.lead[k].Text) != nil {
			return cfg, false
		}
		out.PerKind[k] = settings.Lead{On: r.on[k].Checked, Minutes: n}
	}
	out.ShiftMinutes = out.PerKind[settings.RemindShiftStart].Minutes
	out.BreakMinutes = out.PerKind[settings.RemindBreakStart].Minutes
	return out, true
}

// hoursForm is the Settings form of the hours ledger and rest rules.
type hoursForm struct {
	contract, nightStart, nightEnd *widget.Entry
	dailyRest, weeklyRest, maxWeek *widget.Entry
	unpaid                         *widget.CheckGroup
	form                           *widget.Form
}

// unpaidChoices are the kinds that can be unpaid inside a shift.
func unpaidChoices() []calendar.Kind {
	return []calendar.Kind{calendar.KindBreak, calendar.KindLunch, calendar.KindMeeting, calendar.KindTraining}
}

func hoursEntry(v float64, max float64) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(strconv.FormatFloat(v, 'f', -1, 64))
	e.Validator = func(s string) error {
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(s, ",", ".")), 64)
		if err != nil || f < 0 || f > max {
			return errors.New(lang.L("Enter hours between 0 and {{.Max}}", map[string]any{"Max": max}))
		}
		return nil
	}
	return e
}

func clockEntry(v string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(v)
	e.SetPlaceHolder("22:00")
	e.Validator = func(s string) error {
		if _, err := time.Parse("15:04", strings.TrimSpace(s)); err != nil {
			return errors.New(lang.L("Enter a time as HH:MM"))
		}
		return nil
	}
	return e
}

// build makes the form for h; onSubmit saves it.
func (f *hoursForm) build(h settings.Hours, onSubmit func()) fyne.CanvasObject {
	f.contract = hoursEntry(h.ContractHours, 168)
	f.nightStart, f.nightEnd = clockEntry(h.NightStart), clockEntry(h.NightEnd)
	f.dailyRest, f.weeklyRest, f.maxWeek = hoursEntry(h.DailyRestHours, 24), hoursEntry(h.WeeklyRestHours, 168), hoursEntry(h.MaxWeekHours, 168)
	var names, chosen []string
	for _, k := range unpaidChoices() {
		names = append(names, kindName(k))
		for _, u := range h.UnpaidKinds {
			if u == k {
				chosen = append(chosen, kindName(k))
			}
		}
	}
	f.unpaid = widget.NewCheckGroup(names, nil)
	f.unpaid.Horizontal = true
	f.unpaid.SetSelected(chosen)
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("Contract hours a week (0: none)"), f.contract),
		widget.NewFormItem(lang.L("Unpaid inside a shift"), f.unpaid),
		widget.NewFormItem(lang.L("Night hours from"), f.nightStart),
		widget.NewFormItem(lang.L("Night hours until"), f.nightEnd),
		widget.NewFormItem(lang.L("Daily rest (hours)"), f.dailyRest),
		widget.NewFormItem(lang.L("Weekly rest (hours)"), f.weeklyRest),
		widget.NewFormItem(lang.L("Most hours in a week"), f.maxWeek),
	)
	f.form.SubmitText = lang.L("Save")
	f.form.OnSubmit = onSubmit
	return f.form
}

// read returns the rules entered, false when one is not valid.
func (f *hoursForm) read() (settings.Hours, bool) {
	num := func(e *widget.Entry) float64 {
		v, _ := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(e.Text, ",", ".")), 64)
		return v
	}
	for _, e := range []*widget.Entry{f.contract, f.nightStart, f.nightEnd, f.dailyRest, f.weeklyRest, f.maxWeek} {
		if e.Validate() != nil {
			return settings.Hours{}, false
		}
	}
	h := settings.Hours{ContractHours: num(f.contract), NightStart: strings.TrimSpace(f.nightStart.Text),
		NightEnd: strings.TrimSpace(f.nightEnd.Text), DailyRestHours: num(f.dailyRest),
		WeeklyRestHours: num(f.weeklyRest), MaxWeekHours: num(f.maxWeek), UnpaidKinds: []calendar.Kind{}}
	for _, k := range unpaidChoices() {
		for _, c := range f.unpaid.Selected {
			if c == kindName(k) {
				h.UnpaidKinds = append(h.UnpaidKinds, k)
			}
		}
	}
	return h, true
}

func (s *SettingsScreen) onHoursChanged() {
	h, ok := s.hours.read()
	if !ok {
		return
	}
	cfg := s.u.cfg
	cfg.Hours = h
	s.save(cfg)
}

// onFeedAlarmsChanged honours or ignores a feed's own alarms.
func (s *SettingsScreen) onFeedAlarmsChanged(id string, on bool) {
	if on == s.u.cfg.HonoursAlarms(id) {
		return
	}
	cfg := s.u.cfg
	cfg.AlarmFeeds = slices.DeleteFunc(slices.Clone(cfg.AlarmFeeds), func(x string) bool { return x == id })
	if on {
		cfg.AlarmFeeds = append(cfg.AlarmFeeds, id)
	}
	s.save(cfg)
}
