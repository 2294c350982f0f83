package zones

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// decode parses iCalendar text (a whole feed or a bare VTIMEZONE) and
// returns its VTIMEZONE components.
func decode(t testing.TB, text string) []*ical.Component {
	t.Helper()
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if !strings.Contains(text, "BEGIN:VCALENDAR") {
		text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + text + "END:VCALENDAR\n"
	}
	text = strings.ReplaceAll(text, "\n", "\r\n")
	cal, err := ical.NewDecoder(strings.NewReader(text)).Decode()
	if err != nil {
		t.Fatalf("decoding test calendar: %v", err)
	}
	var out []*ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			out = append(out, c)
		}
	}
	return out
}

// feedZones reads testdata/name and returns its VTIMEZONEs.
func feedZones(t testing.TB, name string) []*ical.Component {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, string(b))
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// compareOffsets checks that got and want give the same UTC offset at every
// hour of [from, to) and one second either side of every transition of want
// in that span. It reports at most a few differences.
func compareOffsets(t testing.TB, got, want *time.Location, from, to time.Time) {
	t.Helper()
	compareEvery(t, got, want, from, to, time.Hour)
}

// compareEvery is compareOffsets with samples every step.
func compareEvery(t testing.TB, got, want *time.Location, from, to time.Time, step time.Duration) {
	t.Helper()
	bad := 0
	check := func(at time.Time) {
		_, og := at.In(got).Zone()
		_, ow := at.In(want).Zone()
		if og != ow && bad < 5 {
			bad++
			t.Errorf("%s at %s: offset %+d s, want %+d s (%s)", got, at.UTC().Format(time.RFC3339), og, ow, want)
		}
	}
	for at := from; at.Before(to); at = at.Add(step) {
		check(at)
	}
	for at := from; at.Before(to); {
		_, end := at.In(want).ZoneBounds()
		if end.IsZero() || !end.Before(to) {
			break
		}
		if !end.After(at) { // Go's ZoneBounds can get stuck in leap years
			at = at.Add(time.Hour)
			continue
		}
		check(end.Add(-time.Second))
		check(end)
		check(end.Add(time.Second))
		at = end
	}
}

func year(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// embeddedZones loads names from the zoneinfo.zip Go embeds with
// time/tzdata (found through `go env GOROOT`); it returns nil when the file
// is not there.
func embeddedZones(t testing.TB, names ...string) map[string]*time.Location {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		return nil
	}
	defer zr.Close()
	locs := map[string]*time.Location{}
	for _, name := range names {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatalf("zoneinfo.zip: %v", err)
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if locs[name], err = time.LoadLocationFromTZData(name, data); err != nil {
			t.Fatal(err)
		}
	}
	return locs
}
