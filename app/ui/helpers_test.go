package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// fakeSchedule serves fixed occurrences, filtered to the asked window like
// the real manager does.
type fakeSchedule struct {
	occs  []calendar.Occurrence
	calls int
}

func (f *fakeSchedule) Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	f.calls++
	var out []calendar.Occurrence
	for _, o := range f.occs {
		s, e := bounds(o, zone)
		if s.Before(to) && e.After(from) {
			if o.AllDay {
				o.Start, o.End = s, e
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// fakeFeeds is an in-memory sync layer.
type fakeFeeds struct {
	mu      sync.Mutex
	status  []feeds.State
	changes []Change
	saved   []FeedEdit
	syncErr error
	synced  int
	pending []PendingFeed
	decided []string
}

func (f *fakeFeeds) Status() []feeds.State {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]feeds.State(nil), f.status...)
}

func (f *fakeFeeds) Changes() []Change { return f.changes }

func (f *fakeFeeds) Sync(ctx context.Context, progress func(done, total int)) ([]Change, error) {
	f.mu.Lock()
	f.synced++
	n := len(f.status)
	f.mu.Unlock()
	for i := range n {
		progress(i+1, n)
	}
	return f.changes, f.syncErr
}

func (f *fakeFeeds) Save(ctx context.Context, e FeedEdit) error {
	if err := validateFeedURL(e.URL); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saved = append(f.saved, e)
	f.status = append(f.status, feeds.State{Feed: settings.Feed{ID: "f" + e.Name, Name: e.Name, URL: e.URL, Enabled: true, Auth: e.Auth, User: e.User, Color: "#e11d48"}})
	return nil
}

func (f *fakeFeeds) Remove(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, s := range f.status {
		if s.ID == id {
			f.status = append(f.status[:i], f.status[i+1:]...)
			return nil
		}
	}
	return errors.New("fake: no such feed")
}

func (f *fakeFeeds) SetEnabled(ctx context.Context, id string, on bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.status {
		if f.status[i].ID == id {
			f.status[i].Enabled = on
			return nil
		}
	}
	return errors.New("fake: no such feed")
}

func (f *fakeFeeds) Pending() []PendingFeed {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]PendingFeed(nil), f.pending...)
}

func (f *fakeFeeds) Decide(ctx context.Context, id string, useEmpty bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, p := range f.pending {
		if p.ID == id {
			f.pending = append(f.pending[:i], f.pending[i+1:]...)
			f.decided = append(f.decided, fmt.Sprintf("%s:%v", id, useEmpty))
			return nil
		}
	}
	return errors.New("fake: nothing pending")
}

// memSettings keeps settings in memory.
type memSettings struct {
	s     settings.Settings
	saves int
}

func (m *memSettings) Load() settings.Settings { return m.s }
func (m *memSettings) Save(s settings.Settings) error {
	m.s = s
	m.saves++
	return nil
}

var stockholm = mustZone("Europe/Stockholm")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// moved is a change of a timed activity from old to new (same length or not).
func moved(kind calendar.Kind, summary string, oldStart, oldEnd, newStart, newEnd time.Time) Change {
	return Change{Kind: ChangeMoved, Activity: kind, Summary: summary, Date: calendar.DateOf(newStart),
		OldStart: oldStart, OldEnd: oldEnd, NewStart: newStart, NewEnd: newEnd}
}

// added is a timed activity added at [start, end).
func added(kind calendar.Kind, summary string, start, end time.Time) Change {
	return Change{Kind: ChangeAdded, Activity: kind, Summary: summary, Date: calendar.DateOf(start), NewStart: start, NewEnd: end}
}

// at is a wall-clock time in Stockholm.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

func occ(kind calendar.Kind, summary string, start, end time.Time) calendar.Occurrence {
	return calendar.Occurrence{UID: summary + start.String(), Summary: summary, Kind: kind, Start: start, End: end, Source: "Work"}
}

func allDay(kind calendar.Kind, summary string, d calendar.Date, days int) calendar.Occurrence {
	return calendar.Occurrence{UID: summary + d.String(), Summary: summary, Kind: kind, AllDay: true,
		StartDate: d, EndDate: d.AddDays(days), Source: "Work"}
}

// weekOf23Nov is an agent's week, Mon 23 – Sun 29 Nov 2026.
func weekOf23Nov() []calendar.Occurrence {
	return []calendar.Occurrence{
		occ(calendar.KindShift, "APAC queue", at(2026, 11, 23, 7, 0), at(2026, 11, 23, 16, 0)),
		occ(calendar.KindBreak, "Break", at(2026, 11, 23, 9, 0), at(2026, 11, 23, 9, 15)),
		occ(calendar.KindLunch, "Lunch", at(2026, 11, 23, 11, 30), at(2026, 11, 23, 12, 0)),
		occ(calendar.KindBreak, "Break", at(2026, 11, 23, 14, 0), at(2026, 11, 23, 14, 15)),
		occ(calendar.KindShift, "EMEA queue", at(2026, 11, 24, 8, 0), at(2026, 11, 24, 17, 0)),
		occ(calendar.KindBreak, "Break", at(2026, 11, 24, 10, 0), at(2026, 11, 24, 10, 15)),
		occ(calendar.KindLunch, "Lunch", at(2026, 11, 24, 12, 0), at(2026, 11, 24, 12, 30)),
		occ(calendar.KindMeeting, "Team meeting", at(2026, 11, 24, 16, 0), at(2026, 11, 24, 16, 30)),
		allDay(calendar.KindTimeOff, "Day off", calendar.Date{Year: 2026, Month: 11, Day: 26}, 1),
		occ(calendar.KindShift, "APAC queue (night)", at(2026, 11, 28, 22, 0), at(2026, 11, 29, 6, 0)),
		occ(calendar.KindBreak, "Break", at(2026, 11, 29, 0, 30), at(2026, 11, 29, 0, 45)),
	}
}

// useLang switches Fyne's translations to code for the test.
func useLang(t testing.TB, code string) Locale {
	t.Helper()
	t.Setenv("LC_ALL", code)
	t.Setenv("LANGUAGE", code)
	loc, err := UseLanguage("")
	if err != nil {
		t.Fatal(err)
	}
	if loc.Lang != code {
		t.Fatalf("locale %q, want %q", loc.Lang, code)
	}
	return loc
}

type env struct {
	ui    *UI
	win   fyne.Window
	store *memSettings
	feeds *fakeFeeds
	sched *fakeSchedule
	now   *time.Time
}

// newEnv builds the window at now with occs, in language code.
func newEnv(t testing.TB, code string, now time.Time, occs []calendar.Occurrence, feeds *fakeFeeds, mutate func(*settings.Settings)) *env {
	t.Helper()
	test.NewTempApp(t)
	loc := useLang(t, code)
	cfg := settings.Default()
	cfg.Zone = "Europe/Stockholm"
	if mutate != nil {
		mutate(&cfg)
	}
	e := &env{store: &memSettings{s: cfg}, feeds: feeds, sched: &fakeSchedule{occs: occs}, now: &now}
	deps := Deps{
		Clock:    func() time.Time { return *e.now },
		Schedule: e.sched,
		Demo:     e.sched,
		Settings: e.store,
		Info:     Info{Name: "Shiftdesk", Version: "0.1.0", Build: 1},
	}
	if feeds != nil {
		deps.Feeds = feeds
	}
	e.win = test.NewTempWindow(t, widget.NewLabel(""))
	e.ui = New(fyne.CurrentApp(), e.win, deps, loc)
	e.win.SetContent(e.ui.Content())
	e.win.Resize(fyne.NewSize(900, 640))
	e.ui.Install()
	return e
}

// labelTexts collects the texts of the labels under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *widget.Card:
		out = append(out, x.Title, x.Subtitle)
		if x.Content != nil {
			out = append(out, labelTexts(x.Content)...)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, labelTexts(c)...)
		}
	}
	return out
}
