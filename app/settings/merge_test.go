package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMergeKeepsWhatTheEditorDidNotTouch(t *testing.T) {
	base := Default()
	mine := base
	mine.Theme = "dark" // the window's edit
	theirs := base
	theirs.Export.Path = "/tmp/avail.ics" // another process's edit
	theirs.Feeds = []Feed{{ID: "x", Name: "X", URL: "/x.ics"}}
	got := Merge(base, mine, theirs)
	if got.Theme != "dark" || got.Export.Path != "/tmp/avail.ics" || len(got.Feeds) != 1 {
		t.Fatalf("merge: theme %q export %q feeds %d", got.Theme, got.Export.Path, len(got.Feeds))
	}
	// The editor's change wins over theirs on the same field.
	theirs.Theme = "light"
	if got := Merge(base, mine, theirs); got.Theme != "dark" {
		t.Errorf("theme %q, want the editor's dark", got.Theme)
	}
}

func TestRestoreBackupSalvagesTheFeedsBeforeTheDamage(t *testing.T) {
	dir := t.TempDir()
	s := Default()
	s.Feeds = []Feed{{ID: "a-1", Name: "A", URL: "/a.ics", Enabled: true, Auth: AuthNone},
		{ID: "b-2", Name: "B", URL: "/b.ics", Enabled: true, Auth: AuthNone}}
	if err := Save(dir, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	cut := strings.Index(string(data), `"name": "B"`)
	os.WriteFile(filepath.Join(dir, FileName), data[:cut], 0o600)
	if _, err := Load(dir); err == nil {
		t.Fatal("the damaged file loaded")
	}
	if err := Backups(dir); err == nil || !strings.Contains(err.Error(), "feeds restore") {
		t.Fatalf("Backups = %v", err)
	}
	cur := Default()
	added, backup, err := RestoreBackup(dir, &cur)
	if err != nil || len(added) != 1 || added[0].Name != "A" || len(cur.Feeds) != 1 {
		t.Fatalf("restore: %v %v %v", added, backup, err)
	}
	if err := MarkRestored(backup); err != nil {
		t.Fatal(err)
	}
	if err := Backups(dir); err != nil {
		t.Errorf("after restore: %v", err)
	}
}
