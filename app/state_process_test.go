package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// asShiftdeskEnv makes the test binary run as the shiftdesk command:
// TestMain then calls Main with the command-line arguments, as main.go
// does, so the tests below start real Shiftdesk processes. SHIFTDESK_BIN
// names a built binary to run instead.
const asShiftdeskEnv = "SHIFTDESK_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asShiftdeskEnv) == "1" {
		os.Exit(Main(Env{Args: os.Args[1:], Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
			Info: Info{Name: "Shiftdesk", ID: "app.shiftdesk.desktop", Version: "9.9.9", Build: 1}}))
	}
	os.Exit(m.Run())
}

// procHome is an isolated home for Shiftdesk processes.
type procHome struct {
	dir, cfg, cache string
	env             []string
}

func newProcHome(t *testing.T) procHome {
	t.Helper()
	dir := t.TempDir()
	h := procHome{dir: dir, cfg: filepath.Join(dir, "config", "shiftdesk"), cache: filepath.Join(dir, "cache", "shiftdesk")}
	h.env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "DBUS_SESSION_BUS_ADDRESS=disabled:", "TZ=UTC", asShiftdeskEnv+"=1")
	return h
}

// command is a Shiftdesk process in h.
func (h procHome) command(ctx context.Context, args ...string) *exec.Cmd {
	bin := os.Getenv("SHIFTDESK_BIN")
	if bin == "" {
		bin = os.Args[0]
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Dir = h.env, h.dir
	return cmd
}

// run runs a Shiftdesk process to its end (at most 60 s) and returns its
// exit code and output.
func (h procHome) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := h.command(ctx, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("shiftdesk %s did not end within 60 s", strings.Join(args, " "))
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("shiftdesk %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errb.String()
}

// manager opens a Manager on h's state, as the window does.
func (h procHome) manager(t *testing.T) *feeds.Manager {
	t.Helper()
	m, err := feeds.New(feeds.Options{ConfigDir: h.cfg, CacheDir: h.cache, Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diskSettings reads config.json as it is on disk.
func (h procHome) diskSettings(t *testing.T) settings.Settings {
	t.Helper()
	s, err := settings.Read(h.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// shiftFeed is a calendar of n one-hour shifts on consecutive days from
// 1 Mar 2027 (UID shift-<i>); the events from bad on have a malformed
// DTSTART (bad >= n: none), and extra adds a malformed event of its own.
func shiftFeed(n, bad int, extra bool) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//shiftdesk//EN\r\n")
	day := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		start := day.AddDate(0, 0, i).Format("20060102T150405Z")
		if i >= bad {
			start = "2027-13-45T99"
		}
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:shift-%d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:%s\r\nDURATION:PT1H\r\nSUMMARY:Shift %d\r\nEND:VEVENT\r\n", i, start, i)
	}
	if extra {
		b.WriteString("BEGIN:VEVENT\r\nUID:new-bad\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:notadate\r\nSUMMARY:New\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// bigFeed is a valid calendar of about size bytes (tag makes versions
// differ).
func bigFeed(size int, tag string) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//shiftdesk//EN\r\n")
	day := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%s-%d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:%s\r\nDURATION:PT1H\r\nSUMMARY:Shift %s %d\r\nDESCRIPTION:%s\r\nEND:VEVENT\r\n",
			tag, i, day.Add(time.Duration(i)*time.Hour).Format("20060102T150405Z"), tag, i, strings.Repeat("x", 200))
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// bodyServer serves whatever body is set (or a status), counting requests.
type bodyServer struct {
	*httptest.Server
	mu     sync.Mutex
	body   []byte
	status int
}

func newBodyServer(t *testing.T, body []byte) *bodyServer {
	s := &bodyServer{body: body}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		body, status := s.body, s.status
		s.mu.Unlock()
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *bodyServer) set(body []byte, status int) {
	s.mu.Lock()
	s.body, s.status = body, status
	s.mu.Unlock()
}

// occurrenceCount is how many occurrences m shows in March 2027.
func occurrenceCount(m *feeds.Manager) int {
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	occ, _ := m.Occurrences(from, from.AddDate(0, 1, 0), calendar.ExpandOptions{Zone: time.UTC})
	return len(occ)
}

// Case 1: 20 rounds of two "feeds add" processes at once keep all 40
// feeds (each add re-reads config.json under the lock and merges).
func TestProcessParallelFeedsAddKeepsEveryFeed(t *testing.T) {
	h := newProcHome(t)
	const rounds = 20
	for i := 1; i <= rounds; i++ {
		var wg sync.WaitGroup
		for _, side := range []string{"a", "b"} {
			path := filepath.Join(h.dir, fmt.Sprintf("%s%d.ics", side, i))
			os.WriteFile(path, shiftFeed(1, 1, false), 0o600)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code, _, errs := h.run(t, "feeds", "add", path, "--name", fmt.Sprintf("%s%d", side, i)); code != 0 {
					t.Errorf("feeds add %s: exit %d: %s", path, code, errs)
				}
			}()
		}
		wg.Wait()
	}
	got := h.diskSettings(t).Feeds
	if len(got) != 2*rounds {
		t.Fatalf("%d feeds in config.json after %d rounds of 2 parallel adds, want %d", len(got), rounds, 2*rounds)
	}
	_, out, _ := h.run(t, "feeds", "list")
	for i := 1; i <= rounds; i++ {
		for _, side := range []string{"a", "b"} {
			if !strings.Contains(out, fmt.Sprintf("%s%d (enabled)", side, i)) {
				t.Errorf("feeds list lacks %s%d", side, i)
			}
		}
	}
	t.Logf("figures: %d rounds, %d parallel adds, %d feeds kept", rounds, 2*rounds, len(got))
}

// Case 2: a window's settings change after a command added a feed and
// chose auto-publish keeps both, and the window shows the new feed.
func TestProcessWindowKeepsTheCommandLinesChanges(t *testing.T) {
	h := newProcHome(t)
	window := h.manager(t)
	store := &managerSettings{m: window}
	base := store.Load() // what the Settings screen shows
	path := filepath.Join(h.dir, "work.ics")
	os.WriteFile(path, shiftFeed(3, 3, false), 0o600)
	if code, _, errs := h.run(t, "feeds", "add", path, "--name", "From CLI"); code != 0 {
		t.Fatalf("feeds add: %d %s", code, errs)
	}
	pub := filepath.Join(h.dir, "avail.ics")
	if code, _, errs := h.run(t, "export", "--publish", pub); code != 0 {
		t.Fatalf("export --publish: %d %s", code, errs)
	}
	edit := base
	edit.Theme = "dark"
	if err := store.Save(edit); err != nil {
		t.Fatal(err)
	}
	got := h.diskSettings(t)
	if len(got.Feeds) != 1 || got.Feeds[0].Name != "From CLI" {
		t.Errorf("the window's save dropped the command's feed: %+v", got.Feeds)
	}
	if got.Export.Path != pub || got.Theme != "dark" {
		t.Errorf("export path %q theme %q: want %q and dark", got.Export.Path, got.Theme, pub)
	}
	// The Manager API merges the same way (UpdateSettings, Rename).
	if err := window.UpdateSettings(func(s *settings.Settings) error { s.RefreshMinutes = 30; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := h.diskSettings(t); len(got.Feeds) != 1 || got.Export.Path != pub || got.Theme != "dark" {
		t.Errorf("UpdateSettings wrote an old copy: %+v", got)
	}
	if len(window.Feeds()) != 1 {
		t.Errorf("the window does not list the command's feed: %+v", window.Feeds())
	}
}

// Case 3: after "shiftdesk sync" in a terminal the window shows the new
// copy, and its own sync does not write old metadata over the new.
func TestProcessWindowFollowsACommandLineSync(t *testing.T) {
	h := newProcHome(t)
	srv := newBodyServer(t, shiftFeed(5, 5, false))
	window := h.manager(t)
	f, err := window.Add(feeds.NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	if err != nil {
		t.Fatal(err)
	}
	if rs := window.Sync(context.Background(), nil); rs[0].Outcome != feeds.Updated {
		t.Fatalf("first sync: %v", rs[0])
	}
	if n := occurrenceCount(window); n != 5 {
		t.Fatalf("%d occurrences, want 5", n)
	}
	srv.set(shiftFeed(9, 9, false), 0)
	time.Sleep(20 * time.Millisecond) // a new modification time
	if code, out, errs := h.run(t, "sync"); code != 0 || !strings.Contains(out, "updated (9 events") {
		t.Fatalf("sync: %d %q %q", code, out, errs)
	}
	if n := occurrenceCount(window); n != 9 {
		t.Fatalf("the window shows %d occurrences after the command's sync, want 9", n)
	}
	metaPath := filepath.Join(h.cache, "feeds", f.ID, "meta.json")
	before, _ := os.ReadFile(metaPath)
	if !window.Refresh() && window.Feeds()[0].Events != 9 {
		t.Errorf("Refresh did not take in the new metadata: %+v", window.Feeds()[0])
	}
	if rs := window.Sync(context.Background(), nil); rs[0].Outcome != feeds.NotModified || rs[0].Events != 9 {
		t.Fatalf("the window's sync: %v (%d events)", rs[0], rs[0].Events)
	}
	after, _ := os.ReadFile(metaPath)
	if !strings.Contains(string(after), `"events": 9`) ||
		extractJSON(string(before), "fetched_at") != extractJSON(string(after), "fetched_at") {
		t.Errorf("the window's sync rewrote the metadata from an old copy:\nbefore %s\nafter %s", before, after)
	}
}

// extractJSON is the raw value of "key" in a small JSON text.
func extractJSON(s, key string) string {
	_, rest, ok := strings.Cut(s, `"`+key+`": `)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "\n")
	return v
}

// Case 4: starting a command never deletes a running process's temp
// file; the stale ones of dead processes go. Then a real race: syncing
// a large feed while "feeds list" starts again and again.
func TestProcessStartupSparesARunningWrite(t *testing.T) {
	h := newProcHome(t)
	path := filepath.Join(h.dir, "work.ics")
	os.WriteFile(path, shiftFeed(3, 3, false), 0o600)
	h.run(t, "feeds", "add", path, "--name", "Work")
	h.run(t, "sync")
	dir := filepath.Join(h.cache, "feeds", h.diskSettings(t).Feeds[0].ID)
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer sleeper.Process.Kill()
	dead := exec.Command("true")
	dead.Run()
	live := fmt.Sprintf(".feed.ics.tmp-%d-1", sleeper.Process.Pid)
	gone := fmt.Sprintf(".feed.ics.tmp-%d-2", dead.Process.Pid)
	for _, n := range []string{live, gone} {
		os.WriteFile(filepath.Join(dir, n), []byte("partial"), 0o600)
	}
	if code, _, errs := h.run(t, "feeds", "list"); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(dir, live)); err != nil {
		t.Error("feeds list deleted a running process's temp file")
	}
	if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
		t.Error("feeds list kept a dead process's temp file")
	}

	// The race of the issue, with a real sync.
	big := [2][]byte{bigFeed(3<<20, "a"), bigFeed(3<<20, "b")}
	srv := newBodyServer(t, big[0])
	h.run(t, "feeds", "add", srv.URL+"/big.ics", "--name", "Big")
	const rounds = 5
	lists := 0
	for i := 0; i < rounds; i++ {
		srv.set(big[(i+1)%2], 0)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		sync := h.command(ctx, "sync", "Big")
		var out bytes.Buffer
		sync.Stdout, sync.Stderr = &out, &out
		if err := sync.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- sync.Wait() }()
		var err error
	loop:
		for {
			select {
			case err = <-done:
				break loop
			default:
				h.run(t, "feeds", "list")
				lists++
			}
		}
		cancel()
		if err != nil || !strings.Contains(out.String(), "Big: updated") {
			t.Errorf("round %d: sync failed while commands started: %v %s", i, err, out.String())
		}
	}
	t.Logf("figures: %d syncs of a 3 MB feed, %d feeds list runs alongside, 0 failures allowed", rounds, lists)
}

// Case 5: a download in which most events fail to parse is held back;
// the schedule keeps them; sync says how many and why; keep and confirm
// decide.
func TestProcessUnreadableEventsAreHeldBack(t *testing.T) {
	h := newProcHome(t)
	srv := newBodyServer(t, shiftFeed(31, 31, false))
	h.run(t, "feeds", "add", srv.URL+"/cal.ics", "--name", "Work")
	if code, out, _ := h.run(t, "sync"); code != 0 || !strings.Contains(out, "updated (31 events") {
		t.Fatalf("first sync: %s", out)
	}
	srv.set(shiftFeed(31, 6, false), 0) // 25 malformed DTSTARTs
	code, out, errs := h.run(t, "sync")
	if code != 0 || !strings.Contains(out, "held back: this download cannot read 25 events of the last copy") ||
		!strings.Contains(out, "DTSTART") || !strings.Contains(out, "feeds keep") {
		t.Fatalf("sync of a mostly broken download: %d\n%s%s", code, out, errs)
	}
	if n := occurrenceCount(h.manager(t)); n != 31 {
		t.Fatalf("%d shifts left after the broken download, want 31", n)
	}
	_, list, _ := h.run(t, "feeds", "list")
	if !strings.Contains(list, "cannot read 25 events") {
		t.Errorf("feeds list does not say why:\n%s", list)
	}
	if code, _, errs := h.run(t, "feeds", "keep", "Work"); code != 0 {
		t.Fatal(errs)
	}
	if n := occurrenceCount(h.manager(t)); n != 31 {
		t.Fatalf("keep: %d shifts, want 31", n)
	}
	// A new event that is malformed loses nothing: the copy is updated
	// and the sync names the skipped event and its reason.
	srv.set(shiftFeed(31, 31, true), 0)
	_, out, _ = h.run(t, "sync")
	if !strings.Contains(out, "updated (31 events); 1 unreadable event skipped (first: ") {
		t.Errorf("sync with one new unreadable event:\n%s", out)
	}
	_, list, _ = h.run(t, "feeds", "list")
	if !strings.Contains(list, "1 unreadable event skipped") {
		t.Errorf("feeds list does not name the skipped event:\n%s", list)
	}
	// Confirming a held-back download takes it.
	srv.set(shiftFeed(31, 6, false), 0)
	h.run(t, "sync")
	if code, _, errs := h.run(t, "feeds", "confirm", "Work"); code != 0 {
		t.Fatal(errs)
	}
	if n := occurrenceCount(h.manager(t)); n != 6 {
		t.Fatalf("confirm: %d shifts, want 6", n)
	}
}

// Case 6: the empty-feed hold-back judges from the cached copy itself:
// with meta.json deleted or garbage, an empty download is still held
// back, and feeds list still knows a copy exists.
func TestProcessHoldBackTrustsTheCopyNotTheMetadata(t *testing.T) {
	for _, damage := range []string{"deleted", "garbage"} {
		t.Run(damage, func(t *testing.T) {
			h := newProcHome(t)
			srv := newBodyServer(t, shiftFeed(12, 12, false))
			h.run(t, "feeds", "add", srv.URL+"/cal.ics", "--name", "Work")
			h.run(t, "sync")
			meta := filepath.Join(h.cache, "feeds", h.diskSettings(t).Feeds[0].ID, "meta.json")
			if damage == "deleted" {
				os.Remove(meta)
			} else {
				os.WriteFile(meta, []byte("{not json"), 0o600)
			}
			_, list, _ := h.run(t, "feeds", "list")
			if strings.Contains(list, "not synced yet") || !strings.Contains(list, "copy:") {
				t.Errorf("feeds list with the metadata %s:\n%s", damage, list)
			}
			srv.set(shiftFeed(0, 0, false), 0)
			if _, out, _ := h.run(t, "sync"); !strings.Contains(out, "held back: the feed is now empty") {
				t.Fatalf("empty download with the metadata %s: %s", damage, out)
			}
			if n := occurrenceCount(h.manager(t)); n != 12 {
				t.Fatalf("%d shifts left, want 12", n)
			}
		})
	}
}

// Case 7: a 304 for a feed that has no copy is an error.
func TestProcessNotModifiedWithoutACopyFails(t *testing.T) {
	h := newProcHome(t)
	srv := newBodyServer(t, nil)
	srv.set(nil, http.StatusNotModified)
	h.run(t, "feeds", "add", srv.URL+"/cal.ics", "--name", "Work")
	code, out, _ := h.run(t, "sync")
	if code != 1 || !strings.Contains(out, "the server says nothing changed, but there is no copy yet") {
		t.Fatalf("304 without a copy: exit %d: %s", code, out)
	}
	if _, list, _ := h.run(t, "feeds", "list"); strings.Contains(list, "synced just now") || strings.Contains(list, "copy:") {
		t.Errorf("feeds list after a 304 without a copy:\n%s", list)
	}
}

// Case 8: a damaged config.json is moved aside once; every later run
// names the backup; "feeds restore" brings its feeds back.
func TestProcessDamagedConfigIsNamedUntilRestored(t *testing.T) {
	h := newProcHome(t)
	for _, n := range []string{"one", "two"} {
		path := filepath.Join(h.dir, n+".ics")
		os.WriteFile(path, shiftFeed(2, 2, false), 0o600)
		h.run(t, "feeds", "add", path, "--name", n)
	}
	cfg := filepath.Join(h.cfg, "config.json")
	data, _ := os.ReadFile(cfg)
	cut := bytes.LastIndex(data, []byte(`"name": "two"`)) // damage inside the second feed
	os.WriteFile(cfg, data[:cut], 0o600)
	code, _, errs := h.run(t, "feeds", "list")
	if code != 1 || !strings.Contains(errs, "config.json.corrupt-") {
		t.Fatalf("first run on the damaged file: %d %s", code, errs)
	}
	for i := 0; i < 2; i++ {
		code, out, errs := h.run(t, "feeds", "list")
		if code != 0 || !strings.Contains(out, "No feeds yet") || !strings.Contains(errs, "config.json.corrupt-") ||
			!strings.Contains(errs, "shiftdesk feeds restore") {
			t.Fatalf("later run %d: %d %q %q", i, code, out, errs)
		}
	}
	code, out, errs := h.run(t, "feeds", "restore")
	if code != 0 || !strings.Contains(out, "restored one") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	code, out, errs = h.run(t, "feeds", "list")
	if code != 0 || !strings.Contains(out, "one (enabled)") || strings.Contains(errs, "corrupt") {
		t.Fatalf("after restore: %d %q %q", code, out, errs)
	}
}

// Case 9: the cache is written 0600 whatever its old mode; a pipe is
// refused as a feed and never blocks sync, agenda or export.
func TestProcessCacheModeAndPipes(t *testing.T) {
	h := newProcHome(t)
	srv := newBodyServer(t, shiftFeed(4, 4, false))
	h.run(t, "feeds", "add", srv.URL+"/cal.ics", "--name", "Work")
	h.run(t, "sync")
	body := filepath.Join(h.cache, "feeds", h.diskSettings(t).Feeds[0].ID, "feed.ics")
	os.Chmod(body, 0)
	srv.set(shiftFeed(5, 5, false), 0)
	if code, out, _ := h.run(t, "sync"); code != 0 {
		t.Fatalf("sync: %s", out)
	}
	if st, err := os.Stat(body); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("cache mode after a good sync: %v %v, want 0600", st.Mode().Perm(), err)
	}

	fifo := filepath.Join(h.dir, "pipe.ics")
	if err := exec.Command("mkfifo", fifo).Run(); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if code, _, errs := h.run(t, "feeds", "add", fifo); code != 1 || !strings.Contains(errs, "not a regular file") {
		t.Errorf("feeds add a pipe: %d %s", code, errs)
	}
	if code, _, errs := h.run(t, "export", "--feed", fifo); code == 0 || !strings.Contains(errs, "not a regular file") {
		t.Errorf("export --feed a pipe: %d %s", code, errs)
	}
	if code, _, errs := h.run(t, "agenda", fifo); code == 0 || !strings.Contains(errs, "not a regular file") {
		t.Errorf("agenda a pipe: %d %s", code, errs)
	}
	// A feed file replaced by a pipe after it was added.
	local := filepath.Join(h.dir, "local.ics")
	os.WriteFile(local, shiftFeed(2, 2, false), 0o600)
	h.run(t, "feeds", "add", local, "--name", "Local")
	os.Remove(local)
	exec.Command("mkfifo", local).Run()
	code, out, _ := h.run(t, "sync", "Local")
	if code != 1 || !strings.Contains(out, "not a regular file") {
		t.Errorf("sync of a pipe: %d %s", code, out)
	}
}

// A sync killed (SIGKILL) at random points never leaves a damaged copy:
// after every kill the offline copy is one of the two whole versions and
// a new process reads it.
func TestProcessSigkillDuringSyncKeepsTheLastGoodCopy(t *testing.T) {
	h := newProcHome(t)
	versions := [2][]byte{bigFeed(2<<20, "a"), bigFeed(2<<20, "b")}
	srv := newBodyServer(t, versions[0])
	h.run(t, "feeds", "add", srv.URL+"/big.ics", "--name", "Big")
	start := time.Now()
	if code, out, _ := h.run(t, "sync"); code != 0 {
		t.Fatal(out)
	}
	whole := time.Since(start) // how long a sync runs: kills land inside it
	body := filepath.Join(h.cache, "feeds", h.diskSettings(t).Feeds[0].ID, "feed.ics")
	const rounds = 20
	killed, finished := 0, 0
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for i := 0; i < rounds; i++ {
		srv.set(versions[(i+1)%2], 0)
		cmd := h.command(context.Background(), "sync")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rnd.Int64N(int64(whole) * 6 / 10))) // a warm sync runs faster than the first
		if cmd.Process.Kill() == nil {                               // SIGKILL
			if err := cmd.Wait(); err != nil {
				killed++
			} else {
				finished++
			}
		}
		got, err := os.ReadFile(body)
		if err != nil || (!bytes.Equal(got, versions[0]) && !bytes.Equal(got, versions[1])) {
			t.Fatalf("kill %d: the offline copy is not a whole version (%d bytes, %v)", i, len(got), err)
		}
		if code, out, errs := h.run(t, "feeds", "list"); code != 0 || !strings.Contains(out, "copy:") {
			t.Fatalf("kill %d: feeds list: %d %s %s", i, code, out, errs)
		}
	}
	if n := occurrenceCount(h.manager(t)); n == 0 {
		t.Fatal("no occurrences after the kills")
	}
	if killed == 0 {
		t.Errorf("no kill landed inside a sync (a sync took %v)", whole)
	}
	t.Logf("figures: %d rounds, %d syncs killed by SIGKILL mid-way, %d finished before the signal; a sync took %v; the copy was whole every time",
		rounds, killed, finished, whole.Round(time.Millisecond))
}

// One rule for the output zone: with no zone in the settings, the
// export dialog gets the system zone by the IANA name the command line
// and auto-publish write (not the unnamed Local it would write as UTC).
func TestExportDialogNamesTheZoneAsTheCommandLineDoes(t *testing.T) {
	t.Setenv("TZ", "America/Chicago")
	st := settings.Default()
	cli, err := icsZone(st.Location())
	if err != nil {
		t.Fatal(err)
	}
	if got := dialogZone(st); got.String() != "America/Chicago" || got.String() != cli.String() {
		t.Errorf("dialog zone %q, command line %q; want America/Chicago for both", got, cli)
	}
	st.Zone = "Asia/Tokyo"
	if got := dialogZone(st); got.String() != "Asia/Tokyo" {
		t.Errorf("dialog zone %q with Asia/Tokyo set", got)
	}
}
