package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWholeFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "old"); return err }, Options{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("new file mode %v, want 0600", st.Mode().Perm())
	}
	os.Chmod(path, 0o644)
	// A failing writer: the old file stays, no temporary file is left.
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom }, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	assertFile(t, path, "old")
	assertNoTemp(t, dir)
	// A crash after the temporary file: the old file stays, the temporary
	// file is left as a crash would leave it.
	var seen string
	err = Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err },
		Options{AfterTemp: func(tmp string) error { seen = tmp; return errors.New("crash") }})
	if err == nil || seen == "" || !IsTemp(filepath.Base(seen)) {
		t.Fatalf("err = %v, temp %q", err, seen)
	}
	assertFile(t, path, "old")
	assertFile(t, seen, "new")
	os.Remove(seen)
	// A good write replaces it and keeps the file's mode.
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, Options{}); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "new")
	assertNoTemp(t, dir)
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v after replace, want the old 0644", st.Mode().Perm())
	}
	// Not a regular file, or no such directory.
	if err := Write(dir, func(io.Writer) error { return nil }, Options{}); err == nil {
		t.Fatal("wrote over a directory")
	}
	if err := Write(filepath.Join(dir, "no", "x"), func(io.Writer) error { return nil }, Options{}); err == nil {
		t.Fatal("wrote into a missing directory")
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Fatalf("%s = %q, %v; want %q", path, b, err, want)
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if IsTemp(e.Name()) {
			t.Fatalf("temporary file left: %s", e.Name())
		}
	}
}
