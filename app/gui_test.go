package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/app/ui"
	"github.com/shiftdesk/shiftdesk/assets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// The window's adapters drive a real feeds manager: a feed added with a
// password is synced from a server that demands it, its schedule reaches
// the Now screen, an edit without a password keeps the stored one, and
// removing it brings the demo back.
func TestWindowOnARealFeedsManager(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "agent7" || p != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write(assets.DemoFeed)
	}))
	defer srv.Close()
	store := secrets.NewFake()
	mgr, err := feeds.New(feeds.Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: store, UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := (&managerSettings{m: mgr}).Save(func() settings.Settings {
		s := mgr.Settings()
		s.Zone = "Europe/Stockholm"
		return s
	}()); err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr}
	ctx := context.Background()
	if err := mf.Save(ctx, ui.FeedEdit{Name: "Work", URL: srv.URL + "/agent.ics", Auth: settings.AuthBasic, User: "agent7", Secret: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	var progress []int
	if _, err := mf.Sync(ctx, func(done, total int) { progress = append(progress, done, total) }); err != nil {
		t.Fatalf("sync: %v", err)
	}
	if len(progress) != 2 || progress[0] != 1 || progress[1] != 1 {
		t.Errorf("progress %v, want [1 1]", progress)
	}
	st := mf.Status()
	if len(st) != 1 || st[0].LastSync.IsZero() || st[0].LastError != "" || st[0].Events == 0 {
		t.Fatalf("status %+v", st)
	}
	if strings.Contains(st[0].URL, "s3cret") {
		t.Error("the secret shows in the feed's address")
	}

	// The Now screen on a Monday 08:48 of the synced week.
	test.NewTempApp(t)
	loc, err := ui.UseLanguage("en")
	if err != nil {
		t.Fatal(err)
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	monday := time.Date(2026, 11, 23, 8, 48, 0, 0, stockholm)
	w := test.NewTempWindow(t, nil)
	u := ui.New(fyne.CurrentApp(), w, ui.Deps{
		Clock: func() time.Time { return monday }, Schedule: managerSchedule{mgr}, Feeds: mf, Settings: &managerSettings{m: mgr},
	}, loc)
	w.SetContent(u.Content())
	occs, err := u.Occurrences(monday, monday.Add(time.Hour))
	if err != nil || len(occs) == 0 || occs[0].Source != "Work" {
		t.Fatalf("occurrences %v, %v", occs, err)
	}
	found := false
	for _, o := range occs {
		found = found || (o.Kind == calendar.KindBreak && o.Start.Equal(monday.Add(12*time.Minute)))
	}
	if !found {
		t.Errorf("no 09:00 break from the synced feed in %v", occs)
	}

	// Renaming without typing the password keeps the stored one.
	id := st[0].ID
	if err := mf.Save(ctx, ui.FeedEdit{ID: id, Name: "Roster", URL: st[0].URL, Auth: settings.AuthBasic, User: "agent7"}); err != nil {
		t.Fatal(err)
	}
	if rs, err := mf.Sync(ctx, func(int, int) {}); err != nil {
		t.Fatalf("sync after rename: %v %v", rs, err)
	}
	if got := mf.Status()[0].Name; got != "Roster" {
		t.Errorf("name %q after rename", got)
	}
	// Changing the user without the password is refused before anything changes.
	if err := mf.Save(ctx, ui.FeedEdit{ID: id, Name: "Roster", URL: st[0].URL, Auth: settings.AuthBasic, User: "other"}); err == nil {
		t.Error("a new user without a password was accepted")
	}
	if err := mf.Remove(ctx, id); err != nil {
		t.Fatal(err)
	}
	if len(mf.Status()) != 0 {
		t.Error("feed still listed after removal")
	}
}

// A wrong password reads as a sign-in failure on the Feeds screen data.
func TestManagerFeedsReportsSignInFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	mgr, err := feeds.New(feeds.Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr}
	if err := mf.Save(context.Background(), ui.FeedEdit{Name: "Work", URL: srv.URL, Auth: settings.AuthBearer, Secret: "tok"}); err != nil {
		t.Fatal(err)
	}
	_, err = mf.Sync(context.Background(), func(int, int) {})
	var se *feeds.SyncError
	if !errors.As(err, &se) || se.Reason != feeds.ReasonAuth || err.Error() != se.Plain() {
		t.Fatalf("sync error %v, want the sign-in failure in plain words", err)
	}
	st := mf.Status()
	if len(st) != 1 || st[0].LastError == "" || st[0].Offline() {
		t.Errorf("status %+v", st)
	}
	// The window gets the failure as data and words it in its language.
	var pe ui.ProblemError
	if !errors.As(err, &pe) || pe.Problem().Reason != "auth" {
		t.Errorf("sync error %v carries no problem for the window", err)
	}
	if len(st) == 1 && st[0].Problem().Reason != "auth" {
		t.Errorf("status problem %+v", st[0].Problem())
	}
	t.Setenv("LANGUAGE", "sv")
	loc, lerr := ui.UseLanguage("sv")
	if lerr != nil {
		t.Fatal(lerr)
	}
	if got, want := loc.SyncErrorText(err), "inloggningen nekades — kontrollera lösenordet eller token"; got != want {
		t.Errorf("Swedish sync error %q, want %q", got, want)
	}
}

// The window's English change lines say what the sync layer's lines say
// (with "->" for the arrow Fyne's font lacks).
func TestChangeLinesMatchTheSyncLayer(t *testing.T) {
	t.Setenv("LANGUAGE", "en")
	loc, err := ui.UseLanguage("en")
	if err != nil {
		t.Fatal(err)
	}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, stockholm) }
	o := func(uid string, kind calendar.Kind, start, end time.Time) calendar.Occurrence {
		return calendar.Occurrence{UID: uid, Summary: uid, Kind: kind, Start: start, End: end}
	}
	day := func(uid string, d, days int) calendar.Occurrence {
		s := calendar.Date{Year: 2026, Month: 11, Day: d}
		return calendar.Occurrence{UID: uid, Summary: uid, Kind: calendar.KindTimeOff, AllDay: true, StartDate: s, EndDate: s.AddDays(days),
			Start: s.In(stockholm), End: s.AddDays(days).In(stockholm)}
	}
	old := []calendar.Occurrence{
		o("shift", calendar.KindShift, at(24, 14, 0), at(24, 22, 0)),
		o("break", calendar.KindBreak, at(24, 16, 0), at(24, 16, 15)),
		o("late", calendar.KindShift, at(25, 14, 0), at(25, 22, 0)),
		o("lunch", calendar.KindLunch, at(27, 11, 30), at(27, 12, 0)),
		day("vacation", 23, 1), day("course", 16, 2),
	}
	new := []calendar.Occurrence{
		o("shift", calendar.KindShift, at(24, 12, 0), at(24, 20, 0)),
		o("break", calendar.KindBreak, at(24, 16, 0), at(24, 16, 30)),
		o("late", calendar.KindShift, at(26, 15, 0), at(26, 23, 0)),
		o("meeting", calendar.KindMeeting, at(26, 10, 0), at(26, 10, 30)),
		day("vacation", 24, 2), day("course", 16, 3), day("leave", 30, 1),
	}
	changes := feeds.Diff(old, new, stockholm)
	if len(changes) != 8 {
		t.Fatalf("%d changes: %+v", len(changes), changes)
	}
	for _, c := range changes {
		want := strings.ReplaceAll(c.Line, "→", "->")
		if got := loc.ChangeLine(c); got != want {
			t.Errorf("window %q, sync layer %q", got, want)
		}
	}
}

// A damaged offline copy reaches the Feeds screen's data once the window
// has read the copies.
func TestManagerFeedsShowsAnUnreadableCopy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write(assets.DemoFeed)
	}))
	defer srv.Close()
	opts := feeds.Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"}
	mgr, err := feeds.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr}
	if err := mf.Save(context.Background(), ui.FeedEdit{Name: "Work", URL: srv.URL + "/agent.ics"}); err != nil {
		t.Fatal(err)
	}
	if _, err := mf.Sync(context.Background(), func(int, int) {}); err != nil {
		t.Fatal(err)
	}
	id := mf.Status()[0].ID
	if err := os.WriteFile(filepath.Join(opts.CacheDir, "feeds", id, "feed.ics"), assets.DemoFeed[:120], 0o600); err != nil {
		t.Fatal(err)
	}
	mgr, err = feeds.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	mf = &managerFeeds{m: mgr}
	now := time.Now()
	if _, err := (managerSchedule{mgr}).Occurrences(now, now.Add(24*time.Hour), time.UTC); err != nil {
		t.Fatal(err)
	}
	if st := mf.Status(); len(st) != 1 || !st[0].CopyUnreadable {
		t.Fatalf("status %+v, want the copy flagged unreadable", st)
	}
}

// The demo week follows the agent's keyword rules.
func TestDemoFollowsKeywordRules(t *testing.T) {
	demo, err := ui.DemoSchedule()
	if err != nil {
		t.Fatal(err)
	}
	var rules []calendar.KindRule
	demo.Rules = func() []calendar.KindRule { return rules }
	s := demo
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	tue := time.Date(2026, 11, 24, 0, 0, 0, 0, stockholm)
	kindOf := func() calendar.Kind {
		occs, err := s.Occurrences(tue, tue.AddDate(0, 0, 1), stockholm)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range occs {
			if o.Summary == "Team meeting" {
				return o.Kind
			}
		}
		t.Fatal("no team meeting on Tuesday")
		return ""
	}
	if k := kindOf(); k != calendar.KindMeeting {
		t.Fatalf("team meeting is %q", k)
	}
	rules = []calendar.KindRule{{Keyword: "team", Kind: calendar.KindTraining}}
	if k := kindOf(); k != calendar.KindTraining {
		t.Errorf("with a rule, team meeting is %q", k)
	}
}

// drawnTexts lists the visible texts drawn on the window.
func drawnTexts(w fyne.Window) string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Canvas().Content()) {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" {
				out = append(out, t.Text)
			}
		}
	}
	return strings.Join(out, "\n")
}

// The window as runGUI builds it: the demo with its banner on a fresh
// install, the export dialog on Ctrl+E's action, and theme and language
// changes applied to the app.
func TestBuildWindowOnAFreshInstall(t *testing.T) {
	a := test.NewTempApp(t)
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	t.Setenv("LANGUAGE", "")
	mgr, err := feeds.New(feeds.Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: secrets.NewFake(), UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	var stderr strings.Builder
	u := buildWindow(a, w, Env{Stderr: &stderr, Info: Info{Name: "Shiftdesk", Version: "0.1.0", Build: 1}}, mgr, nil)
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	txt := drawnTexts(w)
	for _, want := range []string{"Demo schedule — add your feed", "Add your feed", "Now", "Week"} {
		if !strings.Contains(txt, want) {
			t.Errorf("window lacks %q:\n%s", want, txt)
		}
	}
	now := time.Now()
	occs, err := u.Occurrences(now, now.AddDate(0, 0, 7))
	if err != nil || len(occs) == 0 || occs[0].Source != "Demo" {
		t.Fatalf("demo week: %d occurrences, %v", len(occs), err)
	}
	u.Export()
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no export dialog")
	}
	w.Canvas().Overlays().Top().Hide()

	// Dark theme and Swedish, through the settings the manager saves.
	s := u.Settings()
	s.Theme, s.Language = "dark", "sv"
	if err := (&managerSettings{m: mgr}).Save(s); err != nil {
		t.Fatal(err)
	}
	u.OnSettingsChanged(u.Settings(), s)
	bg := theme.ColorNameBackground
	if a.Settings().Theme().Color(bg, theme.VariantLight) != theme.DefaultTheme().Color(bg, theme.VariantDark) {
		t.Error("dark theme not applied")
	}
	if !strings.Contains(drawnTexts(w), "Demoschema — lägg till ditt flöde") {
		t.Errorf("not rebuilt in Swedish:\n%s", drawnTexts(w))
	}
	if mgr.Settings().Language != "sv" || mgr.Settings().Theme != "dark" {
		t.Errorf("settings saved %q %q", mgr.Settings().Language, mgr.Settings().Theme)
	}
}

// Without a feeds manager (no config dir) the window still opens on the demo.
func TestBuildWindowWithoutManager(t *testing.T) {
	a := test.NewTempApp(t)
	t.Setenv("LC_ALL", "en_GB.UTF-8")
	w := test.NewTempWindow(t, nil)
	var stderr strings.Builder
	u := buildWindow(a, w, Env{Stderr: &stderr, Info: Info{Name: "Shiftdesk"}}, nil, errors.New("feeds: no user config dir"))
	if !strings.Contains(drawnTexts(w), "feeds: no user config dir") {
		t.Error("the manager's error is not shown")
	}
	now := time.Now()
	if occs, _ := u.Occurrences(now, now.AddDate(0, 0, 7)); len(occs) == 0 {
		t.Error("no demo without a manager")
	}
}

// Switching a feed from a password to no sign-in in the edit form works:
// the form still holds the old user name in its disabled field, and the
// stored password leaves the keyring.
func TestManagerFeedsDropsTheSignIn(t *testing.T) {
	store := secrets.NewFake()
	mgr, err := feeds.New(feeds.Options{ConfigDir: t.TempDir(), CacheDir: t.TempDir(), Secrets: store, UserAgent: "Shiftdesk/test"})
	if err != nil {
		t.Fatal(err)
	}
	mf := &managerFeeds{m: mgr}
	ctx := context.Background()
	if err := mf.Save(ctx, ui.FeedEdit{Name: "Work", URL: "https://wfm.example/agent.ics", Auth: settings.AuthBasic, User: "agent7", Secret: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	if len(store.Keys()) != 1 {
		t.Fatalf("keyring holds %v after adding with a password", store.Keys())
	}
	st := mf.Status()[0]
	if err := mf.Save(ctx, ui.FeedEdit{ID: st.ID, Name: "Work", URL: st.URL, Auth: settings.AuthNone, User: "agent7"}); err != nil {
		t.Fatalf("dropping the sign-in: %v", err)
	}
	if got := mf.Status()[0]; got.Auth != settings.AuthNone || got.User != "" {
		t.Errorf("after dropping the sign-in: auth %q, user %q", got.Auth, got.User)
	}
	if len(store.Keys()) != 0 {
		t.Errorf("keyring still holds %v", store.Keys())
	}
	// Adding a feed without sign-in while the user field still holds a name.
	if err := mf.Save(ctx, ui.FeedEdit{Name: "Team", URL: "https://wfm.example/team.ics", Auth: settings.AuthNone, User: "agent7"}); err != nil {
		t.Errorf("adding without sign-in: %v", err)
	}
}
