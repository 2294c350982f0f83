package caldav

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	gocaldav "github.com/emersion/go-webdav/caldav"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// memBackend is an in-memory backend for go-webdav's own CalDAV server:
// one user "/u/", one calendar "Work", and ETags that enforce If-Match
// and If-None-Match on PUT.
type memBackend struct {
	mu   sync.Mutex
	objs map[string]gocaldav.CalendarObject
	seq  int
}

const memCal = "/u/cals/work/"

func notFound(p string) error {
	return webdav.NewHTTPError(http.StatusNotFound, fmt.Errorf("%s not found", p))
}

func (b *memBackend) CurrentUserPrincipal(context.Context) (string, error) { return "/u/", nil }
func (b *memBackend) CalendarHomeSetPath(context.Context) (string, error)  { return "/u/cals/", nil }
func (b *memBackend) CreateCalendar(context.Context, *gocaldav.Calendar) error {
	return webdav.NewHTTPError(http.StatusForbidden, errors.New("no"))
}
func (b *memBackend) ListCalendars(context.Context) ([]gocaldav.Calendar, error) {
	return []gocaldav.Calendar{{Path: memCal, Name: "Work", SupportedComponentSet: []string{"VEVENT"}}}, nil
}
func (b *memBackend) GetCalendar(_ context.Context, p string) (*gocaldav.Calendar, error) {
	if dirPath(p) != memCal {
		return nil, notFound(p)
	}
	return &gocaldav.Calendar{Path: memCal, Name: "Work"}, nil
}
func (b *memBackend) GetCalendarObject(_ context.Context, p string, _ *gocaldav.CalendarCompRequest) (*gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, ok := b.objs[p]
	if !ok {
		return nil, notFound(p)
	}
	return &o, nil
}
func (b *memBackend) ListCalendarObjects(context.Context, string, *gocaldav.CalendarCompRequest) ([]gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []gocaldav.CalendarObject
	for _, o := range b.objs {
		out = append(out, o)
	}
	return out, nil
}
func (b *memBackend) QueryCalendarObjects(ctx context.Context, p string, q *gocaldav.CalendarQuery) ([]gocaldav.CalendarObject, error) {
	all, _ := b.ListCalendarObjects(ctx, p, nil)
	return gocaldav.Filter(q, all)
}
func (b *memBackend) PutCalendarObject(_ context.Context, p string, cal *ical.Calendar, opts *gocaldav.PutCalendarObjectOptions) (*gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	old, exists := b.objs[p]
	if opts.IfNoneMatch.IsWildcard() && exists {
		return nil, webdav.NewHTTPError(http.StatusPreconditionFailed, errors.New("exists"))
	}
	if opts.IfMatch.IsSet() {
		if ok, _ := opts.IfMatch.MatchETag(old.ETag); !exists || !ok {
			return nil, webdav.NewHTTPError(http.StatusPreconditionFailed, errors.New("changed"))
		}
	}
	b.seq++
	o := gocaldav.CalendarObject{Path: p, Data: cal, ETag: fmt.Sprintf("v%d", b.seq), ModTime: time.Now()}
	if b.objs == nil {
		b.objs = map[string]gocaldav.CalendarObject{}
	}
	b.objs[p] = o
	return &o, nil
}
func (b *memBackend) DeleteCalendarObject(_ context.Context, p string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.objs[p]; !ok {
		return notFound(p)
	}
	delete(b.objs, p)
	return nil
}

// touch changes the object at p on the server (a new ETag and summary).
func (b *memBackend) touch(p string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o := b.objs[p]
	b.seq++
	o.ETag = fmt.Sprintf("v%d", b.seq)
	o.Data.Events()[0].Props.SetText(ical.PropSummary, "Edited")
	b.objs[p] = o
}

func goWebdavServer(t *testing.T) (*memBackend, *Client) {
	t.Helper()
	b := &memBackend{}
	srv := httptest.NewServer(&gocaldav.Handler{Backend: b})
	t.Cleanup(srv.Close)
	c, err := Dial(Account{URL: srv.URL, User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	return b, c
}

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
	if err != nil || rep.Created != 3 || len(b.objs) != 3 {
		t.Fatalf("publish: %s, %v, %d on the server", rep, err, len(b.objs))
	}
	v2 := []availability.Interval{day(20, 8, 12), day(21, 8, 13)}
	rep, st, err = c.Publish(ctx, cal, objectsOf(t, v2), st)
	if err != nil || rep.Unchanged != 1 || rep.Updated != 1 || rep.Removed != 1 || rep.Created != 0 || len(b.objs) != 2 {
		t.Fatalf("republish: %s, %v, %d on the server", rep, err, len(b.objs))
	}
	edited := Href(memCal, "avail-20261021T060000Z@shiftdesk")
	b.touch(edited)
	rep, _, err = c.Publish(ctx, cal, objectsOf(t, []availability.Interval{day(20, 8, 12), day(21, 9, 13)}), st)
	if err != nil || len(rep.Conflicts) != 1 || rep.Conflicts[0].Href != edited {
		t.Fatalf("publish over an edit: %s, %v", rep, err)
	}
	if s, _ := b.objs[edited].Data.Events()[0].Props.Text(ical.PropSummary); s != "Edited" {
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
	b.touch(Href(memCal, objs[2].UID))
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
