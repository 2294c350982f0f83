package app

import (
	"context"
	"errors"
	"time"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/feeds"
)

// caldavProbeTimeout bounds the question "is this a CalDAV server?" when
// a feed is added.
const caldavProbeTimeout = 20 * time.Second

// detectCalDAV asks the server at nf.URL what it is (PROPFIND, RFC 4918
// §9.1), not the URL's shape: a calendar collection is subscribed as a
// CalDAV feed, and a CalDAV server leads to the account's calendar named
// name (or its only one). Anything else (an ICS feed, a server that does
// not answer) leaves nf as it is, unless a calendar name was given. It
// returns the calendar's title when nf became a CalDAV feed.
func detectCalDAV(env Env, nf *feeds.NewFeed, name string) (string, error) {
	if !isRemote(nf.URL) || nf.Token != "" {
		if name != "" {
			return "", badUsage("--calendar needs an http(s) CalDAV address with --user and --password-stdin")
		}
		return "", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), caldavProbeTimeout)
	defer cancel()
	c, err := caldav.Dial(caldav.Account{URL: nf.URL, User: nf.User, Password: nf.Password, UserAgent: env.Info.UserAgent()})
	if err != nil {
		return "", nil // feeds.Add says what is wrong with the address
	}
	cal, err := c.Find(ctx, name, false)
	switch {
	case err == nil:
		nf.URL, nf.CalDAV = c.URL(cal), true
		return cal.Title(), nil
	case errors.Is(err, caldav.ErrNoCalendar), name != "":
		return "", err
	}
	return "", nil
}
