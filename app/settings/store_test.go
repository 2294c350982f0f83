package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func TestLoadMissingGivesDefaults(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != CurrentVersion || s.RefreshMinutes != 60 || s.Reminders.ShiftMinutes != 10 {
		t.Fatalf("defaults: %+v", s)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load created a file: %v", err)
	}
}

func TestDefaultDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/xdg-config-test")
	t.Setenv("HOME", "/tmp/home-test")
	d, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if d != "/tmp/xdg-config-test/shiftdesk" {
		t.Fatalf("DefaultDir = %q", d)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "shiftdesk")
	s := Default()
	s.Zone = "Europe/Stockholm"
	s.Language = "sv"
	s.Regions = []calendar.Region{{Name: "Japan", Zone: "Asia/Tokyo", Days: []time.Weekday{time.Monday, time.Friday}, Open: 9 * 60, Close: 18 * 60}}
	s.KindRules = []calendar.KindRule{{Keyword: "Rast", Kind: calendar.KindBreak}}
	s.Feeds = []Feed{{ID: "work-1", Name: "Work", URL: "https://example.com/cal.ics?token=REDACTED", Enabled: true, Auth: AuthBearer, SecretInURL: true}}
	if err := Save(dir, s); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Zone != s.Zone || got.Language != "sv" || len(got.Regions) != 1 || got.Regions[0].Close != 18*60 ||
		len(got.Feeds) != 1 || got.Feeds[0].Auth != AuthBearer || !got.Feeds[0].SecretInURL || got.KindRules[0].Kind != calendar.KindBreak {
		t.Fatalf("round trip lost data: %+v", got)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !strings.Contains(string(data), `"version": 1`) || !strings.Contains(string(data), `"open": "09:00"`) {
		t.Fatalf("file is not versioned JSON with clock strings:\n%s", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("Save left extra files: %v", entries)
	}
}

func TestCorruptConfigIsKeptAsBackup(t *testing.T) {
	for name, content := range map[string]string{
		"truncated JSON": `{"version": 1, "zone": "Europe/Stock`,
		"not JSON":       "zone = Europe/Stockholm\n",
		"no version":     `{"zone": "Europe/Stockholm"}`,
		"wrong types":    `{"version": 1, "refresh_minutes": "often"}`,
		"empty":          "",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Load(dir)
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Load: %v, want a *CorruptError", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), ce.Backup) {
				t.Fatalf("message does not name the file and the backup: %v", err)
			}
			if !strings.HasPrefix(filepath.Base(ce.Backup), "config.json.corrupt-") {
				t.Fatalf("backup name %q", ce.Backup)
			}
			kept, rerr := os.ReadFile(ce.Backup)
			if rerr != nil || string(kept) != content {
				t.Fatalf("backup holds %q (%v), want the original bytes", kept, rerr)
			}
			if s.RefreshMinutes != 60 {
				t.Fatalf("corrupt config should give defaults, got %+v", s)
			}
			// Saving afterwards writes a fresh file and keeps the backup.
			if err := Save(dir, s); err != nil {
				t.Fatal(err)
			}
			if kept2, _ := os.ReadFile(ce.Backup); string(kept2) != content {
				t.Fatal("Save touched the backup")
			}
		})
	}
}

func TestNewerVersionIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	content := `{"version": 99, "zone": "Europe/Stockholm"}`
	os.WriteFile(path, []byte(content), 0o600)
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "newer Shiftdesk") {
		t.Fatalf("Load of a future format: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != content {
		t.Fatal("the newer config was changed")
	}
}

func TestValidateNamesWhatIsWrong(t *testing.T) {
	good := calendar.Region{Name: "Japan", Zone: "Asia/Tokyo", Days: []time.Weekday{time.Monday}, Open: 9 * 60, Close: 18 * 60}
	cases := []struct {
		name string
		edit func(*Settings)
		want string
	}{
		{"unknown zone", func(s *Settings) { s.Zone = "Mars/Olympus" }, `unknown time zone "Mars/Olympus"`},
		{"region zone", func(s *Settings) { r := good; r.Zone = "Asia/Nowhere"; s.Regions = []calendar.Region{r} }, `unknown time zone "Asia/Nowhere"`},
		{"region hours", func(s *Settings) { r := good; r.Close = 8 * 60; s.Regions = []calendar.Region{r} }, "end (08:00) before they start (09:00)"},
		{"duplicate region", func(s *Settings) { s.Regions = []calendar.Region{good, good} }, `two customer regions are named "Japan"`},
		{"theme", func(s *Settings) { s.Theme = "neon" }, `unknown theme "neon"`},
		{"language", func(s *Settings) { s.Language = "de" }, `unsupported language "de"`},
		{"refresh", func(s *Settings) { s.RefreshMinutes = 2 }, "below the minimum of 5 min"},
		{"kind rule", func(s *Settings) { s.KindRules = []calendar.KindRule{{Keyword: "x", Kind: "nap"}} }, `unknown kind "nap"`},
		{"duplicate feed", func(s *Settings) {
			s.Feeds = []Feed{{ID: "a", Name: "Work", URL: "https://a"}, {ID: "b", Name: "work", URL: "https://b"}}
		}, `two feeds are named "work"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Default()
			c.edit(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "settings: ") {
				t.Fatalf("Validate: %v, want it to mention %q", err, c.want)
			}
			dir := t.TempDir()
			if err := Save(dir, s); err == nil {
				t.Fatal("Save accepted invalid settings")
			}
			if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("Save wrote invalid settings")
			}
		})
	}
	s := Default()
	s.Regions = []calendar.Region{good}
	if err := s.Validate(); err != nil {
		t.Fatalf("valid settings refused: %v", err)
	}
}

func TestWriteFileAtomicInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	if err := WriteFileAtomic(path, []byte("old"), nil); err != nil {
		t.Fatal(err)
	}
	crash := errors.New("power cut")
	var tmpSeen string
	err := WriteFileAtomic(path, []byte("new and longer"), func(tmp string) error {
		tmpSeen = tmp
		data, _ := os.ReadFile(tmp)
		if string(data) != "new and longer" {
			t.Errorf("temp file holds %q at the crash point", data)
		}
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatalf("interrupted write: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Fatalf("interrupted write replaced the file: %q", got)
	}
	if !IsTempFile(filepath.Base(tmpSeen)) {
		t.Fatalf("temp file %q not recognised as one", tmpSeen)
	}
	if err := WriteFileAtomic(path, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Fatalf("got %q", got)
	}
}
