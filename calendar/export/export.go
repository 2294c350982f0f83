// Package export writes an agent's available windows (computed by
// calendar/availability) for other programs and people:
//
//   - an iCalendar file (RFC 5545) with one VEVENT per window, which
//     Google Calendar, Outlook, Apple Calendar and Thunderbird import or
//     subscribe to;
//   - an iCalendar file with one VFREEBUSY (RFC 5545 §3.6.4) listing the
//     free (or, as an option, the busy) periods;
//   - plain text for chat or e-mail, in the customer's zone and language.
//
// WriteFile replaces a file atomically and Publish rewrites a subscribed
// file with the next days of availability.
package export

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// Format is an export format.
type Format string

// The export formats.
const (
	FormatICS      Format = "ics"      // VEVENTs, one per window
	FormatFreeBusy Format = "freebusy" // one VFREEBUSY
	FormatText     Format = "text"     // one line per window
)

// Formats lists the formats in menu order.
func Formats() []Format { return []Format{FormatICS, FormatFreeBusy, FormatText} }

// ParseFormat reads a format name ("ics", "freebusy" or "text").
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("export: unknown format %q (want ics, freebusy or text)", s)
}

// Ext is the usual file name extension of f, with its dot.
func (f Format) Ext() string {
	if f == FormatText {
		return ".txt"
	}
	return ".ics"
}

// DefaultProdID is the PRODID (RFC 5545 §3.7.3) of exported calendars.
const DefaultProdID = "-//Shiftdesk//Shiftdesk availability//EN"

// DefaultSummary is the SUMMARY of exported windows when Options.Summary
// is empty. Callers with a UI language pass the translated word instead.
const DefaultSummary = "Available"

// Options tunes the writers.
type Options struct {
	// Zone is the zone of DTSTART/DTEND (with its TZID and a VTIMEZONE)
	// and of the text lines. nil or UTC writes UTC times. It must be a
	// named IANA zone: time.Local has no TZID and is refused.
	Zone *time.Location
	// From and To are the exported range: the VFREEBUSY's DTSTART/DTEND
	// and the span the VTIMEZONE must cover. Zero values default to the
	// span of the windows.
	From, To time.Time
	// Summary is each VEVENT's SUMMARY; "" means DefaultSummary.
	Summary string
	// Lang is the language of text lines: en (default), sv, nl or fr.
	Lang string
	// Busy makes the VFREEBUSY list the busy complement of the windows
	// within [From, To) instead of the free windows.
	Busy bool
	// Now is the DTSTAMP; zero means time.Now().
	Now time.Time
	// ProdID is the PRODID; "" means DefaultProdID.
	ProdID string
	// Scope tells apart exports that share a calendar (for example the
	// region name); it becomes part of every UID.
	Scope string
	// VTimezone builds the VTIMEZONE for Zone over [From, To); nil means
	// zones.VTimezone.
	VTimezone VTimezoneFunc
}

// Write writes windows in format f to w.
func Write(w io.Writer, f Format, windows []availability.Interval, opts Options) error {
	switch f {
	case FormatICS:
		return WriteICS(w, windows, opts)
	case FormatFreeBusy:
		return WriteFreeBusy(w, windows, opts)
	case FormatText:
		return WriteText(w, windows, opts)
	}
	return fmt.Errorf("export: unknown format %q (want ics, freebusy or text)", f)
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (o Options) zone() (*time.Location, error) {
	if o.Zone == nil {
		return time.UTC, nil
	}
	if o.Zone == time.Local || o.Zone.String() == "Local" {
		return nil, fmt.Errorf("export: the zone must be a named IANA zone, not the unnamed system zone")
	}
	return o.Zone, nil
}

// span returns the exported range: From/To, or the windows' span.
func (o Options) span(windows []availability.Interval) (time.Time, time.Time) {
	from, to := o.From, o.To
	if len(windows) > 0 {
		if from.IsZero() {
			from = windows[0].Start
		}
		if to.IsZero() {
			to = windows[len(windows)-1].End
		}
	}
	return from, to
}

var notUIDChar = regexp.MustCompile(`[^a-z0-9]+`)

// scopeTag is Scope reduced to lower-case letters, digits and dashes.
func (o Options) scopeTag() string {
	return strings.Trim(notUIDChar.ReplaceAllString(strings.ToLower(o.Scope), "-"), "-")
}

const utcStamp = "20060102T150405Z"
