package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// bestWords are a language's words of BestHoursLine.
type bestWords struct {
	week, none, longest, yours, hour, sep string
	between                               func(a, b string) string
}

func bestWordsFor(lang string) bestWords {
	switch lang {
	case "sv":
		return bestWords{"den här veckan", "ingen överlapp", "längst", "din tid", "h", ":",
			func(a, b string) string { return "från " + a + " till " + b }}
	case "nl":
		return bestWords{"deze week", "geen overlap", "langst", "jouw tijd", "u", ":",
			func(a, b string) string { return "van " + a + " tot " + b }}
	case "fr":
		return bestWords{"cette semaine", "aucun chevauchement", "le plus long", "votre heure", "h", " :",
			func(a, b string) string { return "du " + a + " au " + b }}
	}
	return bestWords{"this week", "no overlap", "longest", "your time", "h", ":",
		func(a, b string) string { return "from " + a + " to " + b }}
}

// BestHoursLine sums the windows available to region (already restricted
// to its business hours) over [from, to) and names the longest, in the
// agent's zone and language lang:
//
//	Japan: 10 h this week, longest Tue 16:00–18:00 your time
//	Japan: 21 h from Mon 23 Nov to Sun 6 Dec, longest Tue 24 Nov 16:00–18:00 your time
//
// A range of up to seven days is "this week".
func BestHoursLine(region string, windows []availability.Interval, from, to time.Time, zone *time.Location, lang string) (string, error) {
	n, err := languageNames(lang)
	if err != nil {
		return "", err
	}
	if zone == nil {
		zone = time.UTC
	}
	w := bestWordsFor(lang)
	week := to.Sub(from) <= 7*24*time.Hour+time.Hour // a DST week may have 169 h
	when := w.week
	if !week {
		when = w.between(n.date(from.In(zone)), n.date(to.Add(-time.Nanosecond).In(zone)))
	}
	total := availability.Total(windows)
	if total == 0 {
		return fmt.Sprintf("%s%s %s %s", region, w.sep, w.none, when), nil
	}
	long := availability.Longest(windows)
	s, e := long.Start.In(zone), long.End.In(zone)
	day := n.days[s.Weekday()]
	if !week {
		day = n.date(s)
	}
	end := e.Format("15:04")
	if calendar.DateOf(s) != calendar.DateOf(e) {
		end = n.days[e.Weekday()] + " " + end
	}
	return fmt.Sprintf("%s%s %s %s, %s %s %s–%s %s", region, w.sep, hours(total, w.hour), when, w.longest, day,
		s.Format("15:04"), end, w.yours), nil
}

// hours writes d as "10 h", "2 h 30 min" or "45 min".
func hours(d time.Duration, unit string) string {
	m := int(d / time.Minute)
	var parts []string
	if m >= 60 {
		parts = append(parts, fmt.Sprintf("%d %s", m/60, unit))
	}
	if m%60 != 0 || m < 60 {
		parts = append(parts, fmt.Sprintf("%d min", m%60))
	}
	return strings.Join(parts, " ")
}
