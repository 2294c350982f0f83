package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/feeds"
)

// FeedsScreen shows each feed's state in plain words, "Sync now" with its
// progress, the offline banner and what the last sync changed.
type FeedsScreen struct {
	u        *UI
	offline  *fyne.Container
	pending  *fyne.Container
	list     *fyne.Container
	syncBtn  *widget.Button
	progress *widget.ProgressBar
	result   *widget.Label
	publish  *widget.Label // the state of publishing availability, if on
	changes  *fyne.Container
	// shown are the names of the feeds the list shows now.
	shown []string
	// scroll holds the screen: refreshed after the lists change so that
	// it makes room for them.
	scroll *container.Scroll
}

func newFeedsScreen(u *UI) *FeedsScreen { return &FeedsScreen{u: u} }

func (s *FeedsScreen) buildUI() fyne.CanvasObject {
	warn := widget.NewLabel(lang.L("Offline — showing the last downloaded copy of your schedule."))
	warn.Wrapping = fyne.TextWrapWord
	warn.Importance = widget.WarningImportance
	s.offline = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, warn)
	s.list = container.NewVBox()
	s.pending = container.NewVBox()
	s.syncBtn = widget.NewButtonWithIcon(lang.L("Sync now"), theme.ViewRefreshIcon(), s.onSyncTapped)
	s.syncBtn.Importance = widget.HighImportance
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	s.changes = container.NewVBox()
	s.publish = widget.NewLabel("")
	s.publish.Wrapping = fyne.TextWrapWord
	s.publish.Hide()
	s.scroll = container.NewVScroll(container.NewVBox(
		s.offline,
		s.pending,
		widget.NewLabelWithStyle(lang.L("Feeds"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.list,
		container.NewBorder(nil, nil, s.syncBtn, nil, s.progress),
		s.result,
		s.publish,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("What changed"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.changes,
	))
	return s.scroll
}

// feedStateText describes a feed's state in plain words.
func feedStateText(f feeds.State, now time.Time, loc Locale) string {
	when := func() map[string]any {
		t := f.LastSync.In(now.Location())
		age := max(now.Sub(t), time.Minute) // "1 min ago" at the least, never seconds
		return map[string]any{"Age": loc.Minutes(age), "When": loc.DayTime(t), "Err": feedErrText(f, loc), "N": f.Events}
	}
	switch {
	case !f.Enabled:
		return lang.L("Paused — not synced and not shown")
	case f.Offline() && !f.LastSync.IsZero():
		return lang.L("Offline — showing the copy from {{.When}} ({{.Age}} old)", when())
	case f.Offline():
		return lang.L("Offline — not downloaded yet")
	case feedFailed(f) && !f.LastSync.IsZero():
		return lang.L("Sync failed: {{.Err}} — showing the copy from {{.When}} ({{.Age}} old)", when())
	case feedFailed(f):
		return lang.L("Sync failed: {{.Err}}", when())
	case f.LastSync.IsZero():
		return lang.L("Not synced yet")
	}
	return lang.L("Synced {{.Age}} ago ({{.When}}) · {{.N}} events", when())
}

// feedFailed reports whether the feed's last sync failed.
func feedFailed(f feeds.State) bool { return f.LastError != "" }

// feedErrText is the feed's last sync error in the locale's language.
func feedErrText(f feeds.State, loc Locale) string { return loc.Problem(f.Problem(), f.LastError) }

// copyUnreadableText says in plain words that a feed's offline copy is
// damaged.
func copyUnreadableText() string {
	return lang.L("The offline copy of this feed cannot be read: its schedule is not shown until the next sync downloads it again.")
}

func (s *FeedsScreen) refresh() {
	u := s.u
	s.list.RemoveAll()
	s.shown = s.shown[:0]
	var list []feeds.State
	if u.deps.Feeds != nil {
		list = u.deps.Feeds.Status()
	}
	offline := false
	now := u.clock()
	for _, f := range list {
		s.shown = append(s.shown, f.Name)
		offline = offline || (f.Enabled && f.Offline())
		var name fyne.CanvasObject = widget.NewLabelWithStyle(f.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if c, ok := parseHexColor(f.Color); ok {
			// The feed's colour is its marker on the timelines.
			sw := canvas.NewRectangle(c)
			sw.SetMinSize(fyne.NewSize(12, 12))
			sw.CornerRadius = 2
			name = container.NewHBox(container.NewCenter(sw), name)
		}
		state := widget.NewLabel(feedStateText(f, now, u.loc))
		state.Wrapping = fyne.TextWrapWord
		if feedFailed(f) || f.Offline() {
			state.Importance = widget.DangerImportance
		}
		card := container.NewVBox(name, state)
		if f.Skipped > 0 && f.Enabled {
			card.Add(skippedLabel(f))
		}
		if f.CopyUnreadable && f.Enabled {
			bad := widget.NewLabel(copyUnreadableText())
			bad.Wrapping = fyne.TextWrapWord
			bad.Importance = widget.DangerImportance
			card.Add(bad)
		}
		s.list.Add(card)
	}
	if len(list) == 0 {
		s.list.Add(widget.NewLabel(lang.L("No feed yet: the demo week is shown.")))
	}
	if offline {
		s.offline.Show()
	} else {
		s.offline.Hide()
	}
	if u.deps.Feeds == nil || len(list) == 0 || u.syncing {
		s.syncBtn.Disable()
	} else {
		s.syncBtn.Enable()
	}
	s.pending.RemoveAll()
	if u.deps.Feeds != nil {
		for _, p := range u.deps.Feeds.Pending() {
			s.pending.Add(s.pendingCard(p))
		}
	}
	s.pending.Hidden = len(s.pending.Objects) == 0
	s.refreshPublish()
	s.changes.RemoveAll()
	var changes []Change
	if u.deps.Feeds != nil {
		changes = u.deps.Feeds.Changes()
	}
	for _, c := range changes {
		l := widget.NewLabel("• " + u.loc.ChangeLine(c))
		l.Wrapping = fyne.TextWrapWord
		s.changes.Add(l)
	}
	if len(changes) == 0 {
		s.changes.Add(widget.NewLabel(lang.L("Nothing changed at the last sync.")))
	}
	if w, ok := u.restAfter(changes); ok {
		l := widget.NewLabel(lang.L("This leaves a short rest: {{.Text}}", map[string]any{"Text": restText(w, u.zone(), u.loc)}))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		s.changes.Add(l)
	}
	s.scroll.Refresh()
}

// pendingCard asks what to do with a feed that came back empty.
func (s *FeedsScreen) pendingCard(p PendingFeed) fyne.CanvasObject {
	q := widget.NewLabel(displayText(p.Question))
	q.Wrapping = fyne.TextWrapWord
	q.Importance = widget.WarningImportance
	keep := widget.NewButton(lang.L("Keep my schedule"), func() { s.onPendingDecided(p.ID, false) })
	keep.Importance = widget.HighImportance
	empty := widget.NewButton(lang.L("Use the empty schedule"), func() { s.onPendingDecided(p.ID, true) })
	return widget.NewCard(p.Name, "", container.NewVBox(q, container.NewHBox(keep, empty)))
}

// onPendingDecided settles a pending feed off the UI goroutine.
func (s *FeedsScreen) onPendingDecided(id string, useEmpty bool) {
	feeds := s.u.deps.Feeds
	s.u.async(func() {
		err := feeds.Decide(context.Background(), id, useEmpty)
		fyne.Do(func() {
			if err != nil {
				s.result.SetText(err.Error())
				s.result.Importance = widget.DangerImportance
				s.result.Refresh()
			}
			s.u.Refresh()
		})
	})
}

// displayText makes a line from elsewhere drawable in Fyne's bundled font,
// which has no arrow glyph: "14:00 → 12:00" becomes "14:00 -> 12:00".
func displayText(s string) string { return strings.ReplaceAll(s, "→", "->") }

func (s *FeedsScreen) onSyncTapped() { s.u.SyncNow() }

func (s *FeedsScreen) onSyncStarted() {
	s.syncBtn.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	s.result.SetText(lang.L("Syncing…"))
}

func (s *FeedsScreen) onSyncProgress(done, total int) {
	if total > 0 {
		s.progress.SetValue(float64(done) / float64(total))
	}
}

func (s *FeedsScreen) onSyncFinished(err error) {
	s.progress.Hide()
	s.syncBtn.Enable()
	if err != nil {
		s.result.SetText(lang.L("Sync failed: {{.Err}}", map[string]any{"Err": s.u.loc.SyncErrorText(err)}))
		s.result.Importance = widget.DangerImportance
	} else {
		s.result.SetText(lang.L("Sync finished at {{.When}}.", map[string]any{"When": s.u.loc.Time(s.u.clock())}))
		s.result.Importance = widget.MediumImportance
	}
	s.result.Refresh()
}

// refreshPublish shows the state of publishing availability when the
// feeds publish it and publishing is on.
func (s *FeedsScreen) refreshPublish() {
	src, ok := s.u.deps.Feeds.(PublishStatusSource)
	text := ""
	var p PublishStatus
	if ok {
		p = src.PublishStatus()
		text = publishStatusText(p, s.u.loc)
	}
	s.publish.SetText(text)
	s.publish.Importance = widget.MediumImportance
	if p.Err != "" || p.Conflicts > 0 {
		s.publish.Importance = widget.DangerImportance
	}
	s.publish.Hidden = text == ""
}

// skippedLabel says how many events of a feed's copy cannot be read, and
// the parser's first reason (with its line).
func skippedLabel(f feeds.State) *widget.Label {
	l := widget.NewLabel(lang.L("{{.Count}} event(s) cannot be read and are not shown: {{.Why}}",
		map[string]any{"Count": f.Skipped, "Why": f.SkippedWhy}))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return l
}
