package ui

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/shiftdesk/shiftdesk/assets"
)

// Languages lists the languages Shiftdesk ships, as settings codes.
func Languages() []string { return []string{"en", "sv", "nl", "fr"} }

// UseLanguage loads the translation files and selects the language code
// ("" = the system's). Fyne's lang package reads the language from the
// environment, so a chosen language is put in LANGUAGE (and LC_MESSAGES
// when the locale is "C"). It returns the locale to format with.
func UseLanguage(code string) (Locale, error) {
	if code != "" {
		if err := os.Setenv("LANGUAGE", code); err != nil {
			return Locale{}, fmt.Errorf("ui: language %q: %w", code, err)
		}
		for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			v := os.Getenv(env)
			if v == "" {
				continue
			}
			if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
				if err := os.Setenv(env, code); err != nil {
					return Locale{}, fmt.Errorf("ui: language %q: %w", code, err)
				}
			}
			break
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return Locale{}, fmt.Errorf("ui: translations: %w", err)
	}
	if code != "" {
		return NewLocale(code), nil
	}
	sys := string(lang.SystemLocale())
	base, _, _ := strings.Cut(strings.ReplaceAll(sys, "_", "-"), "-")
	if !slices.Contains(Languages(), strings.ToLower(base)) {
		// A language Shiftdesk does not speak: English, rather than a
		// mix of Fyne's own translations and a failure logged per text.
		return UseLanguage("en")
	}
	return NewLocale(sys), nil
}

// Locale formats dates, times and durations in one language's style.
type Locale struct {
	// Lang is the language code: en, sv, nl or fr.
	Lang string
	// Hour12 selects 12-hour times (only American English uses them; the
	// other languages and English elsewhere use 24-hour times).
	Hour12 bool
}

// NewLocale returns the locale for a tag such as "sv", "en-US" or "fr_FR".
func NewLocale(tag string) Locale {
	tag, _, _ = strings.Cut(tag, ".") // en_US.UTF-8
	tag, _, _ = strings.Cut(tag, "@")
	tag = strings.ReplaceAll(tag, "_", "-")
	base, region, _ := strings.Cut(tag, "-")
	base = strings.ToLower(base)
	switch base {
	case "sv", "nl", "fr":
		return Locale{Lang: base}
	}
	return Locale{Lang: "en", Hour12: strings.EqualFold(region, "US")}
}

// Time formats the time of day of t: "14:05" or, in 12-hour locales, "2:05 PM".
func (l Locale) Time(t time.Time) string {
	if l.Hour12 {
		return t.Format("3:04 PM")
	}
	return t.Format("15:04")
}

var weekdayKeys = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
var monthKeys = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Weekday is the short name of d: "Thu", "tor", "do", "jeu".
func (l Locale) Weekday(d time.Weekday) string {
	return lang.X("weekday."+strings.ToLower(weekdayKeys[d]), weekdayKeys[d])
}

// Month is the short name of m: "Nov", "nov", "nov", "nov".
func (l Locale) Month(m time.Month) string {
	return lang.X("month."+strings.ToLower(monthKeys[m-1]), monthKeys[m-1])
}

// Day formats the date of t: "Thu 26 Nov".
func (l Locale) Day(t time.Time) string {
	return fmt.Sprintf("%s %d %s", l.Weekday(t.Weekday()), t.Day(), l.Month(t.Month()))
}

// DayTime formats a weekday and time: "Thu 14:00".
func (l Locale) DayTime(t time.Time) string {
	return l.Weekday(t.Weekday()) + " " + l.Time(t)
}

// Span formats a time range on one day, "14:00–22:00"; an end on a later
// day gets its weekday ("22:00–Sun 06:00").
func (l Locale) Span(start, end time.Time) string {
	ys, ms, ds := start.Date()
	ye, me, de := end.Date()
	if ys == ye && ms == me && ds == de {
		return l.Time(start) + "–" + l.Time(end)
	}
	return l.Time(start) + "–" + l.DayTime(end)
}

// Duration formats d for a countdown, rounding up to the shown unit:
// "45 s", "9 min 05 s" (under 10 minutes), "12 min", "2 h 05 min",
// "1 d 3 h". Negative durations read as zero.
func (l Locale) Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	day, hour, min, sec := lang.X("unit.day", "d"), lang.X("unit.hour", "h"), lang.X("unit.min", "min"), lang.X("unit.sec", "s")
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d %s", int(math.Ceil(d.Seconds())), sec)
	case d < 10*time.Minute:
		s := int(math.Ceil(d.Seconds()))
		if s%60 == 0 {
			return fmt.Sprintf("%d %s", s/60, min)
		}
		return fmt.Sprintf("%d %s %02d %s", s/60, min, s%60, sec)
	case d < time.Hour:
		return fmt.Sprintf("%d %s", int(math.Ceil(d.Minutes())), min)
	case d < 24*time.Hour:
		m := int(math.Ceil(d.Minutes()))
		if m%60 == 0 {
			return fmt.Sprintf("%d %s", m/60, hour)
		}
		return fmt.Sprintf("%d %s %02d %s", m/60, hour, m%60, min)
	default:
		h := int(math.Ceil(d.Hours()))
		if h%24 == 0 {
			return fmt.Sprintf("%d %s", h/24, day)
		}
		return fmt.Sprintf("%d %s %d %s", h/24, day, h%24, hour)
	}
}

// Minutes formats a length as hours and minutes without rounding up:
// "3 h 30 min", "45 min", "0 min".
func (l Locale) Minutes(d time.Duration) string {
	m := int(d / time.Minute)
	hour, min := lang.X("unit.hour", "h"), lang.X("unit.min", "min")
	switch {
	case m < 60:
		return fmt.Sprintf("%d %s", m, min)
	case m%60 == 0:
		return fmt.Sprintf("%d %s", m/60, hour)
	}
	return fmt.Sprintf("%d %s %02d %s", m/60, hour, m%60, min)
}
