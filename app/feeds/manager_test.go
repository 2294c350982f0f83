package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// rig is a Manager on temp dirs with a fake keyring and captured logs.
type rig struct {
	m          *Manager
	store      *secrets.Fake
	clock      *clock
	cfg, cache string
	logs       *bytes.Buffer
	opts       Options
}

// start is inside the wfm_export_stockholm.ics schedule (Mon 19 Oct 2026).
var start = time.Date(2026, 10, 19, 8, 0, 0, 0, time.UTC)

func newRig(t *testing.T, edit ...func(*Options)) *rig {
	t.Helper()
	r := &rig{store: secrets.NewFake(), clock: &clock{t: start}, cfg: t.TempDir(), cache: t.TempDir(), logs: &bytes.Buffer{}}
	r.opts = Options{ConfigDir: r.cfg, CacheDir: r.cache, Secrets: r.store, UserAgent: "Shiftdesk/1.2.3",
		Now: r.clock.Now, Logger: slog.New(slog.NewTextHandler(&syncWriter{w: r.logs}, nil)),
		ConnectTimeout: 2 * time.Second, Timeout: 5 * time.Second, Jitter: func() float64 { return 0.5 }}
	for _, e := range edit {
		e(&r.opts)
	}
	m, err := New(r.opts)
	if err != nil {
		t.Fatal(err)
	}
	r.m = m
	if err := m.UpdateSettings(func(s *settings.Settings) error { s.Zone = "Europe/Stockholm"; return nil }); err != nil {
		t.Fatal(err)
	}
	return r
}

// reopen builds a new Manager on the same dirs (an app restart).
func (r *rig) reopen(t *testing.T) *Manager {
	t.Helper()
	m, err := New(r.opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// server is an httptest server whose answer the test sets.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	handler  http.HandlerFunc
	requests []*http.Request
}

func newServer(t *testing.T) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(context.Background()))
		h := s.handler
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) set(h http.HandlerFunc) { s.mu.Lock(); s.handler = h; s.mu.Unlock() }
func (s *server) last() *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[len(s.requests)-1]
}
func (s *server) count() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.requests) }

func serveBody(body []byte, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		}
		w.Write(body)
	}
}

func serveStatus(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func syncOne(t *testing.T, m *Manager, key string) Result {
	t.Helper()
	rs := m.Sync(context.Background(), nil, key)
	if len(rs) != 1 {
		t.Fatalf("Sync returned %d results", len(rs))
	}
	return rs[0]
}

func cacheBody(t *testing.T, r *rig, id string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.cache, "feeds", id, bodyFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSync200ThenConditional(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	for _, mode := range []string{"etag", "last-modified"} {
		t.Run(mode, func(t *testing.T) {
			r := newRig(t)
			srv := newServer(t)
			const etag = `"v1-abc"`
			const lastMod = "Fri, 16 Oct 2026 03:15:00 GMT"
			srv.set(func(w http.ResponseWriter, req *http.Request) {
				if mode == "etag" {
					if req.Header.Get("If-None-Match") == etag {
						w.WriteHeader(http.StatusNotModified)
						return
					}
					w.Header().Set("ETag", etag)
				} else {
					if req.Header.Get("If-Modified-Since") == lastMod {
						w.WriteHeader(http.StatusNotModified)
						return
					}
					w.Header().Set("Last-Modified", lastMod)
				}
				serveBody(wfm)(w, req)
			})
			f, err := r.m.Add(NewFeed{URL: srv.URL + "/agent/20481.ics", Name: "Work"})
			if err != nil {
				t.Fatal(err)
			}
			res := syncOne(t, r.m, "Work")
			if res.Outcome != Updated || res.Events == 0 || res.Err != nil {
				t.Fatalf("first sync: %+v", res)
			}
			if ua := srv.last().Header.Get("User-Agent"); ua != "Shiftdesk/1.2.3" {
				t.Fatalf("User-Agent %q", ua)
			}
			if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
				t.Fatal("the cache does not hold the downloaded bytes")
			}
			r.clock.Add(2 * time.Hour)
			res = syncOne(t, r.m, "work") // names are case-insensitive
			if res.Outcome != NotModified || res.String() != "not modified" {
				t.Fatalf("conditional sync: %+v", res)
			}
			if mode == "etag" && srv.last().Header.Get("If-None-Match") != etag {
				t.Fatal("no If-None-Match sent")
			}
			if mode == "last-modified" && srv.last().Header.Get("If-Modified-Since") != lastMod {
				t.Fatal("no If-Modified-Since sent")
			}
			st := r.m.Feeds()[0]
			if !st.LastSync.Equal(r.clock.Now()) || st.LastError != "" || st.Status != "synced just now" || st.Events != res.Events {
				t.Fatalf("state after 304: %+v", st)
			}
			if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
				t.Fatal("304 changed the cache")
			}
			occ, _ := r.m.Occurrences(start, start.Add(7*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
			if len(occ) == 0 || occ[0].Source != "Work" {
				t.Fatalf("occurrences from the cache: %d, first %+v", len(occ), occ)
			}
		})
	}
}

func TestSyncFailuresKeepCache(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	html := readTestdata(t, "bad_html_error_page.ics")
	cases := []struct {
		name    string
		handler http.HandlerFunc
		reason  Reason
		plain   string
	}{
		{"401", serveStatus(401), ReasonAuth, "sign-in failed — check the password or token"},
		{"403", serveStatus(403), ReasonAuth, "sign-in failed — check the password or token"},
		{"404", serveStatus(404), ReasonGone, "the feed address no longer exists"},
		{"410", serveStatus(410), ReasonGone, "the feed address no longer exists"},
		{"html login page", serveBody(html, "Content-Type", "text/html; charset=utf-8"), ReasonWebPage, "the server sent a web page, not a calendar (maybe a login page)"},
		{"html as text/calendar", serveBody(html), ReasonWebPage, "the server sent a web page, not a calendar (maybe a login page)"},
		{"empty 200", serveBody(nil), ReasonEmpty, "the server sent an empty file"},
		{"truncated body", func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(wfm)))
			w.Write(wfm[:len(wfm)/2]) // the connection closes short of Content-Length
		}, ReasonTruncated, "the download was cut off (truncated)"},
		{"truncated calendar", serveBody(wfm[:len(wfm)*2/3]), ReasonTruncated, "the download was cut off (truncated)"},
		{"oversize", serveBody(bytes.Repeat(wfm, 4)), ReasonTooLarge, "the feed is too large"},
		{"oversize chunked", func(w http.ResponseWriter, req *http.Request) {
			for i := 0; i < 4; i++ {
				w.Write(wfm)
				w.(http.Flusher).Flush()
			}
		}, ReasonTooLarge, "the feed is too large"},
		{"not a calendar", serveBody([]byte("hello, this is plain text\n"), "Content-Type", "text/plain"), ReasonNotCalendar, "the server sent something that is not a calendar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, func(o *Options) { o.MaxBytes = int64(len(wfm) * 2) })
			srv := newServer(t)
			srv.set(serveBody(wfm))
			f, err := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
			if err != nil {
				t.Fatal(err)
			}
			if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
				t.Fatalf("first sync: %v", res)
			}
			before, _ := r.m.Occurrences(start, start.Add(14*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
			srv.set(c.handler)
			r.clock.Add(2 * time.Hour)
			res := syncOne(t, r.m, f.ID)
			if res.Outcome != Failed || res.Err == nil || res.Err.Reason != c.reason {
				t.Fatalf("got %v (%+v), want failed with reason %s", res, res.Err, c.reason)
			}
			if !strings.HasPrefix(res.Err.Plain(), c.plain) {
				t.Fatalf("message %q, want %q", res.Err.Plain(), c.plain)
			}
			if res.Err.Error() != "feeds: Work: "+res.Err.Plain() {
				t.Fatalf("Error() = %q", res.Err.Error())
			}
			if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
				t.Fatal("a rejected download touched the cache")
			}
			after, _ := r.m.Occurrences(start, start.Add(14*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
			if len(after) != len(before) || len(after) == 0 {
				t.Fatalf("occurrences %d before, %d after a failed sync", len(before), len(after))
			}
			st := r.m.Feeds()[0]
			if st.LastError != res.Err.Plain() || !strings.Contains(st.Status, "showing the copy from 2 h ago") {
				t.Fatalf("state: %+v", st)
			}
			// The state keeps the server's status for the window's wording.
			wantStatus := 0
			fmt.Sscanf(c.name, "%d", &wantStatus)
			if st.HTTPStatus != wantStatus || st.Reason != c.reason {
				t.Fatalf("state status %d reason %s, want %d %s", st.HTTPStatus, st.Reason, wantStatus, c.reason)
			}
			if !st.NextSync.Equal(res.RetryAt) || !res.RetryAt.After(r.clock.Now()) {
				t.Fatalf("next sync %v, retry %v", st.NextSync, res.RetryAt)
			}
			// The failure as data, for the window to word: the next
			// attempt only for an unreachable server, which is "offline".
			p, unreachable := st.Problem(), c.reason == ReasonUnreachable
			if p.Reason != c.reason || p.Status != wantStatus || p.Feed != "Work" || st.Offline() != unreachable ||
				p.RetryAt.Equal(res.RetryAt) != unreachable {
				t.Fatalf("problem %+v, offline %v for reason %s", p, st.Offline(), c.reason)
			}
		})
	}
}

func TestServerErrorThenRecovery(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveStatus(500))
	f, err := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	if err != nil {
		t.Fatal(err)
	}
	res := syncOne(t, r.m, f.ID)
	// Jitter 0.5 → first retry after 3m45s: 10:03:45 in Stockholm (CEST).
	want := "server unreachable, will retry at 10:03 (HTTP 500)"
	if res.Outcome != Failed || res.Err.Reason != ReasonUnreachable || res.Err.Plain() != want {
		t.Fatalf("500: %q, want %q", res.Err.Plain(), want)
	}
	if got := r.m.NextSync(f.ID); !got.Equal(start.Add(3*time.Minute + 45*time.Second)) {
		t.Fatalf("NextSync after one failure = %v", got)
	}
	r.clock.Add(4 * time.Minute)
	res = syncOne(t, r.m, f.ID)
	if got := r.m.NextSync(f.ID).Sub(r.clock.Now()); got != 7*time.Minute+30*time.Second {
		t.Fatalf("second backoff = %v, want 7m30s", got)
	}
	if st := r.m.Feeds()[0]; !strings.HasPrefix(st.Status, "failed: server unreachable") || st.Cached ||
		!st.Offline() || st.Problem().Reason != ReasonUnreachable || st.Problem().Status != 500 ||
		!st.Problem().RetryAt.Equal(r.m.NextSync(f.ID)) {
		t.Fatalf("state: %+v, problem %+v", st, st.Problem())
	}
	srv.set(serveBody(wfm))
	r.clock.Add(8 * time.Minute)
	res = syncOne(t, r.m, f.ID)
	if res.Outcome != Updated {
		t.Fatalf("recovery: %v", res)
	}
	st := r.m.Feeds()[0]
	if st.LastError != "" || st.Status != "synced just now" {
		t.Fatalf("after recovery: %+v", st)
	}
	// The feed asks for PT1H, the default is 1 h: next sync in 1 h.
	if got := r.m.NextSync(f.ID).Sub(r.clock.Now()); got != time.Hour {
		t.Fatalf("interval after recovery = %v", got)
	}
}

func TestRefreshInterval(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics") // REFRESH-INTERVAL PT1H
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	short, _ := r.m.Add(NewFeed{URL: srv.URL + "/a.ics", Name: "Short", RefreshMinutes: 10})
	long, _ := r.m.Add(NewFeed{URL: srv.URL + "/b.ics", Name: "Long", RefreshMinutes: 180})
	if got := r.m.NextSync(short.ID); !got.Equal(r.clock.Now()) {
		t.Fatalf("a new feed is due now, got %v", got)
	}
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/c.ics", Name: "Too short", RefreshMinutes: 2}); err == nil {
		t.Fatal("a 2-minute interval was accepted")
	}
	r.m.Sync(context.Background(), nil)
	if got := r.m.Interval(short.ID); got != time.Hour {
		t.Fatalf("10 min asked, the feed asks PT1H: interval %v, want 1h", got)
	}
	if got := r.m.Interval(long.ID); got != 3*time.Hour {
		t.Fatalf("interval %v, want 3h", got)
	}
	if got := r.m.NextSync(long.ID); !got.Equal(start.Add(3 * time.Hour)) {
		t.Fatalf("NextSync = %v", got)
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	r := newRig(t, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	srv := newServer(t)
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-req.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/slow.ics", Name: "Slow"})
	t0 := time.Now()
	res := syncOne(t, r.m, f.ID)
	if d := time.Since(t0); d > 3*time.Second {
		t.Fatalf("sync took %v with a 300 ms timeout", d)
	}
	if res.Outcome != Failed || res.Err.Reason != ReasonUnreachable || !strings.Contains(res.Err.Plain(), "timed out") {
		t.Fatalf("slow server: %v", res)
	}
}

func TestGzipAndWebcal(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		if !strings.Contains(req.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("no gzip asked: %q", req.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/calendar")
		gz := gzip.NewWriter(w)
		gz.Write(wfm)
		gz.Close()
	})
	webcal := "webcal://" + strings.TrimPrefix(srv.URL, "http://") + "/cal.ics"
	f, err := r.m.Add(NewFeed{URL: webcal})
	if err != nil {
		t.Fatal(err)
	}
	if f.URL != srv.URL+"/cal.ics" || f.Name != strings.TrimPrefix(srv.URL, "http://") {
		t.Fatalf("webcal stored as %q named %q", f.URL, f.Name)
	}
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != Updated {
		t.Fatalf("gzip sync: %v", res)
	}
	if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
		t.Fatal("the cache does not hold the decompressed feed")
	}
}

func TestRedirectNeverSendsCredentialsToAnotherHost(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	const token = "tok-9f8e7d6c5b4a"
	const urlSecret = "key-0a1b2c3d4e5f"
	other := newServer(t) // another host: a different port on 127.0.0.1
	other.set(serveBody(wfm))
	home := newServer(t)
	redirectTo := other.URL + "/moved.ics"
	home.set(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/cal.ics":
			http.Redirect(w, req, "/same-host.ics", http.StatusFound)
		case "/same-host.ics":
			if req.Header.Get("Authorization") != "Bearer "+token {
				t.Errorf("same-host redirect lost the token: %q", req.Header.Get("Authorization"))
			}
			http.Redirect(w, req, redirectTo, http.StatusMovedPermanently)
		}
	})
	r := newRig(t)
	f, err := r.m.Add(NewFeed{URL: home.URL + "/cal.ics?key=" + urlSecret, Name: "Work", Token: token})
	if err != nil {
		t.Fatal(err)
	}
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != Updated {
		t.Fatalf("redirected sync: %v", res)
	}
	got := other.last()
	if a := got.Header.Get("Authorization"); a != "" {
		t.Fatalf("the other host received Authorization %q", a)
	}
	if strings.Contains(got.URL.String(), urlSecret) || strings.Contains(got.URL.String(), token) {
		t.Fatalf("the other host received a secret in %q", got.URL)
	}
	if home.last().Header.Get("Authorization") == "" {
		t.Fatal("the feed's own host got no Authorization (the test would prove nothing)")
	}

	// A redirect that would carry the URL secret to the other host is refused.
	redirectTo = other.URL + "/moved.ics?key=" + urlSecret
	n := other.count()
	res = syncOne(t, r.m, f.ID)
	if res.Outcome != Failed || res.Err.Reason != ReasonRefused {
		t.Fatalf("secret-carrying redirect: %v", res)
	}
	if other.count() != n {
		t.Fatal("the other host was contacted with the secret address")
	}
}

func TestEmptyFeedHeldBackUntilConfirmed(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	empty := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Northwind Workforce//Schedule Export 5.2//EN\r\nEND:VCALENDAR\r\n")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	first := syncOne(t, r.m, f.ID)
	srv.set(serveBody(empty))
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != HeldBack || res.Events != first.Events {
		t.Fatalf("empty feed: %v", res)
	}
	if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
		t.Fatal("the empty feed replaced the cache before confirmation")
	}
	p := r.m.Pending()
	if len(p) != 1 || p[0].OldEvents != first.Events || !strings.Contains(p[0].Question, "keep the old schedule?") {
		t.Fatalf("pending: %+v", p)
	}
	// Keep the old schedule: nothing pending, cache unchanged; the next
	// sync asks again.
	if err := r.m.Reject(f.ID); err != nil {
		t.Fatal(err)
	}
	if len(r.m.Pending()) != 0 || !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
		t.Fatal("Reject did not keep the old copy")
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != HeldBack {
		t.Fatalf("second empty download: %v", res)
	}
	// A restart still knows about it.
	m2 := r.reopen(t)
	if len(m2.Pending()) != 1 {
		t.Fatal("pending confirmation lost on restart")
	}
	if err := m2.Confirm("Work"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(cacheBody(t, r, f.ID), empty) || len(m2.Pending()) != 0 || m2.Feeds()[0].Events != 0 {
		t.Fatal("Confirm did not accept the empty feed")
	}
	if occ, _ := m2.Occurrences(start, start.Add(14*24*time.Hour), calendar.ExpandOptions{}); len(occ) != 0 {
		t.Fatalf("%d occurrences after confirming an empty feed", len(occ))
	}
}

// A feed that comes back with its old schedule, after an empty download
// was held back, ends the question: there is nothing left to confirm, so
// Confirm cannot wipe the schedule the feed still has.
func TestHeldBackEmptyFeedRecovers(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	empty := []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Northwind Workforce//Schedule Export 5.2//EN\r\nEND:VCALENDAR\r\n")
	for _, mode := range []string{"same bytes", "304"} {
		t.Run(mode, func(t *testing.T) {
			r := newRig(t)
			srv := newServer(t)
			const etag = `"v1"`
			srv.set(serveBody(wfm, "ETag", etag))
			f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
			first := syncOne(t, r.m, f.ID)
			srv.set(serveBody(empty, "ETag", `"v2"`))
			if res := syncOne(t, r.m, f.ID); res.Outcome != HeldBack {
				t.Fatalf("empty feed: %v", res)
			}
			if mode == "304" {
				srv.set(func(w http.ResponseWriter, req *http.Request) {
					if req.Header.Get("If-None-Match") != etag {
						t.Errorf("If-None-Match %q, want the cached copy's %q", req.Header.Get("If-None-Match"), etag)
					}
					w.WriteHeader(http.StatusNotModified)
				})
			} else {
				srv.set(serveBody(wfm))
			}
			if res := syncOne(t, r.m, f.ID); res.Outcome != NotModified {
				t.Fatalf("feed back to its old copy: %v", res)
			}
			if p := r.m.Pending(); len(p) != 0 {
				t.Fatalf("still pending after the feed recovered: %+v", p)
			}
			if st := r.m.Feeds()[0]; st.Pending || strings.Contains(st.Status, "empty") {
				t.Fatalf("state: %+v", st)
			}
			if err := r.m.Confirm(f.ID); err == nil {
				t.Fatal("Confirm accepted a stale empty download")
			}
			if !bytes.Equal(cacheBody(t, r, f.ID), wfm) || r.reopen(t).Feeds()[0].Events != first.Events {
				t.Fatal("the schedule was lost")
			}
		})
	}
}

func TestInterruptedCacheWriteKeepsOldCopy(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	crash := false
	r := newRig(t, func(o *Options) {
		o.AfterTempWrite = func(tmp string) error {
			if crash && strings.Contains(filepath.Base(tmp), bodyFile) {
				return errors.New("simulated crash after the temp file")
			}
			return nil
		}
	})
	srv := newServer(t)
	srv.set(serveBody(wfm))
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	syncOne(t, r.m, f.ID)
	changed := bytes.Replace(wfm, []byte("DTSTART:20261020T060000Z"), []byte("DTSTART:20261020T050000Z"), 1)
	srv.set(serveBody(changed))
	crash = true
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != Failed {
		t.Fatalf("sync with a crash: %v", res)
	}
	if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
		t.Fatal("an interrupted write replaced the cache")
	}
	entries, _ := os.ReadDir(filepath.Join(r.cache, "feeds", f.ID))
	temps := 0
	for _, e := range entries {
		if settings.IsTempFile(e.Name()) {
			temps++
		}
	}
	if temps != 1 {
		t.Fatalf("want the crash's temp file left behind, found %d", temps)
	}
	// The crashed writer is this (still running) test process: age the
	// temp file past atomicfile.StaleAge, as a crashed writer's would be
	// (TestCleanTempsSparesLiveWriters covers a live writer's).
	for _, e := range entries {
		if settings.IsTempFile(e.Name()) {
			old := time.Now().Add(-2 * time.Hour)
			os.Chtimes(filepath.Join(r.cache, "feeds", f.ID, e.Name()), old, old)
		}
	}
	// Restart: the old copy is read, the temp file is cleaned up.
	crash = false
	m2 := r.reopen(t)
	occ, _ := m2.Occurrences(start, start.Add(7*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	if len(occ) == 0 {
		t.Fatal("no occurrences from the old copy after the crash")
	}
	entries, _ = os.ReadDir(filepath.Join(r.cache, "feeds", f.ID))
	for _, e := range entries {
		if settings.IsTempFile(e.Name()) {
			t.Fatalf("temp file %s survived the restart", e.Name())
		}
	}
}

func TestOfflineStartUsesCacheOnly(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	syncOne(t, r.m, f.ID)
	before, _ := r.m.Occurrences(start, start.Add(14*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	n := srv.count()
	srv.Close() // offline from here on
	r.clock.Add(3 * time.Hour)
	m2 := r.reopen(t)
	after, _ := m2.Occurrences(start, start.Add(14*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("offline start: %d occurrences, want %d", len(after), len(before))
	}
	if srv.count() != n {
		t.Fatal("start-up made a request")
	}
	parsed, err := m2.Parsed()
	if err != nil || len(parsed) != 1 {
		t.Fatalf("Parsed: %d, %v", len(parsed), err)
	}
	if st := m2.Feeds()[0]; st.Status != "synced 3 h ago" {
		t.Fatalf("status %q", st.Status)
	}
	res := syncOne(t, m2, f.ID)
	if res.Err == nil || res.Err.Reason != ReasonUnreachable {
		t.Fatalf("sync while offline: %v", res)
	}
	if st := m2.Feeds()[0]; !strings.HasPrefix(st.Status, "offline — last synced 3 h ago; server unreachable, will retry at ") {
		t.Fatalf("offline status %q", st.Status)
	}
}

func TestNoSecretLeaks(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	const password = "pw-Hunter2-Correct"
	const token = "tok-Bearer-5e6f7a8b"
	const urlToken = "qs-Token-11aa22bb33"
	const private = "private-0123456789abcdef0123456789abcdef"
	const userinfoPw = "ui-Pass-778899"
	leaks := []string{password, token, urlToken, private, userinfoPw, "0123456789abcdef0123456789abcdef"}
	r := newRig(t)
	srv := newServer(t)
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		user, pw, ok := req.BasicAuth()
		switch {
		case req.URL.Path == "/basic.ics" && ok && user == "elin" && pw == password,
			req.URL.Path == "/bearer.ics" && req.Header.Get("Authorization") == "Bearer "+token,
			strings.HasPrefix(req.URL.Path, "/calendar/ical/elin/"+private) && req.URL.Query().Get("token") == urlToken,
			req.URL.Path == "/userinfo.ics" && ok && user == "sam" && pw == userinfoPw:
			serveBody(wfm)(w, req)
		case req.URL.Path == "/down.ics":
			http.Error(w, "boom", http.StatusServiceUnavailable)
		default:
			http.Error(w, "no", http.StatusUnauthorized)
		}
	})
	host := strings.TrimPrefix(srv.URL, "http://")
	adds := []NewFeed{
		{URL: srv.URL + "/basic.ics", Name: "Basic", User: "elin", Password: password},
		{URL: srv.URL + "/bearer.ics", Name: "Bearer", Token: token},
		{URL: srv.URL + "/calendar/ical/elin/" + private + "/basic.ics?token=" + urlToken, Name: "Google"},
		{URL: "http://sam:" + userinfoPw + "@" + host + "/userinfo.ics", Name: "Userinfo"},
		{URL: srv.URL + "/down.ics?token=" + urlToken, Name: "Down", Token: token},
		{URL: "http://127.0.0.1:1/closed.ics?auth=" + urlToken, Name: "Closed", User: "elin", Password: password},
	}
	for _, nf := range adds {
		if _, err := r.m.Add(nf); err != nil {
			t.Fatalf("add %s: %v", nf.Name, err)
		}
	}
	var texts []string
	for _, res := range r.m.Sync(context.Background(), nil) {
		want := Updated
		if res.Name == "Down" || res.Name == "Closed" {
			want = Failed
		}
		if res.Outcome != want {
			t.Fatalf("%s: %v", res.Name, res)
		}
		texts = append(texts, res.String(), fmt.Sprintf("%+v", res))
		if res.Err != nil {
			texts = append(texts, res.Err.Error())
			if res.Err.Err != nil {
				texts = append(texts, res.Err.Err.Error())
			}
		}
	}
	for _, st := range r.m.Feeds() {
		texts = append(texts, fmt.Sprintf("%+v", st))
	}
	texts = append(texts, r.logs.String())
	for _, dir := range []string{r.cfg, r.cache} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				texts = append(texts, path+"\n"+string(b))
			}
			return nil
		})
	}
	for _, text := range texts {
		for _, s := range leaks {
			if strings.Contains(text, s) {
				t.Fatalf("secret %q leaked into:\n%s", s, text)
			}
		}
	}
	if !strings.Contains(r.logs.String(), "feeds: updated") {
		t.Fatal("nothing was logged: the log check proves nothing")
	}
	// The keyring holds them.
	if keys := r.store.Keys(); len(keys) != 8 {
		t.Fatalf("keyring keys: %v", keys)
	}
}

func TestKeyringUnavailableStoresNothing(t *testing.T) {
	r := newRig(t)
	r.store.Unavailable = true
	_, err := r.m.Add(NewFeed{URL: "https://wfm.example.com/cal.ics?token=abc123SECRET", Name: "Work"})
	if !errors.Is(err, secrets.ErrUnavailable) || !strings.Contains(err.Error(), "no keyring is available") || strings.Contains(err.Error(), "abc123SECRET") {
		t.Fatalf("Add without keyring: %v", err)
	}
	_, err = r.m.Add(NewFeed{URL: "https://wfm.example.com/cal.ics", Name: "Work", Token: "tok-abc"})
	if !errors.Is(err, secrets.ErrUnavailable) {
		t.Fatalf("Add with a token without keyring: %v", err)
	}
	if len(r.m.Feeds()) != 0 {
		t.Fatal("a feed was added without its secret")
	}
	data, _ := os.ReadFile(filepath.Join(r.cfg, settings.FileName))
	if bytes.Contains(data, []byte("abc123SECRET")) || bytes.Contains(data, []byte("tok-abc")) {
		t.Fatal("secret written to the config")
	}
	// A feed without secrets needs no keyring.
	if _, err := r.m.Add(NewFeed{URL: "https://wfm.example.com/public.ics"}); err != nil {
		t.Fatalf("public feed: %v", err)
	}
}

// TestAddRefusesSameFeedTwice: subscribing again to an address already
// read with the same sign-in would show every shift twice.
func TestAddRefusesSameFeedTwice(t *testing.T) {
	r := newRig(t)
	path := filepath.Join(t.TempDir(), "rota.ics")
	if err := os.WriteFile(path, readTestdata(t, "wfm_export_stockholm.ics"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, nf := range []NewFeed{
		{URL: path},
		{URL: "http://wfm.example.com/agent.ics", Name: "Work"},
		{URL: "https://wfm.example.com/team.ics", Name: "Team", User: "elin", Password: "pw-1"},
	} {
		if _, err := r.m.Add(nf); err != nil {
			t.Fatalf("add %s: %v", nf.URL, err)
		}
	}
	for _, c := range []struct {
		nf      NewFeed
		already string
	}{
		{NewFeed{URL: path, Name: "Again"}, "rota"},
		{NewFeed{URL: "file://" + path}, "rota"},
		{NewFeed{URL: "webcal://wfm.example.com/agent.ics"}, "Work"},
		{NewFeed{URL: "https://elin:pw-2@wfm.example.com/team.ics", Name: "Team 2"}, "Team"},
	} {
		_, err := r.m.Add(c.nf)
		if err == nil || !strings.Contains(err.Error(), "already subscribed as "+strconv.Quote(c.already)) || strings.Contains(err.Error(), "pw-2") {
			t.Errorf("add %s again: %v", c.nf.URL, err)
		}
	}
	// Another user's copy of the same address, or a secret address, is
	// another feed.
	for _, nf := range []NewFeed{
		{URL: "https://wfm.example.com/team.ics", Name: "Sam's team", User: "sam", Password: "pw-3"},
		{URL: "https://wfm.example.com/agent.ics?token=abc123", Name: "Private"},
		{URL: "https://wfm.example.com/agent.ics?token=def456", Name: "Private 2"},
	} {
		if _, err := r.m.Add(nf); err != nil {
			t.Errorf("add %s: %v", nf.Name, err)
		}
	}
	if n := len(r.m.Feeds()); n != 6 {
		t.Fatalf("%d feeds, want 6", n)
	}
}

func TestAddRefusesBeforeAnyRequest(t *testing.T) {
	r := newRig(t)
	srv := newServer(t)
	for _, raw := range []string{"ftp://" + strings.TrimPrefix(srv.URL, "http://") + "/cal.ics", "gopher://x/y"} {
		if _, err := r.m.Add(NewFeed{URL: raw}); err == nil || !strings.Contains(err.Error(), "not a feed address") {
			t.Fatalf("Add(%s): %v", raw, err)
		}
	}
	if srv.count() != 0 || len(r.m.Feeds()) != 0 || len(r.store.Keys()) != 0 {
		t.Fatal("a refused address left traces")
	}
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/a.ics", Password: "x"}); err == nil {
		t.Fatal("password without user accepted")
	}
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/a.ics", User: "u", Password: "x", Token: "y"}); err == nil {
		t.Fatal("password and token accepted together")
	}
}

// TestSyncUnknownName: a name no feed has fails that name alone, saying
// so (no server was asked), and the named feeds still sync.
func TestSyncUnknownName(t *testing.T) {
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(readTestdata(t, "wfm_export_stockholm.ics")))
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"}); err != nil {
		t.Fatal(err)
	}
	rs := r.m.Sync(context.Background(), nil, "Wrok", "Work")
	if len(rs) != 2 || rs[0].Outcome != Failed || rs[0].Err.Reason != ReasonNoFeed || rs[1].Outcome != Updated {
		t.Fatalf("results: %+v", rs)
	}
	if got := rs[0].String(); got != "failed: there is no feed by this name" {
		t.Fatalf("unknown name reads %q", got)
	}
	if srv.count() != 1 {
		t.Fatalf("%d requests, want 1", srv.count())
	}
}

func TestManageFeeds(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	a, _ := r.m.Add(NewFeed{URL: srv.URL + "/a.ics?token=sec-aaaa", Name: "Work", Token: "tok"})
	b, _ := r.m.Add(NewFeed{URL: srv.URL + "/b.ics", Name: "Other"})
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/c.ics", Name: "work"}); err == nil {
		t.Fatal("duplicate name accepted")
	}
	r.m.Sync(context.Background(), nil)
	if err := r.m.Rename("Other", "Team"); err != nil {
		t.Fatal(err)
	}
	if err := r.m.Rename("Team", "Work"); err == nil {
		t.Fatal("rename onto an existing name accepted")
	}
	if err := r.m.SetEnabled("Team", false); err != nil {
		t.Fatal(err)
	}
	occ, _ := r.m.Occurrences(start, start.Add(7*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	for _, o := range occ {
		if o.Source != "Work" {
			t.Fatalf("disabled feed shown: %+v", o)
		}
	}
	if rs := r.m.Sync(context.Background(), nil); len(rs) != 1 || rs[0].Name != "Work" {
		t.Fatalf("Sync of all should skip the disabled feed: %+v", rs)
	}
	m2 := r.reopen(t)
	if f, err := m2.Find("team"); err != nil || f.ID != b.ID || f.Enabled {
		t.Fatalf("after restart: %+v %v", f, err)
	}
	if err := m2.Remove("Work"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(r.cache, "feeds", a.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Remove left the cache")
	}
	for _, k := range r.store.Keys() {
		if strings.Contains(k, a.ID) {
			t.Fatalf("Remove left keyring entry %s", k)
		}
	}
	if err := m2.Remove("Work"); err == nil || !strings.Contains(err.Error(), `no feed named "Work"`) {
		t.Fatalf("second Remove: %v", err)
	}
	if len(m2.Feeds()) != 1 {
		t.Fatal("wrong feed removed")
	}
}

func TestChangesOnRealFeeds(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"})
	if res := syncOne(t, r.m, f.ID); res.Outcome != Updated || len(res.Changes) != 0 {
		t.Fatalf("first sync: %v %v", res, res.Changes)
	}
	v2 := string(wfm)
	// The Tue 20 Oct shift moves two hours earlier (same length).
	v2 = strings.Replace(v2, "DTSTART:20261020T060000Z\r\nDTEND:20261020T150000Z", "DTSTART:20261020T040000Z\r\nDTEND:20261020T130000Z", 1)
	// The Wed 21 Oct 08:00Z break is removed.
	i := strings.Index(v2, "UID:nw-sched-20481-20261021-0002@")
	begin := strings.LastIndex(v2[:i], "BEGIN:VEVENT")
	end := strings.Index(v2[i:], "END:VEVENT\r\n") + i + len("END:VEVENT\r\n")
	v2 = v2[:begin] + v2[end:]
	// A break is added on Thu 22 Oct 16:00Z.
	added := "BEGIN:VEVENT\r\nUID:nw-sched-20481-20261022-0099@wfm.northwind.example\r\nDTSTAMP:20261018T031500Z\r\n" +
		"DTSTART:20261022T160000Z\r\nDTEND:20261022T161500Z\r\nSUMMARY:Rast\r\nCATEGORIES:Break\r\nEND:VEVENT\r\n"
	v2 = strings.Replace(v2, "END:VCALENDAR", added+"END:VCALENDAR", 1)
	srv.set(serveBody([]byte(v2)))
	r.clock.Add(time.Hour)
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != Updated {
		t.Fatalf("second sync: %v", res)
	}
	var lines []string
	for _, c := range res.Changes {
		lines = append(lines, c.Line)
	}
	want := []string{
		"Tue 20 Oct: shift moved 08:00 → 06:00",
		"Wed 21 Oct: break removed (was 10:00–10:15)",
		"Thu 22 Oct: break added 18:00–18:15",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("changes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	moved := res.Changes[0]
	if moved.Kind != ChangeMoved || moved.Activity != calendar.KindShift || moved.Date != (calendar.Date{Year: 2026, Month: 10, Day: 20}) ||
		moved.OldStart.UTC().Hour() != 6 || moved.NewStart.UTC().Hour() != 4 || moved.Feed != "Work" {
		t.Fatalf("moved change as data: %+v", moved)
	}
	if res.Changes[2].Kind != ChangeAdded || !res.Changes[2].OldStart.IsZero() || res.Changes[1].Kind != ChangeRemoved || !res.Changes[1].NewStart.IsZero() {
		t.Fatalf("added/removed as data: %+v", res.Changes[1:])
	}
	// Kept across a restart, and a 304 does not clear it.
	m2 := r.reopen(t)
	if got := m2.Changes(); len(got) != 3 || got[0].Line != want[0] {
		t.Fatalf("Changes after restart: %+v", got)
	}
	if res := syncOne(t, m2, f.ID); res.Outcome != NotModified || len(m2.Changes()) != 3 {
		t.Fatalf("same bytes again: %v, %d changes", res, len(m2.Changes()))
	}
}

func TestRunSyncsDueFeeds(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t, func(o *Options) { o.Now = time.Now })
	srv := newServer(t)
	srv.set(serveBody(wfm))
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan []Result, 4)
	done := make(chan struct{})
	go func() { r.m.Run(ctx, func(rs []Result) { got <- rs }); close(done) }()
	select {
	case rs := <-got:
		if len(rs) != 1 || rs[0].Outcome != Updated {
			t.Fatalf("Run: %+v", rs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not sync the due feed")
	}
	// A feed added while Run waits is synced at once.
	if _, err := r.m.Add(NewFeed{URL: srv.URL + "/b.ics", Name: "Second"}); err != nil {
		t.Fatal(err)
	}
	select {
	case rs := <-got:
		if len(rs) != 1 || rs[0].Name != "Second" {
			t.Fatalf("Run after Add: %+v", rs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not pick up the new feed")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
	if srv.count() != 2 {
		t.Fatalf("%d requests, want 2 (nothing due after the syncs)", srv.count())
	}
}

// TestOccurrencesOfSeveralFeeds: the offline copies of all enabled feeds
// come back as one list in the engine's (start, summary) order, each
// named by its feed.
func TestOccurrencesOfSeveralFeeds(t *testing.T) {
	r := newRig(t)
	dir := t.TempDir()
	var parsed []*calendar.Feed
	for _, name := range []string{"wfm_export_stockholm.ics", "nextcloud_nachtdienst_amsterdam.ics"} {
		body := readTestdata(t, name)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := r.m.Add(NewFeed{URL: path})
		if err != nil {
			t.Fatal(err)
		}
		if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
			t.Fatalf("%s: %v", name, res)
		}
		p, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name})
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, p)
	}
	from, to := start, start.Add(14*24*time.Hour)
	opts := calendar.ExpandOptions{Zone: time.UTC}
	got, _ := r.m.Occurrences(from, to, opts)
	var lists [][]calendar.Occurrence
	for _, p := range parsed {
		o, _ := p.Expand(from, to, opts)
		for i := range o {
			o[i].Source = p.Source
		}
		lists = append(lists, o)
	}
	want := calendar.Merge(lists...)
	if len(got) != len(want) || len(lists[0]) == 0 || len(lists[1]) == 0 {
		t.Fatalf("%d occurrences, want %d (%d + %d)", len(got), len(want), len(lists[0]), len(lists[1]))
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || g.Summary != w.Summary || g.Source != w.Source || g.UID != w.UID {
			t.Fatalf("occurrence %d: %s %q from %s, want %s %q from %s", i, g.Start, g.Summary, g.Source, w.Start, w.Summary, w.Source)
		}
		if i > 0 && (g.Start.Before(got[i-1].Start) || g.Start.Equal(got[i-1].Start) && g.Summary < got[i-1].Summary) {
			t.Fatalf("occurrence %d (%s %q) out of order", i, g.Start, g.Summary)
		}
	}
}

func TestLocalFileFeed(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	path := filepath.Join(t.TempDir(), "rota.ics")
	if err := os.WriteFile(path, wfm, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := r.m.Add(NewFeed{URL: "file://" + path})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "rota" || f.URL != path {
		t.Fatalf("file feed stored as %+v", f)
	}
	if _, err := r.m.Add(NewFeed{URL: path, Token: "x"}); err == nil {
		t.Fatal("a token for a local file was accepted")
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
		t.Fatalf("file sync: %v", res)
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != NotModified {
		t.Fatalf("unchanged file: %v", res)
	}
	os.Remove(path)
	res := syncOne(t, r.m, f.ID)
	if res.Outcome != Failed || res.Err.Plain() != "the calendar file cannot be read (no such file)" {
		t.Fatalf("missing file: %v", res)
	}
	if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
		t.Fatal("a missing file touched the cache")
	}
}

func TestSetCredentials(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	want := "Bearer new-token"
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != want {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		serveBody(wfm)(w, req)
	})
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics", Name: "Work", User: "elin", Password: "old-pw"})
	if res := syncOne(t, r.m, f.ID); res.Err == nil || res.Err.Reason != ReasonAuth {
		t.Fatalf("wrong password: %v", res)
	}
	if err := r.m.SetCredentials("Work", "elin", "", "new-token"); err != nil {
		t.Fatal(err)
	}
	if keys := r.store.Keys(); len(keys) != 1 || keys[0] != keyToken(f.ID) {
		t.Fatalf("keyring after switching to a token: %v", keys)
	}
	if got, _ := r.m.Find("Work"); got.Auth != settings.AuthBearer || got.User != "" {
		t.Fatalf("feed after SetCredentials: %+v", got)
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
		t.Fatalf("with the new token: %v", res)
	}
	if err := r.m.SetCredentials("Work", "elin", "", ""); err == nil {
		t.Fatal("a user without a password was accepted")
	}
	if err := r.m.SetCredentials("Work", "", "", ""); err != nil {
		t.Fatal(err)
	}
	if len(r.store.Keys()) != 0 {
		t.Fatalf("keyring after removing the sign-in: %v", r.store.Keys())
	}
}

func TestUnreadableOfflineCopyIsReported(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	r.m.Add(NewFeed{URL: srv.URL + "/a.ics", Name: "Good"})
	bad, _ := r.m.Add(NewFeed{URL: srv.URL + "/b.ics", Name: "Damaged"})
	r.m.Sync(context.Background(), nil)
	// The disk copy is damaged behind Shiftdesk's back.
	os.WriteFile(filepath.Join(r.cache, "feeds", bad.ID, bodyFile), wfm[:100], 0o600)
	m2 := r.reopen(t)
	occ, warns := m2.Occurrences(start, start.Add(7*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	found := false
	for _, w := range warns {
		if w.Feed == "Damaged" && w.Reason == "the offline copy cannot be read" {
			found = true
		}
	}
	if !found || len(occ) == 0 {
		t.Fatalf("%d occurrences, warnings %v", len(occ), warns)
	}
	parsed, err := m2.Parsed()
	if len(parsed) != 1 || err == nil || !strings.Contains(err.Error(), "Damaged: the offline copy cannot be read") {
		t.Fatalf("Parsed: %d, %v", len(parsed), err)
	}
	// A good sync repairs it.
	if res := syncOne(t, m2, bad.ID); res.Outcome != Updated {
		t.Fatalf("repairing sync: %v", res)
	}
	if parsed, err := m2.Parsed(); len(parsed) != 2 || err != nil {
		t.Fatalf("after repair: %d, %v", len(parsed), err)
	}
}

func TestSetURL(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/new.ics" && req.URL.Query().Get("token") == "new-secret-1" {
			serveBody(wfm, "ETag", `"n1"`)(w, req)
			return
		}
		http.NotFound(w, req)
	})
	f, _ := r.m.Add(NewFeed{URL: srv.URL + "/old.ics?token=old-secret-1", Name: "Work"})
	if res := syncOne(t, r.m, f.ID); res.Err == nil || res.Err.Reason != ReasonGone {
		t.Fatalf("old address: %v", res)
	}
	if err := r.m.SetURL("Work", "ftp://x/y"); err == nil {
		t.Fatal("ftp accepted")
	}
	if err := r.m.SetURL("Work", srv.URL+"/new.ics?token=new-secret-1"); err != nil {
		t.Fatal(err)
	}
	got, _ := r.m.Find("Work")
	if got.URL != srv.URL+"/new.ics?token=REDACTED" || !got.SecretInURL {
		t.Fatalf("stored %+v", got)
	}
	if st := r.m.Feeds()[0]; st.LastError != "" || !st.NextSync.Equal(r.clock.Now()) {
		t.Fatalf("a new address should be due now with no old error: %+v", st)
	}
	if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
		t.Fatalf("new address: %v", res)
	}
	if err := r.m.SetURL("Work", srv.URL+"/public.ics"); err != nil {
		t.Fatal(err)
	}
	if len(r.store.Keys()) != 0 {
		t.Fatalf("old secret address left in the keyring: %v", r.store.Keys())
	}
	syncOne(t, r.m, f.ID)
	if last := srv.last(); last.URL.Path != "/public.ics" || last.Header.Get("If-None-Match") != "" {
		t.Fatalf("request to the new address: %s If-None-Match %q", last.URL, last.Header.Get("If-None-Match"))
	}
}

// A damaged offline copy is flagged on the feed's state (the window shows
// it on the Feeds screen) after a reopened manager reads it, and a good
// sync clears the flag.
func TestFeedsFlagUnreadableCopy(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	r := newRig(t)
	srv := newServer(t)
	srv.set(serveBody(wfm))
	r.m.Add(NewFeed{URL: srv.URL + "/a.ics", Name: "Good"})
	bad, _ := r.m.Add(NewFeed{URL: srv.URL + "/b.ics", Name: "Damaged"})
	r.m.Sync(context.Background(), nil)
	for _, st := range r.m.Feeds() {
		if st.CopyUnreadable {
			t.Fatalf("%s flagged before any damage", st.Feed.Name)
		}
	}
	// Cut the cached file off mid-event, behind Shiftdesk's back.
	if err := os.WriteFile(filepath.Join(r.cache, "feeds", bad.ID, bodyFile), wfm[:100], 0o600); err != nil {
		t.Fatal(err)
	}
	m2 := r.reopen(t)
	m2.Occurrences(start, start.Add(7*24*time.Hour), calendar.ExpandOptions{Zone: time.UTC})
	flags := map[string]bool{}
	for _, st := range m2.Feeds() {
		flags[st.Feed.Name] = st.CopyUnreadable
	}
	if !flags["Damaged"] || flags["Good"] {
		t.Fatalf("unreadable flags %v, want only Damaged", flags)
	}
	if res := syncOne(t, m2, bad.ID); res.Outcome != Updated {
		t.Fatalf("repairing sync: %v", res)
	}
	for _, st := range m2.Feeds() {
		if st.CopyUnreadable {
			t.Errorf("%s still flagged after a good sync", st.Feed.Name)
		}
	}
}
