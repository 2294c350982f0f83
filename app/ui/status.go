package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// State is what the agent is doing at an instant.
type State int

// The states of the Now line.
const (
	StateOff State = iota
	StateShift
	StateBreak
	StateLunch
	StateActivity // a meeting, training or other activity
	StateTimeOff
)

// Status answers "what am I doing and what's next" at one instant.
type Status struct {
	State State
	// Text is the one line shown on the Now screen and in the tray menu.
	Text string
	// Current is the occurrence that decides the state (nil when off).
	Current *calendar.Occurrence
	// Shift is the shift the agent is in (nil when not on shift).
	Shift *calendar.Occurrence
	// Next is the first timed activity starting after now (nil if none).
	Next *calendar.Occurrence
	// Change is the next instant at which the state or its countdown target
	// changes (zero when nothing is ahead in the occurrences given).
	Change time.Time
}

// covers reports whether o is going on at now; all-day occurrences cover
// their dates in zone.
func covers(o calendar.Occurrence, now time.Time, zone *time.Location) bool {
	if o.AllDay {
		s, e := o.StartDate.In(zone), o.EndDate.In(zone)
		return !now.Before(s) && now.Before(e)
	}
	return !now.Before(o.Start) && now.Before(o.End)
}

// bounds returns the instants o starts and ends at, in zone for all-day ones.
func bounds(o calendar.Occurrence, zone *time.Location) (time.Time, time.Time) {
	if o.AllDay {
		return o.StartDate.In(zone), o.EndDate.In(zone)
	}
	return o.Start, o.End
}

// ComputeStatus works out the Now line from occurrences (sorted or not)
// that cover at least now and the next days, in zone.
func ComputeStatus(occs []calendar.Occurrence, now time.Time, zone *time.Location, loc Locale) Status {
	var st Status
	// The next change: the first boundary after now.
	for _, o := range occs {
		s, e := bounds(o, zone)
		for _, b := range []time.Time{s, e} {
			if b.After(now) && (st.Change.IsZero() || b.Before(st.Change)) {
				st.Change = b
			}
		}
	}
	for i := range occs {
		o := &occs[i]
		if !o.AllDay && o.Start.After(now) && (st.Next == nil || o.Start.Before(st.Next.Start)) {
			st.Next = o
		}
	}
	var shift, active, timeOff *calendar.Occurrence
	for i := range occs {
		o := &occs[i]
		if !covers(*o, now, zone) {
			continue
		}
		switch o.Kind {
		case calendar.KindTimeOff:
			if timeOff == nil {
				timeOff = o
			}
		case calendar.KindShift:
			if shift == nil || o.End.After(shift.End) {
				shift = o
			}
		default:
			if !o.AllDay && (active == nil || o.Start.After(active.Start)) {
				active = o
			}
		}
	}
	if timeOff != nil && shift == nil {
		st.State, st.Current = StateTimeOff, timeOff
		_, end := bounds(*timeOff, zone)
		end = end.In(zone)
		when := loc.Weekday(end.Weekday())
		if !timeOff.AllDay {
			when = loc.DayTime(end)
		}
		st.Text = lang.L("Time off until {{.When}}", map[string]any{"When": when})
		return st
	}
	st.Shift = shift
	if active != nil {
		st.Current = active
		data := map[string]any{"Back": loc.Time(active.End.In(zone)), "Until": loc.Time(active.End.In(zone)), "What": active.Summary}
		switch active.Kind {
		case calendar.KindBreak:
			st.State = StateBreak
			st.Text = lang.L("On break — back at {{.Back}}", data)
		case calendar.KindLunch:
			st.State = StateLunch
			st.Text = lang.L("At lunch — back at {{.Back}}", data)
		default:
			st.State = StateActivity
			st.Text = lang.L("{{.What}} — until {{.Until}}", data)
		}
		return st
	}
	if shift != nil {
		st.State, st.Current = StateShift, shift
		var next *calendar.Occurrence
		for i := range occs {
			o := &occs[i]
			if o.AllDay || o.Kind == calendar.KindShift || o.Kind == calendar.KindTimeOff || o.Kind == calendar.KindOther {
				continue
			}
			if o.Start.After(now) && o.Start.Before(shift.End) && (next == nil || o.Start.Before(next.Start)) {
				next = o
			}
		}
		data := map[string]any{"Name": shift.Summary}
		if next != nil {
			data["In"] = loc.Duration(next.Start.Sub(now))
			data["What"] = next.Summary
			switch next.Kind {
			case calendar.KindBreak:
				st.Text = lang.L("On shift · {{.Name}} — break in {{.In}}", data)
			case calendar.KindLunch:
				st.Text = lang.L("On shift · {{.Name}} — lunch in {{.In}}", data)
			default:
				st.Text = lang.L("On shift · {{.Name}} — {{.What}} in {{.In}}", data)
			}
			return st
		}
		data["At"] = loc.Time(shift.End.In(zone))
		data["In"] = loc.Duration(shift.End.Sub(now))
		st.Text = lang.L("On shift · {{.Name}} — ends at {{.At}} (in {{.In}})", data)
		return st
	}
	var next *calendar.Occurrence
	for i := range occs {
		o := &occs[i]
		if o.Kind == calendar.KindShift && !o.AllDay && o.Start.After(now) && (next == nil || o.Start.Before(next.Start)) {
			next = o
		}
	}
	if next == nil {
		st.Text = lang.L("Off — no shift in the next 7 days")
		return st
	}
	st.Text = lang.L("Off — next shift {{.At}} (in {{.In}})", map[string]any{
		"At": loc.DayTime(next.Start.In(zone)), "In": loc.Duration(next.Start.Sub(now)),
	})
	return st
}

// tickAfter is how long the Now line may wait before it must be redrawn:
// every second in the last ten minutes before change, otherwise when the
// shown minute count changes (and at the latest when the last ten minutes
// begin).
func tickAfter(now, change time.Time) time.Duration {
	if change.IsZero() {
		return time.Minute - time.Duration(now.Second())*time.Second - time.Duration(now.Nanosecond())
	}
	left := change.Sub(now)
	if left <= 10*time.Minute {
		d := left % time.Second
		if d <= 0 {
			d = time.Second
		}
		return d
	}
	d := left % time.Minute
	if d <= 0 {
		d = time.Minute
	}
	if until := left - 10*time.Minute; until > 0 && until < d {
		d = until
	}
	return d
}
