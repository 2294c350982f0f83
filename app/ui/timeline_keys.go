package ui

import "fyne.io/fyne/v2"

// A timeline is reached with Tab like any other control: Left and Right
// move between its segments in time order, Enter or Space opens the
// focused segment's details as a tap does, and a focus ring marks it.
var (
	_ fyne.Focusable   = (*Timeline)(nil)
	_ fyne.Disableable = (*Timeline)(nil)
)

// FocusGained marks the segment under the keyboard cursor.
func (t *Timeline) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost takes the focus ring away.
func (t *Timeline) FocusLost() {
	t.focused = false
	t.Refresh()
}

// TypedRune ignores characters: a timeline has no text to type into.
func (t *Timeline) TypedRune(rune) {}

// TypedKey moves between the segments (Left, Right, Home, End) and opens
// the focused one (Enter, Return, Space).
func (t *Timeline) TypedKey(ev *fyne.KeyEvent) {
	n := len(t.Segments)
	if n == 0 || t.Disabled() {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		t.cursor = max(t.focusIndex()-1, 0)
	case fyne.KeyRight:
		t.cursor = min(t.focusIndex()+1, n-1)
	case fyne.KeyHome:
		t.cursor = 0
	case fyne.KeyEnd:
		t.cursor = n - 1
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if s, ok := t.focusedSegment(); ok && t.OnTapped != nil {
			t.OnTapped(s.Occ)
		}
		return
	default:
		return
	}
	t.Refresh()
}

// Disabled is true for a timeline the keyboard has nothing to do on: the
// hour ruler, a day with nothing scheduled, or one turned off by Disable.
// Fyne's focus manager passes over it.
func (t *Timeline) Disabled() bool { return t.off || t.Ruler || len(t.Segments) == 0 }

// Disable stops taps and keys from opening details.
func (t *Timeline) Disable() {
	t.off = true
	t.Refresh()
}

// Enable lets taps and keys open details again.
func (t *Timeline) Enable() {
	t.off = false
	t.Refresh()
}

// focusIndex is the keyboard cursor, in time order, kept inside the
// current segments.
func (t *Timeline) focusIndex() int {
	return min(max(t.cursor, 0), max(len(t.Segments)-1, 0))
}

// focusedSegment is the segment the focus ring marks, while the timeline
// has the keyboard focus.
func (t *Timeline) focusedSegment() (Segment, bool) {
	if !t.focused || len(t.Segments) == 0 {
		return Segment{}, false
	}
	return sortedByStart(t.Segments)[t.focusIndex()], true
}
