package calendar

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// corpusCase is one feed of testdata/corpus with the window and agent zone
// its README gives.
type corpusCase struct {
	name, from, to, zone string
}

var corpusCases = []corpusCase{
	{"wfm_export_stockholm", "2026-10-19", "2026-11-02", "Europe/Stockholm"},
	{"roster_floating_bom_lf", "2027-03-15", "2027-04-05", "Europe/Berlin"},
	{"google_rotation_newyork", "2026-10-01", "2027-04-01", "America/New_York"},
	{"outlook_pacific_vtimezone", "2026-10-01", "2027-04-01", "America/Phoenix"},
	{"exchange_aus_eastern_no_vtimezone", "2026-09-21", "2026-10-19", "Asia/Manila"},
	{"outlook_romance_fr", "2027-03-01", "2027-04-12", "Africa/Tunis"},
	{"nextcloud_nachtdienst_amsterdam", "2026-10-01", "2027-04-01", "Europe/Amsterdam"},
	{"icloud_shifts_chicago", "2026-11-01", "2027-02-01", "America/Chicago"},
	{"evolution_rota_london", "2026-10-05", "2026-12-07", "Europe/London"},
	{"hr_absence_stockholm", "2027-01-01", "2027-04-01", "Europe/Stockholm"},
}

// expectedOcc is the corpus' expected-output format.
type expectedOcc struct {
	Summary string `json:"summary"`
	Start   string `json:"start"`
	End     string `json:"end"`
	AllDay  bool   `json:"all_day"`
}

func toExpected(occ []Occurrence) []expectedOcc {
	out := make([]expectedOcc, 0, len(occ))
	for _, o := range occ {
		e := expectedOcc{Summary: o.Summary, AllDay: o.AllDay}
		if o.AllDay {
			e.Start, e.End = o.StartDate.String(), o.EndDate.String()
		} else {
			e.Start = o.Start.UTC().Format("2006-01-02T15:04:05Z")
			e.End = o.End.UTC().Format("2006-01-02T15:04:05Z")
		}
		out = append(out, e)
	}
	return out
}

// window returns midnight of from and to in zone.
func window(t *testing.T, from, to, zone string) (time.Time, time.Time, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	f, err := time.ParseInLocation("2006-01-02", from, loc)
	if err != nil {
		t.Fatal(err)
	}
	e, err := time.ParseInLocation("2006-01-02", to, loc)
	if err != nil {
		t.Fatal(err)
	}
	return f, e, loc
}

func parseFile(t *testing.T, path string) (*Feed, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(f, ParseOptions{Source: filepath.Base(path)})
}

func TestCorpusGoodFeeds(t *testing.T) {
	for _, c := range corpusCases {
		t.Run(c.name, func(t *testing.T) {
			feed, err := parseFile(t, filepath.Join("testdata/corpus/feeds", c.name+".ics"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for _, w := range feed.Warnings {
				t.Errorf("unexpected parse warning: %s", w)
			}
			from, to, loc := window(t, c.from, c.to, c.zone)
			occ, warns := feed.Expand(from, to, ExpandOptions{Zone: loc})
			for _, w := range warns {
				t.Errorf("unexpected expand warning: %s", w)
			}
			raw, err := os.ReadFile(filepath.Join("testdata/corpus/expected", c.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want []expectedOcc
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			got := toExpected(occ)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("expansion differs from expected/%s.json:\n%s", c.name, diffOcc(got, want))
			}
		})
	}
}

// diffOcc lists the entries only in got or only in want.
func diffOcc(got, want []expectedOcc) string {
	key := func(e expectedOcc) string { return e.Start + " " + e.End + " " + e.Summary }
	g, w := map[string]int{}, map[string]int{}
	for _, e := range got {
		g[key(e)]++
	}
	for _, e := range want {
		w[key(e)]++
	}
	var b strings.Builder
	for _, e := range got {
		if g[key(e)] > w[key(e)] {
			b.WriteString("  extra:   " + key(e) + "\n")
			g[key(e)]--
		}
	}
	for _, e := range want {
		if w[key(e)] > g[key(e)] {
			b.WriteString("  missing: " + key(e) + "\n")
			w[key(e)]--
		}
	}
	if b.Len() == 0 {
		return "  (same entries, different order)\n"
	}
	return b.String()
}
