package zones

import "testing"

// BenchmarkResolveCached is the per-event cost in a large feed: every TZID
// after its first use.
func BenchmarkResolveCached(b *testing.B) {
	r := NewResolver(append(feedZones(b, "outlook_pacific_vtimezone.ics"), decode(b, customized)...))
	tzids := []string{"Pacific Standard Time", "Europe/Stockholm", "Customized Time Zone", `"Romance Standard Time"`}
	for _, id := range tzids {
		if _, err := r.Resolve(id); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Resolve(tzids[i%len(tzids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkFromVTimezone is the one-time cost per feed-defined zone.
func BenchmarkFromVTimezone(b *testing.B) {
	c := feedZones(b, "outlook_pacific_vtimezone.ics")[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromVTimezone(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVTimezone is the cost of one export's VTIMEZONE (one year).
func BenchmarkVTimezone(b *testing.B) {
	loc := mustLoad(b, "Europe/Stockholm")
	b.ReportAllocs()
	for b.Loop() {
		VTimezone(loc, year(2026), year(2027))
	}
}
