package zones

import (
	"time"

	"github.com/emersion/go-ical"
)

// VTimezone builds a VTIMEZONE component (RFC 5545 §3.6.5) for loc that is
// correct for every instant in [from, to), with TZID loc.String().
func VTimezone(loc *time.Location, from, to time.Time) *ical.Component {
	c := ical.NewComponent(ical.CompTimezone)
	c.Props.SetText(ical.PropTimezoneID, loc.String())
	return c
}
