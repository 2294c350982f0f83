package app

import (
	"bytes"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// appendBestHours ends a text export for one region with a blank line and
// the region's best hours over [from, to) in the agent's zone, as the
// Customers screen says them ("Japan: 10 h this week, longest Tue
// 16:00–18:00 your time").
func appendBestHours(buf *bytes.Buffer, r calendar.Region, windows []availability.Interval, from, to time.Time, agent *time.Location, lang string) error {
	line, err := export.BestHoursLine(r.Name, windows, from, to, agent, lang)
	if err != nil {
		return err
	}
	buf.WriteString("\n" + line + "\n")
	return nil
}
