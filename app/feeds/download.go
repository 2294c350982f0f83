package feeds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// Timeouts of Download: those a Manager uses by default.
const (
	downloadConnectTimeout = 10 * time.Second
	downloadTimeout        = 60 * time.Second
)

// Download fetches rawURL once, for a caller that keeps no feed (the
// "agenda URL" command): an http, https, webcal or webcals address, read
// like a sync reads it, with the same address checks, timeouts, User-Agent,
// gzip, at most 5 redirects and plain-words errors, and at most maxBytes
// bytes (calendar.DefaultMaxBytes when maxBytes <= 0). It sends no
// credentials of its own and no conditional headers; a user name and
// password or a secret inside rawURL are used as a sync uses them, and never
// sent to another server after a redirect.
//
// The body is returned as it came, even when it is not a calendar: the
// caller parses it. A failed download is a *SyncError whose Feed is rawURL
// with its secrets redacted; an address that cannot be used is a plain
// error that names no secret.
func Download(ctx context.Context, rawURL, userAgent string, maxBytes int64) ([]byte, error) {
	u, err := parseFeedURL(rawURL, false)
	if err != nil {
		return nil, err
	}
	if u.IsFile {
		return nil, fmt.Errorf("feeds: %s is a file, not a web address", u.Shown)
	}
	if maxBytes <= 0 {
		maxBytes = calendar.DefaultMaxBytes
	}
	if userAgent == "" {
		userAgent = "Shiftdesk"
	}
	f := newFetcher(userAgent, downloadConnectTimeout, downloadTimeout, maxBytes)
	defer f.transport.CloseIdleConnections()
	req := fetchRequest{URL: u.Real, User: u.User, Password: u.Password, Secrets: u.Secrets}
	if u.Password != "" {
		req.Secrets = append(req.Secrets, u.Password)
	}
	resp, err := f.fetch(ctx, req)
	if err == nil && resp.NotModified {
		// Not asked for (no ETag was sent), and no body to show.
		err = &SyncError{Reason: ReasonRefused, Status: 304}
	}
	if err != nil {
		var se *SyncError
		if !errors.As(err, &se) {
			se = &SyncError{Reason: ReasonUnreachable, Err: redactErr(err)}
		}
		se.Feed = u.Shown
		return nil, se
	}
	return resp.Body, nil
}
