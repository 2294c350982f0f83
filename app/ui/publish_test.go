package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/settings"
)

// publishingFeeds is fakeFeeds that also publishes availability.
type publishingFeeds struct {
	*fakeFeeds
	status PublishStatus
}

func (p *publishingFeeds) PublishStatus() PublishStatus { return p.status }

// TestFeedsScreenShowsPublishing: the Feeds & changes screen says what
// the last publish to a CalDAV calendar did, in the window's language,
// in red with conflicts or an error, and nothing when publishing is off.
func TestFeedsScreenShowsPublishing(t *testing.T) {
	const cal = "https://dav.example.com/agent/shiftdesk-availability/"
	ok := PublishStatus{Calendar: cal, At: at(2026, 11, 23, 9, 0), Items: 9, Created: 1, Updated: 2, Removed: 2}
	for _, tc := range []struct {
		code   string
		status PublishStatus
		want   string
		danger bool
	}{
		{"en", ok, "Availability published to " + cal + " at Mon 09:00: 9 windows (1 new, 2 changed, 2 removed).", false},
		{"sv", ok, "Tillgänglighet publicerad i " + cal + " mån 09:00: 9 fönster (1 nya, 2 ändrade, 2 borttagna).", false},
		{"en", PublishStatus{Calendar: cal}, "Availability is published to " + cal + " after the next sync.", false},
		{"en", PublishStatus{Calendar: cal, At: ok.At, Items: 9, Conflicts: 1}, "1 changed on the server were left alone", true},
		{"en", PublishStatus{Calendar: cal, At: ok.At, Err: "the calendar is gone (404)"}, "Publishing availability to " + cal + " failed at Mon 09:00: the calendar is gone (404)", true},
		{"en", PublishStatus{}, "", false},
	} {
		e := newEnv(t, tc.code, at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), nil)
		e.ui.deps.Feeds = &publishingFeeds{fakeFeeds: workFeed(), status: tc.status}
		e.ui.Show(ScreenFeeds)
		l := e.ui.feeds.publish
		if tc.want == "" {
			if !l.Hidden {
				t.Errorf("publishing off, but the screen says %q", l.Text)
			}
			continue
		}
		if l.Hidden || !strings.Contains(l.Text, tc.want) {
			t.Errorf("%s: %q (hidden %v), want %q", tc.code, l.Text, l.Hidden, tc.want)
		}
		if danger := l.Importance == widget.DangerImportance; danger != tc.danger {
			t.Errorf("%s %q: importance %v", tc.code, l.Text, l.Importance)
		}
		if tc.code == "en" && tc.status == ok {
			test.AssertRendersToMarkup(t, "feeds_publish_en.xml", e.win.Canvas())
		}
	}
}

// fakePublisher is fakeFeeds that can publish.
type fakePublisher struct {
	*fakeFeeds
	status  PublishStatus
	setups  []PublishSetup
	stopped int
	err     error
}

func (p *fakePublisher) PublishStatus() PublishStatus { return p.status }
func (p *fakePublisher) SetUpPublish(_ context.Context, s PublishSetup) error {
	p.setups = append(p.setups, s)
	if p.err == nil {
		p.status = PublishStatus{Calendar: s.URL + "agent/shiftdesk-availability/"}
	}
	return p.err
}
func (p *fakePublisher) StopPublish(context.Context) error {
	p.stopped++
	p.status = PublishStatus{}
	return nil
}

// newPublishEnv is newEnv with feeds that can publish availability.
func newPublishEnv(t *testing.T, code string, pub *fakePublisher) *env {
	t.Helper()
	return newPublishEnvWith(t, code, pub, settings.Default())
}

// newPublishEnvWith is newPublishEnv on the settings cfg.
func newPublishEnvWith(t *testing.T, code string, pub *fakePublisher, cfg settings.Settings) *env {
	t.Helper()
	test.NewTempApp(t)
	loc := useLang(t, code)
	cfg.Zone = "Europe/Stockholm"
	now := at(2026, 11, 23, 9, 30)
	e := &env{store: &memSettings{s: cfg}, feeds: pub.fakeFeeds, sched: &fakeSchedule{occs: weekOf23Nov()}, now: &now}
	deps := Deps{Clock: func() time.Time { return *e.now }, Schedule: e.sched, Demo: e.sched, Settings: e.store,
		Info: Info{Name: "Shiftdesk", Version: "0.1.0", Build: 1}, Feeds: pub}
	e.win = test.NewTempWindow(t, widget.NewLabel(""))
	e.ui = New(fyne.CurrentApp(), e.win, deps, loc)
	e.win.SetContent(e.ui.Content())
	e.win.Resize(fyne.NewSize(900, 640))
	e.ui.Install()
	e.syncNow()
	return e
}

// TestSettingsPublishSection: with feeds that can publish, Settings offers
// "Publish availability": the form hands the address, user, password,
// days and flavour over (the password field is cleared), an error stays
// in the form, and "Stop publishing" turns it off.
func TestSettingsPublishSection(t *testing.T) {
	pub := &fakePublisher{fakeFeeds: workFeed()}
	e := newPublishEnv(t, "en", pub)
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	if s.pub == nil || s.pub.state.Text != "Your availability is not published to a calendar." || !s.pub.stop.Disabled() {
		t.Fatalf("section before setup: %+v", s.pub)
	}
	s.onPublishSetupTapped()
	pf := s.pub.form
	test.AssertRendersToMarkup(t, "settings_publish_form_en.xml", e.win.Canvas())
	pf.url.SetText("ftp://x")
	if pf.url.Validate() == nil {
		t.Errorf("an ftp address passed the form")
	}
	pub.err = errors.New("caldav: the server did not accept the user name or password (401)")
	pf.url.SetText("https://dav.example.com/")
	pf.user.SetText("agent")
	pf.password.SetText("s3cret")
	pf.days.SetSelectedIndex(2)
	pf.busy.SetChecked(true)
	s.onPublishSubmitted(pf)
	if !strings.Contains(pf.status.Text, "Could not publish: caldav: the server did not accept") || pf.password.Text != "" {
		t.Errorf("after a failed setup: status %q, password field %q", pf.status.Text, pf.password.Text)
	}
	pub.err = nil
	pf.password.SetText("s3cret")
	s.onPublishSubmitted(pf)
	want := PublishSetup{URL: "https://dav.example.com/", User: "agent", Password: "s3cret", Days: 30, Busy: true}
	if len(pub.setups) != 2 || pub.setups[1] != want {
		t.Errorf("setups %+v, want %+v", pub.setups, want)
	}
	if !strings.Contains(s.pub.state.Text, "https://dav.example.com/agent/shiftdesk-availability/ after the next sync") || s.pub.stop.Disabled() {
		t.Errorf("section after setup: %q", s.pub.state.Text)
	}
	s.onStopPublishingTapped()
	if pub.stopped != 1 || !s.pub.stop.Disabled() {
		t.Errorf("stop: %d calls, button enabled %v", pub.stopped, !s.pub.stop.Disabled())
	}
}
