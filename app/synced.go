package app

import (
	"errors"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// syncedFeeds parses the offline copies of the enabled subscribed feeds (no
// network). The feeds layer owns this file.
func syncedFeeds(env Env) ([]*calendar.Feed, error) {
	return nil, errors.New("shiftdesk: no synced feeds yet (shiftdesk feeds add URL)")
}
