package ui

import (
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

var weekdays = []time.Weekday{1, 2, 3, 4, 5}

// holidayRegions are Japan, US East and Australia (NSW) with their
// countries' public holidays.
func holidayRegions(s *settings.Settings) {
	s.Regions = []calendar.Region{
		{Name: "Japan", Zone: "Asia/Tokyo", Days: weekdays, Open: 9 * 60, Close: 18 * 60, Country: "JP"},
		{Name: "US East", Zone: "America/New_York", Days: weekdays, Open: 9 * 60, Close: 17 * 60, Country: "US"},
		{Name: "Australia", Zone: "Australia/Sydney", Days: weekdays, Open: 9 * 60, Close: 17 * 60, Country: "AU", Subdivision: "NSW"},
	}
}

// sixRegions adds India (half-hour offset), Brazil and the UK.
func sixRegions(s *settings.Settings) {
	holidayRegions(s)
	s.Regions = append(s.Regions,
		calendar.Region{Name: "India", Zone: "Asia/Kolkata", Days: weekdays, Open: 10 * 60, Close: 19 * 60},
		calendar.Region{Name: "Brazil", Zone: "America/Sao_Paulo", Days: weekdays, Open: 8 * 60, Close: 17 * 60, Country: "BR"},
		calendar.Region{Name: "UK", Zone: "Europe/London", Days: weekdays, Open: 9 * 60, Close: 17 * 60, Country: "GB"})
}

// chartFor renders the picture of day alone in a window of width 900.
func chartFor(t *testing.T, e *env, day calendar.Date) (overlapDay, fyne.Window) {
	t.Helper()
	zone := e.ui.zone()
	from, to := day.In(zone), day.AddDays(1).In(zone)
	occs := e.ui.occurrences(from.Add(-24*time.Hour), to.Add(24*time.Hour))
	model := e.ui.overlapModel(from, to, *e.now, occs, e.ui.regionDays(from.Add(-48*time.Hour), to.Add(48*time.Hour)))
	c := NewOverlapChart()
	c.SetDay(model)
	w := test.NewTempWindow(t, c)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, c.MinSize().Height))
	return model, w
}

// texts lists the canvas texts of the chart.
func chartTexts(w fyne.Window) string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx.Text)
		}
	}
	return strings.Join(out, "|")
}

func TestOverlapChartGoldenOrdinaryDay(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 24, 10, 30), weekOf23Nov(), workFeed(), holidayRegions)
	model, w := chartFor(t, e, calendar.Date{Year: 2026, Month: 11, Day: 24})
	if len(model.Rows) != 4 || !model.Rows[0].Agent {
		t.Fatalf("rows: %+v", model.Rows)
	}
	// Tue 24 Nov 08:00–17:00 in Stockholm minus break, lunch and meeting:
	// 08:00–10:00, 10:15–12:00, 12:30–16:00, 16:30–17:00.
	if got := len(model.Band); got != 4 {
		t.Errorf("band has %d windows, want 4: %v", got, model.Band)
	}
	// New York opens 09:00 EST = 15:00 in Stockholm: overlap 15:00–16:00, 16:30–17:00.
	ny := model.Rows[2]
	if len(ny.Overlap) != 2 || !ny.Overlap[0].Start.Equal(at(2026, 11, 24, 15, 0)) || !ny.Overlap[1].End.Equal(at(2026, 11, 24, 17, 0)) {
		t.Errorf("New York overlap %v", ny.Overlap)
	}
	// Tokyo is 8 h ahead: its cells read 08 at Stockholm's midnight.
	if got := chartTexts(w); !strings.Contains(got, "Japan|Tue 24–Wed 25 · JST|") || !strings.Contains(got, "|08|09|10|") {
		t.Errorf("chart texts: %s", got)
	}
	test.AssertRendersToMarkup(t, "overlap_ordinary.xml", w.Canvas())
}

func TestOverlapChartGoldenDSTEnd(t *testing.T) {
	occs := append(dstWeek(), occ(calendar.KindShift, "EMEA queue", at(2026, 10, 25, 13, 0), at(2026, 10, 25, 21, 0)))
	e := newEnv(t, "en", at(2026, 10, 25, 12, 0), occs, workFeed(), regions)
	model, w := chartFor(t, e, calendar.Date{Year: 2026, Month: 10, Day: 25})
	if d := model.To.Sub(model.From); d != 25*time.Hour {
		t.Fatalf("25 Oct 2026 in Stockholm lasts %v, want 25h", d)
	}
	agent, ny := model.Rows[0], model.Rows[2]
	if n := len(hourCells(agent.Zone, model.From, model.To)); n != 25 {
		t.Errorf("agent row has %d hour cells, want 25", n)
	}
	if len(agent.DST) != 1 || !agent.DST[0].Start.Equal(time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)) || agent.DST[0].Text != "Clocks change −1 h" {
		t.Errorf("agent DST mark %+v", agent.DST)
	}
	if len(ny.DST) != 0 {
		t.Errorf("New York changes on 1 Nov, not 25 Oct: %+v", ny.DST)
	}
	// Stockholm's 02 hour shows twice; New York's row runs 19:00 Sat – 20:00 Sun.
	if got := chartTexts(w); strings.Count(got, "|02|") < 2 || !strings.Contains(got, "Sat 24–Sun 25 · EDT") || !strings.Contains(got, "Sun 25 Oct · CEST→CET") {
		t.Errorf("chart texts: %s", got)
	}
	test.AssertRendersToMarkup(t, "overlap_dst_end.xml", w.Canvas())
}

func TestOverlapChartGoldenJapaneseHoliday(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), holidayRegions)
	model, w := chartFor(t, e, calendar.Date{Year: 2026, Month: 11, Day: 23})
	jp := model.Rows[1]
	if len(jp.Closed) == 0 || jp.Closed[0].Text != "Closed — Labor Thanksgiving Day" {
		t.Errorf("Japan closed spans %+v", jp.Closed)
	}
	if len(jp.Overlap) != 0 {
		t.Errorf("Japan overlap on its holiday: %v", jp.Overlap)
	}
	// Stockholm's Mon 23 Nov 00:00–16:00 is the holiday in Tokyo (until
	// Tue 00:00 JST); Tokyo's Tue 24 business hours start at 01:00 Stockholm time.
	if !jp.Closed[0].End.Equal(time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("holiday ends %v", jp.Closed[0].End)
	}
	if !strings.Contains(chartTexts(w), "Closed — Labor Thanksgiving Day") {
		t.Error("no holiday name drawn")
	}
	test.AssertRendersToMarkup(t, "overlap_jp_holiday.xml", w.Canvas())
}

func TestCustomersHolidayTextAndComingUp(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), holidayRegions)
	e.ui.Show(ScreenCustomers)
	text := strings.Join(labelTexts(e.ui.customers.list), "\n")
	for _, want := range []string{
		"There it is 17:30 (Mon) · Closed — Labor Thanksgiving Day",
		"Mon 23 Nov 07:00–16:00 · there Mon 15:00–Tue 00:00 · overlap 0 min · Closed — Labor Thanksgiving Day",
		"⚠ Mon 23 Nov: Japan is closed — Labor Thanksgiving Day",
		"⚠ Thu 26 Nov: US East is closed — Thanksgiving Day",
		"Japan: 2 h this week, longest Tue 08:00–10:00 your time",
		"Japan: ", "US East: ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "Japan, Asia/Tokyo") && strings.Contains(text, "Open now") && strings.Index(text, "Open now") < strings.Index(text, "US East, ") {
		t.Errorf("Japan called open on its holiday:\n%s", text)
	}
}

func TestCustomersDayNavigation(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 30), weekOf23Nov(), workFeed(), holidayRegions)
	e.ui.Show(ScreenCustomers)
	s := e.ui.customers
	if s.dayTitle.Text != "Mon 23 Nov" {
		t.Fatalf("title %q", s.dayTitle.Text)
	}
	e.ui.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if s.dayTitle.Text != "Tue 24 Nov" || !s.chart.day.From.Equal(at(2026, 11, 24, 0, 0)) {
		t.Errorf("after →: %q %v", s.dayTitle.Text, s.chart.day.From)
	}
	e.ui.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	e.ui.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if s.dayTitle.Text != "Sun 22 Nov" {
		t.Errorf("after ←←: %q", s.dayTitle.Text)
	}
	s.onPickDateTapped()
	if e.win.Canvas().Overlays().Top() == nil {
		t.Error("Pick a date opened no dialog")
	}
	s.onDatePicked(calendar.Date{Year: 2026, Month: 10, Day: 25})
	if d := s.chart.day.To.Sub(s.chart.day.From); d != 25*time.Hour {
		t.Errorf("picked 25 Oct: %v long", d)
	}
	s.onTodayTapped()
	if s.dayTitle.Text != "Mon 23 Nov" {
		t.Errorf("today: %q", s.dayTitle.Text)
	}
}

// TestOverlapReadableWithSixRegions checks at the default window size
// (1040×720) that the picture of six regions fits the width, each hour
// label fits its cell and the rows do not overlap.
func TestOverlapReadableWithSixRegions(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 24, 10, 30), weekOf23Nov(), workFeed(), sixRegions)
	e.win.Resize(fyne.NewSize(1040, 720))
	e.ui.Show(ScreenCustomers)
	c := e.ui.customers.chart
	if len(c.day.Rows) != 7 {
		t.Fatalf("%d rows", len(c.day.Rows))
	}
	if c.Size().Width < c.MinSize().Width || c.Size().Height < c.MinSize().Height {
		t.Errorf("chart %v smaller than its minimum %v", c.Size(), c.MinSize())
	}
	cell := (c.Size().Width - overlapTitleWidth) / 24
	label := fyne.MeasureText("00", overlapHourText, fyne.TextStyle{})
	if label.Width+4 > cell {
		t.Errorf("hour cell %.1f px cannot hold its label (%.1f px)", cell, label.Width)
	}
	if pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c); pos.Y+c.Size().Height > 720 {
		t.Errorf("the picture ends at %.0f px, below the window", pos.Y+c.Size().Height)
	}
	if os.Getenv("SHIFTDESK_CAPTURE") != "" {
		f, _ := os.Create(os.Getenv("SHIFTDESK_CAPTURE"))
		_ = png.Encode(f, e.win.Canvas().Capture())
		f.Close()
	}
}

func TestAddRegionWithCountry(t *testing.T) {
	e := newEnv(t, "en", at(2026, 11, 23, 9, 5), weekOf23Nov(), workFeed(), nil)
	e.ui.Show(ScreenSettings)
	r := e.ui.settings.region
	c := e.win.Canvas()
	typeInto(c, r.nameEntry, "Sydney")
	typeInto(c, r.zone, "Australia/Sydney")
	typeInto(c, r.country, "AU-XYZ")
	add := button(t, r.form, "Add region")
	if !add.Disabled() {
		t.Error("Add region enabled with an unknown subdivision")
	}
	if got := shownTexts(r.form); !strings.Contains(got, "No public holidays known for AU-XYZ") {
		t.Errorf("no message at the country field:\n%s", got)
	}
	test.Tap(add)
	if len(e.store.s.Regions) != 0 {
		t.Fatalf("saved %+v", e.store.s.Regions)
	}
	typeInto(c, r.country, "au-nsw")
	test.Tap(button(t, r.form, "Add region"))
	if len(e.store.s.Regions) != 1 || e.store.s.Regions[0].Country != "AU" || e.store.s.Regions[0].Subdivision != "NSW" {
		t.Fatalf("regions %+v", e.store.s.Regions)
	}
	if got := shownTexts(e.ui.settings.regionList); !strings.Contains(got, "Sydney, Australia/Sydney, Mon–Fri 09:00–17:00, AU-NSW") {
		t.Errorf("region list:\n%s", got)
	}
}

// TestComingUpDSTAndHolidayTogether: in the 14 days from Thu 29 Oct 2026
// New York changes its clocks (Sun 1 Nov) and closes for Veterans Day (Wed
// 11 Nov); both are listed, in date order, under "Coming up".
func TestComingUpDSTAndHolidayTogether(t *testing.T) {
	e := newEnv(t, "en", at(2026, 10, 29, 9, 0), dstWeek(), workFeed(), func(s *settings.Settings) {
		s.Regions = []calendar.Region{{Name: "New York", Zone: "America/New_York", Days: weekdays, Open: 9 * 60, Close: 17 * 60, Country: "US"}}
	})
	e.ui.Show(ScreenCustomers)
	text := strings.Join(labelTexts(e.ui.customers.comingUp), "\n")
	dst := strings.Index(text, "⚠ From Sun 1 Nov New York is 1 h further away")
	hol := strings.Index(text, "⚠ Wed 11 Nov: New York is closed — Veterans Day")
	if !strings.HasPrefix(text, "Coming up\n") || dst < 0 || hol < 0 || dst > hol {
		t.Errorf("coming up:\n%s", text)
	}
}

// TestHourCellsOnDSTDays: a day has 23 hour cells when the clocks go
// forward, 25 when they go back, and India's half-hour offset gives half
// cells at both ends.
func TestHourCellsOnDSTDays(t *testing.T) {
	spring := hourCells(stockholm, at(2026, 3, 29, 0, 0), at(2026, 3, 30, 0, 0))
	autumn := hourCells(stockholm, at(2026, 10, 25, 0, 0), at(2026, 10, 26, 0, 0))
	if len(spring) != 23 || len(autumn) != 25 {
		t.Errorf("cells: %d in spring, %d in autumn", len(spring), len(autumn))
	}
	india := hourCells(mustZone("Asia/Kolkata"), at(2026, 11, 24, 0, 0), at(2026, 11, 25, 0, 0))
	if len(india) != 25 || india[0].Duration() != 30*time.Minute || india[24].Duration() != 30*time.Minute {
		t.Errorf("India: %d cells, first %v", len(india), india[0].Duration())
	}
}
