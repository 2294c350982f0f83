package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

// WeekScreen shows seven days (Monday first), each a timeline from midnight
// to midnight in the agent's zone, with an all-day column for time off and
// holidays. A night across midnight shows on both days.
type WeekScreen struct {
	u *UI
	// monday is the first day of the shown week; zero means "this week".
	monday calendar.Date

	title  *widget.Label
	ruler  *Timeline
	labels [7]*widget.Label
	allDay [7]*widget.Label
	days   [7]*Timeline
	hours  *HoursSection
}

func newWeekScreen(u *UI) *WeekScreen { return &WeekScreen{u: u} }

// mondayOf is the Monday of the week that holds t.
func mondayOf(t time.Time) calendar.Date {
	back := (int(t.Weekday()) + 6) % 7
	return calendar.DateOf(t).AddDays(-back)
}

func (s *WeekScreen) buildUI() fyne.CanvasObject {
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), s.onPrevTapped)
	next := widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), s.onNextTapped)
	next.IconPlacement = widget.ButtonIconTrailingText
	today := widget.NewButton(lang.L("Today"), s.onTodayTapped)
	nav := container.NewBorder(nil, nil, container.NewHBox(prev, today), next, s.title)

	dayCol := make([]fyne.CanvasObject, 0, 8)
	allCol := make([]fyne.CanvasObject, 0, 8)
	lineCol := make([]fyne.CanvasObject, 0, 8)
	s.ruler = NewTimeline(time.Time{}, time.Time{})
	s.ruler.Ruler = true
	dayCol = append(dayCol, widget.NewLabel(""))
	allCol = append(allCol, widget.NewLabelWithStyle(lang.L("All day"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	lineCol = append(lineCol, s.ruler)
	for i := range s.days {
		s.labels[i] = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		s.allDay[i] = widget.NewLabel("")
		s.allDay[i].Truncation = fyne.TextTruncateEllipsis
		s.days[i] = NewTimeline(time.Time{}, time.Time{})
		s.days[i].OnTapped = s.onOccurrenceTapped
		dayCol = append(dayCol, s.labels[i])
		allCol = append(allCol, s.allDay[i])
		lineCol = append(lineCol, s.days[i])
	}
	rows := make([]fyne.CanvasObject, 0, 8)
	for i := range lineCol {
		all := container.NewGridWrap(fyne.NewSize(110, lineCol[i].MinSize().Height), allCol[i])
		left := container.NewHBox(container.NewGridWrap(fyne.NewSize(90, lineCol[i].MinSize().Height), dayCol[i]), all)
		// Day name and all-day cell centred beside their (taller) timeline.
		rows = append(rows, container.NewBorder(nil, nil,
			container.NewVBox(layout.NewSpacer(), left, layout.NewSpacer()), nil, lineCol[i]))
	}
	// The seven days share the height of the window; the ruler keeps its own.
	days := container.New(layout.NewGridLayoutWithRows(7), rows[1:]...)
	s.hours = newHoursSection()
	// The days scroll when large text makes them taller than the window.
	return container.NewBorder(container.NewVBox(nav, rows[0]), container.NewVBox(s.hours.box, legend()), nil, nil,
		container.NewVScroll(days))
}

// shownMonday is the Monday of the week on screen.
func (s *WeekScreen) shownMonday() calendar.Date {
	if s.monday == (calendar.Date{}) {
		return mondayOf(s.u.clock())
	}
	return s.monday
}

func (s *WeekScreen) onPrevTapped() {
	s.monday = s.shownMonday().AddDays(-7)
	s.refresh()
}

func (s *WeekScreen) onNextTapped() {
	s.monday = s.shownMonday().AddDays(7)
	s.refresh()
}

func (s *WeekScreen) onTodayTapped() {
	s.monday = calendar.Date{}
	s.refresh()
}

func (s *WeekScreen) refresh() {
	u := s.u
	zone := u.zone()
	now := u.clock()
	mon := s.shownMonday()
	start, end := mon.In(zone), mon.AddDays(7).In(zone)
	_, wk := start.ISOWeek()
	last := end.AddDate(0, 0, -1)
	s.title.SetText(lang.L("Week {{.N}} · {{.From}} – {{.To}} {{.Year}}", map[string]any{
		"N": wk, "From": fmt.Sprintf("%d %s", start.Day(), u.loc.Month(start.Month())),
		"To": fmt.Sprintf("%d %s", last.Day(), u.loc.Month(last.Month())), "Year": last.Year(),
	}))
	// A week more on each side, for the rest rules at the week's edges.
	occs := u.occurrences(mon.AddDays(-restMargin).In(zone), mon.AddDays(7+restMargin).In(zone))
	rules := u.cfg.Hours.Rules()
	ledger := hours.Weeks(occs, start, end, zone, rules)
	s.hours.show(ledger.Periods[0], rules, zone, u.loc)
	rulerDay := mon.In(zone)
	rulerEnd := mon.AddDays(1).In(zone)
	s.ruler.Set(rulerDay, rulerEnd, nil, hourTicks(rulerDay, rulerEnd, 3, u.loc), time.Time{})
	today := calendar.DateOf(now)
	for i := range s.days {
		d := mon.AddDays(i)
		from, to := d.In(zone), d.AddDays(1).In(zone)
		label := u.loc.Weekday(from.Weekday()) + " " + fmt.Sprint(from.Day())
		s.labels[i].SetText(label)
		if d == today {
			s.labels[i].Importance = widget.HighImportance
		} else {
			s.labels[i].Importance = widget.MediumImportance
		}
		s.labels[i].Refresh()
		var all []string
		for _, o := range occs {
			if o.AllDay && !(d.In(zone).Before(o.StartDate.In(zone))) && d.In(zone).Before(o.EndDate.In(zone)) {
				all = append(all, o.Summary)
			}
		}
		s.allDay[i].SetText(strings.Join(all, ", "))
		mark := time.Time{}
		if d == today {
			mark = now
		}
		segs := segmentsIn(occs, from, to, u.feedColor)
		for _, o := range occs {
			// Time off and holidays also shade the day they cover.
			if st, en := bounds(o, zone); o.AllDay && st.Before(to) && en.After(from) {
				segs = append(segs, Segment{Occ: o, Start: maxTime(st, from), End: minTime(en, to)})
			}
		}
		s.days[i].Alerts = restAlerts(ledger.Warnings, from, to, zone, u.loc)
		s.days[i].Name, s.days[i].Locale = u.loc.Day(from), u.loc
		s.days[i].Set(from, to, segs, nil, mark)
	}
}

func (s *WeekScreen) onOccurrenceTapped(o calendar.Occurrence) { s.u.showDetails(o) }

// detailsText is the details of an occurrence: summary, time in the agent's
// zone and in each customer region, location, description and source feed.
func (u *UI) detailsText(o calendar.Occurrence) string {
	zone := u.zone()
	var b strings.Builder
	b.WriteString(o.Summary + " (" + kindName(o.Kind) + ")\n")
	if o.AllDay {
		last := o.EndDate.AddDays(-1).In(zone)
		b.WriteString(u.loc.Day(o.StartDate.In(zone)))
		if o.EndDate.AddDays(-1) != o.StartDate {
			b.WriteString(" – " + u.loc.Day(last))
		}
		b.WriteString(" · " + lang.L("all day") + "\n")
	} else {
		st, en := o.Start.In(zone), o.End.In(zone)
		fmt.Fprintf(&b, "%s %s (%s)\n", u.loc.Day(st), u.loc.Span(st, en), zoneLabel(zone, st))
		for _, r := range u.cfg.Regions {
			rz, err := r.Location()
			if err != nil {
				continue
			}
			rs, re := o.Start.In(rz), o.End.In(rz)
			fmt.Fprintf(&b, "%s: %s %s (%s)\n", r.Name, u.loc.Weekday(rs.Weekday()), u.loc.Span(rs, re), zoneLabel(rz, rs))
		}
	}
	if o.Location != "" {
		b.WriteString(lang.X("label.location", "Location") + ": " + o.Location + "\n")
	}
	if o.Description != "" {
		b.WriteString(o.Description + "\n")
	}
	b.WriteString(lang.X("label.source", "Feed") + ": " + o.Source)
	return b.String()
}

// zoneLabel names a zone with its abbreviation at t: "Europe/Stockholm, CET".
func zoneLabel(zone *time.Location, t time.Time) string {
	abbr, _ := t.In(zone).Zone()
	name := zone.String()
	if name == "Local" {
		return abbr
	}
	return name + ", " + abbr
}

// showDetails opens the details of an occurrence.
func (u *UI) showDetails(o calendar.Occurrence) {
	if u.win == nil {
		return
	}
	text := widget.NewLabel(u.detailsText(o))
	text.Wrapping = fyne.TextWrapWord
	fill, _ := segmentColors(o.Kind)
	swatch := canvas.NewRectangle(fill)
	swatch.SetMinSize(fyne.NewSize(6, 6))
	d := dialog.NewCustom(o.Summary, lang.L("Close"), container.NewBorder(nil, nil, swatch, nil, text), u.win)
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
}
