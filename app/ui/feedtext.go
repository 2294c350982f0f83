package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// Problem words a failed sync in the locale's language. fallback is the
// sync layer's English words: used for a reason the window does not know,
// and as they are in English, where they also carry what the data does not
// (extra details, a web page's title).
func (l Locale) Problem(p SyncProblem, fallback string) string {
	if l.Lang == "en" && fallback != "" {
		return fallback
	}
	var s string
	switch p.Reason {
	case "auth":
		s = lang.L("sign-in failed — check the password or token")
	case "gone":
		s = lang.L("the feed address no longer exists")
	case "unreachable":
		if p.RetryAt.IsZero() {
			s = lang.L("server unreachable")
		} else {
			s = lang.L("server unreachable, will retry at {{.At}}", map[string]any{"At": l.Time(p.RetryAt)})
		}
	case "refused":
		s = lang.L("the server refused the request")
	case "web_page":
		s = lang.L("the server sent a web page, not a calendar (maybe a login page)")
		if p.Title != "" {
			s += fmt.Sprintf(": %q", p.Title)
		}
	case "empty":
		s = lang.L("the server sent an empty file")
	case "truncated":
		s = lang.L("the download was cut off (truncated)")
	case "too_large":
		s = lang.L("the feed is too large")
	case "not_calendar":
		s = lang.L("the server sent something that is not a calendar")
	case "malformed":
		s = lang.L("the calendar cannot be read")
	case "keyring":
		s = lang.L("the sign-in details cannot be read from the keyring")
	case "file":
		s = lang.L("the calendar file cannot be read")
	case "no_feed":
		s = lang.L("there is no feed by this name")
	default:
		if fallback != "" {
			return fallback
		}
		s = lang.L("sync failed")
	}
	if p.Status != 0 && p.Reason != "auth" && p.Reason != "gone" {
		s += fmt.Sprintf(" (HTTP %d)", p.Status)
	}
	return s
}

// SyncErrorText words the failures of a sync, one line each: those that
// are a ProblemError in the locale's language, others as they are.
func (l Locale) SyncErrorText(err error) string {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		var pe ProblemError
		if errors.As(e, &pe) {
			lines = append(lines, l.Problem(pe.Problem(), pe.Error()))
		} else {
			lines = append(lines, e.Error())
		}
	}
	return strings.Join(lines, "\n")
}

// changeArrow stands between an old and a new time: Fyne's bundled font
// has no "→" glyph.
const changeArrow = "->"

// activity is an activity kind as a lowercase noun within a sentence:
// "shift", "pass", "dienst", "service".
func (l Locale) activity(k calendar.Kind) string {
	if k == "" {
		return lang.L("activity")
	}
	return strings.ToLower(lang.X("kind."+string(k), strings.ReplaceAll(string(k), "_", " ")))
}

// dateDay is a calendar date as "Thu 26 Nov" in the locale.
func (l Locale) dateDay(d calendar.Date) string { return l.Day(d.In(time.UTC)) }

// ChangeLine words one entry of "What changed" in the locale's language,
// like the sync layer's English line: "Thu 27 Nov: shift moved 14:00 ->
// 12:00".
func (l Locale) ChangeLine(c Change) string {
	data := map[string]any{"Day": l.dateDay(c.Date), "What": l.activity(c.Activity), "Arrow": changeArrow}
	if c.AllDay {
		switch c.Kind {
		case ChangeAdded:
			return lang.L("{{.Day}}: {{.What}} added", data)
		case ChangeRemoved:
			return lang.L("{{.Day}}: {{.What}} removed", data)
		}
		data["Until"] = l.dateDay(calendar.DateOf(c.NewEnd).AddDays(-1))
		oldDay := calendar.DateOf(c.OldStart)
		if oldDay == c.Date {
			return lang.L("{{.Day}}: {{.What}} changed, now until {{.Until}}", data)
		}
		data["OldDay"] = l.dateDay(oldDay)
		if c.NewEnd.Sub(c.NewStart) != c.OldEnd.Sub(c.OldStart) {
			return lang.L("{{.Day}}: {{.What}} moved from {{.OldDay}}, now until {{.Until}}", data)
		}
		return lang.L("{{.Day}}: {{.What}} moved from {{.OldDay}}", data)
	}
	switch c.Kind {
	case ChangeAdded:
		data["New"] = l.Span(c.NewStart, c.NewEnd)
		return lang.L("{{.Day}}: {{.What}} added {{.New}}", data)
	case ChangeRemoved:
		data["Old"] = l.Span(c.OldStart, c.OldEnd)
		return lang.L("{{.Day}}: {{.What}} removed (was {{.Old}})", data)
	}
	if oldDay := calendar.DateOf(c.OldStart); oldDay != calendar.DateOf(c.NewStart) {
		data["OldDay"], data["Old"], data["New"] = l.dateDay(oldDay), l.Time(c.OldStart), l.Time(c.NewStart)
		return lang.L("{{.Day}}: {{.What}} moved from {{.OldDay}} {{.Old}} {{.Arrow}} {{.New}}", data)
	}
	if c.NewEnd.Sub(c.NewStart) == c.OldEnd.Sub(c.OldStart) {
		data["Old"], data["New"] = l.Time(c.OldStart), l.Time(c.NewStart)
		return lang.L("{{.Day}}: {{.What}} moved {{.Old}} {{.Arrow}} {{.New}}", data)
	}
	data["Old"], data["New"] = l.Span(c.OldStart, c.OldEnd), l.Span(c.NewStart, c.NewEnd)
	return lang.L("{{.Day}}: {{.What}} changed {{.Old}} {{.Arrow}} {{.New}}", data)
}
