package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
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

func TestForcePermMakesAnUnreadableFilePrivateAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(path, []byte("old"), 0o000); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err },
		Options{Perm: 0o600, ForcePerm: true}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
	assertFile(t, path, "new")
}

func TestTempNamesCarryThePIDAndOnlyStaleOnesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	var seen string
	Write(filepath.Join(dir, "a"), func(w io.Writer) error { return nil },
		Options{AfterTemp: func(tmp string) error { seen = filepath.Base(tmp); return errors.New("crash") }})
	if got := tempPID(seen); got != os.Getpid() {
		t.Fatalf("temp %q carries pid %d, want %d", seen, got, os.Getpid())
	}
	// A process that has exited: its temp files are stale.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := ".b.tmp-" + strconv.Itoa(cmd.Process.Pid) + "-123"
	old := ".c.tmp-123"                                   // no pid: an older Shiftdesk
	live := ".d.tmp-" + strconv.Itoa(os.Getppid()) + "-9" // the go tool running this test
	for _, n := range []string{dead, old, live} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o600)
	}
	os.Chtimes(filepath.Join(dir, old), now.Add(-2*StaleAge), now.Add(-2*StaleAge))
	n, err := Clean(dir, now)
	if err != nil || n != 2 {
		t.Fatalf("Clean = %d, %v; want 2 (the dead process's and the old one)", n, err)
	}
	for _, keep := range []string{seen, live} {
		if _, err := os.Stat(filepath.Join(dir, keep)); err != nil {
			t.Errorf("%s of a running process was deleted", keep)
		}
	}
	for _, gone := range []string{dead, old} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("stale %s kept", gone)
		}
	}
}

func TestCauseNamesDiskFullAndPermission(t *testing.T) {
	if got := Cause(&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}); got != "the disk is full" {
		t.Errorf("ENOSPC: %q", got)
	}
	if got := Cause(&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}); got != "permission denied" {
		t.Errorf("EACCES: %q", got)
	}
	if got := Cause(errors.New("other")); got != "" {
		t.Errorf("other: %q", got)
	}
}
