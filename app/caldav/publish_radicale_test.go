package caldav

import (
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	gocaldav "github.com/emersion/go-webdav/caldav"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

var stockholm = mustZone("Europe/Stockholm")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// twoWeeks is the published range: Monday 19 October to Monday 2 November
// 2026 in Stockholm, across the end of summer time on 25 October.
var twoWeeks = [2]time.Time{
	time.Date(2026, 10, 19, 0, 0, 0, 0, stockholm),
	time.Date(2026, 11, 2, 0, 0, 0, 0, stockholm),
}

// windowsOf computes the availability of a test feed over twoWeeks.
func windowsOf(t *testing.T, file string) []availability.Interval {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := calendar.Parse(f, calendar.ParseOptions{Source: file})
	if err != nil {
		t.Fatal(err)
	}
	occs, _ := feed.Expand(twoWeeks[0], twoWeeks[1], calendar.ExpandOptions{Zone: stockholm})
	ws, err := availability.Compute(occs, twoWeeks[0], twoWeeks[1], availability.Options{Zone: stockholm})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func objectsOf(t *testing.T, ws []availability.Interval) []Object {
	t.Helper()
	objs, err := WindowObjects(ws, export.Options{Zone: stockholm, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// serverEvents reads every VEVENT in the calendar with go-webdav's own
// client: UID → [start, end] and summary.
type serverEvent struct {
	Path, Summary string
	Start, End    time.Time
}

func serverEvents(t *testing.T, r *caldavtest.Radicale, calHref string) map[string]serverEvent {
	t.Helper()
	c, err := gocaldav.NewClient(webdavAuth(r), r.URL)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := c.QueryCalendar(ctxT(t), calHref, &gocaldav.CalendarQuery{
		CompRequest: gocaldav.CalendarCompRequest{Name: "VCALENDAR", AllProps: true, AllComps: true},
		CompFilter:  gocaldav.CompFilter{Name: "VCALENDAR", Comps: []gocaldav.CompFilter{{Name: "VEVENT"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]serverEvent{}
	for _, o := range objs {
		for _, ev := range o.Data.Events() {
			uid, _ := ev.Props.Text(ical.PropUID)
			start, err := ev.DateTimeStart(nil)
			if err != nil {
				t.Fatalf("%s: %v", o.Path, err)
			}
			end, err := ev.DateTimeEnd(nil)
			if err != nil {
				t.Fatalf("%s: %v", o.Path, err)
			}
			sum, _ := ev.Props.Text(ical.PropSummary)
			if _, dup := out[uid]; dup {
				t.Errorf("UID %s is on the server twice", uid)
			}
			out[uid] = serverEvent{Path: o.Path, Summary: sum, Start: start, End: end}
		}
	}
	return out
}

type basicAuth struct{ user, pass string }

func (b basicAuth) Do(req *http.Request) (*http.Response, error) {
	req.SetBasicAuth(b.user, b.pass)
	return http.DefaultClient.Do(req)
}

func webdavAuth(r *caldavtest.Radicale) basicAuth { return basicAuth{r.User, r.Pass} }

// checkEvents asserts that the server holds exactly the windows ws (by
// UID, start and end) besides the events in foreign.
func checkEvents(t *testing.T, got map[string]serverEvent, ws []availability.Interval, foreign ...string) {
	t.Helper()
	if len(got) != len(ws)+len(foreign) {
		t.Errorf("server has %d events, want %d windows + %d foreign", len(got), len(ws), len(foreign))
	}
	for _, w := range ws {
		uid := export.UID(w.Start, "")
		ev, ok := got[uid]
		if !ok {
			t.Errorf("window %s–%s (UID %s) is not on the server", w.Start, w.End, uid)
			continue
		}
		if !ev.Start.Equal(w.Start) || !ev.End.Equal(w.End) {
			t.Errorf("%s: server has %s–%s, want %s–%s", uid, ev.Start, ev.End, w.Start, w.End)
		}
		if !strings.HasPrefix(ev.Path[strings.LastIndex(ev.Path, "/")+1:], HrefPrefix) {
			t.Errorf("%s: href %s lacks the %q prefix", uid, ev.Path, HrefPrefix)
		}
	}
	for _, f := range foreign {
		if _, ok := got[f]; !ok {
			t.Errorf("foreign event %s is gone", f)
		}
	}
}

const foreignEvent = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lead//EN\r\nBEGIN:VEVENT\r\nUID:team-meeting@lead\r\n" +
	"DTSTAMP:20261001T000000Z\r\nDTSTART:20261026T090000Z\r\nDTEND:20261026T100000Z\r\nSUMMARY:Team meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestRadicalePublishAcrossDST publishes two weeks of availability in
// Stockholm across the end of summer time into a calendar Shiftdesk
// creates on a server URL, reads it back, then publishes a changed
// schedule: updated, created and removed objects, nothing duplicated, a
// foreign object untouched, and a third publish of the same schedule
// writes nothing.
func TestRadicalePublishAcrossDST(t *testing.T) {
	r := caldavtest.Start(t)
	ctx := ctxT(t)
	c := dial(t, r, "/", r.Pass, nil)
	cal, err := c.Find(ctx, DefaultCalendarName, true)
	if err != nil {
		t.Fatal(err)
	}
	if cal.Href != "/agent/shiftdesk-availability/" {
		t.Errorf("created calendar at %s", cal.Href)
	}
	again, err := c.Find(ctx, DefaultCalendarName, true)
	if err != nil || again.Href != cal.Href {
		t.Fatalf("second Find = %+v, %v; want the same calendar, not a new one", again, err)
	}

	v1 := windowsOf(t, "testdata/stockholm_v1.ics")
	if len(v1) != 21 {
		t.Fatalf("v1 has %d windows, want 21 (2 a weekday, 1 on the DST Sunday)", len(v1))
	}
	rep, st, err := c.Publish(ctx, cal, objectsOf(t, v1), State{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first publish: %s", rep)
	if rep.Created != 21 || rep.Updated+rep.Removed+rep.Unchanged+len(rep.Conflicts) != 0 || len(st.Objects) != 21 {
		t.Errorf("first publish: %s, %d in state; want 21 created", rep, len(st.Objects))
	}
	got := serverEvents(t, r, cal.Href)
	checkEvents(t, got, v1)
	// Local times across the change: 08:00 is 06:00Z in summer time and
	// 07:00Z after it, and the DST Sunday's shift is 9 hours long.
	for uid, want := range map[string]string{
		"avail-20261023T060000Z@shiftdesk": "08:00",
		"avail-20261026T070000Z@shiftdesk": "08:00",
		"avail-20261025T080000Z@shiftdesk": "09:00",
	} {
		if ev, ok := got[uid]; !ok || ev.Start.In(stockholm).Format("15:04") != want {
			t.Errorf("%s: %+v, want a start at %s Stockholm time", uid, ev, want)
		}
	}

	if st, _ := r.Raw(t, http.MethodPut, cal.Href+"team-meeting.ics", foreignEvent); st != http.StatusCreated {
		t.Fatalf("PUT foreign event: %d", st)
	}
	v2 := windowsOf(t, "testdata/stockholm_v2.ics")
	rep, st, err = c.Publish(ctx, cal, objectsOf(t, v2), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("republish: %s", rep)
	want := Report{Calendar: rep.Calendar, Created: 1, Updated: 1, Unchanged: 17, Removed: 3}
	if rep.Created != want.Created || rep.Updated != want.Updated || rep.Unchanged != want.Unchanged ||
		rep.Removed != want.Removed || len(rep.Conflicts) != 0 {
		t.Errorf("republish: %s; want %s", rep, want)
	}
	checkEvents(t, serverEvents(t, r, cal.Href), v2, "team-meeting@lead")
	if len(st.Objects) != len(v2) {
		t.Errorf("state holds %d objects, want %d", len(st.Objects), len(v2))
	}

	rep, _, err = c.Publish(ctx, cal, objectsOf(t, v2), st)
	if err != nil || rep.Unchanged != len(v2) || rep.Created+rep.Updated+rep.Removed != 0 {
		t.Errorf("publishing the same schedule again: %s, %v; want all unchanged", rep, err)
	}
}

// TestRadicaleConflictIsReported edits two published objects and deletes
// a third on the server between two publishes: the edited ones are
// reported and keep the edit (one would have been updated, one is
// unchanged), the deleted one is written again.
func TestRadicaleConflictIsReported(t *testing.T) {
	r := caldavtest.Start(t)
	ctx := ctxT(t)
	// Radicale makes the principal's collection /agent/ at the first
	// request.
	if st, _ := r.Raw(t, "MKCALENDAR", "/agent/avail/", ""); st != http.StatusCreated {
		t.Fatalf("MKCALENDAR: %d", st)
	}
	c := dial(t, r, "/agent/avail/", r.Pass, nil)
	cal, err := c.Find(ctx, "", false)
	if err != nil {
		t.Fatal(err)
	}
	_, st, err := c.Publish(ctx, cal, objectsOf(t, windowsOf(t, "testdata/stockholm_v1.ics")), State{})
	if err != nil {
		t.Fatal(err)
	}
	edited := map[string]bool{
		Href(cal.Href, "avail-20261026T070000Z@shiftdesk"): true, // v2 changes it
		Href(cal.Href, "avail-20261021T060000Z@shiftdesk"): true, // v2 keeps it
	}
	for href := range edited {
		body := strings.Replace(foreignEvent, "team-meeting@lead", strings.TrimSuffix(strings.TrimPrefix(href[strings.LastIndex(href, "/")+1:], HrefPrefix), ".ics")+"@shiftdesk", 1)
		if code, _ := r.Raw(t, http.MethodPut, href, strings.Replace(body, "Team meeting", "Edited by the lead", 1)); code/100 != 2 {
			t.Fatalf("edit %s: %d", href, code)
		}
	}
	gone := Href(cal.Href, "avail-20261022T060000Z@shiftdesk")
	if code, _ := r.Raw(t, http.MethodDelete, gone, ""); code/100 != 2 {
		t.Fatalf("delete %s: %d", gone, code)
	}

	rep, _, err := c.Publish(ctx, cal, objectsOf(t, windowsOf(t, "testdata/stockholm_v2.ics")), st)
	if err != nil {
		t.Fatal(err)
	}
	var conflicts []string
	for _, cf := range rep.Conflicts {
		conflicts = append(conflicts, cf.Href)
	}
	sort.Strings(conflicts)
	if len(conflicts) != 2 || !edited[conflicts[0]] || !edited[conflicts[1]] {
		t.Errorf("conflicts %v, want the two edited objects", conflicts)
	}
	if rep.Created != 2 { // the 13:00 window and the one deleted on the server
		t.Errorf("created %d, want 2: %s", rep.Created, rep)
	}
	evs := serverEvents(t, r, cal.Href)
	for _, uid := range []string{"avail-20261026T070000Z@shiftdesk", "avail-20261021T060000Z@shiftdesk"} {
		if evs[uid].Summary != "Edited by the lead" {
			t.Errorf("%s was overwritten: %+v", uid, evs[uid])
		}
	}
	if _, ok := evs["avail-20261022T060000Z@shiftdesk"]; !ok {
		t.Errorf("the window deleted on the server was not written again")
	}
}

// TestRadicaleWrongPasswordAndCalendarGone: plain words for 401 and 404.
func TestRadicaleWrongPasswordAndCalendarGone(t *testing.T) {
	r := caldavtest.Start(t)
	ctx := ctxT(t)
	_, err := dial(t, r, "/", "wrong", nil).Find(ctx, DefaultCalendarName, true)
	if StatusOf(err) != http.StatusUnauthorized || !strings.Contains(err.Error(), "user name or password") ||
		strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong password: %v (status %d)", err, StatusOf(err))
	}
	c := dial(t, r, "/", r.Pass, nil)
	cal, err := c.Find(ctx, DefaultCalendarName, true)
	if err != nil {
		t.Fatal(err)
	}
	_, st, err := c.Publish(ctx, cal, objectsOf(t, windowsOf(t, "testdata/stockholm_v1.ics")), State{})
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := r.Raw(t, http.MethodDelete, cal.Href, ""); code/100 != 2 {
		t.Fatalf("delete calendar: %d", code)
	}
	_, _, err = c.Publish(ctx, cal, objectsOf(t, windowsOf(t, "testdata/stockholm_v2.ics")), st)
	if StatusOf(err) != http.StatusNotFound || !strings.Contains(err.Error(), "calendar is gone") {
		t.Errorf("publish to a deleted calendar: %v", err)
	}
}
