// Package ui is Shiftdesk's window: the Now, Week, Customers, Feeds &
// changes and Settings screens, the demo banner, reminders, the system tray
// menu, keyboard shortcuts, languages and themes.
//
// Every screen is a struct with a buildUI method and named onXChanged /
// onXTapped handlers. Screens read their data through the small interfaces
// of this file (Schedule, Feeds, SettingsStore) and the time through an
// injectable Clock, so tests render them deterministically on Fyne's test
// canvas. Nothing here blocks the UI goroutine: syncing and keyring work run
// on goroutines and report back through fyne.Do.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// Clock returns the current instant. Tests pass a fixed one.
type Clock func() time.Time

// Schedule gives the occurrences of every enabled feed (or of the demo
// feed) that overlap [from, to), expanded in zone, sorted by start. It must
// not touch the network: the window opens from the offline caches.
type Schedule interface {
	Occurrences(from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error)
}

// SyncProblem is why a sync of a feed failed, as the sync layer's data
// (its Reason, HTTP Status, RetryAt and web page Title), which the window
// words in its language: the window uses the sync layer's type, not a copy.
type SyncProblem = feeds.SyncError

// ProblemError is a failed sync that can say why as data.
type ProblemError interface {
	error
	Problem() SyncProblem
}

// ChangeKind says what happened to an activity (the sync layer's type).
type ChangeKind = feeds.ChangeKind

// The kinds of change.
const (
	ChangeAdded   = feeds.ChangeAdded
	ChangeRemoved = feeds.ChangeRemoved
	ChangeMoved   = feeds.ChangeMoved // start and/or end changed
)

// Change is one entry of "What changed": the sync layer's data, worded by
// the window (its English Line is for the command line).
type Change = feeds.Change

// FeedEdit is a feed as entered in the form. Secret is the password or
// token typed by the agent; "" keeps the stored one.
type FeedEdit struct {
	ID     string // "" adds a new feed
	Name   string
	URL    string
	Auth   settings.AuthKind
	User   string
	Secret string
}

// Feeds is what the window needs from the sync layer. Status and Changes
// are quick reads of in-memory state, as the sync layer's own data (the
// window words it in its language); Sync, Save and Remove may block (on
// the network or the keyring) and are only ever called off the UI
// goroutine.
type Feeds interface {
	Status() []feeds.State
	// Changes is what the last sync changed.
	Changes() []Change
	// Sync downloads every enabled feed, reporting progress as done of
	// total; it returns what this sync changed and the failures joined (a
	// failure that is a ProblemError is shown in the window's language).
	Sync(ctx context.Context, progress func(done, total int)) ([]Change, error)
	// Save adds or updates a feed; the secret goes to the keyring.
	Save(ctx context.Context, f FeedEdit) error
	// Remove forgets a feed, its cache and its secret.
	Remove(ctx context.Context, id string) error
	// SetEnabled turns a feed on or off; a disabled feed is neither synced
	// nor shown.
	SetEnabled(ctx context.Context, id string, on bool) error
	// Pending lists feeds whose new download is empty while their offline
	// copy has events: the agent decides what to keep.
	Pending() []PendingFeed
	// Decide settles a pending feed: useEmpty replaces the offline copy with
	// the empty download, otherwise the old schedule is kept.
	Decide(ctx context.Context, id string, useEmpty bool) error
}

// PendingFeed is a feed waiting for the agent's decision about an empty
// download.
type PendingFeed struct {
	ID, Name string
	// Question is the prompt in plain words.
	Question string
}

// SettingsStore loads and saves the agent's settings (without secrets).
type SettingsStore interface {
	Load() settings.Settings
	Save(settings.Settings) error
}

// Info describes the build for the About dialog.
type Info struct {
	Name    string
	Version string
	Build   int
}

// Deps is everything the window gets from the rest of the application.
type Deps struct {
	Clock    Clock
	Schedule Schedule
	// Demo is the embedded demo schedule, shown while no feed is configured.
	Demo     Schedule
	Feeds    Feeds
	Settings SettingsStore
	Info     Info
	// Export opens the export dialog; nil hides the action.
	Export func(win fyne.Window)
	// Holidays gives the customer regions' days off between from and to,
	// by region name, from the offline copies of their holiday feeds (no
	// network); nil means each region's library holidays and closed dates.
	Holidays func(regions []calendar.Region, from, to time.Time) map[string]*holidays.Calendar
}
