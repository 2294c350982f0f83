package caldav

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

func goWebdavServer(t *testing.T) (*caldavtest.Mem, *Client) {
	t.Helper()
	b := &caldavtest.Mem{}
	c, err := Dial(Account{URL: caldavtest.ServeMem(t, b), User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	return b, c
}

const memCal = caldavtest.MemCal

// TestPublishOnGoWebdavServer is the fast case on go-webdav's own server:
// discovery through the principal and calendar home, create, replace,
// delete, leave alone, and a conflict on an object edited on the server.
func TestPublishOnGoWebdavServer(t *testing.T) {
	b, c := goWebdavServer(t)
	ctx := context.Background()
	cal, err := c.Find(ctx, "work", false)
	if err != nil || cal.Href != memCal {
		t.Fatalf("Find = %+v, %v", cal, err)
	}
	day := func(d, h1, h2 int) availability.Interval {
		return availability.Interval{Start: time.Date(2026, 10, d, h1, 0, 0, 0, stockholm), End: time.Date(2026, 10, d, h2, 0, 0, 0, stockholm)}
	}
	v1 := []availability.Interval{day(20, 8, 12), day(21, 8, 12), day(22, 8, 12)}
	rep, st, err := c.Publish(ctx, cal, objectsOf(t, v1), State{})
	if err != nil || rep.Created != 3 || len(b.Objs) != 3 {
		t.Fatalf("publish: %s, %v, %d on the server", rep, err, len(b.Objs))
	}
	v2 := []availability.Interval{day(20, 8, 12), day(21, 8, 13)}
	rep, st, err = c.Publish(ctx, cal, objectsOf(t, v2), st)
	if err != nil || rep.Unchanged != 1 || rep.Updated != 1 || rep.Removed != 1 || rep.Created != 0 || len(b.Objs) != 2 {
		t.Fatalf("republish: %s, %v, %d on the server", rep, err, len(b.Objs))
	}
	edited := Href(memCal, "avail-20261021T060000Z@shiftdesk")
	b.Touch(edited)
	rep, _, err = c.Publish(ctx, cal, objectsOf(t, []availability.Interval{day(20, 8, 12), day(21, 9, 13)}), st)
	if err != nil || len(rep.Conflicts) != 1 || rep.Conflicts[0].Href != edited {
		t.Fatalf("publish over an edit: %s, %v", rep, err)
	}
	if s, _ := b.Objs[edited].Data.Events()[0].Props.Text(ical.PropSummary); s != "Edited" {
		t.Errorf("the edited object was overwritten: %q", s)
	}
}

// TestReadOnGoWebdavServer reads a calendar without getctag: every read
// queries the ETags, and only new or changed objects are downloaded.
func TestReadOnGoWebdavServer(t *testing.T) {
	b, c := goWebdavServer(t)
	ctx := context.Background()
	objs := objectsOf(t, windowsOf(t, "testdata/stockholm_v1.ics"))[:5]
	if _, _, err := c.Publish(ctx, Calendar{Href: memCal}, objs, State{}); err != nil {
		t.Fatal(err)
	}
	from, to := twoWeeks[0], twoWeeks[1]
	res, st, err := c.Read(ctx, Calendar{Href: memCal}, from, to, SourceState{})
	if err != nil || res.Objects != 5 || res.Fetched != 5 || strings.Count(string(res.Body), "BEGIN:VEVENT") != 5 {
		t.Fatalf("first read: %+v, %v", res, err)
	}
	if strings.Count(string(res.Body), "BEGIN:VTIMEZONE") != 1 {
		t.Errorf("the body should hold one VTIMEZONE per zone:\n%s", res.Body)
	}
	b.Touch(Href(memCal, objs[2].UID))
	res, _, err = c.Read(ctx, Calendar{Href: memCal}, from, to, st)
	if err != nil || res.NotModified || res.Objects != 5 || res.Fetched != 1 || !strings.Contains(string(res.Body), "SUMMARY:Edited") {
		t.Errorf("second read: %+v, %v", res, err)
	}
}

// TestNotCalDAV: a web server that is not CalDAV is said in plain words.
func TestNotCalDAV(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><title>Welcome</title></html>")
	}))
	defer srv.Close()
	c, err := Dial(Account{URL: srv.URL + "/calendar", User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Find(context.Background(), "", false)
	if !errors.Is(err, ErrNotCalDAV) || !strings.Contains(err.Error(), "not as a CalDAV server") {
		t.Errorf("Find on a web site: %v", err)
	}
}

// TestCredentialsStayOnTheHost: a /.well-known/caldav redirect to another
// host is not followed, and that host never sees the password.
func TestCredentialsStayOnTheHost(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the other host got %s %s (Authorization %q)", r.Method, r.URL, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/caldav" {
			http.Redirect(w, r, other.URL+"/dav/", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusMultiStatus)
		fmt.Fprint(w, `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/</d:href>`+
			`<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`)
	}))
	defer srv.Close()
	c, err := Dial(Account{URL: srv.URL, User: "u", Password: "secret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Find(context.Background(), "", false)
	if err == nil || !strings.Contains(err.Error(), "another host") || strings.Contains(err.Error(), "secret-pw") {
		t.Errorf("redirect to another host: %v", err)
	}
	moved := httptest.NewServer(http.RedirectHandler(other.URL+"/dav/?token=abc", http.StatusMovedPermanently))
	defer moved.Close()
	c, _ = Dial(Account{URL: moved.URL + "/cal/", User: "u", Password: "secret-pw"})
	if _, err := c.Find(context.Background(), "", false); err == nil || !strings.Contains(err.Error(), "moved this address to "+other.URL+"/dav/:") {
		t.Errorf("a moved calendar: %v", err)
	}
	if _, err := Dial(Account{URL: "https://u:pw@example.com/dav"}); err == nil || strings.Contains(err.Error(), "pw") {
		t.Errorf("a password in the URL: %v", err)
	}
}
