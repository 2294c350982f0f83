package export

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// names are a language's abbreviated weekday (Sunday first) and month names.
type names struct {
	days   [7]string
	months [12]string
}

// languageNames returns the day and month names of lang; "" is English.
func languageNames(lang string) (names, error) {
	switch lang {
	case "", "en":
		return names{
			[7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
			[12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		}, nil
	case "sv":
		return names{
			[7]string{"sön", "mån", "tis", "ons", "tors", "fre", "lör"},
			[12]string{"jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"},
		}, nil
	case "nl":
		return names{
			[7]string{"zo", "ma", "di", "wo", "do", "vr", "za"},
			[12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		}, nil
	case "fr":
		return names{
			[7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
			[12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		}, nil
	}
	return names{}, fmt.Errorf("export: unsupported language %q (want en, sv, nl or fr)", lang)
}

func (n names) date(t time.Time) string {
	return fmt.Sprintf("%s %d %s", n.days[t.Weekday()], t.Day(), n.months[t.Month()-1])
}

// TextLine renders one window for chat or e-mail in zone and language
// lang, 24-hour clock, with the zone's abbreviation:
//
//	Mon 3 Nov 09:00–12:00 JST
//	Sat 24 Oct 22:00 CEST–Sun 25 Oct 06:00 CET
//
// A window ending at midnight ends at "24:00" of its start day. When the
// abbreviation changes inside the window (a DST change) both are shown.
func TextLine(win availability.Interval, zone *time.Location, lang string) (string, error) {
	n, err := languageNames(lang)
	if err != nil {
		return "", err
	}
	if zone == nil {
		zone = time.UTC
	}
	s, e := win.Start.In(zone), win.End.In(zone)
	sAbbr, _ := s.Zone()
	eAbbr, _ := e.Zone()
	endClock := e.Format("15:04")
	sameDay := calendar.DateOf(s) == calendar.DateOf(e)
	if !sameDay && e.Hour() == 0 && e.Minute() == 0 && calendar.DateOf(s).AddDays(1) == calendar.DateOf(e) {
		sameDay, endClock = true, "24:00"
	}
	start := n.date(s) + " " + s.Format("15:04")
	if sAbbr != eAbbr {
		start += " " + sAbbr
	}
	end := endClock
	if !sameDay {
		end = n.date(e) + " " + endClock
	}
	return start + "–" + end + " " + eAbbr, nil
}

// WriteText writes one TextLine per window, each ending in a newline, in
// opts.Zone (UTC when nil) and opts.Lang.
func WriteText(w io.Writer, windows []availability.Interval, opts Options) error {
	if _, err := languageNames(opts.Lang); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for _, win := range windows {
		line, err := TextLine(win, opts.Zone, opts.Lang)
		if err != nil {
			return err
		}
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
