package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

// restMargin is how far around a shown week the schedule is read, so the
// rest rules see the work before and after it.
const restMargin = 8

// HoursSection is the "Hours" part of the Week screen: the week's ledger
// on one line and a line per rest warning.
type HoursSection struct {
	title    *widget.Label
	line     *widget.Label
	warnings *fyne.Container
	box      *fyne.Container
}

func newHoursSection() *HoursSection {
	h := &HoursSection{
		title:    widget.NewLabelWithStyle(lang.L("Hours"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		line:     widget.NewLabel(""),
		warnings: container.NewVBox(),
	}
	h.line.Wrapping = fyne.TextWrapWord
	h.box = container.NewVBox(container.NewBorder(nil, nil, h.title, nil, h.line), h.warnings)
	return h
}

// show fills the section with the ledger of p.
func (h *HoursSection) show(p hours.Period, r hours.Rules, zone *time.Location, loc Locale) {
	h.line.SetText(periodText(p, r, loc))
	h.warnings.RemoveAll()
	for _, w := range p.Warnings {
		text := widget.NewLabel(restText(w, zone, loc))
		text.Importance = widget.DangerImportance
		text.Wrapping = fyne.TextWrapWord
		h.warnings.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, text))
	}
}

// periodText is the ledger of a week in words: "Work 38 h 30 min of 37 h
// 30 min · overtime 1 h · night 1 h · time off 1 h".
func periodText(p hours.Period, r hours.Rules, loc Locale) string {
	if !p.Scheduled() {
		return lang.L("Nothing scheduled this week")
	}
	parts := []string{lang.L("Work {{.Work}}", map[string]any{"Work": loc.Minutes(p.Work)})}
	if r.Contract > 0 {
		parts[0] = lang.L("Work {{.Work}} of {{.Contract}}", map[string]any{"Work": loc.Minutes(p.Work), "Contract": loc.Minutes(r.Contract)})
		parts = append(parts, lang.L("overtime {{.Time}}", map[string]any{"Time": loc.Minutes(p.Overtime)}))
	}
	t := func(d time.Duration) map[string]any { return map[string]any{"Time": loc.Minutes(d)} }
	if p.Night > 0 {
		parts = append(parts, lang.L("night {{.Time}}", t(p.Night)))
	}
	if p.Meeting+p.Training > 0 {
		parts = append(parts, lang.L("meetings and training {{.Time}}", t(p.Meeting+p.Training)))
	}
	if p.Unpaid > 0 {
		parts = append(parts, lang.L("unpaid {{.Time}}", t(p.Unpaid)))
	}
	if p.TimeOff > 0 {
		parts = append(parts, lang.L("time off {{.Time}}", t(p.TimeOff)))
	}
	if p.TimeOffDays > 0 {
		parts = append(parts, lang.L("days off: {{.N}}", map[string]any{"N": p.TimeOffDays}))
	}
	return strings.Join(parts, " · ")
}

// restText words a rest warning: "Only 8 h rest between Tue 23:00 and
// Wed 07:00".
func restText(w hours.Warning, zone *time.Location, loc Locale) string {
	from, to := w.From.In(zone), w.To.In(zone)
	switch w.Kind {
	case hours.DailyRest:
		return lang.L("Only {{.Rest}} rest between {{.From}} and {{.To}}", map[string]any{
			"Rest": loc.Minutes(w.Length), "From": loc.DayTime(from), "To": loc.DayTime(to)})
	case hours.WeeklyRest:
		_, wk := w.At.In(zone).ISOWeek()
		return lang.L("No {{.Rest}} weekly rest in week {{.N}}: at most {{.Longest}} in the 7 days from {{.From}}", map[string]any{
			"Rest": loc.Minutes(w.Limit), "N": wk, "Longest": loc.Minutes(w.Length), "From": loc.Day(from) + " " + loc.Time(from)})
	}
	_, wk := from.ISOWeek()
	return lang.L("{{.Work}} of work in week {{.N}}, over the {{.Max}} maximum", map[string]any{
		"Work": loc.Minutes(w.Length), "N": wk, "Max": loc.Minutes(w.Limit)})
}

// restAlerts are the daily-rest warnings that cross [from, to), as marks
// for a timeline.
func restAlerts(ws []hours.Warning, from, to time.Time, zone *time.Location, loc Locale) []Alert {
	var out []Alert
	for _, w := range ws {
		if w.Kind != hours.DailyRest || !w.To.After(from) || !w.From.Before(to) {
			continue
		}
		out = append(out, Alert{Start: maxTime(w.From, from), End: minTime(w.To, to), Label: restText(w, zone, loc)})
	}
	return out
}

// nextShortRest is the daily-rest warning before the agent's next work,
// when that work starts within a day: the Now screen says so.
func nextShortRest(occs []calendar.Occurrence, now time.Time, r hours.Rules) (hours.Warning, bool) {
	for _, w := range hours.Rest(occs, r) {
		if w.Kind == hours.DailyRest && w.To.After(now) && w.To.Sub(now) <= 24*time.Hour {
			return w, true
		}
	}
	return hours.Warning{}, false
}
