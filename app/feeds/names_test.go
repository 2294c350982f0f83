package feeds

import (
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// TestNamesAndColoursRefused: a feed name with a control character (a line
// break would fake a line in "feeds list") and a colour that is not
// #rrggbb are refused by Add, Rename and SetColor, and nothing is saved.
func TestNamesAndColoursRefused(t *testing.T) {
	m, err := New(Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := m.Add(NewFeed{URL: "https://wfm.example.com/cal.ics", Name: "Work 👩‍💻", Color: "#1F77b4"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Work\nfaked (enabled)", "Wo\rrk", "\x1b[31mWork", "Work\u2028x", "\u202eWork", "Work\x00", strings.Repeat("w", 81), "Work\xff"} {
		if _, err := m.Add(NewFeed{URL: "https://wfm.example.com/other.ics", Name: bad}); err == nil {
			t.Errorf("Add accepted name %q", bad)
		}
		if err := m.Rename(f.ID, bad); err == nil {
			t.Errorf("Rename accepted %q", bad)
		}
	}
	for _, bad := range []string{"notacolor", "#12345", "#1234567", "#gggggg", "1f77b4", "#1f77b4\n"} {
		if _, err := m.Add(NewFeed{URL: "https://wfm.example.com/other.ics", Color: bad}); err == nil || !strings.Contains(err.Error(), "#rrggbb") {
			t.Errorf("Add accepted colour %q: %v", bad, err)
		}
		if err := m.SetColor(f.ID, bad); err == nil {
			t.Errorf("SetColor accepted %q", bad)
		}
	}
	if feeds := m.Feeds(); len(feeds) != 1 || feeds[0].Feed.Name != "Work 👩‍💻" || feeds[0].Feed.Color != "#1F77b4" {
		t.Fatalf("feeds after refused changes: %+v", feeds)
	}
}
