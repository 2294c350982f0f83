package exportdialog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// week is a small schedule for an agent in Stockholm: day shifts Mon 19 –
// Thu 22 Oct 2026 08:00–16:30 with lunch 12:00–12:30, and the night of the
// EU DST end, Sat 24 22:00 CEST → Sun 25 06:00 CET (9 hours).
func week(t *testing.T) (*time.Location, Source, *[][2]time.Time) {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 10, d, h, m, 0, 0, loc) }
	var occs []calendar.Occurrence
	for d := 19; d <= 22; d++ {
		occs = append(occs,
			calendar.Occurrence{Kind: calendar.KindShift, Summary: "Shift", Start: at(d, 8, 0), End: at(d, 16, 30)},
			calendar.Occurrence{Kind: calendar.KindLunch, Summary: "Lunch", Start: at(d, 12, 0), End: at(d, 12, 30)})
	}
	occs = append(occs, calendar.Occurrence{Kind: calendar.KindShift, Summary: "Night", Start: at(24, 22, 0), End: at(25, 6, 0)})
	var calls [][2]time.Time
	src := func(from, to time.Time) ([]calendar.Occurrence, error) {
		calls = append(calls, [2]time.Time{from, to})
		var out []calendar.Occurrence
		for _, o := range occs {
			if o.Start.Before(to) && o.End.After(from) {
				out = append(out, o)
			}
		}
		return out, nil
	}
	return loc, src, &calls
}

func config(loc *time.Location) Config {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	return Config{
		Zone: loc,
		Regions: []calendar.Region{
			{Name: "Japan", Zone: "Asia/Tokyo", Days: weekdays, Open: 9 * 60, Close: 18 * 60},
			{Name: "US East", Zone: "America/New_York", Days: weekdays, Open: 8 * 60, Close: 17 * 60},
		},
		Now: func() time.Time { return time.Date(2026, 10, 19, 7, 30, 0, 0, loc) },
	}
}

func newTestPanel(t *testing.T) (*panel, fyne.App, *[][2]time.Time) {
	t.Helper()
	a := test.NewTempApp(t)
	loc, src, calls := week(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	p := newPanel(w, src, config(loc))
	w.SetContent(p.buildUI())
	return p, a, calls
}

func TestPreviewShowsTheWindows(t *testing.T) {
	p, _, calls := newTestPanel(t)
	want := strings.Join([]string{
		"Mon 19 Oct 08:00–12:00 CEST", "Mon 19 Oct 12:30–16:30 CEST",
		"Tue 20 Oct 08:00–12:00 CEST", "Tue 20 Oct 12:30–16:30 CEST",
		"Wed 21 Oct 08:00–12:00 CEST", "Wed 21 Oct 12:30–16:30 CEST",
		"Thu 22 Oct 08:00–12:00 CEST", "Thu 22 Oct 12:30–16:30 CEST",
		"Sat 24 Oct 22:00 CEST–Sun 25 Oct 06:00 CET",
	}, "\n")
	if p.preview.Text != want {
		t.Errorf("preview:\n%s\nwant:\n%s", p.preview.Text, want)
	}
	// 4 × 8 h of day shifts plus the 9-hour night.
	if !strings.HasPrefix(p.summary.Text, "9 windows, 41 h 0 min in total") || !strings.Contains(p.summary.Text, "Europe/Stockholm") {
		t.Errorf("summary %q", p.summary.Text)
	}
	loc := p.cfg.Zone
	if last := (*calls)[len(*calls)-1]; !last[0].Equal(time.Date(2026, 10, 19, 0, 0, 0, 0, loc)) || !last[1].Equal(time.Date(2026, 10, 26, 0, 0, 0, 0, loc)) {
		t.Errorf("source asked for %v", last)
	}
}

func TestRegionPickerChangesThePreview(t *testing.T) {
	p, _, _ := newTestPanel(t)
	p.region.SetSelected("Japan")
	// Tokyo 09:00–18:00 is 02:00–11:00 CEST: mornings only, in Tokyo time;
	// Saturday night is outside Japanese business days.
	want := "Mon 19 Oct 15:00–18:00 JST\nTue 20 Oct 15:00–18:00 JST\nWed 21 Oct 15:00–18:00 JST\nThu 22 Oct 15:00–18:00 JST"
	if p.preview.Text != want {
		t.Errorf("Japan preview:\n%s\nwant:\n%s", p.preview.Text, want)
	}
	p.region.SetSelected("All regions")
	if !strings.Contains(p.preview.Text, "Mon 19 Oct 08:00–11:00 CEST") || !strings.Contains(p.preview.Text, "Mon 19 Oct 14:00–16:30 CEST") ||
		strings.Contains(p.preview.Text, "Sat") {
		t.Errorf("all regions preview:\n%s", p.preview.Text)
	}
	p.region.SetSelected(p.region.Options[0])
	if n := strings.Count(p.preview.Text, "\n") + 1; n != 9 {
		t.Errorf("back to no region: %d lines", n)
	}
}

func TestRangeAndBadDate(t *testing.T) {
	p, _, _ := newTestPanel(t)
	p.length.SetSelected(p.length.Options[0]) // 1 day: Monday only
	if n := strings.Count(p.preview.Text, "\n") + 1; n != 2 || p.save.Disabled() {
		t.Errorf("1-day preview:\n%s", p.preview.Text)
	}
	test.Type(p.from, "x")
	if p.preview.Text != "" || !strings.Contains(p.status.Text, "YYYY-MM-DD") || !p.save.Disabled() || !p.copy.Disabled() {
		t.Errorf("bad date: preview %q status %q", p.preview.Text, p.status.Text)
	}
	p.from.SetText("2026-10-24")
	if p.preview.Text != "Sat 24 Oct 22:00–24:00 CEST" {
		t.Errorf("from Saturday, 1 day (the night is cut at the range end): %q", p.preview.Text)
	}
	p.from.SetText("2026-11-02")
	if p.preview.Text != "No available time in this range." || !p.copy.Disabled() || p.save.Disabled() {
		t.Errorf("empty range: %q", p.preview.Text)
	}
}

func TestCopyAsText(t *testing.T) {
	p, a, _ := newTestPanel(t)
	p.region.SetSelected("Japan")
	test.Tap(p.copy)
	want := "Mon 19 Oct 15:00–18:00 JST\nTue 20 Oct 15:00–18:00 JST\nWed 21 Oct 15:00–18:00 JST\nThu 22 Oct 15:00–18:00 JST\n"
	if got := a.Clipboard().Content(); got != want {
		t.Errorf("clipboard:\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(p.status.Text, "4") {
		t.Errorf("status %q", p.status.Text)
	}
}

func TestSaveWritesTheChosenFormat(t *testing.T) {
	p, _, _ := newTestPanel(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "avail.ics")
	os.WriteFile(path, []byte("old"), 0o644)
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	p.onSaveChosen(w, nil)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(strings.NewReader(string(b))).Decode()
	if err != nil {
		t.Fatalf("saved file: %v\n%s", err, b)
	}
	if n := len(cal.Events()); n != 9 {
		t.Errorf("%d events saved, want 9", n)
	}
	if !strings.Contains(p.status.Text, "avail.ics") {
		t.Errorf("status %q", p.status.Text)
	}

	p.format.SetSelected(p.format.Options[1]) // free/busy
	w, _ = storage.Writer(storage.NewFileURI(path))
	p.onSaveChosen(w, nil)
	b, _ = os.ReadFile(path)
	if !strings.Contains(string(b), "BEGIN:VFREEBUSY\r\n") || strings.Count(string(b), "FBTYPE=FREE") != 9 {
		t.Errorf("free/busy file:\n%s", b)
	}

	// Errors from the dialog and cancelling leave the file alone.
	p.onSaveChosen(nil, errors.New("permission denied"))
	if !strings.Contains(p.status.Text, "permission denied") {
		t.Errorf("status %q", p.status.Text)
	}
	p.onSaveChosen(nil, nil)
	if b2, _ := os.ReadFile(path); string(b2) != string(b) {
		t.Error("cancel changed the file")
	}
}

func TestSourceErrorIsShown(t *testing.T) {
	test.NewTempApp(t)
	loc, _, _ := week(t)
	w := test.NewWindow(nil)
	defer w.Close()
	p := newPanel(w, func(time.Time, time.Time) ([]calendar.Occurrence, error) {
		return nil, errors.New("cache unreadable")
	}, config(loc))
	w.SetContent(p.buildUI())
	if !strings.Contains(p.status.Text, "cache unreadable") || !p.save.Disabled() {
		t.Errorf("status %q", p.status.Text)
	}
}

func TestShowOpensTheDialog(t *testing.T) {
	test.NewTempApp(t)
	loc, src, calls := week(t)
	w := test.NewWindow(widget.NewLabel("main"))
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	Show(w, src, config(loc))
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog on the window")
	}
	if len(*calls) == 0 {
		t.Error("the dialog did not read the schedule")
	}
}

func TestRendersToMarkup(t *testing.T) {
	test.NewTempApp(t)
	loc, src, _ := week(t)
	w := test.NewWindow(nil)
	defer w.Close()
	p := newPanel(w, src, config(loc))
	w.SetContent(p.buildUI())
	p.region.SetSelected("Japan")
	w.Resize(fyne.NewSize(560, 520))
	test.AssertRendersToMarkup(t, "export_japan.xml", w.Canvas())
}
