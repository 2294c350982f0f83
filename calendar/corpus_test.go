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
// its README gives (testdata/corpus/windows.txt).
type corpusCase struct {
	name, from, to, zone string
}

func corpusCases(t *testing.T) []corpusCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/corpus/windows.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && !strings.HasPrefix(f[0], "#") {
			cases = append(cases, corpusCase{f[0], f[1], f[2], f[3]})
		}
	}
	if len(cases) == 0 {
		t.Fatal("windows.txt lists no feed")
	}
	return cases
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
	for _, c := range corpusCases(t) {
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
