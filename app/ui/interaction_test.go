package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// syncNow makes the window's background work run inline, so a test sees
// its result as soon as the tap returns.
func (e *env) syncNow() { e.ui.async = func(work func()) { work() } }

// button finds the button with text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// shownTexts lists the visible texts drawn under o.
func shownTexts(o fyne.CanvasObject) string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if txt, ok := x.(*canvas.Text); ok && txt.Visible() && txt.Text != "" {
			out = append(out, txt.Text)
		}
	}
	return strings.Join(out, "\n")
}

// typeInto replaces an entry's text as typed by the agent and leaves the
// field, so a form shows its validation message.
func typeInto(c fyne.Canvas, en fyne.Focusable, text string) {
	if e, ok := en.(*widget.Entry); ok {
		e.SetText("")
	}
	if e, ok := en.(*widget.SelectEntry); ok {
		e.SetText("")
	}
	c.Focus(en)
	test.Type(en, text)
	c.Unfocus()
}

func TestAddFeedThroughTheForm(t *testing.T) {
	feeds := &fakeFeeds{}
	e := newEnv(t, "en", at(2026, 11, 23, 8, 48), weekOf23Nov(), feeds, nil)
	e.syncNow()
	e.ui.deps.Schedule = &fakeSchedule{} // nothing downloaded from the new feed yet
	if e.ui.banner.Hidden {
		t.Fatal("no demo banner before a feed is added")
	}
	test.Tap(button(t, e.ui.banner, "Add your feed"))
	if e.ui.tabs.SelectedIndex() != 4 {
		t.Errorf("Add your feed shows tab %d, want Settings", e.ui.tabs.SelectedIndex())
	}
	ff := e.ui.settings.feedForm
	if ff == nil || ff.dlg == nil {
		t.Fatal("no feed form shown")
	}
	c := e.win.Canvas()
	typeInto(c, ff.name, "Work")
	typeInto(c, ff.url, "ftp://wfm.example/agent.ics")
	// The form's renderer may be rebuilt between steps: look the button up each time.
	save := func() *widget.Button { return button(t, ff.form, "Save") }
	if !save().Disabled() {
		t.Error("Save enabled with an ftp address")
	}
	if got := shownTexts(ff.form); !strings.Contains(got, "Use an http(s), webcal or file address") {
		t.Errorf("no message at the address field; form shows:\n%s", got)
	}
	test.Tap(save())
	if len(feeds.saved) != 0 {
		t.Fatalf("a refused address was saved: %+v", feeds.saved)
	}

	typeInto(c, ff.url, "https://wfm.example/agent.ics")
	ff.auth.SetSelectedIndex(1)
	typeInto(c, ff.user, "agent7")
	typeInto(c, ff.secret, "s3cret")
	if save().Disabled() {
		t.Fatal("Save disabled with a valid form")
	}
	test.Tap(save())
	if len(feeds.saved) != 1 {
		t.Fatalf("saved %d feeds", len(feeds.saved))
	}
	got := feeds.saved[0]
	if got.Name != "Work" || got.URL != "https://wfm.example/agent.ics" || got.Auth != settings.AuthBasic || got.User != "agent7" || got.Secret != "s3cret" {
		t.Errorf("saved %+v", got)
	}
	if ff.secret.Text != "" {
		t.Error("the secret stays in the form after saving")
	}
	if !e.ui.banner.Hidden {
		t.Error("demo banner still shown with a feed")
	}
	if feeds.synced != 1 {
		t.Errorf("%d syncs after adding, want 1", feeds.synced)
	}
	// The fake's sync downloads nothing: the Now line says so instead of "Off".
	if got := e.ui.now.status.Text; got != "Your feed is not downloaded yet: press Sync now on the Feeds screen" {
		t.Errorf("Now line before the first download: %q", got)
	}
	// Hiding the feed from the settings list.
	var shown *widget.Check
	for _, x := range test.LaidOutObjects(e.ui.settings.feedList) {
		if c, ok := x.(*widget.Check); ok && c.Text == "Shown" {
			shown = c
		}
	}
	if shown == nil || !shown.Checked {
		t.Fatal("no checked Shown box for the new feed")
	}
	test.Tap(shown)
	if feeds.Status()[0].Enabled {
		t.Error("feed still enabled after unticking Shown")
	}
	// The feed is listed on the Feeds screen; editing it never shows the secret.
	e.ui.Show(ScreenFeeds)
	if txt := shownTexts(e.ui.feeds.list); !strings.Contains(txt, "Work") {
		t.Errorf("feeds screen lists:\n%s", txt)
	}
	e.ui.settings.onEditFeedTapped(e.ui.deps.Feeds.Status()[0])
	edit := e.ui.settings.feedForm
	if edit.secret.Text != "" || !strings.Contains(edit.secret.PlaceHolder, "keyring") || !edit.url.Disabled() {
		t.Errorf("edit form: secret %q, placeholder %q, address disabled %v", edit.secret.Text, edit.secret.PlaceHolder, edit.url.Disabled())
	}
}

func TestNavigateWeeks(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 25, 10, 0), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenWeek)
	w := e.ui.week
	if got := w.title.Text; got != "Week 48 · 23 Nov – 29 Nov 2026" {
		t.Fatalf("title %q", got)
	}
	if len(w.days[0].Segments) != 4 {
		t.Errorf("Monday has %d segments, want 4", len(w.days[0].Segments))
	}
	test.Tap(button(t, e.ui.Content(), "Next"))
	if got := w.title.Text; got != "Week 49 · 30 Nov – 6 Dec 2026" {
		t.Errorf("after Next: %q", got)
	}
	if got := w.labels[0].Text; got != "Mon 30" {
		t.Errorf("first day %q", got)
	}
	if len(w.days[0].Segments) != 0 {
		t.Errorf("next week shows %d segments on Monday", len(w.days[0].Segments))
	}
	// ← goes back twice, to the week of 16 Nov.
	for range 2 {
		e.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	if got := w.title.Text; got != "Week 47 · 16 Nov – 22 Nov 2026" {
		t.Errorf("after ←←: %q", got)
	}
	test.Tap(button(t, e.ui.Content(), "Today"))
	if got := w.title.Text; got != "Week 48 · 23 Nov – 29 Nov 2026" {
		t.Errorf("after Today: %q", got)
	}
	// The night from Saturday to Sunday is on both days.
	if len(w.days[5].Segments) != 1 || len(w.days[6].Segments) != 2 {
		t.Errorf("night: Saturday %d, Sunday %d segments", len(w.days[5].Segments), len(w.days[6].Segments))
	}
	if got := w.allDay[3].Text; got != "Day off" {
		t.Errorf("Thursday all-day %q", got)
	}
}

func TestChangeAgentZone(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	if got := e.ui.now.status.Text; got != "On break — back at 09:15" {
		t.Fatalf("status %q", got)
	}
	e.ui.Show(ScreenSettings)
	s := e.ui.settings
	c := e.win.Canvas()
	typeInto(c, s.zone, "Mars/Olympus")
	test.Tap(button(t, e.ui.Content(), "Apply"))
	if e.store.s.Zone != "Europe/Stockholm" {
		t.Errorf("unknown zone saved: %q", e.store.s.Zone)
	}
	if got := s.zoneMsg.Text; got != "Unknown time zone: Mars/Olympus" {
		t.Errorf("zone message %q", got)
	}
	typeInto(c, s.zone, "Europe/London")
	test.Tap(button(t, e.ui.Content(), "Apply"))
	if e.store.s.Zone != "Europe/London" {
		t.Fatalf("zone saved %q", e.store.s.Zone)
	}
	// Stockholm's 09:15 is 08:15 in London.
	if got := e.ui.now.status.Text; got != "On break — back at 08:15" {
		t.Errorf("status in London %q", got)
	}
	e.ui.Show(ScreenNow)
	if txt := shownTexts(e.ui.now.timeline); !strings.HasPrefix(txt, "APAC queue\nLunch\n06\n07") {
		t.Errorf("timeline in London starts:\n%s", txt)
	}
}

func TestAddCustomerRegion(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	r := e.ui.settings.region
	c := e.win.Canvas()
	add := func() *widget.Button { return button(t, r.form, "Add region") }

	typeInto(c, r.nameEntry, "Japan")
	typeInto(c, r.zone, "Asia/Tokio")
	typeInto(c, r.open, "09:00")
	typeInto(c, r.close, "18:00")
	if !add().Disabled() {
		t.Error("Add region enabled with an unknown zone")
	}
	if got := shownTexts(r.form); !strings.Contains(got, "Unknown time zone: Asia/Tokio") {
		t.Errorf("no message at the zone field:\n%s", got)
	}
	typeInto(c, r.zone, "Asia/Tokyo")
	typeInto(c, r.close, "08:00")
	if !add().Disabled() {
		t.Error("Add region enabled with closing before opening")
	}
	if got := shownTexts(r.form); !strings.Contains(got, "Must be after the opening time") {
		t.Errorf("no message at the closing field:\n%s", got)
	}
	test.Tap(add())
	if len(e.store.s.Regions) != 0 {
		t.Fatalf("a refused region was saved: %+v", e.store.s.Regions)
	}
	typeInto(c, r.close, "18:00")
	r.days.SetSelected(nil)
	test.Tap(add())
	if len(e.store.s.Regions) != 0 || r.msg.Hidden || r.msg.Text != "Tick at least one open day" {
		t.Fatalf("a region without open days: saved %v, message %q", e.store.s.Regions, r.msg.Text)
	}
	r.days.SetSelected([]string{"Mon", "Tue", "Wed", "Thu", "Fri"})
	test.Tap(add())
	if len(e.store.s.Regions) != 1 {
		t.Fatalf("regions %+v", e.store.s.Regions)
	}
	want := calendar.Region{Name: "Japan", Zone: "Asia/Tokyo", Days: []time.Weekday{1, 2, 3, 4, 5}, Open: 540, Close: 1080}
	got := e.store.s.Regions[0]
	if got.Name != want.Name || got.Zone != want.Zone || got.Open != want.Open || got.Close != want.Close || len(got.Days) != 5 {
		t.Errorf("region %+v, want %+v", got, want)
	}
	e.ui.Show(ScreenCustomers)
	txt := strings.Join(labelTexts(e.ui.customers.list), "\n")
	// Mon 07:00–16:00 in Stockholm is 15:00–24:00 in Tokyo: 3 hours of overlap.
	for _, want := range []string{"Japan, Asia/Tokyo, Mon–Fri 09:00–18:00", "There it is 17:05 (Mon) · Open now",
		"Today · Mon 23 Nov 07:00–16:00 · there Mon 15:00–Tue 00:00 · overlap 3 h"} {
		if !strings.Contains(txt, want) {
			t.Errorf("customers screen lacks %q:\n%s", want, txt)
		}
	}
}

func TestEmptyFeedNeedsADecision(t *testing.T) {
	feeds := workFeed()
	feeds.pending = []PendingFeed{{ID: "work", Name: "Work", Question: "Work came back empty (it had 23 events). Use the empty schedule?"}}
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), feeds, nil)
	e.syncNow()
	e.ui.Show(ScreenFeeds)
	if txt := shownTexts(e.ui.feeds.pending); !strings.Contains(txt, "came back empty") {
		t.Fatalf("no question shown:\n%s", txt)
	}
	test.Tap(button(t, e.ui.feeds.pending, "Keep my schedule"))
	if strings.Join(feeds.decided, ",") != "work:false" {
		t.Errorf("decided %v", feeds.decided)
	}
	if len(e.ui.feeds.pending.Objects) != 0 {
		t.Error("question still shown after the decision")
	}
}

func TestLanguageChangeRebuildsTheWindow(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	var changed []string
	e.ui.OnSettingsChanged = func(old, new settings.Settings) {
		changed = append(changed, old.Language+">"+new.Language)
		loc := useLang(t, new.Language)
		e.ui.Rebuild(loc)
	}
	e.ui.Show(ScreenSettings)
	e.ui.settings.language.SetSelectedIndex(3) // Nederlands
	if strings.Join(changed, ",") != ">nl" || e.store.s.Language != "nl" {
		t.Fatalf("changes %v, saved %q", changed, e.store.s.Language)
	}
	if got := e.ui.now.status.Text; got != "Pauze — terug om 09:15" {
		t.Errorf("Dutch status %q", got)
	}
	if e.ui.tabs.SelectedIndex() != 4 || e.ui.tabs.Items[4].Text != "Instellingen" {
		t.Errorf("after the rebuild: tab %d %q", e.ui.tabs.SelectedIndex(), e.ui.tabs.Items[4].Text)
	}
	if e.win.Content() != e.ui.Content() {
		t.Error("the window does not show the rebuilt content")
	}
}

// fakeDesk is the test app with a system tray.
type fakeDesk struct {
	fyne.App
	menu  *fyne.Menu
	icon  fyne.Resource
	win   fyne.Window
	quits int
}

func (d *fakeDesk) SetSystemTrayMenu(m *fyne.Menu)    { d.menu = m }
func (d *fakeDesk) SetSystemTrayIcon(r fyne.Resource) { d.icon = r }
func (d *fakeDesk) SetSystemTrayWindow(w fyne.Window) { d.win = w }
func (d *fakeDesk) Quit()                             { d.quits++ }

func TestTrayMenu(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 20), weekOf23Nov(), workFeed(), nil)
	e.syncNow()
	desk := &fakeDesk{App: fyne.CurrentApp()}
	e.ui.app = desk
	if !e.ui.SetupTray(fyne.NewStaticResource("icon.png", []byte{1})) {
		t.Fatal("no tray on a desktop app")
	}
	var labels []string
	for _, it := range desk.menu.Items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, "|"); got != "Next: Lunch Mon 11:30||Open Shiftdesk|Sync now||Quit" {
		t.Errorf("tray menu %q", got)
	}
	if desk.win != e.win || desk.icon == nil {
		t.Error("tray window or icon not set")
	}
	// The first line follows the schedule.
	*e.now = at(2026, 11, 23, 11, 40)
	e.ui.now.tick()
	if got := desk.menu.Items[0].Label; got != "Next: Break Mon 14:00" {
		t.Errorf("first line at 11:40 %q", got)
	}
	desk.menu.Items[3].Action()
	if e.ui.deps.Feeds.(*fakeFeeds).synced != 1 {
		t.Error("Sync now from the tray did not sync")
	}
	desk.menu.Items[5].Action()
	if desk.quits != 1 {
		t.Error("Quit from the tray did not quit")
	}
	// A new language rebuilds the tray menu too.
	e.ui.Rebuild(useLang(t, "fr"))
	if got := desk.menu.Items[2].Label; got != "Ouvrir Shiftdesk" {
		t.Errorf("tray in French: %q", got)
	}
}

func TestNoticeStaysAcrossRebuilds(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	if !e.ui.notice.Hidden {
		t.Fatal("notice shown without a message")
	}
	e.ui.ShowNotice("settings: the config file is corrupt: defaults are in use")
	e.ui.Rebuild(e.ui.Locale())
	if e.ui.notice.Hidden || !strings.Contains(shownTexts(e.ui.Content()), "config file is corrupt") {
		t.Error("notice lost")
	}
}

// After a region is added the form is empty again and shows no error at
// its fields (the agent did nothing wrong), and the next region can be
// added through it.
func TestRegionFormIsCleanAfterAnAdd(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	c := e.win.Canvas()
	add := func(name, zone string) {
		r := e.ui.settings.region
		typeInto(c, r.nameEntry, name)
		typeInto(c, r.zone, zone)
		typeInto(c, r.close, "18:00")
		test.Tap(button(t, r.form, "Add region"))
	}
	add("Japan", "Asia/Tokyo")
	if len(e.store.s.Regions) != 1 {
		t.Fatalf("regions %+v", e.store.s.Regions)
	}
	r := e.ui.settings.region
	if r.nameEntry.Text != "" || r.zone.Text != "" {
		t.Errorf("form not cleared: name %q, zone %q", r.nameEntry.Text, r.zone.Text)
	}
	shown := shownTexts(e.ui.settings.regionBox)
	for _, msg := range []string{"Give the region a name", "Enter a time zone such as Europe/Stockholm"} {
		if strings.Contains(shown, msg) {
			t.Errorf("error %q shown right after a region was added:\n%s", msg, shown)
		}
	}
	add("New York", "America/New_York")
	if len(e.store.s.Regions) != 2 || e.store.s.Regions[1].Zone != "America/New_York" {
		t.Fatalf("second region not added through the fresh form: %+v", e.store.s.Regions)
	}
	if got := shownTexts(e.ui.settings.regionList); !strings.Contains(got, "New York, America/New_York, Mon–Fri 09:00–18:00") {
		t.Errorf("region list:\n%s", got)
	}
}

// Screens share one expansion of the schedule: a refresh of every screen
// reads it once, and switching screens afterwards reads it no more.
func TestTabChangeReadsTheScheduleOnce(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), regions)
	calls := e.sched.calls
	e.ui.Refresh()
	if n := e.sched.calls - calls; n != 1 {
		t.Errorf("a refresh of every screen read the schedule %d times, want 1", n)
	}
	calls = e.sched.calls
	for _, screen := range []string{ScreenWeek, ScreenCustomers, ScreenNow} {
		e.ui.Show(screen)
	}
	if n := e.sched.calls - calls; n != 0 {
		t.Errorf("showing the screens read the schedule %d times, want 0 (shared)", n)
	}
	// The Week screen shown is current: a week moved to while another
	// screen was shown is drawn when the Week screen comes back.
	e.ui.week.monday = calendar.Date{Year: 2026, Month: 11, Day: 30}
	e.ui.Show(ScreenWeek)
	if got := e.ui.week.title.Text; !strings.Contains(got, "Week 49") {
		t.Errorf("week title %q after coming back to the Week screen", got)
	}
}

// With every feed paused the Now line does not ask for a sync that would
// download nothing (paused feeds are not synced).
func TestAllFeedsPausedIsNotWaitingForASync(t *testing.T) {
	feeds := workFeed()
	feeds.status[0].Enabled = false
	feeds.status[0].LastSync = time.Time{}
	e := newEnv(t, "en", at(2026, 11, 23, 8, 48), nil, feeds, nil)
	if got := e.ui.now.status.Text; got != "Off — no shift in the next 7 days" {
		t.Errorf("Now line with every feed paused: %q", got)
	}
	// Shown again but never downloaded: the agent is asked to sync.
	feeds.status[0].Enabled = true
	e.ui.Refresh()
	if got := e.ui.now.status.Text; got != "Your feed is not downloaded yet: press Sync now on the Feeds screen" {
		t.Errorf("Now line before the first download: %q", got)
	}
}
