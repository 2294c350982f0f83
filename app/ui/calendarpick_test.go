package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	gocaldav "github.com/emersion/go-webdav/caldav"

	"github.com/shiftdesk/shiftdesk/app/caldav/caldavtest"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// twoCalendars serves an account with the calendars "Work" and "Team" on
// go-webdav's own CalDAV server (which does not offer MKCALENDAR).
func twoCalendars(t *testing.T) string {
	t.Helper()
	return caldavtest.ServeMem(t, &caldavtest.Mem{Cals: []gocaldav.Calendar{
		{Path: "/u/cals/work/", Name: "Work", SupportedComponentSet: []string{"VEVENT"}},
		{Path: "/u/cals/team/", Name: "Team", SupportedComponentSet: []string{"VEVENT"}},
	}})
}

// TestPublishFormPicksCalendarAndRegion: "Find calendars" lists the two
// calendars of a server address (no "Create" where the server does not
// allow MKCALENDAR), the agent picks "Work" and the region "Japan", and
// the setup handed over publishes to that calendar's own address for
// that region; "All regions" is handed over as "all".
func TestPublishFormPicksCalendarAndRegion(t *testing.T) {
	srv := twoCalendars(t)
	cfg := settings.Default()
	cfg.Regions = []calendar.Region{{Name: "Japan", Zone: "Asia/Tokyo"}, {Name: "Brazil", Zone: "America/Sao_Paulo"}}
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnvWith(t, "en", pub, cfg)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.onPublishSetupTapped()
	pf := s.pub.form
	if pf.region == nil || strings.Join(pf.region.Options, "|") != "All regions|Japan|Brazil" || pf.region.Selected != "All regions" {
		t.Fatalf("region choice: %+v", pf.region)
	}
	if !pf.cals.sel.Disabled() {
		t.Errorf("the calendar choice is enabled before anything was found")
	}
	pf.url.SetText(srv + "/")
	pf.user.SetText("u")
	pf.password.SetText("p")
	test.Tap(pf.find)
	if got := strings.Join(pf.cals.sel.Options, "|"); got != "Team|Work" || pf.status.Text != "Pick the calendar." {
		t.Fatalf("calendars offered %q, status %q", got, pf.status.Text)
	}
	pf.url.SetText("https://dav.example.com/") // the server's port changes per run; the picks keep their addresses
	test.AssertRendersToMarkup(t, "settings_publish_form_calendars_en.xml", e.win.Canvas())
	pf.cals.sel.SetSelected("Work")
	pf.region.SetSelected("Japan")
	s.onPublishSubmitted(pf)
	want := PublishSetup{URL: srv + "/u/cals/work/", User: "u", Password: "p", Days: 14, Region: "Japan"}
	if len(pub.setups) != 1 || pub.setups[0] != want {
		t.Fatalf("setup %+v, want %+v", pub.setups, want)
	}
	s.onPublishSetupTapped()
	pf = s.pub.form
	pf.url.SetText(srv + "/")
	s.onPublishSubmitted(pf)
	if got := pub.setups[len(pub.setups)-1]; got.URL != srv+"/" || got.Region != "all" {
		t.Errorf("without a pick: %+v", got)
	}
}

// TestPublishFormDiscoveryError: an address that is not CalDAV says so in
// the form and offers nothing.
func TestPublishFormDiscoveryError(t *testing.T) {
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnv(t, "en", pub)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.onPublishSetupTapped()
	pf := s.pub.form
	if pf.region != nil {
		t.Errorf("a region choice without regions")
	}
	pf.url.SetText("http://127.0.0.1:1/")
	test.Tap(pf.find)
	if !strings.HasPrefix(pf.status.Text, "Could not list the calendars: caldav:") || len(pf.cals.sel.Options) != 0 || pf.find.Disabled() {
		t.Errorf("status %q, options %v", pf.status.Text, pf.cals.sel.Options)
	}
}

// TestRadicalePublishFormOffersCreate: on a Radicale server with the
// calendars "team" and "work" (without display names Radicale names
// them by their paths), "Find calendars" lists both and, since
// Radicale allows MKCALENDAR, "Create 'Shiftdesk availability'", which
// is chosen until the agent picks "agent/work"; the setup then names that
// calendar's own address.
func TestRadicalePublishFormOffersCreate(t *testing.T) {
	r := caldavtest.Start(t)
	for _, p := range []string{"/agent/team/", "/agent/work/"} {
		if st, _ := r.Raw(t, "MKCALENDAR", p, ""); st != http.StatusCreated {
			t.Fatalf("MKCALENDAR %s: %d", p, st)
		}
	}
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnv(t, "en", pub)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.onPublishSetupTapped()
	pf := s.pub.form
	pf.url.SetText(r.URL)
	pf.user.SetText(r.User)
	pf.password.SetText(r.Pass)
	test.Tap(pf.find)
	if got := strings.Join(pf.cals.sel.Options, "|"); got != "agent/team|agent/work|Create 'Shiftdesk availability'" ||
		pf.cals.sel.SelectedIndex() != 2 || pf.cals.url(r.URL) != r.URL {
		t.Fatalf("offered %q, chosen %d (%s)", got, pf.cals.sel.SelectedIndex(), pf.status.Text)
	}
	pf.cals.sel.SetSelected("agent/work")
	s.onPublishSubmitted(pf)
	if len(pub.setups) != 1 || pub.setups[0].URL != r.URL+"agent/work/" || pub.setups[0].Password != r.Pass {
		t.Errorf("setups %+v", pub.setups)
	}
}

// TestFeedFormPicksCalendar: adding a feed at a CalDAV server's address,
// "Find calendars" (signed in with the user name and password) lists its
// two calendars, without a "Create" choice, and the feed saved is the
// calendar picked, by its own address.
func TestFeedFormPicksCalendar(t *testing.T) {
	srv := twoCalendars(t)
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnv(t, "en", pub)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.onAddFeedTapped()
	ff := s.feedForm
	ff.name.SetText("Team rota")
	ff.url.SetText(srv + "/")
	ff.auth.SetSelectedIndex(1)
	ff.user.SetText("u")
	ff.secret.SetText("p")
	test.Tap(ff.find)
	if got := strings.Join(ff.cals.sel.Options, "|"); got != "Team|Work" || ff.cals.sel.Selected != "Team" {
		t.Fatalf("calendars offered %q (chosen %q), status %q", got, ff.cals.sel.Selected, ff.status.Text)
	}
	ff.cals.sel.SetSelected("Work")
	s.onFeedSubmitted(ff)
	saved := pub.fakeFeeds.saved
	if len(saved) != 1 || saved[0].URL != srv+"/u/cals/work/" || saved[0].User != "u" || saved[0].Secret != "p" {
		t.Errorf("saved %+v", saved)
	}
}

// TestCalendarDiscoveryLeavesTheUIFree: discovery runs off the UI
// goroutine: while the server has not answered, the tap has returned,
// "Find calendars" is disabled and the form says it is looking; the
// calendars appear once it answers.
func TestCalendarDiscoveryLeavesTheUIFree(t *testing.T) {
	release := make(chan struct{})
	h := &gocaldav.Handler{Backend: &caldavtest.Mem{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnv(t, "en", pub)
	done := make(chan struct{})
	e.ui.async = func(work func()) {
		go func() { work(); close(done) }()
	}
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	s.onPublishSetupTapped()
	pf := s.pub.form
	pf.url.SetText(srv.URL + "/")
	test.Tap(pf.find)
	if !pf.find.Disabled() || pf.status.Text != "Looking for calendars…" {
		t.Fatalf("while the server is silent: find disabled %v, status %q", pf.find.Disabled(), pf.status.Text)
	}
	close(release)
	<-done // the work (and, on the test driver, its fyne.Do) has run
	if got := strings.Join(pf.cals.sel.Options, "|"); got != "Work" || pf.find.Disabled() {
		t.Errorf("after the answer: offered %q, status %q", got, pf.status.Text)
	}
}
