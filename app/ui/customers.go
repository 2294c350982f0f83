package ui

import (
	"fmt"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// CustomersScreen shows what is coming up (DST changes and holidays in
// the next 14 days), the overlap picture of one day (OverlapChart), the
// best hours of that day's week per region, and each customer region as
// text: its local time and whether it is open now (or closed for a
// holiday), each shift of the week in the region's local time with the
// minutes of overlap with its business hours, and a warning when a DST
// change in the next 14 days moves that overlap.
type CustomersScreen struct {
	u    *UI
	list *fyne.Container
	// day is the day of the picture; zero means today.
	day      calendar.Date
	dayTitle *widget.Label
	chart    *OverlapChart
	comingUp *fyne.Container
	best     *fyne.Container
	picture  *fyne.Container
}

func newCustomersScreen(u *UI) *CustomersScreen { return &CustomersScreen{u: u} }

func (s *CustomersScreen) buildUI() fyne.CanvasObject {
	s.list = container.NewVBox()
	s.comingUp = container.NewVBox()
	s.best = container.NewVBox()
	s.dayTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon(lang.L("Previous day"), theme.NavigateBackIcon(), s.onPrevDayTapped)
	next := widget.NewButtonWithIcon(lang.L("Next day"), theme.NavigateNextIcon(), s.onNextDayTapped)
	next.IconPlacement = widget.ButtonIconTrailingText
	today := widget.NewButton(lang.L("Today"), s.onTodayTapped)
	pick := widget.NewButtonWithIcon(lang.L("Pick a date"), theme.CalendarIcon(), s.onPickDateTapped)
	nav := container.NewBorder(nil, nil, container.NewHBox(prev, today, pick), next, s.dayTitle)
	s.chart = NewOverlapChart()
	s.picture = container.NewVBox(nav, s.chart, overlapLegend())
	return container.NewVScroll(container.NewVBox(s.picture, s.list))
}

// overlapLegend names the colours of the picture.
func overlapLegend() fyne.CanvasObject {
	item := func(c color.Color, label string) fyne.CanvasObject {
		sw := canvas.NewRectangle(c)
		sw.SetMinSize(fyne.NewSize(14, 10))
		return container.NewHBox(container.NewCenter(sw), widget.NewLabel(label))
	}
	return container.NewHBox(
		item(withAlpha(theme.Color(theme.ColorNameSuccess), 0x50), lang.L("Business hours")),
		item(theme.Color(theme.ColorNamePrimary), lang.L("Your shifts")),
		item(theme.Color(theme.ColorNameWarning), lang.L("Breaks")),
		item(theme.Color(theme.ColorNameSuccess), lang.L("Overlap")),
		item(withAlpha(theme.Color(theme.ColorNameDisabled), 0x60), lang.L("Holiday")),
	)
}

// shownDay is the day of the picture.
func (s *CustomersScreen) shownDay() calendar.Date {
	if s.day == (calendar.Date{}) {
		return calendar.DateOf(s.u.clock())
	}
	return s.day
}

// onTypedKey moves the picture a day with ← and →.
func (s *CustomersScreen) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		s.onPrevDayTapped()
	case fyne.KeyRight:
		s.onNextDayTapped()
	}
}

func (s *CustomersScreen) onPrevDayTapped() {
	s.day = s.shownDay().AddDays(-1)
	s.refresh()
}

func (s *CustomersScreen) onNextDayTapped() {
	s.day = s.shownDay().AddDays(1)
	s.refresh()
}

func (s *CustomersScreen) onTodayTapped() {
	s.day = calendar.Date{}
	s.refresh()
}

func (s *CustomersScreen) onPickDateTapped() {
	var d dialog.Dialog
	cal := widget.NewCalendar(s.shownDay().In(time.UTC), func(t time.Time) {
		s.onDatePicked(calendar.DateOf(t))
		d.Hide()
	})
	d = dialog.NewCustom(lang.L("Pick a date"), lang.L("Cancel"), cal, s.u.win)
	d.Show()
}

func (s *CustomersScreen) onDatePicked(d calendar.Date) {
	s.day = d
	s.refresh()
}

// regionDays returns the days off of the regions around [from, to).
func (u *UI) regionDays(from, to time.Time) map[string]*holidays.Calendar {
	if u.deps.Holidays != nil {
		return u.deps.Holidays(u.cfg.Regions, from, to)
	}
	out := map[string]*holidays.Calendar{}
	for _, r := range u.cfg.Regions {
		if c, err := holidays.ForRegion(r, nil); err == nil {
			out[r.Name] = c
		}
	}
	return out
}

// isOpen reports whether region r does business at instant t.
func isOpen(r calendar.Region, days *holidays.Calendar, t time.Time) bool {
	iv, err := availability.OpenHours(r, days, t, t.Add(time.Second))
	return err == nil && len(iv) > 0
}

// holidayAt is the holiday of region r at instant t (in r's zone), if any.
func holidayAt(days *holidays.Calendar, rz *time.Location, t time.Time) (holidays.Holiday, bool) {
	if days == nil {
		return holidays.Holiday{}, false
	}
	return days.On(calendar.DateOf(t.In(rz)))
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
		s.picture.Hide()
		l := widget.NewLabel(lang.L("No customer regions yet. Add them in Settings to see your shifts in their local time."))
		l.Wrapping = fyne.TextWrapWord
		s.list.Add(l)
		return
	}
	zone := u.zone()
	now := u.clock()
	mon := mondayOf(now)
	weekStart := mon.In(zone)
	// One read of the schedule for the text (this week and the next 14
	// days) and the picture (the week of the day shown).
	shownMon := mondayOf(s.shownDay().In(zone))
	from, to := weekStart, now.Add(21*24*time.Hour)
	if pf := shownMon.In(zone).Add(-24 * time.Hour); pf.Before(from) {
		from = pf
	}
	if pt := shownMon.AddDays(8).In(zone); pt.After(to) {
		to = pt
	}
	occs := u.occurrences(from, to)
	days := u.regionDays(from.Add(-48*time.Hour), to.Add(48*time.Hour))
	s.refreshComingUp(now, occs, days)
	s.list.Add(s.comingUp)
	s.refreshPicture(now, occs, days)
	s.list.Add(s.best)
	for _, r := range u.cfg.Regions {
		s.list.Add(s.regionCard(r, days[r.Name], now, weekStart, mon.AddDays(7).In(zone), occs))
	}
}

// regionCard renders one region.
func (s *CustomersScreen) regionCard(r calendar.Region, days *holidays.Calendar, now, weekStart, weekEnd time.Time, occs []calendar.Occurrence) fyne.CanvasObject {
	u := s.u
	rz, err := r.Location()
	if err != nil {
		return widget.NewCard(r.Name, "", widget.NewLabel(err.Error()))
	}
	rows := container.NewVBox()
	local := now.In(rz)
	open := isOpen(r, days, now)
	openText := lang.L("Closed now")
	if open {
		openText = lang.L("Open now")
	} else if h, ok := holidayAt(days, rz, now); ok {
		openText = closedText(h.Name)
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
		overlap, err := availability.RegionOverlapWith(availability.Interval{Start: o.Start, End: o.End}, r, days)
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
		if h, ok := holidayAt(days, rz, o.Start); ok && overlap == 0 {
			line.SetText(line.Text + " · " + closedText(h.Name))
		}
		if overlap == 0 {
			line.Importance = widget.LowImportance
		}
		rows.Add(line)
	}
	if shifts == 0 {
		rows.Add(widget.NewLabel(lang.L("No shifts this week.")))
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

// comingUpItem is one entry of "Coming up", sorted by At.
type comingUpItem struct {
	At  time.Time
	Obj fyne.CanvasObject
}

// refreshComingUp lists, for the next 14 days, the DST changes that move
// a region's overlap and the regions' holidays on their business days.
func (s *CustomersScreen) refreshComingUp(now time.Time, occs []calendar.Occurrence, days map[string]*holidays.Calendar) {
	u := s.u
	s.comingUp.RemoveAll()
	var items []comingUpItem
	for _, r := range u.cfg.Regions {
		rz, err := r.Location()
		if err != nil {
			continue
		}
		for _, w := range dstWarnings(u.zone(), r, rz, now, occs) {
			items = append(items, comingUpItem{w.At, s.warning(r, rz, w)})
		}
		today := calendar.DateOf(now.In(rz))
		for _, h := range days[r.Name].Between(today, today.AddDays(14)) {
			if !r.OpenOn(h.Date.In(time.UTC).Weekday()) {
				continue
			}
			data := map[string]any{"Day": u.loc.Day(h.Date.In(time.UTC)), "Region": r.Name, "Name": h.Name}
			text := lang.L("{{.Day}}: {{.Region}} is closed — {{.Name}}", data)
			if h.Name == "" {
				text = lang.L("{{.Day}}: {{.Region}} is closed", data)
			}
			l := widget.NewLabel("⚠ " + text)
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.WarningImportance
			items = append(items, comingUpItem{h.Date.In(rz), l})
		}
	}
	if len(items) == 0 {
		return
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].At.Before(items[j].At) })
	box := container.NewVBox()
	for _, it := range items {
		box.Add(it.Obj)
	}
	s.comingUp.Add(widget.NewCard(lang.L("Coming up"), lang.L("In the next 14 days"), box))
}

// refreshPicture draws the shown day and the best hours of its week.
// occs and days must cover that week.
func (s *CustomersScreen) refreshPicture(now time.Time, occs []calendar.Occurrence, days map[string]*holidays.Calendar) {
	u := s.u
	s.picture.Show()
	zone := u.zone()
	day := s.shownDay()
	from, to := day.In(zone), day.AddDays(1).In(zone)
	mon := mondayOf(from)
	weekFrom, weekTo := mon.In(zone), mon.AddDays(7).In(zone)
	s.dayTitle.SetText(u.loc.Day(from))
	s.chart.SetDay(u.overlapModel(from, to, now, occs, days))
	s.refreshBest(weekFrom, weekTo, occs, days)
}

// overlapModel computes the picture of the agent's day [from, to).
func (u *UI) overlapModel(from, to, now time.Time, occs []calendar.Occurrence, days map[string]*holidays.Calendar) overlapDay {
	zone := u.zone()
	d := overlapDay{From: from, To: to}
	if !now.Before(from) && now.Before(to) {
		d.Now = now
	}
	band, _ := availability.Compute(occs, from, to, availability.Options{Zone: zone, Blocking: u.cfg.BlockingKinds, MinWindow: -1})
	d.Band = band
	agent := overlapRow{Title: lang.L("You"), Detail: u.loc.Day(from) + " · " + abbrs(zone, from, to), Zone: zone, Agent: true,
		DST: u.dstMarks(zone, from, to)}
	blocking := map[calendar.Kind]bool{}
	for _, k := range u.cfg.BlockingKinds {
		blocking[k] = true
	}
	window := []availability.Interval{{Start: from, End: to}}
	for _, o := range occs {
		iv := availability.Interval{Start: o.Start, End: o.End}
		if o.AllDay {
			iv = availability.Interval{Start: o.StartDate.In(zone), End: o.EndDate.In(zone)}
		}
		switch {
		case o.Kind == calendar.KindShift && !o.AllDay:
			agent.Shifts = append(agent.Shifts, availability.Intersect([]availability.Interval{iv}, window)...)
		case blocking[o.Kind]:
			agent.Breaks = append(agent.Breaks, availability.Intersect([]availability.Interval{iv}, window)...)
		}
	}
	agent.Breaks = availability.Intersect(agent.Breaks, agent.Shifts)
	d.Rows = append(d.Rows, agent)
	for _, r := range u.cfg.Regions {
		d.Rows = append(d.Rows, u.regionRow(r, days[r.Name], from, to, band))
	}
	return d
}

// regionRow is region r's row of the picture of [from, to).
func (u *UI) regionRow(r calendar.Region, days *holidays.Calendar, from, to time.Time, band []availability.Interval) overlapRow {
	rz, err := r.Location()
	if err != nil {
		return overlapRow{Title: r.Name, Detail: err.Error(), Zone: u.zone()}
	}
	row := overlapRow{Title: r.Name, Detail: regionDayLabel(u.loc, rz, from, to), Zone: rz, DST: u.dstMarks(rz, from, to)}
	row.Hours, _ = availability.OpenHours(r, days, from, to)
	row.Overlap = availability.Intersect(band, row.Hours)
	first, last := calendar.DateOf(from.In(rz)), calendar.DateOf(to.Add(-time.Nanosecond).In(rz))
	for _, h := range days.Between(first, last.AddDays(1)) {
		span := availability.Intersect([]availability.Interval{{Start: h.Date.In(rz), End: h.Date.AddDays(1).In(rz)}},
			[]availability.Interval{{Start: from, End: to}})
		for _, iv := range span {
			row.Closed = append(row.Closed, labelledSpan{iv, closedText(h.Name)})
		}
	}
	return row
}

// regionDayLabel is "Tue 24 Nov · JST", or the two local dates the day
// spans there: "Mon 23–Tue 24 · JST".
func regionDayLabel(loc Locale, rz *time.Location, from, to time.Time) string {
	a, b := from.In(rz), to.Add(-time.Minute).In(rz)
	abbr := abbrs(rz, from, to)
	if calendar.DateOf(a) == calendar.DateOf(b) {
		return loc.Day(a) + " · " + abbr
	}
	return fmt.Sprintf("%s %d–%s %d · %s", loc.Weekday(a.Weekday()), a.Day(), loc.Weekday(b.Weekday()), b.Day(), abbr)
}

// abbrs is the zone's abbreviation over [from, to): "CET", or "CEST→CET"
// on the day the clocks change.
func abbrs(zone *time.Location, from, to time.Time) string {
	a, _ := from.In(zone).Zone()
	b, _ := to.Add(-time.Minute).In(zone).Zone()
	if a == b {
		return a
	}
	return a + "→" + b
}

// dstMarks are the offset changes of zone in [from, to): "DST +1 h".
func (u *UI) dstMarks(zone *time.Location, from, to time.Time) []labelledSpan {
	var out []labelledSpan
	for _, at := range zoneTransitions(zone, from, to) {
		_, before := at.Add(-time.Second).In(zone).Zone()
		_, after := at.In(zone).Zone()
		d := time.Duration(after-before) * time.Second
		sign := "+"
		if d < 0 {
			sign, d = "−", -d
		}
		out = append(out, labelledSpan{availability.Interval{Start: at, End: at},
			lang.L("Clocks change {{.Change}}", map[string]any{"Change": sign + u.loc.Minutes(d)})})
	}
	return out
}

// refreshBest lists per region the agent's available time inside its
// business hours in the week [from, to) and the longest window (windows
// as an export makes them: "shiftdesk export --format text --region NAME"
// ends with the same sentence).
func (s *CustomersScreen) refreshBest(from, to time.Time, occs []calendar.Occurrence, days map[string]*holidays.Calendar) {
	u := s.u
	s.best.RemoveAll()
	box := container.NewVBox()
	for _, r := range u.cfg.Regions {
		ws, err := availability.Compute(occs, from, to, availability.Options{Zone: u.zone(), Blocking: u.cfg.BlockingKinds,
			Regions: []calendar.Region{r}, Holidays: days})
		if err != nil {
			continue
		}
		total, longest := availability.Total(ws), availability.Longest(ws)
		text := lang.L("{{.Region}}: no overlap this week", map[string]any{"Region": r.Name})
		if total > 0 {
			st, en := longest.Start.In(u.zone()), longest.End.In(u.zone())
			text = lang.L("{{.Region}}: {{.Total}} this week, longest {{.Day}} {{.Span}} your time", map[string]any{
				"Region": r.Name, "Total": u.loc.Minutes(total), "Day": u.loc.Weekday(st.Weekday()), "Span": u.loc.Span(st, en)})
		}
		box.Add(widget.NewLabel(text))
	}
	s.best.Add(widget.NewCard(lang.L("Best hours"), lang.L("Week of {{.Day}}", map[string]any{"Day": u.loc.Day(from)}), box))
}
