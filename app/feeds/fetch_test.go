package feeds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests exercise the fetcher alone; the Manager tests cover the
// whole sync.

func TestFetchRedirectLimit(t *testing.T) {
	hops := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hops++
		http.Redirect(w, r, "/loop", http.StatusFound)
	}))
	defer srv.Close()
	f := newFetcher("Shiftdesk/test", time.Second, 5*time.Second, 1<<20)
	_, err := f.fetch(context.Background(), fetchRequest{URL: srv.URL + "/start"})
	var se *SyncError
	if !errors.As(err, &se) || se.Reason != ReasonRefused || se.Detail != "more than 5 redirects" {
		t.Fatalf("redirect loop: %v", err)
	}
	if hops != maxRedirects+1 {
		t.Fatalf("server saw %d requests, want %d (the first + 5 redirects)", hops, maxRedirects+1)
	}
}

func TestFetchFollowsFiveRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := len(r.URL.Path) - 1 // "/", "/x", "/xx", ...
		if n < 5 {
			http.Redirect(w, r, r.URL.Path+"x", http.StatusMovedPermanently)
			return
		}
		w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	}))
	defer srv.Close()
	f := newFetcher("Shiftdesk/test", time.Second, 5*time.Second, 1<<20)
	resp, err := f.fetch(context.Background(), fetchRequest{URL: srv.URL + "/"})
	if err != nil || len(resp.Body) == 0 {
		t.Fatalf("5 redirects: %v", err)
	}
}

func TestLooksLikeHTML(t *testing.T) {
	cases := []struct {
		ct, body string
		want     bool
	}{
		{"text/html; charset=utf-8", "<p>x</p>", true},
		{"text/calendar", "<!DOCTYPE html>\n<html>", true},
		{"", "\xef\xbb\xbf  <html><body>login</body></html>", true},
		{"text/html", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", false},
		{"text/calendar", "BEGIN:VCALENDAR\r\n", false},
	}
	for _, c := range cases {
		if got := looksLikeHTML(c.ct, []byte(c.body)); got != c.want {
			t.Errorf("looksLikeHTML(%q, %q) = %v", c.ct, c.body, got)
		}
	}
}

// TestFetchRedirectSendsNoReferer: a feed whose address carries a token
// and a private-<hash> path redirects, first on its own server, then to
// another: no request after the first carries a Referer, and the other
// server gets neither the Authorization header nor a Cookie.
func TestFetchRedirectSendsNoReferer(t *testing.T) {
	type seen struct{ referer, auth, cookie string }
	var mu sync.Mutex
	var atB []seen
	var atA []seen
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		atB = append(atB, seen{r.Referer(), r.Header.Get("Authorization"), r.Header.Get("Cookie")})
		mu.Unlock()
		w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	}))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		atA = append(atA, seen{r.Referer(), r.Header.Get("Authorization"), r.Header.Get("Cookie")})
		mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "cookie-secret"})
		if strings.HasPrefix(r.URL.Path, "/private-") {
			http.Redirect(w, r, "/moved.ics", http.StatusFound)
			return
		}
		http.Redirect(w, r, b.URL+"/elsewhere.ics", http.StatusFound)
	}))
	defer a.Close()
	f := newFetcher("Shiftdesk/test", time.Second, 5*time.Second, 1<<20)
	for _, req := range []fetchRequest{
		{URL: a.URL + "/private-0a1b2c3d4e5f/cal.ics?token=tok-SECRET", Token: "bearer-SECRET", Secrets: []string{"private-0a1b2c3d4e5f", "tok-SECRET", "bearer-SECRET"}},
		{URL: a.URL + "/private-0a1b2c3d4e5f/cal.ics", User: "agent1", Password: "pw-SECRET", Secrets: []string{"private-0a1b2c3d4e5f", "pw-SECRET"}},
	} {
		atA, atB = nil, nil
		if _, err := f.fetch(context.Background(), req); err != nil {
			t.Fatalf("%s: %v", req.URL, err)
		}
		if len(atA) != 2 || len(atB) != 1 {
			t.Fatalf("requests: %d at the feed's server, %d at the other, want 2 and 1", len(atA), len(atB))
		}
		if atA[0].auth == "" || atA[1].auth == "" {
			t.Errorf("the feed's own server lost the sign-in on a same-server redirect: %+v", atA)
		}
		for _, s := range append(atA, atB...) {
			if s.referer != "" {
				t.Errorf("a Referer was sent: %q", s.referer)
			}
		}
		if atB[0] != (seen{}) {
			t.Errorf("the other server received %+v, want no Referer, Authorization or Cookie", atB[0])
		}
	}
}
