package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDownloadGzipUserAgentWebcal(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	var gzipped atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.UserAgent() != "Shiftdesk/1.2.3" || r.Header.Get("Authorization") != "" || r.Header.Get("If-None-Match") != "" {
			http.Error(w, "bad request headers", http.StatusBadRequest)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write(wfm)
			return
		}
		gzipped.Add(1)
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(wfm)
		zw.Close()
	}))
	defer srv.Close()
	for _, raw := range []string{srv.URL + "/cal.ics", "webcal://" + strings.TrimPrefix(srv.URL, "http://") + "/cal.ics"} {
		body, err := Download(context.Background(), raw, "Shiftdesk/1.2.3", 0)
		if err != nil || !bytes.Equal(body, wfm) {
			t.Fatalf("%s: %d bytes, %v", raw, len(body), err)
		}
	}
	if gzipped.Load() != 2 {
		t.Fatalf("%d of 2 downloads asked for gzip", gzipped.Load())
	}
}

func TestDownloadErrors(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	var hops atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/teapot":
			w.WriteHeader(http.StatusTeapot)
		case "/cut":
			w.Header().Set("Content-Length", fmt.Sprint(len(wfm)))
			w.Write(wfm[:len(wfm)/2])
		case "/huge":
			w.Header().Set("Content-Length", "1000000")
		case "/huge-chunked":
			for i := 0; i < 3; i++ {
				w.Write(wfm)
				w.(http.Flusher).Flush()
			}
		case "/loop":
			hops.Add(1)
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/slow":
			<-r.Context().Done() // until the client gives up
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	limit := int64(len(wfm) * 2)
	cases := []struct {
		path   string
		reason Reason
		status int
		plain  string
	}{
		{"/forbidden", ReasonAuth, 403, "sign-in failed — check the password or token"},
		{"/missing?token=s3cretTOKEN", ReasonGone, 404, "the feed address no longer exists"},
		{"/gone", ReasonGone, 410, "the feed address no longer exists"},
		{"/down", ReasonUnreachable, 503, "server unreachable (HTTP 503)"},
		{"/teapot", ReasonRefused, 418, "the server refused the request (HTTP 418)"},
		{"/cut", ReasonTruncated, 0, "the download was cut off (truncated)"},
		{"/huge", ReasonTooLarge, 0, "the feed is too large (1000000 bytes, the limit is " + fmt.Sprint(limit) + ")"},
		{"/huge-chunked", ReasonTooLarge, 0, "the feed is too large (over " + fmt.Sprint(limit) + " bytes)"},
		{"/loop", ReasonRefused, 0, "the server refused the request (more than 5 redirects)"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			body, err := Download(context.Background(), srv.URL+c.path, "Shiftdesk/test", limit)
			var se *SyncError
			if body != nil || !errors.As(err, &se) || se.Reason != c.reason || se.Status != c.status || se.Plain() != c.plain {
				t.Fatalf("got %d bytes, %v (%+v); want %s, HTTP %d, %q", len(body), err, se, c.reason, c.status, c.plain)
			}
			if want := "feeds: " + RedactURL(srv.URL+c.path) + ": " + c.plain; err.Error() != want {
				t.Fatalf("Error() = %q, want %q", err, want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Fatalf("the secret is in %q", err)
			}
		})
	}
	if hops.Load() != maxRedirects+1 {
		t.Errorf("the redirect loop took %d requests, want %d", hops.Load(), maxRedirects+1)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := Download(ctx, srv.URL+"/slow?key=s3cretKEY", "Shiftdesk/test", limit)
	var se *SyncError
	if !errors.As(err, &se) || se.Reason != ReasonUnreachable || se.Plain() != "server unreachable (timed out)" || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("slow server: %v", err)
	}
	if se.Err == nil || strings.Contains(se.Err.Error(), "s3cret") {
		t.Fatalf("underlying error %v holds the secret or is lost", se.Err)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	_, err = Download(context.Background(), closed.URL+"/cal.ics?token=s3cretTOKEN", "Shiftdesk/test", limit)
	if !errors.As(err, &se) || se.Reason != ReasonUnreachable || strings.Contains(err.Error(), "s3cret") ||
		se.Err == nil || strings.Contains(se.Err.Error(), "s3cret") {
		t.Fatalf("closed server: %v", err)
	}
}

// TestDownloadCredentialsStayOnTheirHost: a user name and password in the
// address are sent to the feed's server only, and a redirect elsewhere that
// would carry the address's secret is refused.
func TestDownloadCredentialsStayOnTheirHost(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	var leaked atomic.Value
	leaked.Store("")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("Authorization"); a != "" || strings.Contains(r.URL.String(), "s3cret") {
			leaked.Store(a + " " + r.URL.String())
		}
		w.Write(wfm)
	}))
	defer other.Close()
	var gotAuth atomic.Value
	gotAuth.Store("")
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); ok {
			gotAuth.Store(u + ":" + p)
		}
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/cal.ics", http.StatusFound)
		case "/away-with-token":
			http.Redirect(w, r, other.URL+"/cal.ics?"+r.URL.RawQuery, http.StatusFound)
		}
	}))
	defer origin.Close()
	host := strings.TrimPrefix(origin.URL, "http://")

	body, err := Download(context.Background(), "http://elin:s3cretPW@"+host+"/away", "Shiftdesk/test", 0)
	if err != nil || !bytes.Equal(body, wfm) {
		t.Fatalf("redirect: %v", err)
	}
	if gotAuth.Load() != "elin:s3cretPW" {
		t.Errorf("the feed's server got sign-in %q", gotAuth.Load())
	}
	_, err = Download(context.Background(), origin.URL+"/away-with-token?token=s3cretTOKEN", "Shiftdesk/test", 0)
	var se *SyncError
	if !errors.As(err, &se) || se.Reason != ReasonRefused || !strings.Contains(se.Plain(), "secret address") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("secret redirect: %v", err)
	}
	if l := leaked.Load().(string); l != "" {
		t.Fatalf("the other server got %q", l)
	}
}

func TestDownloadRefusesOtherAddresses(t *testing.T) {
	for _, raw := range []string{"", "ftp://example.com/cal.ics", "https://elin:s3cret@wfm.example.com:44x/cal.ics?token=s3cret", "./cal.ics", "file:///tmp/cal.ics"} {
		body, err := Download(context.Background(), raw, "Shiftdesk/test", 0)
		var se *SyncError
		if body != nil || err == nil || errors.As(err, &se) || !strings.HasPrefix(err.Error(), "feeds: ") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: %v", raw, err)
		}
	}
}

// TestSyncWebPageNamesTitle: the sync error for a web page names the
// page's title (calendar.Parse finds it), with the feed's secrets taken
// out, and keeps ReasonWebPage.
func TestSyncWebPageNamesTitle(t *testing.T) {
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	const secret = "s3cretTOKEN0123456789abcdef"
	cases := []struct {
		name, body, plain string
	}{
		{"corpus login page", string(readTestdata(t, "bad_html_error_page.ics")),
			`the server sent a web page, not a calendar (maybe a login page): "Sessionen har gått ut – Northwind WFM"`},
		{"no title", "<!DOCTYPE html><html><body>Logga in</body></html>",
			"the server sent a web page, not a calendar (maybe a login page)"},
		{"entities", "<html><head><title>Session expired &ndash; Northwind &amp; Co</title></head></html>",
			`the server sent a web page, not a calendar (maybe a login page): "Session expired – Northwind & Co"`},
		{"title echoes the address", "<html><head><title>Expired: SRV/cal.ics?token=" + secret + "&amp;week=4</title></head></html>",
			`the server sent a web page, not a calendar (maybe a login page): "Expired: SRV/cal.ics?token=REDACTED&week=4"`},
		{"title echoes the token", "<html><head><title>Token " + secret + " expired</title></head></html>",
			`the server sent a web page, not a calendar (maybe a login page): "Token REDACTED expired"`},
		{"token cut off by the title's limit", "<html><head><title>" + strings.Repeat("x", 105) + " token " + secret + "</title></head></html>",
			`the server sent a web page, not a calendar (maybe a login page): "` + strings.Repeat("x", 105) + ` token REDACTED"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t)
			srv := newServer(t)
			srv.set(serveBody(wfm))
			f, err := r.m.Add(NewFeed{URL: srv.URL + "/cal.ics?token=" + secret, Name: "Work"})
			if err != nil {
				t.Fatal(err)
			}
			if res := syncOne(t, r.m, f.ID); res.Outcome != Updated {
				t.Fatalf("first sync: %v", res)
			}
			srv.set(serveBody([]byte(strings.ReplaceAll(c.body, "SRV", srv.URL)), "Content-Type", "text/html; charset=utf-8"))
			res := syncOne(t, r.m, f.ID)
			plain := strings.ReplaceAll(c.plain, "SRV", srv.URL)
			if res.Outcome != Failed || res.Err == nil || res.Err.Reason != ReasonWebPage || res.Err.Plain() != plain {
				t.Fatalf("got %v (%+v),\nwant %q", res, res.Err, plain)
			}
			if res.Err.Error() != "feeds: Work: "+plain || r.m.Feeds()[0].LastError != plain {
				t.Fatalf("Error() %q, state %+v", res.Err, r.m.Feeds()[0])
			}
			if !bytes.Equal(cacheBody(t, r, f.ID), wfm) {
				t.Fatal("a web page touched the cache")
			}
			if strings.Contains(r.logs.String(), secret[:8]) {
				t.Fatalf("the secret is in the log:\n%s", r.logs)
			}
		})
	}
}
