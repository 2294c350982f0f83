package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// overlapDay is what the overlap picture shows for one of the agent's
// days: [From, To) is that day in the agent's zone (23, 24 or 25 hours).
type overlapDay struct {
	From, To time.Time
	// Now is the current instant, zero when it is not in the day.
	Now time.Time
	// Band is when the agent is available (shifts minus blocking
	// activities), drawn across every row.
	Band []availability.Interval
	// Rows are the agent's row first, then one per region.
	Rows []overlapRow
}

// overlapRow is one zone's row: its hour cells are drawn in its own local
// time, aligned on the same instants as every other row.
type overlapRow struct {
	Title, Detail string
	Zone          *time.Location
	Agent         bool
	// Hours are the region's business hours (shaded).
	Hours []availability.Interval
	// Closed are the region's holidays within the day, greyed with their
	// label ("Closed — Labor Thanksgiving Day").
	Closed []labelledSpan
	// Shifts and Breaks are the agent's own activities (agent row).
	Shifts, Breaks []availability.Interval
	// Overlap is the agent's availability inside the business hours.
	Overlap []availability.Interval
	// DST are the instants the row's UTC offset changes, with a label.
	DST []labelledSpan
}

// labelledSpan is a span (or an instant, Start == End) with a text.
type labelledSpan struct {
	availability.Interval
	Text string
}

// Geometry of the overlap picture.
const (
	overlapTitleWidth = float32(150)
	overlapRowHeight  = float32(34)
	overlapRowGap     = float32(3)
	overlapHourText   = float32(10)
)

// OverlapChart draws one day as a row of hour cells per zone, in the
// manner of a meeting planner: business hours shaded, the agent's shifts
// and breaks on their own row and their availability as a band across the
// rows, the overlap highlighted, holidays greyed with their name, the DST
// change and the current instant as lines. The Customers screen's text
// lines say the same for screen readers.
type OverlapChart struct {
	widget.BaseWidget
	day overlapDay
}

// NewOverlapChart returns an empty chart; SetDay fills it.
func NewOverlapChart() *OverlapChart {
	c := &OverlapChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetDay shows d.
func (c *OverlapChart) SetDay(d overlapDay) {
	c.day = d
	c.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (c *OverlapChart) CreateRenderer() fyne.WidgetRenderer {
	r := &overlapRenderer{c: c}
	r.build()
	return r
}

// placeKind says how an item of the chart is laid out.
type placeKind int

const (
	placeSpan     placeKind = iota // a rectangle over [from, to), y0..y1 of the row
	placeCellText                  // a text centred over [from, to)
	placeText                      // a text starting at from
	placeTitle                     // a text in the title column
	placeLine                      // a vertical line at from over the row (row -1: all rows)
)

// placed is one drawn object and where it goes.
type placed struct {
	obj      fyne.CanvasObject
	kind     placeKind
	row      int // -1: across all rows
	from, to time.Time
	y0, y1   float32 // fractions of the row height
	dx, dy   float32 // a text's offset from its place
}

type overlapRenderer struct {
	c     *OverlapChart
	items []placed
	objs  []fyne.CanvasObject
}

func (r *overlapRenderer) add(p placed) {
	r.items = append(r.items, p)
	r.objs = append(r.objs, p.obj)
}

func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func rect(c color.Color) *canvas.Rectangle { return canvas.NewRectangle(c) }

func text(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	return t
}

// build makes the objects of the current day.
func (r *overlapRenderer) build() {
	r.items, r.objs = nil, nil
	d := r.c.day
	if !d.To.After(d.From) {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	for i, row := range d.Rows {
		r.buildRow(i, row, fg)
	}
	all := len(d.Rows)
	for _, b := range d.Band {
		r.add(placed{obj: rect(withAlpha(theme.Color(theme.ColorNamePrimary), 0x30)), kind: placeSpan, row: -1, from: b.Start, to: b.End, y0: 0, y1: 1})
	}
	if !d.Now.IsZero() && all > 0 {
		l := canvas.NewLine(theme.Color(theme.ColorNameError))
		l.StrokeWidth = 2
		r.add(placed{obj: l, kind: placeLine, row: -1, from: d.Now})
	}
}

func (r *overlapRenderer) buildRow(i int, row overlapRow, fg color.Color) {
	d := r.c.day
	r.add(placed{obj: text(row.Title, 12, fg, true), kind: placeTitle, row: i, y0: 0.04})
	r.add(placed{obj: text(row.Detail, 10, fg, false), kind: placeTitle, row: i, y0: 0.52})
	r.add(placed{obj: rect(theme.Color(theme.ColorNameInputBackground)), kind: placeSpan, row: i, from: d.From, to: d.To, y0: 0, y1: 1})
	for _, h := range row.Hours {
		r.add(placed{obj: rect(withAlpha(theme.Color(theme.ColorNameSuccess), 0x50)), kind: placeSpan, row: i, from: h.Start, to: h.End, y0: 0, y1: 1})
	}
	for _, c := range row.Closed {
		r.add(placed{obj: rect(withAlpha(theme.Color(theme.ColorNameDisabled), 0x60)), kind: placeSpan, row: i, from: c.Start, to: c.End, y0: 0, y1: 1})
	}
	for _, c := range hourCells(row.Zone, d.From, d.To) {
		cell := canvas.NewRectangle(color.Transparent)
		cell.StrokeColor = theme.Color(theme.ColorNameSeparator)
		cell.StrokeWidth = 1
		r.add(placed{obj: cell, kind: placeSpan, row: i, from: c.Start, to: c.End, y0: 0, y1: 1})
		r.add(placed{obj: text(fmt.Sprintf("%02d", c.Start.In(row.Zone).Hour()), overlapHourText, fg, false),
			kind: placeCellText, row: i, from: c.Start, to: c.End, y0: 0.05})
	}
	for _, s := range row.Shifts {
		r.add(placed{obj: rect(theme.Color(theme.ColorNamePrimary)), kind: placeSpan, row: i, from: s.Start, to: s.End, y0: 0.6, y1: 0.95})
	}
	for _, b := range row.Breaks {
		r.add(placed{obj: rect(theme.Color(theme.ColorNameWarning)), kind: placeSpan, row: i, from: b.Start, to: b.End, y0: 0.6, y1: 0.95})
	}
	for _, o := range row.Overlap {
		r.add(placed{obj: rect(theme.Color(theme.ColorNameSuccess)), kind: placeSpan, row: i, from: o.Start, to: o.End, y0: 0.6, y1: 0.95})
	}
	for _, c := range row.Closed {
		r.add(placed{obj: text(c.Text, 11, fg, true), kind: placeText, row: i, from: c.Start, to: c.End, y0: 0.5})
	}
	for _, x := range row.DST {
		l := canvas.NewLine(theme.Color(theme.ColorNameWarning))
		l.StrokeWidth = 3
		r.add(placed{obj: l, kind: placeLine, row: i, from: x.Start})
		label := text(x.Text, 10, fg, true)
		chip := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		chip.StrokeColor = theme.Color(theme.ColorNameWarning)
		chip.StrokeWidth = 1
		chip.SetMinSize(label.MinSize().Add(fyne.NewSize(6, 2)))
		r.add(placed{obj: chip, kind: placeText, row: i, from: x.Start, y0: 0.5})
		r.add(placed{obj: label, kind: placeText, row: i, from: x.Start, y0: 0.5, dx: 3, dy: 1})
	}
}

// hourCells are the local hours of zone that meet [from, to), clipped to
// it: on a DST day the row has 23 or 25 of them, and a zone with a
// half-hour offset starts and ends with half cells.
func hourCells(zone *time.Location, from, to time.Time) []availability.Interval {
	local := from.In(zone)
	t := local.Add(-time.Duration(local.Minute())*time.Minute - time.Duration(local.Second())*time.Second - time.Duration(local.Nanosecond()))
	var out []availability.Interval
	for ; t.Before(to); t = t.Add(time.Hour) {
		s, e := t, t.Add(time.Hour)
		if s.Before(from) {
			s = from
		}
		if e.After(to) {
			e = to
		}
		out = append(out, availability.Interval{Start: s, End: e})
	}
	return out
}

func (r *overlapRenderer) Layout(size fyne.Size) {
	d := r.c.day
	if len(r.items) == 0 {
		return
	}
	width := size.Width - overlapTitleWidth
	span := float32(d.To.Sub(d.From))
	x := func(t time.Time) float32 { return overlapTitleWidth + width*float32(t.Sub(d.From))/span }
	rows := float32(len(d.Rows))
	bottom := rows*(overlapRowHeight+overlapRowGap) - overlapRowGap
	for _, p := range r.items {
		top, h := float32(p.row)*(overlapRowHeight+overlapRowGap), overlapRowHeight
		if p.row < 0 {
			top, h = 0, bottom
		}
		switch p.kind {
		case placeSpan:
			p.obj.Move(fyne.NewPos(x(p.from), top+p.y0*h))
			p.obj.Resize(fyne.NewSize(x(p.to)-x(p.from), (p.y1-p.y0)*h))
		case placeCellText:
			ms := p.obj.MinSize()
			p.obj.Move(fyne.NewPos((x(p.from)+x(p.to)-ms.Width)/2, top+p.y0*h))
			p.obj.Resize(ms)
		case placeText:
			p.obj.Move(fyne.NewPos(x(p.from)+4+p.dx, top+p.y0*h+p.dy))
			p.obj.Resize(p.obj.MinSize())
		case placeTitle:
			p.obj.Move(fyne.NewPos(4, top+p.y0*h))
			p.obj.Resize(p.obj.MinSize())
		case placeLine:
			l := p.obj.(*canvas.Line)
			l.Position1 = fyne.NewPos(x(p.from), top)
			l.Position2 = fyne.NewPos(x(p.from), top+h)
		}
	}
}

func (r *overlapRenderer) MinSize() fyne.Size {
	n := float32(len(r.c.day.Rows))
	h := n*(overlapRowHeight+overlapRowGap) - overlapRowGap
	if n == 0 {
		h = 0
	}
	return fyne.NewSize(overlapTitleWidth+24*22, h)
}

func (r *overlapRenderer) Refresh() {
	r.build()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *overlapRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *overlapRenderer) Destroy() {}

// closedText is "Closed — Labor Thanksgiving Day" (or "Closed").
func closedText(name string) string {
	if name == "" {
		return lang.L("Closed")
	}
	return lang.L("Closed — {{.Name}}", map[string]any{"Name": name})
}
