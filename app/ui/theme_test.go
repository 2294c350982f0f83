package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// luminance is the WCAG 2.x relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over lays c (maybe translucent) on the opaque under, like Fyne's button.
func over(under, c color.Color) color.Color {
	u, o := color.NRGBAModel.Convert(under).(color.NRGBA), color.NRGBAModel.Convert(c).(color.NRGBA)
	a := float64(o.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(y)*a + float64(x)*(1-a))) }
	return color.NRGBA{R: mix(u.R, o.R), G: mix(u.G, o.G), B: mix(u.B, o.B), A: 0xff}
}

func TestContrastThemesReachAAA(t *testing.T) {
	for _, name := range []string{"contrast-light", "contrast-dark"} {
		th := ThemeFor(name)
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantDark) }
		bg := c(theme.ColorNameBackground)
		pairs := map[string][2]color.Color{
			"text on background":          {c(theme.ColorNameForeground), bg},
			"text on button":              {c(theme.ColorNameForeground), c(theme.ColorNameButton)},
			"text on input":               {c(theme.ColorNameForeground), c(theme.ColorNameInputBackground)},
			"text on header":              {c(theme.ColorNameForeground), c(theme.ColorNameHeaderBackground)},
			"text on menu":                {c(theme.ColorNameForeground), c(theme.ColorNameMenuBackground)},
			"text on dialog":              {c(theme.ColorNameForeground), c(theme.ColorNameOverlayBackground)},
			"text on selection":           {c(theme.ColorNameForeground), c(theme.ColorNameSelection)},
			"disabled text":               {c(theme.ColorNameDisabled), bg},
			"disabled button text":        {c(theme.ColorNameDisabled), c(theme.ColorNameDisabledButton)},
			"placeholder":                 {c(theme.ColorNamePlaceHolder), c(theme.ColorNameInputBackground)},
			"primary text (selected tab)": {c(theme.ColorNamePrimary), bg},
			"link":                        {c(theme.ColorNameHyperlink), bg},
			"error text":                  {c(theme.ColorNameError), bg},
			"success text":                {c(theme.ColorNameSuccess), bg},
			"warning text":                {c(theme.ColorNameWarning), bg},
			"on primary":                  {c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary)},
			"on error":                    {c(theme.ColorNameForegroundOnError), c(theme.ColorNameError)},
			"on success":                  {c(theme.ColorNameForegroundOnSuccess), c(theme.ColorNameSuccess)},
			"on warning":                  {c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning)},
		}
		for _, state := range []fyne.ThemeColorName{theme.ColorNameFocus, theme.ColorNameHover, theme.ColorNamePressed} {
			pairs["text on "+string(state)+" button"] = [2]color.Color{c(theme.ColorNameForeground), over(c(theme.ColorNameButton), c(state))}
			pairs["on primary, "+string(state)] = [2]color.Color{c(theme.ColorNameForegroundOnPrimary), over(c(theme.ColorNamePrimary), c(state))}
			pairs["on error, "+string(state)] = [2]color.Color{c(theme.ColorNameForegroundOnError), over(c(theme.ColorNameError), c(state))}
		}
		p := th.(kindPalette)
		for _, k := range calendar.Kinds() {
			fill, text, ok := p.kindColors(k)
			if !ok {
				t.Fatalf("%s: no colour for %s", name, k)
			}
			pairs["label on "+string(k)] = [2]color.Color{text, fill}
		}
		for what, pair := range pairs {
			if r := contrast(pair[0], pair[1]); r < 7 {
				t.Errorf("%s: %s has contrast %.2f:1, want at least 7:1", name, what, r)
			}
		}
	}
	// The default theme's timeline (white on amber) would not pass: the
	// test can tell.
	if r := contrast(color.White, kindColor(calendar.KindBreak)); r >= 7 {
		t.Fatalf("white on the default break colour is %.2f:1", r)
	}
}

// The timelines take the high-contrast activity colours from the theme in
// use, also at a larger text size.
func TestTimelineUsesTheContrastPalette(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ThemeForSettings(settings.Settings{Theme: "contrast-light", TextScale: 1.5}))
	fill, text := segmentColors(calendar.KindBreak)
	if contrast(fill, text) < 7 || fill == color.Color(kindColor(calendar.KindBreak)) {
		t.Fatalf("break drawn %v with %v text", fill, text)
	}
	if got, want := theme.Current().Size(theme.SizeNameText), theme.DefaultTheme().Size(theme.SizeNameText)*1.5; got != want {
		t.Fatalf("text size %v at 150%%, want %v", got, want)
	}
	a.Settings().SetTheme(ThemeForSettings(settings.Settings{Theme: "dark"}))
	if fill, _ := segmentColors(calendar.KindBreak); fill != color.Color(kindColor(calendar.KindBreak)) {
		t.Fatalf("the dark theme draws a break %v", fill)
	}
}

// At 150% text the layout grows in proportion in every language: no screen
// needs more than the window Shiftdesk opens with, at 150% (1350×960).
func TestLayoutHoldsAt150PercentInEveryLanguage(t *testing.T) {
	for _, code := range Languages() {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t, code, at(2026, 11, 24, 9, 30), append(weekOf23Nov(), shortRestWeek()...), workFeed(), regions)
			fyne.CurrentApp().Settings().SetTheme(ThemeForSettings(settings.Settings{Theme: "contrast-light", TextScale: 1.5}))
			e.win.Resize(fyne.NewSize(1350, 960))
			for _, screen := range []string{ScreenNow, ScreenWeek, ScreenCustomers, ScreenFeeds, ScreenSettings} {
				e.ui.Show(screen)
				if m := e.ui.Content().MinSize(); m.Width > 1350 || m.Height > 960 {
					t.Errorf("%s screen needs %.0f×%.0f px at 150%%, more than 1350×960", screen, m.Width, m.Height)
				}
			}
		})
	}
}
