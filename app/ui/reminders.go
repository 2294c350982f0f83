package ui

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// Reminder is a desktop notification due at At.
type Reminder struct {
	At    time.Time
	Title string
	Body  string
}

// dueReminders lists the reminders whose time lies in (after, upto], in
// time order: lead minutes before each shift starts, and before each
// break or lunch starts and ends.
func dueReminders(occs []calendar.Occurrence, after, upto time.Time, r settings.Reminders, zone *time.Location, loc Locale) []Reminder {
	var out []Reminder
	add := func(at time.Time, title, body string) {
		if at.After(after) && !at.After(upto) {
			out = append(out, Reminder{At: at, Title: title, Body: body})
		}
	}
	shiftLead := time.Duration(r.ShiftMinutes) * time.Minute
	breakLead := time.Duration(r.BreakMinutes) * time.Minute
	for _, o := range occs {
		if o.AllDay {
			continue
		}
		st, en := o.Start.In(zone), o.End.In(zone)
		data := map[string]any{"What": o.Summary, "At": loc.Time(st), "Back": loc.Time(en),
			"Shift": loc.Minutes(shiftLead), "Break": loc.Minutes(breakLead), "Span": loc.Span(st, en)}
		switch o.Kind {
		case calendar.KindShift:
			add(o.Start.Add(-shiftLead), lang.L("Shift starts in {{.Shift}}", data), lang.L("{{.What}} at {{.At}}", data))
		case calendar.KindBreak:
			add(o.Start.Add(-breakLead), lang.L("Break in {{.Break}}", data), data["Span"].(string))
			add(o.End.Add(-breakLead), lang.L("Break ends in {{.Break}}", data), lang.L("Back at {{.Back}}", data))
		case calendar.KindLunch:
			add(o.Start.Add(-breakLead), lang.L("Lunch in {{.Break}}", data), data["Span"].(string))
			add(o.End.Add(-breakLead), lang.L("Lunch ends in {{.Break}}", data), lang.L("Back at {{.Back}}", data))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// checkReminders sends the reminders due since the last check and returns
// when the next one is due (zero if none in the next day).
func (u *UI) checkReminders(now time.Time) time.Time {
	zone := u.zone()
	occs := u.now.occs // loaded from yesterday to a week ahead
	if now.After(u.remindedUpTo) {
		// After a suspend, only what fell due in the last minutes is sent.
		after := u.remindedUpTo
		if late := now.Add(-5 * time.Minute); after.Before(late) {
			after = late
		}
		for _, r := range dueReminders(occs, after, now, u.cfg.Reminders, zone, u.loc) {
			u.notify(r.Title, r.Body)
		}
		u.remindedUpTo = now
	}
	if next := dueReminders(occs, now, now.Add(24*time.Hour), u.cfg.Reminders, zone, u.loc); len(next) > 0 {
		return next[0].At
	}
	return time.Time{}
}

// Synced is called on the UI goroutine after a sync (by the agent or the
// background loop) with what it changed: it redraws and, when the agent
// wants it, sends a notification.
func (u *UI) Synced(changed []Change) {
	u.Refresh()
	if len(changed) == 0 || !u.cfg.Reminders.OnChanges {
		return
	}
	var lines []string
	for _, c := range changed[:min(len(changed), 3)] {
		lines = append(lines, u.loc.ChangeLine(c))
	}
	if len(changed) > 3 {
		lines = append(lines, lang.L("and {{.N}} more", map[string]any{"N": len(changed) - 3}))
	}
	u.notify(lang.L("Your schedule changed"), strings.Join(lines, "\n"))
}

func (u *UI) notify(title, body string) {
	if u.app != nil {
		u.app.SendNotification(fyne.NewNotification(title, body))
	}
}
