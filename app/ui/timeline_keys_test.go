package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// tabTo presses Tab on the window's canvas until want has the focus and
// fails if a whole round of Tabs never reaches it.
func tabTo(t *testing.T, c fyne.Canvas, want fyne.Focusable) {
	t.Helper()
	for range 200 {
		c.FocusNext()
		if c.Focused() == want {
			return
		}
	}
	t.Fatalf("Tab never reaches %T; focus stays on %T", want, c.Focused())
}

// Tab reaches the Now screen's timeline; Right moves to the second
// activity of the day and Enter opens its details, as a tap does.
func TestTimelineKeyboardOpensSecondSegment(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 8, 48), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenNow)
	c := e.win.Canvas()
	tl := e.ui.now.timeline
	tabTo(t, c, tl)
	if c.Overlays().Top() != nil {
		t.Fatal("details open before Enter")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("Enter on the focused segment opened nothing")
	}
	second := occ(calendar.KindBreak, "Break", at(2026, 11, 23, 9, 0), at(2026, 11, 23, 9, 15))
	txt := shownTexts(top)
	if want := e.ui.detailsText(second); !strings.Contains(txt, want) {
		t.Errorf("details shown:\n%s\nwant the second segment's:\n%s", txt, want)
	}
}

// Left stops at the first segment and Right at the last; the hour ruler and
// an empty day are passed over by Tab.
func TestTimelineKeyboardBoundsAndSkips(t *testing.T) {
	var opened []string
	tl := NewTimeline(at(2026, 11, 23, 0, 0), at(2026, 11, 24, 0, 0))
	tl.OnTapped = func(o calendar.Occurrence) { opened = append(opened, o.Summary) }
	tl.Set(tl.From, tl.To, segmentsIn(weekOf23Nov()[:4], tl.From, tl.To, nil), nil, at(2026, 11, 23, 8, 0))
	tl.FocusGained()
	for _, k := range []fyne.KeyName{fyne.KeyLeft, fyne.KeySpace, fyne.KeyEnd, fyne.KeyRight, fyne.KeyEnter} {
		tl.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if got := strings.Join(opened, ","); got != "APAC queue,Break" {
		t.Errorf("opened %q, want the first then the last (14:00 break)", got)
	}
	if s, _ := tl.focusedSegment(); !s.Start.Equal(at(2026, 11, 23, 14, 0)) {
		t.Errorf("focused segment starts %v, want 14:00", s.Start)
	}
	ruler := NewTimeline(tl.From, tl.To)
	ruler.Ruler = true
	if !ruler.Disabled() || !NewTimeline(tl.From, tl.To).Disabled() || tl.Disabled() {
		t.Error("the ruler and an empty day must be skipped by Tab, a day with activities not")
	}
}

// The focus ring marks the focused segment (here the lunch, two Rights
// from the shift).
func TestTimelineGoldenFocused(t *testing.T) {
	test.NewTempApp(t)
	useLang(t, "en")
	tl := NewTimeline(at(2026, 11, 23, 6, 0), at(2026, 11, 23, 18, 0))
	tl.Set(tl.From, tl.To, segmentsIn(weekOf23Nov()[:4], tl.From, tl.To, nil), nil, at(2026, 11, 23, 0, 0))
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(400, 60))
	w.Canvas().Focus(tl)
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	test.AssertRendersToMarkup(t, "timeline_focused.xml", w.Canvas())
}

// Help tells how to walk a timeline from the keyboard.
func TestShortcutsListTimelineKeys(t *testing.T) {
	test.NewTempApp(t)
	useLang(t, "sv")
	if txt := shortcutsText(); !strings.Contains(txt, "← / →  Föregående eller nästa aktivitet på en markerad tidslinje; Enter öppnar den") {
		t.Errorf("Help lacks the timeline keys:\n%s", txt)
	}
}

// On the Week screen Right walks Tuesday's timeline instead of turning the
// week while the timeline has the focus; Enter opens the break.
func TestWeekTimelineKeyboard(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 12, 0), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	c := e.win.Canvas()
	tabTo(t, c, e.ui.week.days[1])
	week := e.ui.week.shownMonday()
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := e.ui.week.shownMonday(); got != week {
		t.Errorf("Right on a focused timeline turned the week to %v", got)
	}
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("Enter on the focused segment opened nothing")
	}
	brk := occ(calendar.KindBreak, "Break", at(2026, 11, 24, 10, 0), at(2026, 11, 24, 10, 15))
	if txt, want := shownTexts(top), e.ui.detailsText(brk); !strings.Contains(txt, want) {
		t.Errorf("details shown:\n%s\nwant:\n%s", txt, want)
	}
}
