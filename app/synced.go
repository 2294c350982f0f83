package app

import (
	"errors"
	"fmt"
	"os"

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

// syncedFeeds parses the offline copies of the enabled subscribed feeds (no
// network). The feeds layer owns this file.
func syncedFeeds(env Env) ([]*calendar.Feed, error) {
	m, err := openFeeds(env, secrets.NewKeyring())
	if err != nil {
		return nil, err
	}
	return parsedFeeds(m)
}

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
		return parsed, fmt.Errorf("some feeds are left out: %w", err)
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
