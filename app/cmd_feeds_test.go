package app

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// cliHome isolates the user dirs of a CLI test and returns the config and
// cache dirs Shiftdesk will use.
func cliHome(t *testing.T) (cfg, cache string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	return filepath.Join(home, "config", "shiftdesk"), filepath.Join(home, "cache", "shiftdesk")
}

// cliRun runs one command and returns its exit code, stdout and stderr.
func cliRun(t *testing.T, run func(Env, []string) int, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Info: Info{Name: "Shiftdesk", Version: "9.9.9"}}
	code := run(env, args)
	return code, out.String(), errb.String()
}

func withStore(store secrets.Store, f func(Env, []string, secrets.Store) int) func(Env, []string) int {
	return func(env Env, args []string) int { return f(env, args, store) }
}

// feedServer serves the test feed of path (after checking the sign-in
// given by auth, "" for none) and records what arrived.
type feedServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies map[string][]byte
	auth   map[string]string // path → exact Authorization header wanted
	agents []string
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{bodies: map[string][]byte{}, auth: map[string]string{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		body, ok := fs.bodies[r.URL.Path]
		want := fs.auth[r.URL.Path]
		fs.agents = append(fs.agents, r.UserAgent())
		fs.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if want != "" && r.Header.Get("Authorization") != want {
			http.Error(w, "sign in", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) serve(path string, body []byte, auth string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.bodies[path], fs.auth[path] = body, auth
}

func wfmFeed(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("feeds", "testdata", "wfm_export_stockholm.ics"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFeedsCLIAddListSyncRemove(t *testing.T) {
	cfg, cache := cliHome(t)
	store := secrets.NewFake()
	srv := newFeedServer(t)
	srv.serve("/agent.ics", wfmFeed(t), "Basic ZWxpbjpwdy1zZWNyZXQtMQ==") // elin:pw-secret-1
	feedsCmd := withStore(store, runFeedsWith)
	syncCmd := withStore(store, runSyncWith)

	code, out, errs := cliRun(t, feedsCmd, "pw-secret-1\n", "add", srv.URL+"/agent.ics", "--name", "Work", "--user", "elin", "--password-stdin")
	if code != 0 || !strings.HasPrefix(out, "added Work (") {
		t.Fatalf("feeds add: %d %q %q", code, out, errs)
	}
	code, out, _ = cliRun(t, feedsCmd, "", "list")
	if code != 0 || !strings.Contains(out, "Work (enabled)") || !strings.Contains(out, "password for elin (in the keyring)") ||
		!strings.Contains(out, "not synced yet") || strings.Contains(out, "pw-secret-1") {
		t.Fatalf("feeds list:\n%s", out)
	}
	code, out, errs = cliRun(t, syncCmd, "")
	if code != 0 || !strings.HasPrefix(out, "Work: updated (") {
		t.Fatalf("sync: %d %q %q", code, out, errs)
	}
	if srv.agents[0] != "Shiftdesk/9.9.9" {
		t.Fatalf("User-Agent %q", srv.agents[0])
	}
	code, out, _ = cliRun(t, syncCmd, "", "work")
	if code != 0 || out != "Work: not modified\n" {
		t.Fatalf("second sync: %d %q", code, out)
	}
	_, out, _ = cliRun(t, feedsCmd, "", "list")
	if !strings.Contains(out, "synced just now") {
		t.Fatalf("list after sync:\n%s", out)
	}
	m, _, err := openAgent(Env{Stderr: io.Discard, Info: Info{Version: "9.9.9"}}, store)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	occ, err := syncedOccurrences(io.Discard, m, from, from.AddDate(0, 2, 0), time.UTC)
	if err != nil || len(occ) == 0 {
		t.Fatalf("syncedOccurrences: %d occurrences, %v", len(occ), err)
	}
	code, out, _ = cliRun(t, feedsCmd, "", "remove", "Work")
	if code != 0 || out != "removed Work\n" {
		t.Fatalf("remove: %d %q", code, out)
	}
	if len(store.Keys()) != 0 {
		t.Fatalf("keyring entries left: %v", store.Keys())
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "feeds")); len(entries) != 0 {
		t.Fatalf("cache left: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(cfg, "config.json")); err != nil {
		t.Fatalf("no config written: %v", err)
	}
	code, _, errs = cliRun(t, syncCmd, "")
	if code != 1 || !strings.Contains(errs, "no feeds subscribed yet") {
		t.Fatalf("sync with no feeds: %d %q", code, errs)
	}
	m, _, err = openAgent(Env{Stderr: io.Discard}, store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncedOccurrences(io.Discard, m, from, from.AddDate(0, 2, 0), time.UTC); err == nil || !strings.Contains(err.Error(), "shiftdesk feeds add URL") {
		t.Fatalf("syncedOccurrences with no feeds: %v", err)
	}
}

// TestFeedsCLIListHeldBack: while an empty download waits, "feeds list"
// asks the question and gives the kept copy's event count on its own line
// (not tacked onto the question, as if the empty feed had those events).
func TestFeedsCLIListHeldBack(t *testing.T) {
	cliHome(t)
	store := secrets.NewFake()
	srv := newFeedServer(t)
	srv.serve("/agent.ics", wfmFeed(t), "")
	feedsCmd := withStore(store, runFeedsWith)
	if code, _, errs := cliRun(t, feedsCmd, "", "add", srv.URL+"/agent.ics", "--name", "Work"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	_, out, _ := cliRun(t, feedsCmd, "", "list")
	if !regexp.MustCompile(`\n  status:  synced just now\n  copy:    31 events, downloaded \w{3} \d+ \w{3} \d\d:\d\d\n`).MatchString(out) {
		t.Fatalf("list after sync:\n%s", out)
	}
	srv.serve("/agent.ics", []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n"), "")
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), ""); code != 0 || !strings.Contains(out, "held back") {
		t.Fatalf("empty sync: %d %q", code, out)
	}
	_, out, _ = cliRun(t, feedsCmd, "", "list")
	if !strings.Contains(out, "keep the old schedule?\n  copy:    31 events, downloaded ") {
		t.Fatalf("list while held back:\n%s", out)
	}
}

func TestFeedsCLIUsageErrors(t *testing.T) {
	cliHome(t)
	store := secrets.NewFake()
	feedsCmd := withStore(store, runFeedsWith)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "say what to do"},
		{[]string{"frobnicate"}, 2, `unknown action "frobnicate"`},
		{[]string{"add"}, 2, "give exactly one URL"},
		{[]string{"add", "ftp://files.example.com/cal.ics"}, 1, `"ftp:" is not a feed address`},
		{[]string{"add", "https://x.example/a.ics", "--password-stdin", "--user", "u"}, 1, "standard input has no password on line 1"},
		{[]string{"remove"}, 2, "expected 1 argument"},
		{[]string{"remove", "Nope"}, 1, `no feed named "Nope"`},
	}
	for _, c := range cases {
		code, _, errs := cliRun(t, feedsCmd, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("feeds %v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if len(store.Keys()) != 0 {
		t.Fatal("a refused command touched the keyring")
	}
}

func TestFeedsCLINoKeyring(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the unreachable Secret Service is a Linux case")
	}
	cfg, _ := cliHome(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/shiftdesk-no-bus")
	code, _, errs := cliRun(t, runFeeds, "tok-never-stored\n", "add", "https://wfm.example.com/cal.ics", "--name", "Work", "--token-stdin")
	if code != 1 || !strings.Contains(errs, "no keyring is available on this computer") || strings.Contains(errs, "tok-never-stored") {
		t.Fatalf("feeds add without keyring: %d %q", code, errs)
	}
	data, _ := os.ReadFile(filepath.Join(cfg, "config.json"))
	if bytes.Contains(data, []byte("tok-never-stored")) || bytes.Contains(data, []byte("Work")) {
		t.Fatalf("config after a refused add:\n%s", data)
	}
	// A public feed needs no keyring.
	code, _, errs = cliRun(t, runFeeds, "", "add", "https://wfm.example.com/public.ics")
	if code != 0 {
		t.Fatalf("public feed without keyring: %d %q", code, errs)
	}
}

func TestFeedsCLICorruptConfig(t *testing.T) {
	cfg, _ := cliHome(t)
	os.MkdirAll(cfg, 0o700)
	os.WriteFile(filepath.Join(cfg, "config.json"), []byte(`{"version": 1, "feeds": [`), 0o600)
	code, _, errs := cliRun(t, withStore(secrets.NewFake(), runFeedsWith), "", "list")
	if code != 1 || !strings.Contains(errs, "config.json cannot be read") || !strings.Contains(errs, "config.json.corrupt-") {
		t.Fatalf("corrupt config: %d %q", code, errs)
	}
	matches, _ := filepath.Glob(filepath.Join(cfg, "config.json.corrupt-*"))
	if len(matches) != 1 {
		t.Fatalf("backups: %v", matches)
	}
	if b, _ := os.ReadFile(matches[0]); string(b) != `{"version": 1, "feeds": [` {
		t.Fatalf("backup holds %q", b)
	}
	code, out, _ := cliRun(t, withStore(secrets.NewFake(), runFeedsWith), "", "list")
	if code != 0 || !strings.Contains(out, "No feeds yet") {
		t.Fatalf("after the backup: %d %q", code, out)
	}
}

// TestSyncCLISecretsStayInKeyring syncs feeds with a password, a token
// and a secret URL, then looks for the secrets everywhere Shiftdesk
// writes or prints.
func TestSyncCLISecretsStayInKeyring(t *testing.T) {
	cfg, cache := cliHome(t)
	const password, token, urlSecret = "Pw-7c1d2e3f4a", "Tok-9b8a7c6d5e", "0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c"
	store := secrets.NewFake()
	srv := newFeedServer(t)
	wfm := wfmFeed(t)
	srv.serve("/basic.ics", wfm, "Basic c2FtOlB3LTdjMWQyZTNmNGE=") // sam:Pw-7c1d2e3f4a
	srv.serve("/bearer.ics", wfm, "Bearer "+token)
	srv.serve("/calendar/ical/sam/private-"+urlSecret+"/basic.ics", wfm, "")
	feedsCmd := withStore(store, runFeedsWith)
	var printed strings.Builder
	run := func(cmd func(Env, []string) int, stdin string, args ...string) int {
		code, out, errs := cliRun(t, cmd, stdin, args...)
		printed.WriteString(out + errs)
		return code
	}
	if run(feedsCmd, password+"\n", "add", srv.URL+"/basic.ics", "--name", "Basic", "--user", "sam", "--password-stdin") != 0 ||
		run(feedsCmd, token+"\n", "add", srv.URL+"/bearer.ics", "--name", "Bearer", "--token-stdin") != 0 ||
		run(feedsCmd, "", "add", srv.URL+"/calendar/ical/sam/private-"+urlSecret+"/basic.ics", "--name", "Google") != 0 ||
		run(feedsCmd, "", "add", srv.URL+"/gone.ics?token="+token, "--name", "Gone") != 0 {
		t.Fatalf("feeds add failed:\n%s", printed.String())
	}
	code, out, _ := cliRun(t, withStore(store, runSyncWith), "")
	printed.WriteString(out)
	if code != 1 || strings.Count(out, ": updated (") != 3 || !strings.Contains(out, "Gone: failed: the feed address no longer exists") {
		t.Fatalf("sync: exit %d\n%s", code, out)
	}
	_, list, _ := cliRun(t, feedsCmd, "", "list")
	printed.WriteString(list)
	if !strings.Contains(list, "private-REDACTED") || !strings.Contains(list, "token=REDACTED") {
		t.Fatalf("list does not show redacted addresses:\n%s", list)
	}
	_, ch, _ := cliRun(t, runChanges, "")
	printed.WriteString(ch)
	var files strings.Builder
	for _, dir := range []string{cfg, cache} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				files.WriteString(path + "\n" + string(b) + "\n")
			}
			return nil
		})
	}
	if !strings.Contains(files.String(), "feed.ics") {
		t.Fatal("no cache files found: the scan proves nothing")
	}
	for _, s := range []string{password, token, urlSecret} {
		if strings.Contains(files.String(), s) {
			t.Errorf("secret %q found in the config or cache files", s)
		}
		if strings.Contains(printed.String(), s) {
			t.Errorf("secret %q printed by a command", s)
		}
	}
}
