package app

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/shiftdesk/shiftdesk/calendar"
)

const corpusDir = "../calendar/testdata/corpus"

// hermetic points the config and cache dirs at a temporary folder, so the
// tests never read the developer's settings or subscriptions.
func hermetic(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
}

// oracleOcc is the corpus' expected format, the subset --json must match.
type oracleOcc struct {
	Summary string `json:"summary"`
	Start   string `json:"start"`
	End     string `json:"end"`
	AllDay  bool   `json:"all_day"`
}

func TestAgendaJSONMatchesCorpus(t *testing.T) {
	hermetic(t)
	raw, err := os.ReadFile(filepath.Join(corpusDir, "windows.txt"))
	if err != nil {
		t.Fatal(err)
	}
	type corpusCase struct{ name, from, to, zone string }
	var cases []corpusCase
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) == 4 && !strings.HasPrefix(f[0], "#") {
			cases = append(cases, corpusCase{f[0], f[1], f[2], f[3]})
		}
	}
	if len(cases) != 10 {
		t.Fatalf("windows.txt lists %d feeds, want 10", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed := filepath.Join(corpusDir, "feeds", c.name+".ics")
			// Flags after the FEED work too.
			code, out, errOut := mainForTest(t, Info{}, "agenda", "--from", c.from, feed, "--to", c.to, "--zone", c.zone, "--json")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			var got []oracleOcc
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			raw, err := os.ReadFile(filepath.Join(corpusDir, "expected", c.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want []oracleOcc
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("--json differs from expected/%s.json", c.name)
			}
		})
	}
}

func TestAgendaJSONFields(t *testing.T) {
	hermetic(t)
	feed := filepath.Join(corpusDir, "feeds", "wfm_export_stockholm.ics")
	code, out, _ := mainForTest(t, Info{}, "agenda", "--json", "--from", "2026-10-19", "--to", "2026-10-20", "--zone", "Europe/Stockholm", feed)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) == 0 {
		t.Fatalf("bad output %v: %s", err, out)
	}
	for _, o := range got {
		for _, k := range []string{"summary", "start", "end", "all_day", "kind", "uid"} {
			if _, ok := o[k]; !ok {
				t.Errorf("occurrence %v has no %q", o, k)
			}
		}
	}
	if got[0]["kind"] != "shift" {
		t.Errorf("first kind = %v, want shift", got[0]["kind"])
	}
}

func TestAgendaHTTPAndWebcal(t *testing.T) {
	hermetic(t)
	body, err := os.ReadFile(filepath.Join(corpusDir, "feeds", "wfm_export_stockholm.ics"))
	if err != nil {
		t.Fatal(err)
	}
	var agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		switch r.URL.Path {
		case "/feed.ics":
			w.Header().Set("Content-Type", "text/calendar")
			w.Write(body)
		case "/expired.ics":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!DOCTYPE html><html><head><title>Session expired</title></head></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	args := []string{"agenda", "--json", "--from", "2026-10-19", "--to", "2026-11-02", "--zone", "Europe/Stockholm"}
	code, viaHTTP, errOut := mainForTest(t, Info{Version: "1.2.3"}, append(args, srv.URL+"/feed.ics")...)
	if code != 0 || errOut != "" {
		t.Fatalf("http: exit %d, stderr %q", code, errOut)
	}
	webcal := "webcal://" + strings.TrimPrefix(srv.URL, "http://") + "/feed.ics"
	code, viaWebcal, errOut := mainForTest(t, Info{Version: "1.2.3"}, append(args, webcal)...)
	if code != 0 || errOut != "" {
		t.Fatalf("webcal: exit %d, stderr %q", code, errOut)
	}
	var a, b []oracleOcc
	if err := json.Unmarshal([]byte(viaHTTP), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(viaWebcal), &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) || len(a) == 0 ||
		!strings.Contains(viaHTTP, `"summary": "Pass – Kundtjänst telefon, kö: Företag; Premium (svenska) – Mälardalen"`) {
		t.Errorf("webcal output differs or lacks the folded summary:\n%s", viaWebcal)
	}
	if agents[0] != "Shiftdesk/1.2.3" {
		t.Errorf("User-Agent = %q", agents[0])
	}

	code, out, errOut := mainForTest(t, Info{}, append(args, srv.URL+"/expired.ics?token=s3cret")...)
	if code != 1 || out != "[]\n" || strings.Count(errOut, "\n") != 1 ||
		!strings.Contains(errOut, "web page") || !strings.Contains(errOut, "Session expired") || strings.Contains(errOut, "s3cret") {
		t.Errorf("HTML page: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = mainForTest(t, Info{}, append(args, srv.URL+"/missing.ics")...)
	if code != 1 || !strings.Contains(errOut, "404") {
		t.Errorf("404: exit %d, stderr %q", code, errOut)
	}
}

// TestAgendaDownloadsLikeSync: "agenda URL" downloads the way a sync does
// (feeds.Download): gzip, at most 5 redirects, plain-words errors in one
// line each, no secret in them.
func TestAgendaDownloadsLikeSync(t *testing.T) {
	hermetic(t)
	body, err := os.ReadFile(filepath.Join(corpusDir, "feeds", "wfm_export_stockholm.ics"))
	if err != nil {
		t.Fatal(err)
	}
	login, err := os.ReadFile(filepath.Join(corpusDir, "feeds", "bad_html_error_page.ics"))
	if err != nil {
		t.Fatal(err)
	}
	var gzipped, hops atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.ics":
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				gzipped.Add(1)
				w.Header().Set("Content-Encoding", "gzip")
				zw := gzip.NewWriter(w)
				zw.Write(body)
				zw.Close()
				return
			}
			w.Write(body)
		case "/login":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(login)
		case "/loop":
			hops.Add(1)
			http.Redirect(w, r, "/loop?"+r.URL.RawQuery, http.StatusFound)
		case "/huge":
			w.Header().Set("Content-Length", fmt.Sprint(calendar.DefaultMaxBytes+1))
		case "/cut":
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Write(body[:len(body)/2])
		case "/private":
			w.WriteHeader(http.StatusForbidden)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	args := []string{"agenda", "--json", "--from", "2026-10-19", "--to", "2026-10-26", "--zone", "Europe/Stockholm"}
	code, out, errOut := mainForTest(t, Info{Version: "1.2.3"}, append(args, srv.URL+"/feed.ics")...)
	if code != 0 || errOut != "" || !strings.Contains(out, `"summary"`) || gzipped.Load() != 1 {
		t.Fatalf("gzip: exit %d, gzip asked %d times, stderr %q", code, gzipped.Load(), errOut)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, c := range []struct {
		url  string
		want []string
	}{
		{srv.URL + "/login?token=s3cret", []string{"web page, not a calendar", `"Sessionen har gått ut – Northwind WFM"`, "token=REDACTED"}},
		{srv.URL + "/loop?token=s3cret", []string{"more than 5 redirects", "token=REDACTED"}},
		{srv.URL + "/huge?key=s3cret", []string{"too large", "key=REDACTED"}},
		{srv.URL + "/cut?token=s3cret", []string{"cut off"}},
		{srv.URL + "/private?auth=s3cret", []string{"sign-in failed", "HTTP 403"}},
		{srv.URL + "/gone/private-s3cret/basic.ics", []string{"no longer exists", "HTTP 404", "private-REDACTED"}},
		{strings.Replace(closed.URL, "http://", "webcal://elin:s3cret@", 1) + "/cal.ics", []string{"server unreachable", "connection refused"}},
	} {
		code, out, errOut := mainForTest(t, Info{Version: "1.2.3"}, append(args, c.url)...)
		if code != 1 || out != "[]\n" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "shiftdesk agenda: ") || strings.Contains(errOut, "s3cret") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.url, code, out, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr %q lacks %q", c.url, errOut, w)
			}
		}
	}
	if hops.Load() != 6 {
		t.Errorf("the redirect loop took %d requests, want 6 (the first + 5 redirects)", hops.Load())
	}
}

func TestAgendaText(t *testing.T) {
	hermetic(t)
	feed := filepath.Join(corpusDir, "feeds", "wfm_export_stockholm.ics")
	code, out, errOut := mainForTest(t, Info{}, "agenda", "--from", "2026-10-24", "--to", "2026-10-26", "--zone", "Europe/Stockholm", feed)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"Agenda Sat 24 Oct 2026 – Sun 25 Oct 2026 (Europe/Stockholm)",
		"\nSaturday 24 October 2026\n",
		"22:00 CEST–06:00 CET +1 shift     Pass – natt",
		"02:30 CEST–02:00 CET   lunch     Lunch",
		"\nSunday 25 October 2026\n",
		"02:30–02:45            break     Rast",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("agenda lacks %q:\n%s", want, out)
		}
	}
}

// TestAgendaTextStartedBefore: what started before --from is listed under
// the first day with its own start day, so Sunday's night shift does not
// read as Monday night's, nor a running absence as one starting today.
func TestAgendaTextStartedBefore(t *testing.T) {
	hermetic(t)
	for _, c := range []struct {
		feed, from, to string
		want, notWant  []string
	}{
		{"wfm_export_stockholm.ics", "2026-10-19", "2026-10-20",
			[]string{"\nMonday 19 October 2026\n  Sun 18 Oct 22:00–06:00 +1 shift     Pass – natt\n", "\n  02:00–02:30            lunch     Lunch\n"},
			[]string{"\n  22:00–06:00 +1"}},
		{"hr_absence_stockholm.ics", "2027-01-01", "2027-01-08",
			[]string{"\nFriday 1 January 2027\n  Mon 21 Dec all day ×14 time off  Föräldraledighet\n"},
			[]string{"\n  all day ×14"}},
	} {
		code, out, errOut := mainForTest(t, Info{}, "agenda", "--from", c.from, "--to", c.to, "--zone", "Europe/Stockholm",
			filepath.Join(corpusDir, "feeds", c.feed))
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", c.feed, code, errOut)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s: agenda lacks %q:\n%s", c.feed, want, out)
			}
		}
		for _, bad := range c.notWant {
			if strings.Contains(out, bad) {
				t.Errorf("%s: agenda has %q without its start day:\n%s", c.feed, bad, out)
			}
		}
	}
}

func TestAgendaWarningsAndErrors(t *testing.T) {
	hermetic(t)
	bad := filepath.Join(corpusDir, "feeds", "bad_malformed_dtstart.ics")
	code, out, errOut := mainForTest(t, Info{}, "agenda", "--json", "--from", "2026-10-19", "--to", "2026-10-26", "--zone", "Europe/Stockholm", bad)
	if code != 0 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "bad_malformed_dtstart.ics") ||
		!strings.Contains(errOut, "nw-sched-20481-20261021-0001@wfm.northwind.example") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if strings.Count(out, `"summary"`) != 4 {
		t.Errorf("want the 4 good events:\n%s", out)
	}

	html := filepath.Join(corpusDir, "feeds", "bad_html_error_page.ics")
	code, _, errOut = mainForTest(t, Info{}, "agenda", html)
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "HTML page") {
		t.Errorf("html: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = mainForTest(t, Info{}, "agenda", "no/such/feed.ics")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no/such/feed.ics") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
	truncated := filepath.Join(t.TempDir(), "cut.ics")
	os.WriteFile(truncated, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"), 0o644)
	code, _, errOut = mainForTest(t, Info{}, "agenda", truncated)
	if code != 1 || !strings.Contains(errOut, "cut off") {
		t.Errorf("truncated: exit %d, stderr %q", code, errOut)
	}

	for _, args := range [][]string{
		{"agenda", "--from", "19-10-2026", bad},
		{"agenda", "--to", "2026-10-01", "--from", "2026-10-02", bad},
		{"agenda", "--zone", "Mars/Olympus", bad},
		{"agenda", "--bogus", bad},
	} {
		if code, _, errOut := mainForTest(t, Info{}, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestAgendaBadURL: an address url.Parse refuses is one line saying what
// is wrong with it (it was "REDACTED: not a usable URL"), without secrets.
func TestAgendaBadURL(t *testing.T) {
	hermetic(t)
	code, out, errOut := mainForTest(t, Info{}, "agenda", "--json", "https://elin:s3cret@wfm.example.com:44x/cal.ics?token=s3cret")
	if code != 1 || out != "[]\n" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "not a valid URL: what follows the server name is not a port number") || strings.Contains(errOut, "s3cret") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestAgendaWithoutFeedsUsesSyncedFeeds(t *testing.T) {
	hermetic(t)
	code, _, errOut := mainForTest(t, Info{}, "agenda")
	if code != 1 || !strings.Contains(errOut, "feeds add") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
