package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/app/settings"
)

// soonFeed is one shift starting in an hour, named summary.
func soonFeed(summary string) []byte {
	start := time.Now().UTC().Add(time.Hour).Truncate(time.Minute)
	return []byte(fmt.Sprintf("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:soon\r\nDTSTAMP:20260101T000000Z\r\n"+
		"DTSTART:%s\r\nDURATION:PT2H\r\nSUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", start.Format("20060102T150405Z"), summary))
}

// uiThread stands for the UI goroutine: the test driver runs fyne.Do
// calls on the caller's goroutine, so the watcher's calls and the test's
// reads of the window take turns here.
var uiThread sync.Mutex

func onUI(f func()) {
	uiThread.Lock()
	defer uiThread.Unlock()
	fyne.DoAndWait(f)
}

// waitForText waits up to limit for the window to draw want.
func waitForText(t *testing.T, w fyne.Window, want string, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		var txt string
		onUI(func() { txt = drawnTexts(w) })
		if strings.Contains(txt, want) {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var txt string
	onUI(func() { txt = drawnTexts(w) })
	t.Fatalf("the window does not show %q within %v:\n%s", want, limit, txt)
	return 0
}

// The running window follows the disk: a feed added by a command shows on
// the Feeds screen, a sync by a command shows its new shift on Now, and a
// settings change by another Shiftdesk (here a second owner of the same
// files) reaches the window, each within 2 seconds, without a restart.
func TestWindowFollowsChangesFromOtherProcesses(t *testing.T) {
	h := newProcHome(t)
	a := test.NewTempApp(t)
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	t.Setenv("LANGUAGE", "")
	srv := newBodyServer(t, soonFeed("Shift Alpha"))
	h.run(t, "feeds", "add", srv.URL+"/cal.ics", "--name", "Work")
	h.run(t, "sync")

	mgr := h.manager(t)
	w := test.NewTempWindow(t, nil)
	u := buildWindow(a, w, Env{Stderr: io.Discard, Info: Info{Name: "Shiftdesk", Version: "0.1.0", Build: 1}}, mgr, nil)
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		mgr.Watch(ctx, func() { onUI(u.DiskChanged) })
	}()
	// The watcher must be gone before the next test changes the
	// language or the app: it may still be redrawing this window.
	defer func() {
		cancel()
		<-watching
	}()
	waitForText(t, w, "Shift Alpha", 2*time.Second)

	// The cache, from a command.
	srv.set(soonFeed("Shift Beta"), 0)
	if code, out, errs := h.run(t, "sync"); code != 0 {
		t.Fatalf("sync: %s %s", out, errs)
	}
	took := waitForText(t, w, "Shift Beta", 2*time.Second)
	t.Logf("a command's sync reached the Now screen in %v", took.Round(time.Millisecond))

	// The feed list, from a command.
	onUI(func() { u.Show("feeds") })
	if code, _, errs := h.run(t, "feeds", "add", srv.URL+"/other.ics", "--name", "Added Outside"); code != 0 {
		t.Fatal(errs)
	}
	took = waitForText(t, w, "Added Outside", 2*time.Second)
	t.Logf("a command's feeds add reached the Feeds screen in %v", took.Round(time.Millisecond))
	var shown []string
	onUI(func() { shown = u.FeedsShown() })
	if strings.Join(shown, ",") != "Work,Added Outside" {
		t.Errorf("FeedsShown = %v", shown)
	}

	// The settings, from another owner of the same files: Swedish.
	other := h.manager(t)
	if err := other.UpdateSettings(func(s *settings.Settings) error { s.Language = "sv"; return nil }); err != nil {
		t.Fatal(err)
	}
	waitForText(t, w, "Flöden", 2*time.Second)
	var lang string
	onUI(func() { lang = u.Settings().Language })
	if got := lang; got != "sv" {
		t.Errorf("window settings language %q, want sv", got)
	}
}
