package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// variantTheme is the default theme held to one variant (light or dark),
// whatever the desktop prefers.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color answers in the theme's own variant.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// ThemeFor returns the theme for a settings name: "light", "dark",
// "contrast-light", "contrast-dark", or the system's preference for
// anything else.
func ThemeFor(name string) fyne.Theme {
	switch name {
	case "light":
		return variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case "dark":
		return variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	case "contrast-light":
		return contrastTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case "contrast-dark":
		return contrastTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// ThemeForSettings is the theme of s: its colours (ThemeFor) at its text
// size (TextScale, 1 = 100%).
func ThemeForSettings(s settings.Settings) fyne.Theme {
	th := ThemeFor(s.Theme)
	if s.TextScale <= 0 || s.TextScale == 1 {
		return th
	}
	return scaledTheme{Theme: th, scale: float32(s.TextScale)}
}

// scaledTheme grows every size of a theme (text, padding, icons) by scale,
// like Fyne's own scale setting, but chosen in Shiftdesk and applied live.
type scaledTheme struct {
	fyne.Theme
	scale float32
}

// Size is the wrapped theme's size times the scale.
func (t scaledTheme) Size(n fyne.ThemeSizeName) float32 { return t.Theme.Size(n) * t.scale }

// kindColors forwards the wrapped theme's palette, if any.
func (t scaledTheme) kindColors(k calendar.Kind) (fill, text color.Color, ok bool) {
	if p, is := t.Theme.(kindPalette); is {
		return p.kindColors(k)
	}
	return nil, nil, false
}

// kindPalette is a theme with its own activity colours (the high-contrast
// themes): a fill per kind and the text drawn on it.
type kindPalette interface {
	kindColors(k calendar.Kind) (fill, text color.Color, ok bool)
}

// segmentColors are the fill of a kind on the timelines and the colour of
// a label on it, from the current theme's palette or the defaults.
func segmentColors(k calendar.Kind) (color.Color, color.Color) {
	if p, ok := theme.Current().(kindPalette); ok {
		if fill, text, ok := p.kindColors(k); ok {
			return fill, text
		}
	}
	return kindColor(k), color.White
}

// contrastTheme is a high-contrast theme (WCAG 2.x AAA: text at least 7:1
// against what it is drawn on) in one variant: black on white, or white on
// black with yellow for what is primary.
type contrastTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// contrastColor is the colour n of the high-contrast theme in variant v;
// false for names left to the default theme.
func contrastColor(v fyne.ThemeVariant, n fyne.ThemeColorName) (uint32, bool) {
	if v == theme.VariantDark {
		switch n {
		case theme.ColorNameBackground:
			return 0x000000, true
		case theme.ColorNameForeground:
			return 0xffffff, true
		case theme.ColorNameButton:
			return 0x1f1f1f, true
		case theme.ColorNameDisabledButton:
			return 0x000000, true
		case theme.ColorNameDisabled:
			return 0xb3b3b3, true
		case theme.ColorNamePlaceHolder:
			return 0xb3b3b3, true
		case theme.ColorNameInputBackground:
			return 0x000000, true
		case theme.ColorNameInputBorder:
			return 0xffffff, true
		case theme.ColorNamePrimary:
			return 0xffd400, true
		case theme.ColorNameForegroundOnPrimary:
			return 0x000000, true
		case theme.ColorNameHyperlink:
			return 0xffd400, true
		case theme.ColorNameSelection:
			return 0x003e73, true
		case theme.ColorNameSeparator:
			return 0xffffff, true
		case theme.ColorNameError:
			return 0xff8080, true
		case theme.ColorNameForegroundOnError:
			return 0x000000, true
		case theme.ColorNameSuccess:
			return 0x7cfc7c, true
		case theme.ColorNameForegroundOnSuccess:
			return 0x000000, true
		case theme.ColorNameWarning:
			return 0xffc266, true
		case theme.ColorNameForegroundOnWarning:
			return 0x000000, true
		case theme.ColorNameHeaderBackground:
			return 0x000000, true
		case theme.ColorNameMenuBackground:
			return 0x000000, true
		case theme.ColorNameOverlayBackground:
			return 0x000000, true
		case theme.ColorNameScrollBar:
			return 0xffffff, true
		}
		return 0, false
	}
	switch n {
	case theme.ColorNameBackground:
		return 0xffffff, true
	case theme.ColorNameForeground:
		return 0x000000, true
	case theme.ColorNameButton:
		return 0xe0e0e0, true
	case theme.ColorNameDisabledButton:
		return 0xffffff, true
	case theme.ColorNameDisabled:
		return 0x4d4d4d, true
	case theme.ColorNamePlaceHolder:
		return 0x4d4d4d, true
	case theme.ColorNameInputBackground:
		return 0xffffff, true
	case theme.ColorNameInputBorder:
		return 0x000000, true
	case theme.ColorNamePrimary:
		return 0x00307a, true
	case theme.ColorNameForegroundOnPrimary:
		return 0xffffff, true
	case theme.ColorNameHyperlink:
		return 0x00307a, true
	case theme.ColorNameSelection:
		return 0xb3d4ff, true
	case theme.ColorNameSeparator:
		return 0x000000, true
	case theme.ColorNameError:
		return 0xa00000, true
	case theme.ColorNameForegroundOnError:
		return 0xffffff, true
	case theme.ColorNameSuccess:
		return 0x005a00, true
	case theme.ColorNameForegroundOnSuccess:
		return 0xffffff, true
	case theme.ColorNameWarning:
		return 0x7a4000, true
	case theme.ColorNameForegroundOnWarning:
		return 0xffffff, true
	case theme.ColorNameHeaderBackground:
		return 0xffffff, true
	case theme.ColorNameMenuBackground:
		return 0xffffff, true
	case theme.ColorNameOverlayBackground:
		return 0xffffff, true
	case theme.ColorNameScrollBar:
		return 0x000000, true
	}
	return 0, false
}

// contrastKind is the activity fill of the high-contrast theme in variant
// v: dark fills under white labels (light), light fills under black labels
// (dark).
func contrastKind(v fyne.ThemeVariant, n calendar.Kind) (uint32, bool) {
	if v == theme.VariantDark {
		switch n {
		case calendar.KindShift:
			return 0x8fbcff, true
		case calendar.KindBreak:
			return 0xffc04d, true
		case calendar.KindLunch:
			return 0x5ce08f, true
		case calendar.KindMeeting:
			return 0xd2b4ff, true
		case calendar.KindTraining:
			return 0x5ce1f0, true
		case calendar.KindTimeOff:
			return 0xbfbfbf, true
		case calendar.KindOther:
			return 0xe0e0e0, true
		}
		return 0, false
	}
	switch n {
	case calendar.KindShift:
		return 0x003a8c, true
	case calendar.KindBreak:
		return 0x7a3e00, true
	case calendar.KindLunch:
		return 0x00522a, true
	case calendar.KindMeeting:
		return 0x4b0082, true
	case calendar.KindTraining:
		return 0x004b5a, true
	case calendar.KindTimeOff:
		return 0x404040, true
	case calendar.KindOther:
		return 0x333333, true
	}
	return 0, false
}

// Color is the high-contrast colour of n, in the theme's own variant.
func (t contrastTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if v, ok := contrastColor(t.variant, n); ok {
		return rgb(v)
	}
	// Focus, hover and press are laid over buttons of every importance:
	// translucent, so white text stays on dark and black on light.
	over := rgb(0xffffff)
	if t.variant == theme.VariantLight {
		over = rgb(0x000000)
	}
	switch n {
	case theme.ColorNameFocus:
		c, _ := contrastColor(t.variant, theme.ColorNamePrimary)
		return withAlpha(rgb(c), 0x50)
	case theme.ColorNameHover:
		return withAlpha(over, 0x30)
	case theme.ColorNamePressed:
		return withAlpha(over, 0x40)
	}
	return t.Theme.Color(n, t.variant)
}

// kindColors are the fill of a kind and the colour of text on it.
func (t contrastTheme) kindColors(k calendar.Kind) (color.Color, color.Color, bool) {
	v, ok := contrastKind(t.variant, k)
	if !ok {
		v, _ = contrastKind(t.variant, calendar.KindOther)
	}
	text := t.Color(theme.ColorNameBackground, t.variant)
	return rgb(v), text, true
}
