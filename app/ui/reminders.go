package ui

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

// Reminder is a desktop notification due at At.
type Reminder struct {
	At    time.Time
	Title string
	Body  string
}

// dueReminders lists the reminders whose time lies in (after, upto], in
// time order: each kind's lead time before a shift starts, a break or
// lunch starts and ends ("back on the queue in 2 min"), a meeting or a
// training starts, for the kinds that are on.
func dueReminders(occs []calendar.Occurrence, after, upto time.Time, r settings.Reminders, zone *time.Location, loc Locale) []Reminder {
	var out []Reminder
	add := func(kind string, at time.Time, title func(lead string) string, body string) {
		l := r.Lead(kind)
		due := at.Add(-time.Duration(l.Minutes) * time.Minute)
		if l.On && due.After(after) && !due.After(upto) {
			out = append(out, Reminder{At: due, Title: title(loc.Minutes(time.Duration(l.Minutes) * time.Minute)), Body: body})
		}
	}
	for _, o := range occs {
		if o.AllDay {
			continue
		}
		st, en := o.Start.In(zone), o.End.In(zone)
		data := map[string]any{"What": o.Summary, "At": loc.Time(st), "Back": loc.Time(en), "Span": loc.Span(st, en)}
		switch o.Kind {
		case calendar.KindShift:
			add(settings.RemindShiftStart, o.Start, func(lead string) string {
				return lang.L("Shift starts in {{.Shift}}", map[string]any{"Shift": lead})
			}, lang.L("{{.What}} at {{.At}}", data))
		case calendar.KindBreak:
			add(settings.RemindBreakStart, o.Start, func(lead string) string {
				return lang.L("Break in {{.Break}}", map[string]any{"Break": lead})
			}, loc.Span(st, en))
			add(settings.RemindBreakEnd, o.End, func(lead string) string { return lang.L("Back on the queue in {{.In}}", map[string]any{"In": lead}) }, lang.L("Back at {{.Back}}", data))
		case calendar.KindLunch:
			add(settings.RemindLunchStart, o.Start, func(lead string) string {
				return lang.L("Lunch in {{.Break}}", map[string]any{"Break": lead})
			}, loc.Span(st, en))
			add(settings.RemindLunchEnd, o.End, func(lead string) string {
				return lang.L("Lunch ends in {{.Break}}", map[string]any{"Break": lead})
			}, lang.L("Back at {{.Back}}", data))
		case calendar.KindMeeting:
			add(settings.RemindMeeting, o.Start, func(lead string) string { return lang.L("Meeting in {{.In}}", map[string]any{"In": lead}) }, lang.L("{{.What}} at {{.At}}", data))
		case calendar.KindTraining:
			add(settings.RemindTraining, o.Start, func(lead string) string { return lang.L("Training in {{.In}}", map[string]any{"In": lead}) }, lang.L("{{.What}} at {{.At}}", data))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// remindersIn is every reminder due in (after, upto]: Shiftdesk's own per
// kind, and the feed's own alarms for the feeds whose alarms the agent
// honours.
func (u *UI) remindersIn(occs []calendar.Occurrence, after, upto time.Time) []Reminder {
	out := append(dueReminders(occs, after, upto, u.cfg.Reminders, u.zone(), u.loc),
		feedAlarms(occs, after, upto, u.cfg.HonoursAlarms, u.zone(), u.loc)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// feedAlarms are the VALARMs of the occurrences from feeds that honour
// them, due in (after, upto].
func feedAlarms(occs []calendar.Occurrence, after, upto time.Time, honours func(feed string) bool, zone *time.Location, loc Locale) []Reminder {
	var out []Reminder
	for _, o := range occs {
		if len(o.Alarms) == 0 || !honours(o.Source) {
			continue
		}
		for _, a := range o.Alarms {
			if at := a.When(o); at.After(after) && !at.After(upto) {
				out = append(out, Reminder{At: at, Title: o.Summary, Body: loc.Span(o.Start.In(zone), o.End.In(zone))})
			}
		}
	}
	return out
}

// checkReminders sends the reminders due since the last check and returns
// when the next one is due (zero if none in the next day).
func (u *UI) checkReminders(now time.Time) time.Time {
	occs := u.now.occs // loaded from yesterday to a week ahead
	if now.After(u.remindedUpTo) {
		// After a suspend, only what fell due in the last minutes is sent.
		after := u.remindedUpTo
		if late := now.Add(-5 * time.Minute); after.Before(late) {
			after = late
		}
		for _, r := range u.remindersIn(occs, after, now) {
			u.notify(r.Title, r.Body)
		}
		u.remindedUpTo = now
	}
	if next := u.remindersIn(occs, now, now.Add(24*time.Hour)); len(next) > 0 {
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
	if w, ok := u.restAfter(changed); ok {
		lines = append(lines, lang.L("This leaves a short rest: {{.Text}}", map[string]any{"Text": restText(w, u.zone(), u.loc)}))
	}
	u.notify(lang.L("Your schedule changed"), strings.Join(lines, "\n"))
}

// restAfter is a coming daily-rest warning next to a changed activity:
// the change made the rest between two shifts too short.
func (u *UI) restAfter(changed []Change) (hours.Warning, bool) {
	now := u.clock()
	for _, w := range hours.Rest(u.now.occs, u.cfg.Hours.Rules()) {
		if w.Kind != hours.DailyRest || !w.To.After(now) {
			continue
		}
		for _, c := range changed {
			if c.Kind != ChangeRemoved && !c.NewStart.After(w.To) && !c.NewEnd.Before(w.From) {
				return w, true
			}
		}
	}
	return hours.Warning{}, false
}

func (u *UI) notify(title, body string) {
	if u.app != nil {
		u.app.SendNotification(fyne.NewNotification(title, body))
	}
}
