package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// CustomersScreen shows each customer region: its local time and whether
// it is open now, each shift of the week in the region's local time with
// the minutes of overlap with its business hours, and a warning when a DST
// change in the next 14 days moves that overlap.
type CustomersScreen struct {
	u    *UI
	list *fyne.Container
}

func newCustomersScreen(u *UI) *CustomersScreen { return &CustomersScreen{u: u} }

func (s *CustomersScreen) buildUI() fyne.CanvasObject {
	s.list = container.NewVBox()
	return container.NewVScroll(s.list)
}

// isOpen reports whether region r does business at instant t.
func isOpen(r calendar.Region, t time.Time) bool {
	iv, err := availability.BusinessHours(r, t, t.Add(time.Second))
	return err == nil && len(iv) > 0
}

// zoneTransitions lists the instants in [from, to) at which zone's UTC
// offset changes, found hour by hour and narrowed to the second.
func zoneTransitions(zone *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	offset := func(t time.Time) int { _, o := t.In(zone).Zone(); return o }
	prev := from
	for t := from.Add(time.Hour); !prev.After(to); t = t.Add(time.Hour) {
		if offset(t) != offset(prev) {
			lo, hi := prev, t
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if offset(mid) == offset(lo) {
					lo = mid
				} else {
					hi = mid
				}
			}
			if !hi.Before(from) && hi.Before(to) {
				out = append(out, hi)
			}
		}
		prev = t
	}
	return out
}

// DSTWarning is a coming change of the distance between the agent's zone
// and a region's zone.
type DSTWarning struct {
	At time.Time
	// Shift is the first shift after the change whose overlap with the
	// region's business hours it moves (zero Start if no shift is known).
	Shift calendar.Occurrence
	// Delta is how the region's offset relative to the agent changes.
	Delta time.Duration
	// Closer is true when the two zones get nearer to each other.
	Closer bool
}

// dstWarnings finds the changes in the offset between the agent's zone and
// region r's zone (loaded as region) in [now, now+14 days) that move the
// overlap of a shift with r's business hours, each with the first such
// shift. A change is also reported when no shift after it is known; it is
// left out when the shifts after it keep their overlap (a night shift far
// outside the region's hours stays outside them).
func dstWarnings(agent *time.Location, r calendar.Region, region *time.Location, now time.Time, occs []calendar.Occurrence) []DSTWarning {
	end := now.Add(14 * 24 * time.Hour)
	rel := func(t time.Time) int {
		_, a := t.In(agent).Zone()
		_, r := t.In(region).Zone()
		return r - a
	}
	var out []DSTWarning
	seen := map[int64]bool{}
	for _, at := range append(zoneTransitions(agent, now, end), zoneTransitions(region, now, end)...) {
		if seen[at.Unix()] {
			continue
		}
		seen[at.Unix()] = true
		before, after := rel(at.Add(-time.Second)), rel(at)
		if before == after {
			continue
		}
		w := DSTWarning{At: at, Delta: time.Duration(after-before) * time.Second, Closer: abs(after) < abs(before)}
		shifts, moved := 0, false
		for _, o := range occs {
			if o.Kind != calendar.KindShift || o.AllDay || o.Start.Before(at) || !o.Start.Before(end) {
				continue
			}
			shifts++
			if overlapMoved(o, r, w.Delta) {
				w.Shift, moved = o, true
				break
			}
		}
		if shifts == 0 || moved {
			out = append(out, w)
		}
	}
	return out
}

// overlapMoved reports whether shift o, after a change of delta in the
// region's offset relative to the agent, overlaps r's business hours for
// a different time than it would have with the old offset (the same wall
// clock shift delta earlier in the region's time).
func overlapMoved(o calendar.Occurrence, r calendar.Region, delta time.Duration) bool {
	now, err1 := availability.RegionOverlap(availability.Interval{Start: o.Start, End: o.End}, r)
	old, err2 := availability.RegionOverlap(availability.Interval{Start: o.Start.Add(-delta), End: o.End.Add(-delta)}, r)
	return err1 != nil || err2 != nil || now != old
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (s *CustomersScreen) refresh() {
	u := s.u
	s.list.RemoveAll()
	if len(u.cfg.Regions) == 0 {
		l := widget.NewLabel(lang.L("No customer regions yet. Add them in Settings to see your shifts in their local time."))
		l.Wrapping = fyne.TextWrapWord
		s.list.Add(l)
		return
	}
	zone := u.zone()
	now := u.clock()
	mon := mondayOf(now)
	weekStart := mon.In(zone)
	occs := u.occurrences(weekStart, now.Add(21*24*time.Hour))
	for _, r := range u.cfg.Regions {
		s.list.Add(s.regionCard(r, now, weekStart, mon.AddDays(7).In(zone), occs))
	}
}

// regionCard renders one region.
func (s *CustomersScreen) regionCard(r calendar.Region, now, weekStart, weekEnd time.Time, occs []calendar.Occurrence) fyne.CanvasObject {
	u := s.u
	rz, err := r.Location()
	if err != nil {
		return widget.NewCard(r.Name, "", widget.NewLabel(err.Error()))
	}
	rows := container.NewVBox()
	local := now.In(rz)
	open := isOpen(r, now)
	openText := lang.L("Closed now")
	if open {
		openText = lang.L("Open now")
	}
	state := widget.NewLabel(lang.L("There it is {{.Time}} ({{.Day}}) · {{.Open}}", map[string]any{
		"Time": u.loc.Time(local), "Day": u.loc.Weekday(local.Weekday()), "Open": openText,
	}))
	state.TextStyle = fyne.TextStyle{Bold: true}
	if open {
		state.Importance = widget.SuccessImportance
	}
	rows.Add(state)
	today := calendar.DateOf(now)
	shifts := 0
	for _, o := range occs {
		if o.Kind != calendar.KindShift || o.AllDay || !o.End.After(weekStart) || !o.Start.Before(weekEnd) {
			continue
		}
		shifts++
		overlap, err := availability.RegionOverlap(availability.Interval{Start: o.Start, End: o.End}, r)
		ov := u.loc.Minutes(overlap)
		if err != nil {
			ov = err.Error()
		}
		st, en := o.Start.In(u.zone()), o.End.In(u.zone())
		rs, re := o.Start.In(rz), o.End.In(rz)
		prefix := ""
		if calendar.DateOf(st) == today {
			prefix = lang.L("Today") + " · "
		}
		line := widget.NewLabel(fmt.Sprintf("%s%s %s · %s · %s", prefix, u.loc.Day(st), u.loc.Span(st, en),
			lang.L("there {{.Day}} {{.Span}}", map[string]any{"Day": u.loc.Weekday(rs.Weekday()), "Span": u.loc.Span(rs, re)}),
			lang.L("overlap {{.Minutes}}", map[string]any{"Minutes": ov})))
		if overlap == 0 {
			line.Importance = widget.LowImportance
		}
		rows.Add(line)
	}
	if shifts == 0 {
		rows.Add(widget.NewLabel(lang.L("No shifts this week.")))
	}
	for _, w := range dstWarnings(u.zone(), r, rz, now, occs) {
		rows.Add(s.warning(r, rz, w))
	}
	return widget.NewCard(r.Name, regionText(r, u.loc), rows)
}

// warning writes a DST warning: "From Sun 1 Nov New York is 1 h closer:
// your 22:00 shift starts at 16:00 there".
func (s *CustomersScreen) warning(r calendar.Region, rz *time.Location, w DSTWarning) fyne.CanvasObject {
	u := s.u
	d := w.Delta
	if d < 0 {
		d = -d
	}
	data := map[string]any{"Day": u.loc.Day(w.At.In(u.zone())), "Region": r.Name, "Hours": u.loc.Minutes(d)}
	text := lang.L("From {{.Day}} {{.Region}} is {{.Hours}} further away", data)
	if w.Closer {
		text = lang.L("From {{.Day}} {{.Region}} is {{.Hours}} closer", data)
	}
	if !w.Shift.Start.IsZero() {
		data["Shift"] = u.loc.Time(w.Shift.Start.In(u.zone()))
		data["There"] = u.loc.Time(w.Shift.Start.In(rz))
		text += lang.L(": your {{.Shift}} shift starts at {{.There}} there", data)
	}
	l := widget.NewLabel("⚠ " + text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return l
}
