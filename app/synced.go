package app

import (
	"errors"
	"fmt"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// openFeeds opens the feed manager on the user's config and cache dirs
// with store as the keyring.
func openFeeds(env Env, store secrets.Store) (*feeds.Manager, error) {
	return feeds.New(feeds.Options{Secrets: store, UserAgent: env.Info.UserAgent()})
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
