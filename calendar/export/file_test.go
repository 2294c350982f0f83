package export

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "availability.ics")
	if err := os.WriteFile(path, []byte("old content\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way: the old file must stay whole.
	boom := errors.New("disk on fire")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half-written ", 100000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old content\n" {
		t.Errorf("after a failed write the file holds %d bytes: %.40q", len(b), b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}

	// While the new content is being written, the path still shows the
	// old file; afterwards the new one, with the old permissions.
	err = WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "new ")
		if b, _ := os.ReadFile(path); string(b) != "old content\n" {
			t.Errorf("during the write the file holds %q", b)
		}
		_, err := io.WriteString(w, "content\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new content\n" {
		t.Errorf("after the write: %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old 0600", st.Mode().Perm())
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
}

func TestWriteFileNewFileAndBadPaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.ics")
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("new file: %v %v", st, err)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "a.ics"), func(io.Writer) error { return nil }); err == nil {
		t.Error("a file in a missing directory gave no error")
	}
	if err := WriteFile(dir, func(io.Writer) error { return nil }); err == nil {
		t.Error("writing over a directory gave no error")
	}
}

func TestPublish(t *testing.T) {
	w := newDSTWeek(t)
	path := filepath.Join(t.TempDir(), "published.ics")
	var asked [2]time.Time
	src := func(from, to time.Time) ([]calendar.Occurrence, error) {
		asked = [2]time.Time{from, to}
		var out []calendar.Occurrence
		for _, o := range w.occs {
			if o.Start.Before(to) && o.End.After(from) {
				out = append(out, o)
			}
		}
		return out, nil
	}
	// Wednesday 21 Oct, 15:10 local: the file covers Wed–Sat from midnight.
	now := time.Date(2026, 10, 21, 15, 10, 0, 0, w.loc)
	opts := PublishOptions{Days: 4, Now: now, Export: Options{Zone: w.loc}}
	opts.Availability.Zone = w.loc
	got, err := Publish(path, src, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantFrom := time.Date(2026, 10, 21, 0, 0, 0, 0, w.loc)
	if !asked[0].Equal(wantFrom) || !asked[1].Equal(wantFrom.AddDate(0, 0, 4)) {
		t.Errorf("source asked for %v–%v", asked[0], asked[1])
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, b)
	events := decode(t, b).Events()
	all := w.windows(t)
	var want []string
	for _, win := range all {
		if !win.Start.Before(wantFrom) && win.Start.Before(wantFrom.AddDate(0, 0, 4)) {
			want = append(want, UID(win.Start, ""))
		}
	}
	var uids []string
	for _, ev := range events {
		uids = append(uids, ev.Props.Get(ical.PropUID).Value)
	}
	if strings.Join(uids, " ") != strings.Join(want, " ") || len(got) != len(want) {
		t.Errorf("published UIDs\n %v\nwant\n %v", uids, want)
	}

	// A failing source leaves the published file as it was.
	_, err = Publish(path, func(time.Time, time.Time) ([]calendar.Occurrence, error) { return nil, errors.New("offline") }, opts)
	if err == nil {
		t.Fatal("a failing source gave no error")
	}
	if b2, _ := os.ReadFile(path); !bytes.Equal(b, b2) {
		t.Error("a failed publish changed the file")
	}
}
