package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/ui"
)

// The secrets of the leak test, one per carrier. Each holds "SECRET" and
// characters that percent-encoding changes, so that every form differs.
const (
	leakUser      = "agent1"
	leakPassword  = "PW_SECRET/b4s ic+9"             // basic sign-in (--password-stdin)
	leakUIUser    = "agent2"                         //
	leakUIPass    = "UI_SECRET/p@ss+7"               // userinfo in the address
	leakQuery     = "Q_SECRET tok/en+5"              // ?token=
	leakHash      = "private-SECRET0a1b2c3d4e5f6a7b" // Google's private path
	leakBearer    = "B_SECRET.tok-3/x="              // bearer token (--token-stdin)
	leakArgSecret = "ARG_SECRET"                     // in addresses refused as typed
)

// leakForms lists every form of the secrets that must never show: as is,
// percent-encoded, base64 (standard and URL alphabets, padded or not),
// user:password and its base64 (a Basic header), and the first 12
// characters of each base64 form (a cut-off echo).
func leakForms() []string {
	plain := []string{leakPassword, leakUIPass, leakQuery, leakHash, leakBearer,
		leakUser + ":" + leakPassword, leakUIUser + ":" + leakUIPass, url.UserPassword(leakUIUser, leakUIPass).String()}
	forms := []string{"SECRET"}
	for _, s := range plain {
		forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s))
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			b := enc.EncodeToString([]byte(s))
			forms = append(forms, b, b[:12])
		}
	}
	return forms
}

// leakServers are the feed's server, which redirects to the other one or
// echoes what it receives into a login page's title (or a plain text
// error), and the other server, which records what reaches it.
type leakServers struct {
	feed, other *httptest.Server
	mu          sync.Mutex
	mode        string   // "redirect", "login" or "text"
	auth        []string // Authorization headers at the feed's server
	atOther     []string // Referer, Authorization and Cookie at the other server
}

func newLeakServers(t *testing.T) *leakServers {
	s := &leakServers{mode: "redirect"}
	body := wfmFeed(t)
	s.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.atOther = append(s.atOther, r.Referer()+r.Header.Get("Authorization")+r.Header.Get("Cookie"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/calendar")
		w.Write(body)
	}))
	t.Cleanup(s.other.Close)
	s.feed = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		mode := s.mode
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "c00kie"})
		echo := r.Header.Get("Authorization") + " " + r.URL.RequestURI() + " " + r.Referer()
		switch mode {
		case "redirect":
			http.Redirect(w, r, s.other.URL+"/feed.ics", http.StatusFound)
		case "login":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Session expired %s</title></head><body>Sign in</body></html>", echo)
		case "text":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprintf(w, "%s\r\nrefused\r\n", strings.TrimSpace(echo))
		}
	}))
	t.Cleanup(s.feed.Close)
	return s
}

func (s *leakServers) set(mode string) { s.mu.Lock(); s.mode = mode; s.mu.Unlock() }

// TestNoSecretInAnyOutput: feeds whose secrets travel in every carrier
// (query, userinfo, private path, basic, bearer) are added, synced through
// a redirect to another server, then met by a login page and a plain text
// error that echo what the server received; every output (the commands'
// stdout and stderr, the window's Feeds screen, the log, every file under
// the config and cache folders) holds no form of any secret, and the other
// server gets no Referer, Authorization or Cookie (issue 13).
func TestNoSecretInAnyOutput(t *testing.T) {
	cfg, cache := cliHome(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/shiftdesk-no-bus")
	store := secrets.NewFake()
	srv := newLeakServers(t)
	host := strings.TrimPrefix(srv.feed.URL, "http://")
	feedsCmd, syncCmd := withStore(store, runFeedsWith), withStore(store, runSyncWith)
	main := func(env Env, args []string) int {
		return Main(Env{Args: args, Stdin: env.Stdin, Stdout: env.Stdout, Stderr: env.Stderr, Info: env.Info})
	}

	queryURL := srv.feed.URL + "/q/cal.ics?week=4&token=" + url.QueryEscape(leakQuery)
	userinfoURL := "http://" + url.UserPassword(leakUIUser, leakUIPass).String() + "@" + host + "/u/cal.ics"
	privateURL := srv.feed.URL + "/calendar/ical/" + leakHash + "/basic.ics"
	outputs := map[string]string{} // where → what was shown
	run := func(where string, cmd func(Env, []string) int, stdin string, args ...string) (int, string) {
		code, out, errs := cliRun(t, cmd, stdin, args...)
		outputs[where] += out + errs
		return code, out + errs
	}

	// Adding: the address on standard input and on the command line.
	adds := []struct {
		name, stdin string
		args        []string
	}{
		{"query", queryURL + "\n", []string{"--url-stdin"}},
		{"userinfo", "", []string{userinfoURL}},
		{"private", privateURL + "\n", []string{"--url-stdin"}},
		{"basic", leakPassword + "\n", []string{srv.feed.URL + "/b/cal.ics", "--user", leakUser, "--password-stdin"}},
		{"bearer", srv.feed.URL + "/t/cal.ics\n" + leakBearer + "\n", []string{"--url-stdin", "--token-stdin"}},
	}
	for _, a := range adds {
		if code, out := run("feeds add "+a.name, feedsCmd, a.stdin, append([]string{"add", "--name", a.name}, a.args...)...); code != 0 {
			t.Fatalf("feeds add %s: exit %d\n%s", a.name, code, out)
		}
	}
	// Addresses refused as typed.
	run("feeds add without a scheme", feedsCmd, "", "add", host+"/x.ics?token="+leakArgSecret)
	run("feeds add, a slash in the password", feedsCmd, "", "add", "http://agent:Pa/ss"+leakArgSecret+"@"+host+"/x")
	run("agenda on another computer's file", main, "", "agenda", "file://u:"+leakArgSecret+"@otherhost/x")
	run("export --feed with a web address", main, "", "export", "--feed", queryURL)

	everything := func(phase string) {
		run(phase+": sync", syncCmd, "")
		run(phase+": feeds list", feedsCmd, "", "list")
		run(phase+": changes", main, "", "changes")
		run(phase+": agenda", main, "", "agenda", "--from", "2026-10-19", "--to", "2026-10-26", "--zone", "Europe/Stockholm")
		run(phase+": export", main, "", "export", "--from", "2026-10-19", "--to", "2026-10-26", "--format", "text")
		for _, u := range []string{queryURL, userinfoURL, privateURL} {
			run(phase+": agenda URL", main, "", "agenda", "--json", "--from", "2026-10-19", "--to", "2026-10-26", "--zone", "Europe/Stockholm", u)
		}
		outputs[phase+": window"] = windowTexts(t, store)
		outputs[phase+": log"] = loggedSync(t, store)
	}
	everything("redirect")
	if !strings.Contains(outputs["redirect: sync"], "basic: updated (") || !strings.Contains(outputs["redirect: agenda URL"], `"summary"`) {
		t.Fatalf("the feeds did not sync through the redirect:\n%s\n%s", outputs["redirect: sync"], outputs["redirect: agenda URL"])
	}
	srv.set("login")
	everything("login")
	if !strings.Contains(outputs["login: sync"], `web page, not a calendar (maybe a login page): "Session expired `) ||
		!strings.Contains(outputs["login: feeds list"], "Session expired") || !strings.Contains(outputs["login: agenda URL"], "Session expired") ||
		!strings.Contains(outputs["login: window"], "Session expired") || !strings.Contains(outputs["login: log"], "Session expired") {
		t.Fatalf("the login page is not named:\n%s", outputs["login: sync"]+outputs["login: agenda URL"]+outputs["login: window"])
	}
	srv.set("text")
	everything("text")
	if !strings.Contains(outputs["text: agenda URL"], "does not start with BEGIN:VCALENDAR") {
		t.Fatalf("the plain text error is not named:\n%s", outputs["text: agenda URL"])
	}

	for _, dir := range []string{cfg, cache} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(path)
				outputs["file "+path] = string(data)
			}
			return nil
		})
	}
	if _, ok := outputs["file "+filepath.Join(cfg, "config.json")]; !ok {
		t.Fatalf("no config.json among %d outputs", len(outputs))
	}

	if os.Getenv("LEAK_DEBUG") != "" {
		for where, text := range outputs {
			t.Logf("== %s\n%s", where, text)
		}
	}
	forms := leakForms()
	for where, text := range outputs {
		for _, f := range forms {
			if strings.Contains(text, f) {
				t.Errorf("%s shows %q:\n%s", where, f, text)
			}
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.atOther) < 5 {
		t.Fatalf("the other server got %d requests", len(srv.atOther))
	}
	for _, got := range srv.atOther {
		if got != "" {
			t.Errorf("the other server received Referer+Authorization+Cookie %q", got)
		}
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(leakUser+":"+leakPassword))
	bearer := "Bearer " + leakBearer
	if !strings.Contains(strings.Join(srv.auth, "\n"), basic) || !strings.Contains(strings.Join(srv.auth, "\n"), bearer) {
		t.Errorf("the feed's own server did not get the sign-in: %q", srv.auth)
	}
}

// windowTexts is what the window's Feeds screen shows about the synced
// feeds, in English and Swedish, and the words of a sync from the window.
func windowTexts(t *testing.T, store secrets.Store) string {
	t.Helper()
	mgr, err := feeds.New(feeds.Options{Secrets: store, UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr}
	_, syncErr := mf.Sync(context.Background(), func(int, int) {})
	test.NewTempApp(t)
	var out strings.Builder
	for _, lang := range []string{"en", "sv"} {
		loc, err := ui.UseLanguage(lang)
		if err != nil {
			t.Fatal(err)
		}
		w := test.NewTempWindow(t, nil)
		w.Resize(fyne.NewSize(900, 1400))
		u := ui.New(fyne.CurrentApp(), w, ui.Deps{Clock: time.Now, Schedule: managerSchedule{mgr}, Feeds: mf, Settings: &managerSettings{m: mgr}}, loc)
		w.SetContent(u.Content())
		u.Show(ui.ScreenFeeds)
		out.WriteString(drawnTexts(w) + "\n")
		if syncErr != nil {
			out.WriteString(loc.SyncErrorText(syncErr) + "\n")
		}
	}
	if !strings.Contains(out.String(), "bearer") {
		t.Fatalf("the Feeds screen does not list the feeds:\n%s", out.String())
	}
	return out.String()
}

// loggedSync is the log of a sync of every feed.
func loggedSync(t *testing.T, store secrets.Store) string {
	t.Helper()
	var log bytes.Buffer
	mgr, err := feeds.New(feeds.Options{Secrets: store, UserAgent: "Shiftdesk/test", Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mgr.Sync(context.Background(), nil)
	return log.String()
}
