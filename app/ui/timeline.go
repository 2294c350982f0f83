package ui

import (
	"image"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// kindColor is the fill of an activity kind on the timelines: readable on
// light and dark themes alike.
func kindColor(k calendar.Kind) color.NRGBA {
	switch k {
	case calendar.KindShift:
		return color.NRGBA{R: 0x3b, G: 0x82, B: 0xf6, A: 0xff}
	case calendar.KindBreak:
		return color.NRGBA{R: 0xf5, G: 0x9e, B: 0x0b, A: 0xff}
	case calendar.KindLunch:
		return color.NRGBA{R: 0x10, G: 0xb9, B: 0x81, A: 0xff}
	case calendar.KindMeeting:
		return color.NRGBA{R: 0x8b, G: 0x5c, B: 0xf6, A: 0xff}
	case calendar.KindTraining:
		return color.NRGBA{R: 0x06, G: 0xb6, B: 0xd4, A: 0xff}
	case calendar.KindTimeOff:
		return color.NRGBA{R: 0x9c, G: 0xa3, B: 0xaf, A: 0xff}
	}
	return color.NRGBA{R: 0x64, G: 0x74, B: 0x8b, A: 0xff}
}

// layer orders segments bottom to top on a timeline: all-day time off
// and holidays shade the day under everything, then shifts, then the
// activities inside them. Timed time off ("doctor 10:00–12:00") is such an
// activity: drawn on top, where it happens, not hidden under the shift.
func layer(o calendar.Occurrence) int {
	if o.AllDay {
		return 0
	}
	return kindLayer(o.Kind)
}

// kindLayer orders the kinds of timed activities bottom to top.
func kindLayer(k calendar.Kind) int {
	switch k {
	case calendar.KindShift:
		return 1
	case calendar.KindOther:
		return 2
	}
	return 3
}

// Segment is one occurrence drawn on a timeline, clipped to its span.
type Segment struct {
	Occ        calendar.Occurrence
	Start, End time.Time
	// Marker is the feed's colour, drawn as a strip under the segment (nil: none).
	Marker color.Color
}

// Alert is a span marked on the bar as a warning: a rest between two
// shifts shorter than the daily rest.
type Alert struct {
	Start, End time.Time
	// Label says what is wrong, for the tooltip-less reader (accessibility).
	Label string
}

// Tick is a labelled instant under the bar.
type Tick struct {
	At    time.Time
	Label string
}

// Timeline is a horizontal bar from From to To with the segments coloured
// by kind, optional hour ticks and a "now" marker. Tapping a segment, or
// Enter on the one focused from the keyboard, calls OnTapped with its
// occurrence.
type Timeline struct {
	widget.BaseWidget

	From, To time.Time
	Segments []Segment
	Ticks    []Tick
	// Now draws the marker when it lies inside [From, To).
	Now      time.Time
	OnTapped func(calendar.Occurrence)
	// Ruler draws only the ticks, without the bar.
	Ruler bool
	// Alerts are drawn as a warning strip along the top of the bar.
	Alerts []Alert
	// Name says what the timeline shows ("Mon 19"), for screen readers.
	Name string
	// Locale formats the times a screen reader says.
	Locale Locale

	// focused is set while the timeline has the keyboard focus; cursor is
	// the index, in time order, of the segment it marks.
	focused bool
	cursor  int
	// off is set by Disable.
	off bool
}

// NewTimeline returns an empty timeline over [from, to).
func NewTimeline(from, to time.Time) *Timeline {
	t := &Timeline{From: from, To: to}
	t.ExtendBaseWidget(t)
	return t
}

// Set replaces the span, segments and ticks and redraws.
func (t *Timeline) Set(from, to time.Time, segs []Segment, ticks []Tick, now time.Time) {
	sort.SliceStable(segs, func(i, j int) bool {
		li, lj := layer(segs[i].Occ), layer(segs[j].Occ)
		if li != lj {
			return li < lj
		}
		return segs[i].Start.Before(segs[j].Start)
	})
	t.From, t.To, t.Segments, t.Ticks, t.Now = from, to, segs, ticks, now
	t.Refresh()
}

// Tapped finds the topmost segment under the pointer.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	if t.OnTapped == nil || t.off {
		return
	}
	w := t.Size().Width
	for i := len(t.Segments) - 1; i >= 0; i-- {
		x1, x2 := t.x(t.Segments[i].Start, w), t.x(t.Segments[i].End, w)
		if x2-x1 < 4 {
			mid := (x1 + x2) / 2
			x1, x2 = mid-2, mid+2
		}
		if ev.Position.X >= x1 && ev.Position.X <= x2 && ev.Position.Y <= t.bar() {
			t.OnTapped(t.Segments[i].Occ)
			return
		}
	}
}

// bar is the height of the bar: the timeline's height less the ticks,
// at least barHeight.
func (t *Timeline) bar() float32 {
	h := t.Size().Height
	if len(t.Ticks) > 0 {
		h -= tickHeight
	}
	return max(h, barHeight)
}

// x maps an instant to a horizontal position in a bar of width w, by its
// wall-clock time in From's zone: on a 23- or 25-hour DST day 06:00 sits
// where it sits on any other day (under the Week screen's shared hour
// ruler), the skipped hour is left out and the repeated one drawn twice.
func (t *Timeline) x(at time.Time, w float32) float32 {
	zone := t.From.Location()
	offset := func(x time.Time) time.Duration {
		_, off := x.In(zone).Zone()
		return time.Duration(off) * time.Second
	}
	base := offset(t.From)
	span := t.To.Sub(t.From) + offset(t.To) - base
	if span <= 0 {
		return 0
	}
	d := at.Sub(t.From) + offset(at) - base
	if d < 0 {
		d = 0
	}
	if d > span {
		d = span
	}
	return float32(float64(w) * float64(d) / float64(span))
}

const (
	barHeight  = float32(30)
	tickHeight = float32(16)
	// alertHeight is the height of a rest warning strip.
	alertHeight = float32(5)
	// denseSegments is the number of segments above which a timeline is
	// painted as one raster image instead of a rectangle per segment, so a
	// crowded week stays fast to draw.
	denseSegments = 48
	// minLabelWidth is the narrowest segment that can hold a label.
	minLabelWidth = float32(24)
)

// CreateRenderer draws the timeline.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		now: canvas.NewRectangle(color.NRGBA{R: 0xef, G: 0x44, B: 0x44, A: 0xff})}
	r.bg.CornerRadius = 0 // square: the software painter fills it without a rasteriser
	r.raster = canvas.NewRaster(r.paintDense)
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 2
	r.Refresh()
	return r
}

type timelineRenderer struct {
	t       *Timeline
	bg, now *canvas.Rectangle
	raster  *canvas.Raster
	// focus is the ring around the segment focused from the keyboard.
	focus   *canvas.Rectangle
	dense   bool
	rects   []*canvas.Rectangle
	marks   []*canvas.Rectangle
	alerts  []*canvas.Rectangle
	labels  []*canvas.Text
	ticks   []*canvas.Text
	objects []fyne.CanvasObject
	laid    fyne.Size
}

// Destroy has nothing to release.
func (r *timelineRenderer) Destroy() {}

// MinSize is the bar plus the tick labels, if any.
func (r *timelineRenderer) MinSize() fyne.Size {
	h := barHeight
	if len(r.t.Ticks) > 0 {
		h += tickHeight
	}
	return fyne.NewSize(120, h)
}

// Objects are the canvas objects of the last Refresh.
func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Layout places the segments, labels, ticks and now marker for size.
func (r *timelineRenderer) Layout(size fyne.Size) {
	r.laid = size
	t := r.t
	w := size.Width
	bh := t.bar()
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(fyne.NewSize(w, bh))
	labelSize := theme.CaptionTextSize()
	if r.dense {
		r.raster.Move(fyne.NewPos(0, 0))
		r.raster.Resize(fyne.NewSize(w, bh))
	}
	for i, s := range t.Segments {
		if r.dense {
			break
		}
		x1, x2 := t.x(s.Start, w), t.x(s.End, w)
		if x2-x1 < 1 {
			x2 = x1 + 1
		}
		y, h := float32(0), bh
		if layer(s.Occ) > 1 {
			y, h = 3, bh-6
		}
		rect := r.rects[i]
		rect.Move(fyne.NewPos(x1, y))
		rect.Resize(fyne.NewSize(x2-x1, h))
		mark := r.marks[i]
		if s.Marker != nil {
			mark.Move(fyne.NewPos(x1, bh-3))
			mark.Resize(fyne.NewSize(x2-x1, 3))
		} else {
			mark.Resize(fyne.NewSize(0, 0))
		}
		label := r.labels[i]
		label.TextSize = labelSize
		label.Hidden = true
		if x2-x1 < minLabelWidth {
			continue
		}
		ms := fyne.MeasureText(label.Text, labelSize, label.TextStyle)
		if ms.Width+6 <= x2-x1 {
			label.Hidden = false
			label.Move(fyne.NewPos(x1+3, (bh-ms.Height)/2))
			label.Resize(ms)
		} else {
			label.Hidden = true
		}
	}
	for i, tk := range t.Ticks {
		txt := r.ticks[i]
		txt.TextSize = labelSize
		ms := fyne.MeasureText(txt.Text, labelSize, txt.TextStyle)
		x := t.x(tk.At, w) - ms.Width/2
		if x < 0 {
			x = 0
		}
		if x+ms.Width > w {
			x = w - ms.Width
		}
		txt.Move(fyne.NewPos(x, bh))
		txt.Resize(ms)
	}
	for i, a := range t.Alerts {
		x1, x2 := t.x(a.Start, w), t.x(a.End, w)
		r.alerts[i].Move(fyne.NewPos(x1, 0))
		r.alerts[i].Resize(fyne.NewSize(max(x2-x1, 2), alertHeight))
	}
	if s, ok := t.focusedSegment(); ok {
		x1, x2 := t.x(s.Start, w), t.x(s.End, w)
		r.focus.Move(fyne.NewPos(x1-1, -1))
		r.focus.Resize(fyne.NewSize(max(x2-x1, 2)+2, bh+2))
	}
	if !t.Now.IsZero() && !t.Now.Before(t.From) && t.Now.Before(t.To) {
		r.now.Hidden = false
		r.now.Move(fyne.NewPos(t.x(t.Now, w)-1, -2))
		r.now.Resize(fyne.NewSize(2, bh+4))
	} else {
		r.now.Hidden = true
	}
}

// Refresh rebuilds the objects, reusing the canvas objects of the last
// draw so a redraw of a busy week allocates little.
func (r *timelineRenderer) Refresh() {
	t := r.t
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	if t.Ruler {
		r.bg.FillColor = color.Transparent
	}
	for len(r.rects) < len(t.Segments) {
		r.rects = append(r.rects, canvas.NewRectangle(color.Transparent))
		r.marks = append(r.marks, canvas.NewRectangle(color.Transparent))
		txt := canvas.NewText("", color.White)
		r.labels = append(r.labels, txt)
	}
	for len(r.ticks) < len(t.Ticks) {
		r.ticks = append(r.ticks, canvas.NewText("", theme.Color(theme.ColorNameForeground)))
	}
	objs := r.objects[:0]
	objs = append(objs, r.bg)
	r.dense = len(t.Segments) > denseSegments
	if r.dense {
		objs = append(objs, r.raster)
		r.raster.Refresh()
	}
	for i, s := range t.Segments {
		if r.dense {
			break
		}
		fill, text := segmentColors(s.Occ.Kind)
		r.rects[i].FillColor = fill
		r.rects[i].CornerRadius = 3
		objs = append(objs, r.rects[i])
		if s.Marker != nil {
			r.marks[i].FillColor = s.Marker
			objs = append(objs, r.marks[i])
		}
		r.labels[i].Text = s.Occ.Summary
		r.labels[i].Color = text
	}
	if !r.dense {
		// Labels go on top of every segment.
		for i := range t.Segments {
			objs = append(objs, r.labels[i])
		}
	}
	fg := theme.Color(theme.ColorNameForeground)
	for i, tk := range t.Ticks {
		r.ticks[i].Text = tk.Label
		r.ticks[i].Color = fg
		objs = append(objs, r.ticks[i])
	}
	for len(r.alerts) < len(t.Alerts) {
		r.alerts = append(r.alerts, canvas.NewRectangle(color.Transparent))
	}
	for i := range t.Alerts {
		r.alerts[i].FillColor = theme.Color(theme.ColorNameError)
		objs = append(objs, r.alerts[i])
	}
	if _, ok := t.focusedSegment(); ok {
		r.focus.StrokeColor = theme.Color(theme.ColorNameFocus)
		objs = append(objs, r.focus)
	}
	objs = append(objs, r.now)
	r.objects = objs
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

// paintDense draws the segments of a crowded timeline into one image of
// w×h pixels, layered like the rectangles of a sparse one.
func (r *timelineRenderer) paintDense(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	t := r.t
	scale := float32(h) / r.t.bar()
	inset := int(3 * scale)
	strip := max(1, int(3*scale))
	for _, s := range t.Segments {
		x1, x2 := int(t.x(s.Start, float32(w))), int(t.x(s.End, float32(w)))
		if x2 <= x1 {
			x2 = x1 + 1
		}
		y1, y2 := 0, h
		if layer(s.Occ) > 1 {
			y1, y2 = inset, h-inset
		}
		fill, _ := segmentColors(s.Occ.Kind)
		fillRect(img, image.Rect(x1, y1, x2, y2), fill)
		if s.Marker != nil {
			fillRect(img, image.Rect(x1, h-strip, x2, h), s.Marker)
		}
	}
	return img
}

// fillRect paints rect of img in the opaque colour c: one row is filled,
// then copied down.
func fillRect(img *image.RGBA, rect image.Rectangle, c color.Color) {
	rect = rect.Intersect(img.Bounds())
	if rect.Empty() {
		return
	}
	px := color.RGBAModel.Convert(c).(color.RGBA)
	first := img.Pix[img.PixOffset(rect.Min.X, rect.Min.Y):img.PixOffset(rect.Max.X, rect.Min.Y)]
	for i := 0; i < len(first); i += 4 {
		first[0+i], first[1+i], first[2+i], first[3+i] = px.R, px.G, px.B, px.A
	}
	for y := rect.Min.Y + 1; y < rect.Max.Y; y++ {
		copy(img.Pix[img.PixOffset(rect.Min.X, y):], first)
	}
}

// segmentsIn clips occurrences to [from, to) and turns them into segments;
// all-day occurrences are left to the caller. marker gives the feed colour.
func segmentsIn(occs []calendar.Occurrence, from, to time.Time, marker func(string) color.Color) []Segment {
	var segs []Segment
	markers := map[string]color.Color{}
	for _, o := range occs {
		if o.AllDay || !o.End.After(from) || !o.Start.Before(to) {
			continue
		}
		s, e := o.Start, o.End
		if s.Before(from) {
			s = from
		}
		if e.After(to) {
			e = to
		}
		seg := Segment{Occ: o, Start: s, End: e}
		if marker != nil {
			m, ok := markers[o.Source]
			if !ok {
				m = marker(o.Source)
				markers[o.Source] = m
			}
			seg.Marker = m
		}
		segs = append(segs, seg)
	}
	return segs
}

// hourTicks labels every step hours of the local day [from, to) in zone
// (a 23- or 25-hour day on a DST change keeps its real wall-clock hours).
func hourTicks(from, to time.Time, step int, loc Locale) []Tick {
	var ticks []Tick
	zone := from.Location()
	y, m, d := from.Date()
	for h := 0; h <= 48; h += step {
		at := time.Date(y, m, d, h, 0, 0, 0, zone)
		if at.Before(from) {
			continue
		}
		if at.After(to) {
			break
		}
		label := at.Format("15")
		if loc.Hour12 {
			label = at.Format("3PM")
		}
		ticks = append(ticks, Tick{At: at, Label: label})
	}
	return ticks
}
