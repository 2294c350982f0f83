package calendar

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCorpusHTMLErrorPage(t *testing.T) {
	_, err := parseFile(t, "testdata/corpus/feeds/bad_html_error_page.ics")
	if !errors.Is(err, ErrNotCalendar) {
		t.Fatalf("err = %v, want ErrNotCalendar", err)
	}
	var fe *FeedError
	if !errors.As(err, &fe) {
		t.Fatalf("err is %T, want *FeedError", err)
	}
	msg := err.Error()
	for _, want := range []string{"bad_html_error_page.ics", "HTML page", "Sessionen har gått ut – Northwind WFM", "login"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not mention %q", msg, want)
		}
	}
}

func TestCorpusMalformedDTSTART(t *testing.T) {
	feed, err := parseFile(t, "testdata/corpus/feeds/bad_malformed_dtstart.ics")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(feed.Warnings) != 1 {
		t.Fatalf("warnings = %v, want one", feed.Warnings)
	}
	w := feed.Warnings[0]
	if w.UID != "nw-sched-20481-20261021-0001@wfm.northwind.example" || w.Summary != "Pass" || w.Line == 0 ||
		!strings.Contains(w.Reason, "Invalid date") || !strings.Contains(w.Reason, "skipped") {
		t.Errorf("warning = %+v", w)
	}
	from, to, loc := window(t, "2026-10-19", "2026-10-26", "Europe/Stockholm")
	occ, warns := feed.Expand(from, to, ExpandOptions{Zone: loc})
	if len(warns) != 0 {
		t.Errorf("expand warnings: %v", warns)
	}
	want := []expectedOcc{
		{"Pass", "2026-10-20T06:00:00Z", "2026-10-20T15:00:00Z", false},
		{"Lunch", "2026-10-20T10:00:00Z", "2026-10-20T11:00:00Z", false},
		{"Lunch", "2026-10-21T10:00:00Z", "2026-10-21T11:00:00Z", false},
		{"Pass", "2026-10-22T10:00:00Z", "2026-10-22T19:00:00Z", false},
	}
	if got := toExpected(occ); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestCorpusMinutelyUnbounded(t *testing.T) {
	began := time.Now()
	feed, err := parseFile(t, filepath.Join("testdata/corpus/feeds", "bad_minutely_unbounded.ics"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	from, to, loc := window(t, "2026-10-05", "2026-10-12", "Europe/Stockholm")
	occ, warns := feed.Expand(from, to, ExpandOptions{Zone: loc})
	t.Logf("parse+expand took %v", time.Since(began))
	want := []expectedOcc{{"Pass", "2026-10-06T06:00:00Z", "2026-10-06T15:00:00Z", false}}
	if got := toExpected(occ); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if len(warns) != 1 || warns[0].UID != "queue-check-0001@helpdesk-sync.example" ||
		!strings.Contains(warns[0].Reason, "10080") || !strings.Contains(warns[0].Reason, "not shown") {
		t.Errorf("warnings = %v", warns)
	}
}
