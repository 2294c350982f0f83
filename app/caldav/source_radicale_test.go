package caldav

import (
	"bytes"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// splitFeed cuts a test feed into one calendar object per VEVENT, each
// with the feed's VTIMEZONE, keyed by UID (overrides join their master).
func splitFeed(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	tz := s[strings.Index(s, "BEGIN:VTIMEZONE") : strings.Index(s, "END:VTIMEZONE")+len("END:VTIMEZONE\r\n")]
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Shiftdesk tests//EN\r\n" + tz
	events := map[string]string{}
	uidRe := regexp.MustCompile(`UID:(\S+)`)
	for _, ev := range regexp.MustCompile(`(?s)BEGIN:VEVENT\r\n.*?END:VEVENT\r\n`).FindAllString(s, -1) {
		uid := uidRe.FindStringSubmatch(ev)[1]
		events[uid] += ev
	}
	for uid, evs := range events {
		events[uid] = head + evs + "END:VCALENDAR\r\n"
	}
	return events
}

// windowsOfBody is the availability of a feed body over twoWeeks.
func windowsOfBody(t *testing.T, body []byte) []availability.Interval {
	t.Helper()
	feed, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: "caldav"})
	if err != nil {
		t.Fatalf("the assembled body does not parse: %v\n%s", err, body)
	}
	occs, _ := feed.Expand(twoWeeks[0], twoWeeks[1], calendar.ExpandOptions{Zone: stockholm})
	ws, err := availability.Compute(occs, twoWeeks[0], twoWeeks[1], availability.Options{Zone: stockholm})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func sameWindows(a, b []availability.Interval) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Start.Equal(b[i].Start) || !a[i].End.Equal(b[i].End) {
			return false
		}
	}
	return true
}

// TestRadicaleSourceSync reads a schedule kept in a Radicale calendar
// (found from the server URL by its name), changes it on the server and
// reads it again: only the changed objects are downloaded (counted
// requests), the assembled body gives the same availability as the
// schedule as one feed, and an unchanged calendar costs one PROPFIND.
func TestRadicaleSourceSync(t *testing.T) {
	r := caldavtest.Start(t)
	ctx := ctxT(t)
	if code, _ := r.Raw(t, "MKCALENDAR", "/agent/schedule/", ""); code != http.StatusCreated {
		t.Fatalf("MKCALENDAR: %d", code)
	}
	if code, _ := r.Raw(t, "MKCALENDAR", "/agent/personal/", ""); code != http.StatusCreated {
		t.Fatalf("MKCALENDAR: %d", code)
	}
	v1 := splitFeed(t, "testdata/stockholm_v1.ics")
	for uid, obj := range v1 {
		if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/"+uid+".ics", obj); code != http.StatusCreated {
			t.Fatalf("PUT %s: %d", uid, code)
		}
	}
	// An event long before the range is not read.
	old := strings.NewReplacer("20261026T09", "20250101T09", "20261026T10", "20250101T10", "team-meeting@lead", "old@lead").Replace(foreignEvent)
	if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/old.ics", old); code != http.StatusCreated {
		t.Fatalf("PUT old: %d", code)
	}

	var n counter
	c := dial(t, r, "/", r.Pass, &n)
	if _, err := c.Find(ctx, "", false); err == nil || !strings.Contains(err.Error(), `schedule"`) {
		t.Errorf("Find with two calendars and no name: %v, want the names listed", err)
	}
	cal, err := c.Find(ctx, "schedule", false)
	if err != nil {
		t.Fatal(err)
	}
	from, to := twoWeeks[0].AddDate(0, 0, -DefaultDaysBack), twoWeeks[0].AddDate(0, 0, DefaultDaysAhead)
	n.reset()
	res, st, err := c.Read(ctx, cal, from, to, SourceState{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Objects != 3 || res.Fetched != 3 {
		t.Errorf("first read: %d objects, %d fetched; want 3 and 3", res.Objects, res.Fetched)
	}
	if !sameWindows(windowsOfBody(t, res.Body), windowsOf(t, "testdata/stockholm_v1.ics")) {
		t.Errorf("the calendar read over CalDAV gives other windows than the feed")
	}
	t.Logf("first read: %v requests", n.reset())

	// The lead moves one lunch (an override joins the lunch object) and
	// cancels Friday's shift: two objects change; one more is added.
	v2 := splitFeed(t, "testdata/stockholm_v2.ics")
	for _, uid := range []string{"lunch-weekdays@test", "shift-weekdays@test"} {
		if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/"+uid+".ics", v2[uid]); code/100 != 2 {
			t.Fatalf("PUT %s: %d", uid, code)
		}
	}
	if code, _ := r.Raw(t, http.MethodPut, "/agent/schedule/meeting.ics", foreignEvent); code != http.StatusCreated {
		t.Fatalf("PUT meeting: %d", code)
	}
	n.reset()
	res, st, err = c.Read(ctx, cal, from, to, st)
	if err != nil {
		t.Fatal(err)
	}
	reqs := n.reset()
	if res.Objects != 4 || res.Fetched != 3 || reqs["REPORT"] != 2 || reqs["PROPFIND"] != 1 || len(reqs) != 2 {
		t.Errorf("second read: %d objects, %d fetched, requests %v; want 4, 3 (2 changed + 1 new), one PROPFIND and two REPORTs", res.Objects, res.Fetched, reqs)
	}
	if !bytes.Contains(res.Body, []byte("Team meeting")) {
		t.Errorf("the new event is not in the body")
	}
	got := windowsOfBody(t, res.Body)
	if sameWindows(got, windowsOfBody(t, mustRead(t, "testdata/stockholm_v1.ics"))) {
		t.Errorf("the changed schedule gives the old windows")
	}

	res, _, err = c.Read(ctx, cal, from, to, st)
	if reqs := n.reset(); err != nil || !res.NotModified || res.Body != nil || len(reqs) != 1 || reqs["PROPFIND"] != 1 {
		t.Errorf("unchanged calendar: %+v, %v, requests %v; want not modified after one PROPFIND", res, err, reqs)
	}

	if code, _ := r.Raw(t, http.MethodDelete, "/agent/schedule/", ""); code/100 != 2 {
		t.Fatalf("delete calendar: %d", code)
	}
	if _, _, err = c.Read(ctx, cal, from, to, st); StatusOf(err) != http.StatusNotFound || !strings.Contains(err.Error(), "calendar is gone") {
		t.Errorf("deleted calendar: %v", err)
	}
	_, _, err = dial(t, r, "/agent/personal/", "nope", nil).Read(ctx, Calendar{Href: "/agent/personal/"}, from, to, SourceState{})
	if StatusOf(err) != http.StatusUnauthorized {
		t.Errorf("wrong password: %v", err)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
