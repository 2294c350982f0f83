package feeds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
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
