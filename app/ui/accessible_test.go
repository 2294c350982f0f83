package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// customWidgets walks the tree under o (containers and widget renderers)
// and returns the widgets whose type is declared in this package.
func customWidgets(o fyne.CanvasObject) []fyne.Widget {
	var out []fyne.Widget
	pkg := reflect.TypeOf(Timeline{}).PkgPath()
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			if t := reflect.TypeOf(x); t.Kind() == reflect.Pointer && t.Elem().PkgPath() == pkg {
				out = append(out, x)
			}
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// Every custom widget on every screen tells a screen reader what it shows.
func TestCustomWidgetsHaveAccessibilityLabels(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 24, 9, 30), append(weekOf23Nov(), shortRestWeek()...), workFeed(), regions)
	labels := map[string]bool{}
	for _, screen := range []string{ScreenNow, ScreenWeek, ScreenCustomers, ScreenFeeds, ScreenSettings} {
		e.ui.Show(screen)
		found := customWidgets(e.ui.tabs.Selected().Content)
		if (screen == ScreenNow || screen == ScreenWeek) && len(found) == 0 {
			t.Fatalf("%s: no custom widget found", screen)
		}
		for _, w := range found {
			a, ok := w.(fyne.Accessible)
			if !ok {
				t.Errorf("%s: %T does not implement fyne.Accessible", screen, w)
				continue
			}
			if a.AccessibilityLabel() == "" || a.AccessibilityRole() == "" {
				t.Errorf("%s: %T has label %q, role %q", screen, w, a.AccessibilityLabel(), a.AccessibilityRole())
			}
			labels[a.AccessibilityLabel()] = true
		}
	}
	for _, want := range []string{
		"Mon 23 Nov; Shift APAC queue, 07:00 to 16:00; Break, 09:00 to 09:15; Lunch, 11:30 to 12:00; Break, 14:00 to 14:15; Shift EMEA late, 15:00 to 23:00; Lunch, 19:00 to 19:30; Only 8 h rest between Mon 23:00 and Tue 07:00",
		"Thu 26 Nov; Time off Day off, all day",
		"Sun 29 Nov; Shift APAC queue (night), 00:00 to 06:00; Break, 00:30 to 00:45",
		"Fri 27 Nov; nothing scheduled",
		"Hours of the day",
	} {
		if !labels[want] {
			t.Errorf("no widget says %q; labels:\n%s", want, strings.Join(keys(labels), "\n"))
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// In Swedish the words and times are Swedish too.
func TestAccessibilityLabelSwedish(t *testing.T) {
	e := newEnv(t, "sv", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	got := e.ui.week.days[0].AccessibilityLabel()
	if !strings.Contains(got, "Rast, 09:00 till 09:15") {
		t.Fatalf("label %q", got)
	}
}

// Every screen is one shortcut away, and Help lists the shortcuts.
func TestScreenShortcutsAndHelpList(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), nil)
	for i, want := range []int{1, 4, 0, 3, 2} {
		key := []fyne.KeyName{fyne.Key2, fyne.Key5, fyne.Key1, fyne.Key4, fyne.Key3}[i]
		e.ui.keys.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
		if got := e.ui.tabs.SelectedIndex(); got != want {
			t.Errorf("Ctrl+%s shows tab %d, want %d", key, got, want)
		}
	}
	e.ui.ShowShortcuts()
	txt := shownTexts(e.win.Canvas().Overlays().Top())
	for _, want := range []string{"Ctrl+1 … Ctrl+5", "Ctrl+R  Sync now", "Ctrl+E", "Ctrl+,  Settings", "← / →", "Tab / Shift+Tab"} {
		if !strings.Contains(txt, want) {
			t.Errorf("Help lacks %q:\n%s", want, txt)
		}
	}
}
