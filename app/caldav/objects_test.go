package caldav

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// TestBusyObjects: the free/busy flavour publishes the gaps between the
// windows within the range, titled "Busy", opaque, with their own UIDs,
// and a hash that ignores DTSTAMP only.
func TestBusyObjects(t *testing.T) {
	day := time.Date(2026, 10, 25, 0, 0, 0, 0, stockholm) // 25 hours long
	ws := []availability.Interval{
		{Start: day.Add(9 * time.Hour), End: day.Add(12 * time.Hour)},
		{Start: day.Add(13 * time.Hour), End: day.Add(17 * time.Hour)},
	}
	opts := export.Options{Zone: stockholm, From: day, To: day.AddDate(0, 0, 1), Now: time.Now()}
	busy, err := BusyObjects(ws, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(busy) != 3 {
		t.Fatalf("%d busy blocks, want 3 (before, between, after)", len(busy))
	}
	wantStarts := []time.Time{day, ws[0].End, ws[1].End}
	for i, o := range busy {
		cal, err := ical.NewDecoder(bytes.NewReader(o.Body)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		ev := cal.Events()[0]
		sum, _ := ev.Props.Text(ical.PropSummary)
		tr, _ := ev.Props.Text(ical.PropTransparency)
		uid, _ := ev.Props.Text(ical.PropUID)
		start, _ := ev.DateTimeStart(nil)
		if sum != BusySummary || tr != "OPAQUE" || uid != o.UID || !strings.HasPrefix(uid, "avail-busy-") || !start.Equal(wantStarts[i]) {
			t.Errorf("block %d: %q %q %q %s", i, sum, tr, uid, start)
		}
	}
	again, _ := BusyObjects(ws, export.Options{Zone: stockholm, From: opts.From, To: opts.To, Now: opts.Now.Add(time.Hour)})
	if again[0].Hash != busy[0].Hash || bytes.Equal(again[0].Body, busy[0].Body) {
		t.Errorf("a new DTSTAMP should change the body but not the hash")
	}
	moved, _ := BusyObjects(ws[:1], opts)
	if moved[1].Hash == busy[1].Hash {
		t.Errorf("a longer busy block kept its hash")
	}
	if _, err := BusyObjects(ws, export.Options{Zone: stockholm}); err == nil {
		t.Errorf("busy blocks without a range: no error")
	}
}
