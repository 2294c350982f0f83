package export

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

func parseExpand(t *testing.T, b []byte, name string, from, to time.Time, zone *time.Location) []calendar.Occurrence {
	t.Helper()
	feed, err := calendar.Parse(bytes.NewReader(b), calendar.ParseOptions{Source: name})
	if err != nil {
		t.Fatalf("calendar.Parse(%s): %v", name, err)
	}
	occs, warns := feed.Expand(from, to, calendar.ExpandOptions{Zone: zone})
	for _, w := range append(feed.Warnings, warns...) {
		t.Errorf("%s: %s", name, w)
	}
	return occs
}

func sameWindows(t *testing.T, what string, got, want []availability.Interval) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = got[i].Start.Equal(want[i].Start) && got[i].End.Equal(want[i].End)
	}
	if !ok {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// TestRoundTripThroughTheEngine: the feed testdata/dst_week.ics, read by
// calendar/, gives the windows of the Go schedule; those windows exported
// to .ics and read back by calendar/ are exactly the same instants, in the
// agent's zone and in a customer's.
func TestRoundTripThroughTheEngine(t *testing.T) {
	w := newDSTWeek(t)
	feed, err := os.ReadFile("testdata/dst_week.ics")
	if err != nil {
		t.Fatal(err)
	}
	occs := parseExpand(t, feed, "dst_week.ics", w.from, w.to, w.loc)
	fromFeed, err := availability.Compute(occs, w.from, w.to, availability.Options{Zone: w.loc})
	if err != nil {
		t.Fatal(err)
	}
	sameWindows(t, "windows of the feed vs. the Go schedule", fromFeed, w.windows(t))

	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, zone := range []*time.Location{w.loc, tokyo, time.UTC} {
		for _, regions := range [][]calendar.Region{nil, {japan()}} {
			ws := w.windows(t, regions...)
			var buf bytes.Buffer
			if err := WriteICS(&buf, ws, Options{Zone: zone, From: w.from, To: w.to, Now: stamp}); err != nil {
				t.Fatal(err)
			}
			var back []availability.Interval
			for _, o := range parseExpand(t, buf.Bytes(), "export", w.from, w.to, w.loc) {
				if o.Summary != DefaultSummary || o.AllDay {
					t.Errorf("read back %+v", o)
				}
				back = append(back, availability.Interval{Start: o.Start, End: o.End})
			}
			sameWindows(t, "exported in "+zone.String()+" and read back", back, ws)
		}
	}
}
