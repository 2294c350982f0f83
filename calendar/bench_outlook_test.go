package calendar

import (
	"bytes"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar/internal/benchfeed"
)

// outlookFeed is the recurring-heavy benchmark feed: 3,000 Outlook series
// (about 4.4 MB), generated in memory.
func outlookFeed(b *testing.B) []byte {
	var buf bytes.Buffer
	if err := benchfeed.Outlook(&buf, 3000, 1); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkOutlookDecodeOnly is the floor: go-ical's decode of the feed.
func BenchmarkOutlookDecodeOnly(b *testing.B) {
	data := outlookFeed(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decodeOnly(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOutlookParse and BenchmarkOutlookExpand split the work on the
// recurring-heavy feed: Parse, then six months of Expand (about 226,000
// occurrences).
func BenchmarkOutlookParse(b *testing.B) {
	data := outlookFeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), ParseOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOutlookExpand(b *testing.B) {
	f, err := Parse(bytes.NewReader(outlookFeed(b)), ParseOptions{})
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		occ, _ := f.Expand(from, from.AddDate(0, 6, 0), ExpandOptions{Zone: loc})
		n = len(occ)
	}
	b.ReportMetric(float64(n), "occurrences")
}
