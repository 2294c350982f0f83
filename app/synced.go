package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// openFeeds opens the feed manager, the owner of the agent's state on
// disk, on the user's config and cache dirs with store as the keyring. A
// config file found unreadable now is an error (nothing may be written
// over it); one kept as a backup earlier is named on stderr at every run
// until "shiftdesk feeds restore" brings it back.
func openFeeds(env Env, store secrets.Store) (*feeds.Manager, error) {
	m, err := feeds.New(feeds.Options{Secrets: store, UserAgent: env.Info.UserAgent()})
	var backup *settings.BackupError
	if m != nil && errors.As(err, &backup) {
		fmt.Fprintln(env.Stderr, "shiftdesk:", backup)
		return m, nil
	}
	return m, err
}

// openAgent opens the owner of the agent's state and returns it with
// the settings. When it cannot be opened (a config file that cannot be
// read) the error is returned with the default settings and a nil
// Manager: commands that read feed files only may go on.
func openAgent(env Env, store secrets.Store) (*feeds.Manager, settings.Settings, error) {
	m, err := openFeeds(env, store)
	if m == nil || err != nil {
		return nil, settings.Default(), err
	}
	return m, m.Settings(), nil
}

// syncedOccurrences is the one read path for "the agent's occurrences"
// from the command line: the enabled feeds' offline copies expanded by
// their owner (feeds.Manager.Occurrences, which the window's screens and
// auto-publish read too) in [from, to) in zone with the agent's keyword
// rules. Parse and expansion warnings go to warn. The error says what to
// do when nothing is synced; with some occurrences it names the feeds
// left out.
func syncedOccurrences(warn io.Writer, m *feeds.Manager, from, to time.Time, zone *time.Location) ([]calendar.Occurrence, error) {
	if m == nil {
		return nil, errors.New("the settings cannot be read")
	}
	_, err := parsedFeeds(m)
	occ, warns := m.Occurrences(from, to, calendar.ExpandOptions{Zone: zone, Rules: m.Settings().KindRules})
	for _, w := range warns {
		if w.Reason != "the offline copy cannot be read" { // parsedFeeds' error names it
			fmt.Fprintln(warn, w.String())
		}
	}
	return occ, err
}

// errSomeLeftOut starts the error of a read that has some feeds but
// leaves out others (their offline copy cannot be read).
var errSomeLeftOut = errors.New("some feeds are left out")

// parsedFeeds returns m's offline copies, or an error saying what to do
// when there are none. Callers prefix the error with their command.
func parsedFeeds(m *feeds.Manager) ([]*calendar.Feed, error) {
	list := m.Feeds()
	if len(list) == 0 {
		return nil, errors.New("no feeds subscribed yet (shiftdesk feeds add URL)")
	}
	parsed, err := m.Parsed()
	if len(parsed) == 0 {
		if err != nil {
			return nil, err
		}
		return nil, errors.New("no enabled feed has been synced yet (shiftdesk sync)")
	}
	if err != nil {
		return parsed, fmt.Errorf("%w: %w", errSomeLeftOut, err)
	}
	return parsed, nil
}

// openFeedFile opens a local feed file named on the command line; only a
// regular file is accepted (opening a pipe would wait forever).
func openFeedFile(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return os.Open(path)
}
