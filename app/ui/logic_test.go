package ui

import (
	"encoding/json"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

func TestStatusStates(t *testing.T) {
	loc := useLang(t, "en")
	occs := weekOf23Nov()
	cases := []struct {
		now   time.Time
		state State
		text  string
	}{
		{at(2026, 11, 24, 16, 10), StateActivity, "Team meeting — until 16:30"},
		{at(2026, 11, 24, 16, 40), StateShift, "On shift · EMEA queue — ends at 17:00 (in 20 min)"},
		{at(2026, 11, 24, 11, 50), StateShift, "On shift · EMEA queue — lunch in 10 min"},
		{at(2026, 11, 23, 11, 45), StateLunch, "At lunch — back at 12:00"},
		// Inside the night shift, after midnight.
		{at(2026, 11, 29, 0, 35), StateBreak, "On break — back at 00:45"},
		{at(2026, 11, 29, 5, 0), StateShift, "On shift · APAC queue (night) — ends at 06:00 (in 1 h)"},
		// After the last occurrence.
		{at(2026, 11, 29, 7, 0), StateOff, "Off — no shift in the next 7 days"},
	}
	for _, c := range cases {
		st := ComputeStatus(occs, c.now, stockholm, loc)
		if st.State != c.state || st.Text != c.text {
			t.Errorf("%s: %v %q, want %v %q", c.now.Format("Mon 15:04"), st.State, st.Text, c.state, c.text)
		}
	}
	// Timed time off ends at a time, on another day.
	off := []calendar.Occurrence{occ(calendar.KindTimeOff, "Doctor", at(2026, 11, 23, 13, 0), at(2026, 11, 24, 10, 0))}
	if st := ComputeStatus(off, at(2026, 11, 23, 14, 0), stockholm, loc); st.Text != "Time off until Tue 10:00" || !st.Change.Equal(at(2026, 11, 24, 10, 0)) {
		t.Errorf("timed time off: %q change %v", st.Text, st.Change)
	}
	// A feed in another zone is shown in the agent's zone.
	london := mustZone("Europe/London")
	if st := ComputeStatus(occs, at(2026, 11, 23, 9, 5), london, loc); st.Text != "On break — back at 08:15" {
		t.Errorf("in London: %q", st.Text)
	}
}

func TestLocaleFormats(t *testing.T) {
	useLang(t, "en")
	us, gb := NewLocale("en_US.UTF-8"), NewLocale("en-GB")
	tm := at(2026, 11, 26, 14, 5)
	if got := us.Time(tm); got != "2:05 PM" {
		t.Errorf("en-US time %q", got)
	}
	if got := gb.Time(tm); got != "14:05" {
		t.Errorf("en-GB time %q", got)
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Second, "30 s"}, {9*time.Minute + 5*time.Second, "9 min 05 s"}, {10 * time.Minute, "10 min"},
		{11*time.Minute + time.Second, "12 min"}, {2*time.Hour + 4*time.Minute + 10*time.Second, "2 h 05 min"},
		{27*time.Hour - time.Minute, "1 d 3 h"}, {48 * time.Hour, "2 d"}, {-time.Minute, "0 s"},
	} {
		if got := gb.Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
	if got := gb.Span(at(2026, 11, 28, 22, 0), at(2026, 11, 29, 6, 0)); got != "22:00–Sun 06:00" {
		t.Errorf("span across midnight %q", got)
	}
	fr := useLang(t, "fr")
	if fr.Hour12 {
		t.Error("French uses 24-hour times")
	}
	if got := fr.Day(tm) + " " + fr.Time(tm) + " " + fr.Duration(27*time.Hour-time.Minute); got != "jeu 26 nov. 14:05 1 j 3 h" {
		t.Errorf("French %q", got)
	}
}

func TestRemindersAreDueAtTheirLeadTimes(t *testing.T) {
	loc := useLang(t, "en")
	r := settings.Reminders{ShiftMinutes: 10, BreakMinutes: 2}
	got := dueReminders(weekOf23Nov(), at(2026, 11, 23, 6, 0), at(2026, 11, 23, 10, 0), r, stockholm, loc)
	var lines []string
	for _, x := range got {
		lines = append(lines, x.At.In(stockholm).Format("15:04")+" "+x.Title+" / "+x.Body)
	}
	want := []string{
		"06:50 Shift starts in 10 min / APAC queue at 07:00",
		"08:58 Break in 2 min / 09:00–09:15",
		"09:13 Back on the queue in 2 min / Back at 09:15",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("reminders:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestNoReminderStormAtStart(t *testing.T) {
	// Opened at 09:14: the shift and break-start reminders were missed
	// while closed and are not sent; the break-end one at 09:13 neither.
	e := newEnv(t, "en", at(2026, 11, 23, 9, 14), weekOf23Nov(), workFeed(), nil)
	n := fyne.NewNotification("Lunch in 2 min", "11:30–12:00")
	next := time.Time{}
	test.AssertNotificationSent(t, nil, func() { next = e.ui.checkReminders(*e.now) })
	if !next.Equal(at(2026, 11, 23, 11, 28)) {
		t.Errorf("next reminder at %v, want 11:28", next)
	}
	*e.now = at(2026, 11, 23, 11, 28)
	test.AssertNotificationSent(t, n, func() { e.ui.checkReminders(*e.now) })
}

func TestSyncNowShowsProgressAndNotifiesChanges(t *testing.T) {
	feeds := workFeed()
	feeds.changes = []Change{moved(calendar.KindShift, "APAC queue", at(2026, 11, 24, 14, 0), at(2026, 11, 24, 22, 0), at(2026, 11, 24, 12, 0), at(2026, 11, 24, 20, 0))}
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), feeds, nil)
	e.syncNow()
	n := fyne.NewNotification("Your schedule changed", "Tue 24 Nov: shift moved 14:00 -> 12:00")
	test.AssertNotificationSent(t, n, func() {
		e.ui.keys.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	})
	if feeds.synced != 1 {
		t.Fatalf("Ctrl+R ran %d syncs", feeds.synced)
	}
	if got := e.ui.feeds.result.Text; got != "Sync finished at 09:30." {
		t.Errorf("result %q", got)
	}
	if e.ui.feeds.progress.Value != 1 {
		t.Errorf("progress %v after the sync", e.ui.feeds.progress.Value)
	}
	// With change notifications off, a sync that changes things is quiet.
	cfg := e.ui.Settings()
	cfg.Reminders.OnChanges = false
	if err := e.ui.saveSettings(cfg); err != nil {
		t.Fatal(err)
	}
	test.AssertNotificationSent(t, nil, func() { e.ui.SyncNow() })
}

func TestShortcutsAndAbout(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), nil)
	exported := 0
	e.ui.deps.Export = func(fyne.Window) { exported++ }
	c := &e.ui.keys
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault})
	if e.ui.tabs.SelectedIndex() != 4 {
		t.Errorf("Ctrl+, shows tab %d", e.ui.tabs.SelectedIndex())
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault})
	if exported != 1 {
		t.Errorf("Ctrl+E opened the export %d times", exported)
	}
	// ←/→ only move weeks on the Week screen.
	e.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	if e.ui.week.monday != (calendar.Date{}) {
		t.Error("→ moved the week from the Settings screen")
	}
	e.ui.ShowAbout()
	if txt := shownTexts(e.win.Canvas().Overlays().Top()); !strings.Contains(txt, "Version 0.1.0 (build 1)") {
		t.Errorf("About shows:\n%s", txt)
	}
}

func TestDetailsInAgentAndRegionZones(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), regions)
	o := occ(calendar.KindShift, "APAC queue (night)", at(2026, 11, 28, 22, 0), at(2026, 11, 29, 6, 0))
	o.Location, o.Description = "Home office", "Night cover."
	got := e.ui.detailsText(o)
	want := "APAC queue (night) (Shift)\n" +
		"Sat 28 Nov 22:00–Sun 06:00 (Europe/Stockholm, CET)\n" +
		"Japan: Sun 06:00–14:00 (Asia/Tokyo, JST)\n" +
		"New York: Sat 16:00–Sun 00:00 (America/New_York, EST)\n" +
		"Location: Home office\nNight cover.\nFeed: Work"
	if got != want {
		t.Errorf("details:\n%s\nwant:\n%s", got, want)
	}
	// Tapping the night on Sunday's timeline opens them.
	e.ui.Show(ScreenWeek)
	sun := e.ui.week.days[6]
	test.TapAt(sun, fyne.NewPos(sun.Size().Width*0.1, 10))
	if txt := shownTexts(e.win.Canvas().Overlays().Top()); !strings.Contains(txt, "Sat 28 Nov 22:00–Sun 06:00") {
		t.Errorf("tap on Sunday's night shows:\n%s", txt)
	}
}

func TestThemes(t *testing.T) {
	test.NewTempApp(t)
	dark, light := ThemeFor("dark"), ThemeFor("light")
	bg := theme.ColorNameBackground
	if dark.Color(bg, theme.VariantLight) != theme.DefaultTheme().Color(bg, theme.VariantDark) {
		t.Error("dark theme is not dark under a light desktop")
	}
	if light.Color(bg, theme.VariantDark) != theme.DefaultTheme().Color(bg, theme.VariantLight) {
		t.Error("light theme is not light under a dark desktop")
	}
	if ThemeFor("system") != theme.DefaultTheme() {
		t.Error("system theme is not the default")
	}
}

// Every text the code looks up exists in every translation file with the
// same placeholders, and no file has keys the code does not use.
func TestTranslationsAreComplete(t *testing.T) {
	keys := map[string]string{}
	files, _ := filepath.Glob("*.go")
	// The export dialog is part of the window and uses the same files.
	dialogFiles, _ := filepath.Glob(filepath.Join("exportdialog", "*.go"))
	files = append(files, dialogFiles...)
	literal := regexp.MustCompile(`lang\.L\("((?:[^"\\]|\\.)*)"`)
	keyed := regexp.MustCompile(`lang\.X\("([^"]*)",\s*"((?:[^"\\]|\\.)*)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = m[1]
		}
		for _, m := range keyed.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") { // weekday./month. are built below
				keys[m[1]] = m[2]
			}
		}
	}
	for _, d := range weekdayKeys {
		keys["weekday."+strings.ToLower(d)] = d
	}
	for _, m := range monthKeys {
		keys["month."+strings.ToLower(m)] = m
	}
	placeholders := regexp.MustCompile(`{{\.\w+}}`)
	for _, code := range Languages() {
		raw, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]string
		if err := json.Unmarshal(raw, &tr); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for k, fallback := range keys {
			v, ok := tr[k]
			if !ok {
				t.Errorf("%s.json lacks %q", code, k)
				continue
			}
			a, b := placeholders.FindAllString(fallback, -1), placeholders.FindAllString(v, -1)
			sort.Strings(a)
			sort.Strings(b)
			if strings.Join(a, ",") != strings.Join(b, ",") {
				t.Errorf("%s.json %q has placeholders %v, want %v", code, k, b, a)
			}
		}
		for k := range tr {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s.json has unused key %q", code, k)
			}
		}
	}
}

// The window keeps its layout in every language: nothing makes it wider
// than the window Shiftdesk opens with.
func TestLayoutHoldsInEveryLanguage(t *testing.T) {
	for _, code := range Languages() {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t, code, at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), regions)
			for _, screen := range []string{ScreenNow, ScreenWeek, ScreenCustomers, ScreenFeeds, ScreenSettings} {
				e.ui.Show(screen)
				if w := e.ui.Content().MinSize().Width; w > 900 {
					t.Errorf("%s screen needs %.0f px, more than 900", screen, w)
				}
			}
		})
	}
}

// A crowded timeline is painted as one image with the same geometry as
// the rectangles of a sparse one, and tapping still finds the occurrence.
func TestDenseTimelinePaintsAndTaps(t *testing.T) {
	test.NewTempApp(t)
	day := at(2026, 11, 23, 0, 0)
	var occs []calendar.Occurrence
	for i := range 96 { // every 15 minutes: a 10-minute break
		s := day.Add(time.Duration(i) * 15 * time.Minute)
		occs = append(occs, occ(calendar.KindBreak, fmt.Sprint("Break ", i), s, s.Add(10*time.Minute)))
	}
	occs = append(occs, occ(calendar.KindShift, "Shift", day.Add(6*time.Hour), day.Add(18*time.Hour)))
	tl := NewTimeline(day, day.Add(24*time.Hour))
	var tapped []string
	tl.OnTapped = func(o calendar.Occurrence) { tapped = append(tapped, o.Summary) }
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(968, 60))
	tl.Set(day, day.Add(24*time.Hour), segmentsIn(occs, day, day.Add(24*time.Hour), nil), nil, time.Time{})
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	if !r.dense {
		t.Fatal("97 segments not painted as one image")
	}
	width := int(tl.Size().Width)
	img := r.paintDense(width, 30)
	px := func(at time.Time, y int) color.Color {
		return img.At(int(tl.x(at, float32(width))), y)
	}
	if got := px(day.Add(7*time.Hour+12*time.Minute), 1); got != color.RGBA(kindColor(calendar.KindShift)) {
		t.Errorf("in the shift between breaks: %v", got)
	}
	if got := px(day.Add(7*time.Hour+2*time.Minute), 15); got != color.RGBA(kindColor(calendar.KindBreak)) {
		t.Errorf("in a break: %v", got)
	}
	if got := px(day.Add(2*time.Hour+12*time.Minute), 15); got != (color.RGBA{}) {
		t.Errorf("outside every occurrence: %v", got)
	}
	test.TapAt(tl, fyne.NewPos(tl.x(day.Add(7*time.Hour+3*time.Minute), tl.Size().Width), 10))
	if strings.Join(tapped, ",") != "Break 28" {
		t.Errorf("tapped %v", tapped)
	}
}

// A system language Shiftdesk has no translation for gives English, with
// no translation failure per text.
func TestUnknownSystemLanguageFallsBackToEnglish(t *testing.T) {
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	t.Setenv("LANGUAGE", "de")
	loc, err := UseLanguage("")
	if err != nil {
		t.Fatal(err)
	}
	if loc.Lang != "en" {
		t.Fatalf("locale %+v, want English", loc)
	}
	// Fyne itself speaks German ("Abbrechen"); the window must not mix it in.
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("Cancel reads %q", got)
	}
}

// The system zone is loaded as time.Local, whose name is always "Local":
// the zone field's placeholder names it by abbreviation and offset instead.
func TestSystemZonePlaceholderNamesTheZone(t *testing.T) {
	for _, c := range []struct {
		zone *time.Location
		want string
	}{
		{stockholm, "CET, UTC+01:00"},
		{mustZone("America/New_York"), "EST, UTC-05:00"},
		{mustZone("Asia/Kolkata"), "IST, UTC+05:30"},
		{time.UTC, "UTC"},
	} {
		if got := zoneOffsetText(c.zone, at(2026, 11, 23, 12, 0)); got != c.want {
			t.Errorf("%s: %q, want %q", c.zone, got, c.want)
		}
	}
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), func(s *settings.Settings) { s.Zone = "" })
	if ph := e.ui.settings.zone.PlaceHolder; strings.Contains(ph, "Local") || !strings.HasPrefix(ph, "System zone (") {
		t.Errorf("zone placeholder %q", ph)
	}
}
