package export

import (
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/zones"
)

// VTimezoneFunc builds a VTIMEZONE component (RFC 5545 §3.6.5) for loc,
// correct for every instant in [from, to).
type VTimezoneFunc func(loc *time.Location, from, to time.Time) *ical.Component

// UID returns the stable UID (RFC 5545 §3.8.4.7) of the exported window
// starting at start: derived from the window's start instant and the
// export's scope, so exporting again after a window's end moved updates
// that event in the importing calendar instead of adding a second one.
// Windows of one export never share a start, so UIDs are unique.
func UID(start time.Time, scope string) string {
	tag := Options{Scope: scope}.scopeTag()
	if tag != "" {
		tag += "-"
	}
	return "avail-" + tag + start.UTC().Format(utcStamp) + "@shiftdesk"
}

// WriteICS writes an iCalendar object with one VEVENT per window
// (RFC 5545 §3.6.1): SUMMARY, DTSTART/DTEND in opts.Zone with its TZID
// (§3.2.19) and a VTIMEZONE covering the exported range (§3.6.5), DTSTAMP
// (§3.8.7.2), a stable UID and TRANSP:TRANSPARENT (§3.8.2.7) so that the
// windows do not block the importer's own free/busy time. Lines end in
// CRLF and are folded at 75 octets (§3.1).
func WriteICS(w io.Writer, windows []availability.Interval, opts Options) error {
	zone, err := opts.zone()
	if err != nil {
		return err
	}
	cal := newCalendar(opts)
	if zone != time.UTC {
		from, to := opts.span(windows)
		if from.IsZero() {
			from, to = opts.now(), opts.now()
		}
		build := opts.VTimezone
		if build == nil {
			build = zones.VTimezone
		}
		tz := build(zone, from, to)
		if tz == nil || len(tz.Children) == 0 {
			return fmt.Errorf("export: no VTIMEZONE rules for %s", zone)
		}
		cal.Children = append(cal.Children, tz)
	}
	summary := opts.Summary
	if summary == "" {
		summary = DefaultSummary
	}
	stamp := opts.now().UTC()
	for _, win := range windows {
		ev := ical.NewEvent()
		ev.Props.SetText(ical.PropUID, UID(win.Start, opts.Scope))
		ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp)
		ev.Props.SetDateTime(ical.PropDateTimeStart, unambiguous(win.Start.In(zone)))
		ev.Props.SetDateTime(ical.PropDateTimeEnd, unambiguous(win.End.In(zone)))
		ev.Props.SetText(ical.PropSummary, summary)
		ev.Props.SetText(ical.PropTransparency, "TRANSPARENT")
		cal.Children = append(cal.Children, ev.Component)
	}
	if len(cal.Children) == 0 {
		// go-ical refuses an empty VCALENDAR; an export with no windows is
		// still a valid calendar, written by hand.
		return writeEmptyCalendar(w, cal)
	}
	return encode(w, cal)
}

// unambiguous returns t, or t in UTC when its wall-clock time in its zone
// happens twice (the repeated hour when clocks go back). RFC 5545 §3.3.5
// reads such a local time as its first occurrence, but widely used readers
// (ical.js, python-icalendar) take the second; a UTC value (§3.3.5, form
// #2) means one instant to everyone.
func unambiguous(t time.Time) time.Time {
	_, off := t.Zone()
	// A repeat needs an offset change within the size of the change; no
	// zone changes by more than a few hours.
	for step := 15 * time.Minute; step <= 4*time.Hour; step += 15 * time.Minute {
		for _, near := range []time.Time{t.Add(-step), t.Add(step)} {
			_, o := near.Zone()
			if o == off {
				continue
			}
			// The instant with the same wall clock under offset o.
			twin := t.Add(time.Duration(off-o) * time.Second)
			if _, to := twin.Zone(); to == o && !twin.Equal(t) {
				return t.UTC()
			}
		}
	}
	return t
}

// newCalendar returns a VCALENDAR with the properties every export carries
// (RFC 5545 §3.7).
func newCalendar(opts Options) *ical.Calendar {
	cal := ical.NewCalendar()
	prodID := opts.ProdID
	if prodID == "" {
		prodID = DefaultProdID
	}
	cal.Props.SetText(ical.PropProductID, prodID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	return cal
}

// encode runs go-ical's encoder through the line folder.
func encode(w io.Writer, cal *ical.Calendar) error {
	f := newFolder(w)
	if err := ical.NewEncoder(f).Encode(cal); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func writeEmptyCalendar(w io.Writer, cal *ical.Calendar) error {
	f := newFolder(w)
	fmt.Fprint(f, "BEGIN:VCALENDAR\r\n")
	for _, name := range []string{ical.PropCalendarScale, ical.PropMethod, ical.PropProductID, ical.PropVersion} {
		fmt.Fprintf(f, "%s:%s\r\n", name, cal.Props.Get(name).Value)
	}
	fmt.Fprint(f, "END:VCALENDAR\r\n")
	if err := f.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
