package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/app/ui"
)

// shiftObject is one calendar object: a shift tomorrow from hour to
// hour+8, UTC.
func shiftObject(uid string, hour int) string {
	day := time.Now().UTC().AddDate(0, 0, 1).Format("20060102")
	return fmt.Sprintf("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lead//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\n"+
		"DTSTAMP:20260101T000000Z\r\nDTSTART:%sT%02d0000Z\r\nDTEND:%sT%02d0000Z\r\nSUMMARY:Shift\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		uid, day, hour, day, hour+8)
}

// TestRadicaleFeedsAddAndSync subscribes to a calendar on a Radicale
// server by the server's address and the calendar's name (detected as
// CalDAV by the server's answer), syncs it, changes it on the server and
// syncs again (the change is reported as for an ICS feed), then sees a
// wrong password and the calendar deleted in plain words. A plain ICS
// feed on an ordinary web server stays an ICS feed.
func TestRadicaleFeedsAddAndSync(t *testing.T) {
	r := caldavtest.Start(t)
	cliHome(t)
	t.Setenv("TZ", "UTC")
	store := secrets.NewFake()
	for _, path := range []string{"/agent/schedule/", "/agent/personal/"} {
		if code, _ := r.Raw(t, "MKCALENDAR", path, ""); code != http.StatusCreated {
			t.Fatalf("MKCALENDAR %s: %d", path, code)
		}
	}
	if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/a.ics", shiftObject("a@lead", 8)); code != http.StatusCreated {
		t.Fatalf("PUT: %d", code)
	}
	feedsCmd := withStore(store, runFeedsWith)
	code, _, errs := cliRun(t, feedsCmd, r.Pass+"\n", "add", r.URL, "--user", r.User, "--password-stdin")
	if code != 1 || !strings.Contains(errs, "--calendar NAME") || !strings.Contains(errs, "schedule") {
		t.Errorf("add a server with two calendars and no --calendar: %d %q", code, errs)
	}
	code, out, errs := cliRun(t, feedsCmd, r.Pass+"\n", "add", r.URL, "--user", r.User, "--password-stdin", "--calendar", "schedule", "--name", "Team")
	if code != 0 || !strings.Contains(out, "added Team ("+r.URL+"agent/schedule/)") {
		t.Fatalf("feeds add: %d %q %q", code, out, errs)
	}
	code, out, errs = cliRun(t, withStore(store, runSyncWith), "")
	if code != 0 || !strings.HasPrefix(out, "Team: updated (1 event") {
		t.Fatalf("first sync: %d %q %q", code, out, errs)
	}

	if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/a.ics", shiftObject("a@lead", 10)); code/100 != 2 {
		t.Fatalf("PUT: %d", code)
	}
	code, out, errs = cliRun(t, withStore(store, runSyncWith), "")
	if code != 0 || !strings.HasPrefix(out, "Team: updated (1 event") || !strings.Contains(out, "shift moved 08:00 → 10:00") {
		t.Errorf("sync after a change on the server: %d %q %q", code, out, errs)
	}
	if code, out, _ = cliRun(t, withStore(store, runSyncWith), ""); code != 0 || out != "Team: not modified\n" {
		t.Errorf("sync with nothing changed: %d %q", code, out)
	}

	if err := store.Set(keyOfOnlyFeed(t), "wrong"); err != nil {
		t.Fatal(err)
	}
	if code, out, _ = cliRun(t, withStore(store, runSyncWith), ""); code != 1 || !strings.Contains(out, "Team: failed: sign-in failed") {
		t.Errorf("wrong password: %d %q", code, out)
	}
	if err := store.Set(keyOfOnlyFeed(t), r.Pass); err != nil {
		t.Fatal(err)
	}
	if code, _ := r.Raw(t, http.MethodDelete, "/agent/schedule/", ""); code/100 != 2 {
		t.Fatalf("DELETE: %d", code)
	}
	if code, out, _ = cliRun(t, withStore(store, runSyncWith), ""); code != 1 || !strings.Contains(out, "Team: failed: the feed address no longer exists (the calendar was deleted") {
		t.Errorf("calendar deleted: %d %q", code, out)
	}

	// The window's feed form: a calendar's address is detected too.
	mgr, err := openFeeds(Env{}, store)
	if err != nil {
		t.Fatal(err)
	}
	err = (&managerFeeds{m: mgr}).Save(context.Background(), ui.FeedEdit{URL: r.URL + "agent/personal/", Name: "Personal",
		Auth: settings.AuthBasic, User: r.User, Secret: r.Pass})
	if f, ferr := mgr.Find("Personal"); err != nil || ferr != nil || !f.CalDAV {
		t.Errorf("window add of a CalDAV calendar: %v, %+v, %v", err, f, ferr)
	}

	srv := newFeedServer(t)
	srv.serve("/plain.ics", wfmFeed(t), "")
	if code, out, errs := cliRun(t, feedsCmd, "", "add", srv.URL+"/plain.ics", "--name", "Plain"); code != 0 || !strings.Contains(out, "added Plain") {
		t.Fatalf("add a plain feed: %d %q %q", code, out, errs)
	}
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), "", "Plain"); code != 0 || !strings.HasPrefix(out, "Plain: updated") {
		t.Errorf("plain feed: %d %q", code, out)
	}
}

// keyOfOnlyFeed is the keyring key of the password of the first feed.
func keyOfOnlyFeed(t *testing.T) string {
	t.Helper()
	m, err := openFeeds(Env{}, secrets.NewFake())
	if err != nil {
		t.Fatal(err)
	}
	return "feed/" + m.Feeds()[0].Feed.ID + "/password"
}
