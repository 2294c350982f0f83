package feeds

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// Two Managers on the same files (as the window and a command are) add
// feeds from many goroutines at once: none is lost, and each sees the
// other's after Refresh.
func TestTwoOwnersAddingAtOnceLoseNothing(t *testing.T) {
	r := newRig(t)
	other := r.reopen(t)
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		for j, m := range []*Manager{r.m, other} {
			path := filepath.Join(dir, fmt.Sprintf("f%d-%d.ics", i, j))
			os.WriteFile(path, readTestdata(t, "wfm_export_stockholm.ics"), 0o600)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := m.Add(NewFeed{URL: path, Name: fmt.Sprintf("f%d-%d", i, j)}); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	s, err := settings.Read(r.cfg)
	if err != nil || len(s.Feeds) != 20 {
		t.Fatalf("%d feeds on disk (%v), want 20", len(s.Feeds), err)
	}
	other.Refresh()
	r.m.Refresh()
	if len(other.Feeds()) != 20 || len(r.m.Feeds()) != 20 {
		t.Fatalf("after Refresh: %d and %d feeds", len(other.Feeds()), len(r.m.Feeds()))
	}
	// The same name from both sides: exactly one wins, under the lock.
	errs := make(chan error, 2)
	for i, m := range []*Manager{r.m, other} {
		path := filepath.Join(dir, fmt.Sprintf("same%d.ics", i))
		os.WriteFile(path, readTestdata(t, "wfm_export_stockholm.ics"), 0o600)
		go func() {
			_, err := m.Add(NewFeed{URL: path, Name: "Same"})
			errs <- err
		}()
	}
	e1, e2 := <-errs, <-errs
	if (e1 == nil) == (e2 == nil) {
		t.Fatalf("two adds of the name Same: %v, %v (want exactly one to fail)", e1, e2)
	}
}

// A cache write that fails because the disk is full says so.
func TestCacheWriteErrorsAreNamed(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{syscall.ENOSPC, "the offline copy cannot be saved (the disk is full)"},
		{syscall.EACCES, "the offline copy cannot be saved (permission denied)"},
	} {
		fail := false
		r := newRig(t, func(o *Options) {
			o.AfterTempWrite = func(tmp string) error {
				if fail && strings.Contains(tmp, bodyFile) {
					return &os.PathError{Op: "write", Path: tmp, Err: tc.err}
				}
				return nil
			}
		})
		srv := newServer(t)
		srv.set(serveBody(readTestdata(t, "wfm_export_stockholm.ics")))
		f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
		fail = true
		res := syncOne(t, r.m, f.ID)
		if res.Outcome != Failed || res.Err.Reason != ReasonCache || res.Err.Plain() != tc.want {
			t.Errorf("%v: %v (%s), want %q", tc.err, res, res.Err.Reason, tc.want)
		}
		if st := r.m.Feeds()[0]; st.LastError != tc.want {
			t.Errorf("state says %q", st.LastError)
		}
	}
}

// lostEvents counts events the old copy read and the new one skips, by
// UID, and falls back to counts for skipped events without one.
func TestLostEvents(t *testing.T) {
	ev := func(uid, start string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + start + "\r\nSUMMARY:S\r\nEND:VEVENT\r\n"
	}
	cal := func(evs ...string) []byte {
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + strings.Join(evs, "") + "END:VCALENDAR\r\n")
	}
	parse := func(b []byte) *calendar.Feed {
		p, err := calendar.Parse(bytes.NewReader(b), calendar.ParseOptions{Source: "t"})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := cal(ev("a", "20260301T090000Z"), ev("b", "20260302T090000Z"), ev("c", "20260303T090000Z"))
	for _, tc := range []struct {
		name string
		new  []byte
		want int
	}{
		{"same", good, 0},
		{"two broken", cal(ev("a", "20260301T090000Z"), ev("b", "bad"), ev("c", "bad")), 2},
		{"one removed, a new one broken", cal(ev("a", "20260301T090000Z"), ev("b", "20260302T090000Z"), ev("d", "bad")), 1},
		{"a new broken event, nothing removed", cal(ev("a", "20260301T090000Z"), ev("b", "20260302T090000Z"), ev("c", "20260303T090000Z"), ev("d", "bad")), 0},
		{"removed without warnings", cal(ev("a", "20260301T090000Z")), 0},
	} {
		if got := len(lostEvents(parse(good), good, parse(tc.new))); got != tc.want {
			t.Errorf("%s: %d lost, want %d", tc.name, got, tc.want)
		}
	}
}
