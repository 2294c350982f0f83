package caldav

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// BusySummary is the SUMMARY of the free/busy flavour's events: nothing
// about what the agent is doing.
const BusySummary = "Busy"

// WindowObjects makes one calendar object per availability window, each a
// VCALENDAR with its VTIMEZONE and one VEVENT written by calendar/export,
// with the stable UIDs of the .ics export (export.UID with opts.Scope).
func WindowObjects(windows []availability.Interval, opts export.Options) ([]Object, error) {
	out := make([]Object, 0, len(windows))
	for _, w := range windows {
		o, err := windowObject(w, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// BusyObjects is the free/busy flavour: one object per busy block, the
// gaps between the windows within [opts.From, opts.To), with the SUMMARY
// "Busy" and TRANSP:OPAQUE (RFC 5545 §3.8.2.7) so that they block time in
// the calendars that show them.
func BusyObjects(windows []availability.Interval, opts export.Options) ([]Object, error) {
	if opts.From.IsZero() || !opts.To.After(opts.From) {
		return nil, fmt.Errorf("caldav: busy blocks need a range (From before To)")
	}
	busy := availability.Subtract([]availability.Interval{{Start: opts.From, End: opts.To}}, windows)
	opts.Summary = BusySummary
	opts.Scope = strings.Trim("busy-"+opts.Scope, "-")
	out := make([]Object, 0, len(busy))
	for _, b := range busy {
		o, err := windowObject(b, opts)
		if err != nil {
			return nil, err
		}
		o.Body = bytes.Replace(o.Body, []byte("TRANSP:TRANSPARENT\r\n"), []byte("TRANSP:OPAQUE\r\n"), 1)
		o.Hash = hashObject(o.Body)
		out = append(out, o)
	}
	return out, nil
}

// windowObject writes the object of one window: its VTIMEZONE covers the
// window only.
func windowObject(w availability.Interval, opts export.Options) (Object, error) {
	opts.From, opts.To = w.Start, w.End
	var buf bytes.Buffer
	if err := export.WriteICS(&buf, []availability.Interval{w}, opts); err != nil {
		return Object{}, fmt.Errorf("caldav: %w", err)
	}
	return Object{UID: export.UID(w.Start, opts.Scope), Body: buf.Bytes(), Hash: hashObject(buf.Bytes())}, nil
}

// hashObject hashes an object's lines but its DTSTAMP, which changes on
// every export without the object changing.
func hashObject(body []byte) string {
	h := sha256.New()
	for _, line := range bytes.SplitAfter(body, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("DTSTAMP")) {
			h.Write(line)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
