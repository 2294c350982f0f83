package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// NowScreen answers "what am I doing and what's next" in one large line,
// with today's timeline below it and the next activities.
type NowScreen struct {
	u        *UI
	status   Status
	line     *widget.Label
	rest     *widget.Label
	day      *widget.Label
	timeline *Timeline
	upNext   *fyne.Container
	legend   *fyne.Container

	// occs are the occurrences loaded at the last refresh, for day0 in
	// zone0; tick reuses them.
	occs  []calendar.Occurrence
	day0  calendar.Date
	zone0 *time.Location
}

func newNowScreen(u *UI) *NowScreen { return &NowScreen{u: u} }

func (s *NowScreen) buildUI() fyne.CanvasObject {
	s.line = widget.NewLabel("")
	s.line.SizeName = theme.SizeNameHeadingText
	s.line.TextStyle = fyne.TextStyle{Bold: true}
	s.line.Wrapping = fyne.TextWrapWord
	s.rest = widget.NewLabel("")
	s.rest.Importance = widget.DangerImportance
	s.rest.Wrapping = fyne.TextWrapWord
	s.rest.Hide()
	s.day = widget.NewLabel("")
	s.timeline = NewTimeline(time.Time{}, time.Time{})
	s.timeline.OnTapped = s.onOccurrenceTapped
	s.upNext = container.NewVBox()
	s.legend = legend()
	return container.NewVScroll(container.NewVBox(
		s.line,
		s.rest,
		widget.NewSeparator(),
		s.day,
		s.timeline,
		s.legend,
		widget.NewLabelWithStyle(lang.L("Next up"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.upNext,
	))
}

// legend shows the colour of each kind.
func legend() *fyne.Container {
	row := container.New(layout.NewRowWrapLayout())
	for _, k := range calendar.Kinds() {
		fill, _ := segmentColors(k)
		sw := canvas.NewRectangle(fill)
		sw.SetMinSize(fyne.NewSize(12, 12))
		sw.CornerRadius = 2
		row.Add(container.NewHBox(container.NewCenter(sw), widget.NewLabel(kindName(k))))
	}
	return row
}

// kindName is the translated name of a kind.
func kindName(k calendar.Kind) string {
	switch k {
	case calendar.KindShift:
		return lang.X("kind.shift", "Shift")
	case calendar.KindBreak:
		return lang.X("kind.break", "Break")
	case calendar.KindLunch:
		return lang.X("kind.lunch", "Lunch")
	case calendar.KindMeeting:
		return lang.X("kind.meeting", "Meeting")
	case calendar.KindTraining:
		return lang.X("kind.training", "Training")
	case calendar.KindTimeOff:
		return lang.X("kind.time_off", "Time off")
	}
	return lang.X("kind.other", "Other")
}

// todaySpan is the span of today's timeline: from the start of the first
// shift (or activity) touching today to the end of the last one, else the
// whole day.
func todaySpan(occs []calendar.Occurrence, now time.Time) (time.Time, time.Time) {
	zone := now.Location()
	y, m, d := now.Date()
	dayStart, dayEnd := time.Date(y, m, d, 0, 0, 0, 0, zone), time.Date(y, m, d+1, 0, 0, 0, 0, zone)
	var from, to time.Time
	for _, o := range occs {
		if o.AllDay || !o.End.After(dayStart) || !o.Start.Before(dayEnd) {
			continue
		}
		if from.IsZero() || o.Start.Before(from) {
			from = o.Start
		}
		if o.End.After(to) {
			to = o.End
		}
	}
	if from.IsZero() {
		return dayStart, dayEnd
	}
	// Keep "now" on the bar: before the first shift or after the last one
	// the bar reaches out to the hour around now.
	hour := time.Date(y, m, d, now.Hour(), 0, 0, 0, zone) // local hour, also in +05:30 zones
	if now.Before(from) {
		from = maxTime(hour, dayStart)
	}
	if !now.Before(to) {
		to = minTime(hour.Add(time.Hour), dayEnd)
	}
	return from.In(zone), to.In(zone)
}

// refresh reloads the occurrences from yesterday to a week ahead and
// redraws the whole screen.
func (s *NowScreen) refresh() {
	u := s.u
	now := u.clock()
	zone := u.zone()
	y, m, d := now.Date()
	from := time.Date(y, m, d-1, 0, 0, 0, 0, zone)
	s.occs = u.occurrences(from, time.Date(y, m, d+8, 0, 0, 0, 0, zone))
	s.day0 = calendar.DateOf(now)
	s.zone0 = zone
	occs := s.occs
	s.updateStatus(now)
	s.showRest(now)
	spanFrom, spanTo := todaySpan(occs, now)
	s.day.SetText(lang.L("Today, {{.Day}}", map[string]any{"Day": u.loc.Day(now)}))
	step := 1
	if spanTo.Sub(spanFrom) > 12*time.Hour {
		step = 3
	}
	segs := segmentsIn(occs, spanFrom, spanTo, u.feedColor)
	for _, o := range occs {
		// A day off fills the day it covers.
		if s, e := bounds(o, zone); o.AllDay && s.Before(spanTo) && e.After(spanFrom) {
			segs = append(segs, Segment{Occ: o, Start: maxTime(s, spanFrom), End: minTime(e, spanTo)})
		}
	}
	s.timeline.Name, s.timeline.Locale = s.day.Text, u.loc
	s.timeline.Set(spanFrom, spanTo, segs, hourTicks(spanFrom, spanTo, step, u.loc), now)

	s.upNext.RemoveAll()
	n := 0
	for _, o := range occs {
		if o.AllDay || !o.Start.After(now) || n == 4 {
			continue
		}
		n++
		when := u.loc.Span(o.Start.In(zone), o.End.In(zone))
		if calendar.DateOf(o.Start.In(zone)) != calendar.DateOf(now) {
			when = u.loc.Weekday(o.Start.In(zone).Weekday()) + " " + when
		}
		what := o.Summary
		if k := kindName(o.Kind); !strings.EqualFold(k, what) {
			what += " (" + k + ")"
		}
		s.upNext.Add(widget.NewLabel(when + "  " + what))
	}
	if n == 0 {
		s.upNext.Add(widget.NewLabel(lang.L("Nothing planned in the next 7 days")))
	}
}

// tick redraws the status line and the now marker from the occurrences
// already loaded (the per-second countdown reads no feed); a new day or
// zone reloads everything.
func (s *NowScreen) tick() {
	now := s.u.clock()
	if calendar.DateOf(now) != s.day0 || s.zone0 != s.u.zone() {
		s.refresh()
		return
	}
	s.updateStatus(now)
	s.timeline.Now = now
	s.timeline.Refresh()
}

func (s *NowScreen) updateStatus(now time.Time) {
	u := s.u
	s.status = ComputeStatus(s.occs, now, u.zone(), u.loc)
	if len(s.occs) == 0 && u.waitingForFirstSync() {
		s.status.Text = lang.L("Your feed is not downloaded yet: press Sync now on the Feeds screen")
	}
	s.line.SetText(s.status.Text)
	u.updateTray(s.status)
	if u.OnStatus != nil {
		u.OnStatus(s.status)
	}
}

// showRest shows the line about a short rest before the next shift.
func (s *NowScreen) showRest(now time.Time) {
	w, ok := nextShortRest(s.occs, now, s.u.cfg.Hours.Rules())
	if !ok {
		s.rest.Hide()
		return
	}
	zone := s.u.zone()
	s.rest.SetText(lang.L("Your next shift starts after only {{.Rest}} rest ({{.From}} – {{.To}})", map[string]any{
		"Rest": s.u.loc.Minutes(w.Length), "From": s.u.loc.DayTime(w.From.In(zone)), "To": s.u.loc.DayTime(w.To.In(zone))}))
	s.rest.Show()
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func (s *NowScreen) onOccurrenceTapped(o calendar.Occurrence) { s.u.showDetails(o) }
