package app

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/ui"
	"github.com/shiftdesk/shiftdesk/assets"
)

var publishedLine = regexp.MustCompile(`availability: (\d+) windows published to (\S+) \((\d+) new, (\d+) changed\), (\d+) removed`)

// TestRadicaleExportPublishAndSync: "shiftdesk export --publish URL"
// with a Radicale server's address creates the "Shiftdesk availability"
// calendar and publishes the demo week's windows there; "shiftdesk sync"
// publishes again (nothing new); the password is only in the keyring;
// "--publish off" stops it; a wrong password is said in plain words.
func TestRadicaleExportPublishAndSync(t *testing.T) {
	r := caldavtest.Start(t)
	_, cacheDir := cliHome(t)
	t.Setenv("TZ", "Europe/Stockholm")
	store := secrets.NewFake()
	feed := filepath.Join(t.TempDir(), "demo.ics")
	if err := os.WriteFile(feed, assets.DemoFeed, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", feed, "--name", "Demo"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	export := withStore(store, runExportWith)

	code, _, errs := cliRun(t, export, "wrong\n", "--publish", r.URL, "--user", r.User, "--password-stdin")
	if code != 1 || !strings.Contains(errs, "user name or password (401)") || strings.Contains(errs, "wrong") {
		t.Errorf("wrong password: %d %q", code, errs)
	}

	code, out, errs := cliRun(t, export, r.Pass+"\n", "--publish", r.URL, "--user", r.User, "--password-stdin", "--days", "7")
	m := publishedLine.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("export --publish: %d %q %q", code, out, errs)
	}
	t.Logf("one publish of the demo week: %s", strings.TrimSpace(out))
	n, _ := strconv.Atoi(m[1])
	if n == 0 || m[2] != r.URL+"agent/shiftdesk-availability/" || m[3] != m[1] || m[4] != "0" || m[5] != "0" {
		t.Errorf("first publish: %q", out)
	}
	if got := countObjects(t, r, "/agent/shiftdesk-availability/"); got != n {
		t.Errorf("the calendar holds %d objects, want %d", got, n)
	}

	code, out, errs = cliRun(t, withStore(store, runSyncWith), "")
	if m := publishedLine.FindStringSubmatch(out); code != 0 || m == nil || m[1] != strconv.Itoa(n) || m[3] != "0" || m[4] != "0" || m[5] != "0" {
		t.Errorf("sync after publish: %d %q %q", code, out, errs)
	}
	for _, dir := range []string{filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "shiftdesk"), cacheDir} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				if b, _ := os.ReadFile(p); strings.Contains(string(b), r.Pass) {
					t.Errorf("%s holds the password", p)
				}
			}
			return nil
		})
	}
	if _, err := os.Stat(filepath.Join(cacheDir, caldavStateFile)); err != nil {
		t.Errorf("no publish state: %v", err)
	}
	mgr, err := openFeeds(Env{}, store)
	if err != nil {
		t.Fatal(err)
	}
	if st := readPublishStatus(mgr); st.Calendar != r.URL+"agent/shiftdesk-availability/" || st.Items != n || st.Err != "" || st.At.IsZero() {
		t.Errorf("the window would show %+v", st)
	}

	if code, out, errs := cliRun(t, export, "", "--publish", "off"); code != 0 || !strings.Contains(out, "Publishing to "+r.URL) {
		t.Errorf("--publish off: %d %q %q", code, out, errs)
	}
	if _, err := store.Get("caldav-publish/password"); err == nil {
		t.Errorf("the password stayed in the keyring after --publish off")
	}
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), ""); code != 0 || strings.Contains(out, "availability:") {
		t.Errorf("sync after off: %d %q", code, out)
	}
}

// countObjects counts the calendar objects in the collection at path.
func countObjects(t *testing.T, r *caldavtest.Radicale, path string) int {
	t.Helper()
	req, _ := http.NewRequest("PROPFIND", strings.TrimSuffix(r.URL, "/")+path, strings.NewReader(
		`<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>`))
	req.Header.Set("Depth", "1")
	req.SetBasicAuth(r.User, r.Pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		k, err := resp.Body.Read(buf)
		b.Write(buf[:k])
		if err != nil {
			break
		}
	}
	return strings.Count(b.String(), ".ics</")
}

// pickAmongTwo is the window's pick among the two calendars "team" and
// "work" (made on the server) with the region "Japan": the setup the form
// hands over names work's own address, and the settings keep that
// calendar and region, as "export --publish URL --region Japan" does.
func pickAmongTwo(t *testing.T, r *caldavtest.Radicale, mf *managerFeeds) {
	t.Helper()
	for _, p := range []string{"/agent/team/", "/agent/work/"} {
		if st, _ := r.Raw(t, "MKCALENDAR", p, ""); st != http.StatusCreated {
			t.Fatalf("MKCALENDAR %s: %d", p, st)
		}
	}
	setup := ui.PublishSetup{URL: r.URL + "agent/work/", User: r.User, Password: r.Pass, Days: 7, Region: "Japan"}
	if err := mf.SetUpPublish(context.Background(), setup); err != nil {
		t.Fatal(err)
	}
	cd := mf.m.Settings().CalDAV
	if cd.Calendar != r.URL+"agent/work/" || cd.Region != "Japan" || cd.Days != 7 {
		t.Errorf("settings after the pick: %+v", cd)
	}
	st := mf.PublishStatus()
	if got := countObjects(t, r, "/agent/work/"); got == 0 || got != st.Items || countObjects(t, r, "/agent/team/") != 0 {
		t.Errorf("%d objects in work (status %+v), team has %d", got, st, countObjects(t, r, "/agent/team/"))
	}
}

// TestRadicaleWindowPublish: the Settings screen's "Publish to a
// calendar…" (managerFeeds.SetUpPublish) publishes the free/busy flavour
// to a Radicale server, the Feeds screen's state says so, and "Stop
// publishing" turns it off. Between, the agent picks one of two
// calendars and a region (pickAmongTwo).
func TestRadicaleWindowPublish(t *testing.T) {
	r := caldavtest.Start(t)
	cliHome(t)
	t.Setenv("TZ", "Europe/Stockholm")
	store := secrets.NewFake()
	feed := filepath.Join(t.TempDir(), "demo.ics")
	if err := os.WriteFile(feed, assets.DemoFeed, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", feed, "--name", "Demo"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	if code, _, errs := cliRun(t, runRegions, "", "add", "Japan", "--zone", "Asia/Tokyo", "--days", "Mon-Fri", "--hours", "09:00-18:00"); code != 0 {
		t.Fatalf("regions add: %s", errs)
	}
	mgr, err := openFeeds(Env{}, store)
	if err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr, store: store}
	err = mf.SetUpPublish(context.Background(), ui.PublishSetup{URL: r.URL, User: r.User, Password: "nope", Days: 7})
	if caldav.StatusOf(err) != http.StatusUnauthorized || mf.PublishStatus().Calendar != "" {
		t.Errorf("wrong password: %v, status %+v", err, mf.PublishStatus())
	}
	if err := mf.SetUpPublish(context.Background(), ui.PublishSetup{URL: r.URL, User: r.User, Password: r.Pass, Days: 7, Busy: true}); err != nil {
		t.Fatal(err)
	}
	st := mf.PublishStatus()
	if st.Calendar != r.URL+"agent/shiftdesk-availability/" || st.Items == 0 || st.Created != st.Items || st.Err != "" {
		t.Errorf("status after setup: %+v", st)
	}
	if got := countObjects(t, r, "/agent/shiftdesk-availability/"); got != st.Items {
		t.Errorf("%d objects on the server, status says %d", got, st.Items)
	}
	pickAmongTwo(t, r, mf)
	if err := mf.StopPublish(context.Background()); err != nil || mf.PublishStatus().Calendar != "" {
		t.Errorf("stop: %v, %+v", err, mf.PublishStatus())
	}
}
