package feeds

import (
	"bytes"
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
	resp, _, err := download(ctx, rawURL, userAgent, maxBytes)
	return resp.Body, err
}

// DownloadFeed downloads rawURL like Download and parses it as a sync
// does, and words every failure the way a sync does, through the feed's
// one redactor: an empty body or a web page (a login page, its title
// named) is a *SyncError; a body calendar.Parse refuses is its error
// (errors.Is still matches calendar.ErrNotCalendar and the others). No
// error text and no warning of the feed holds any form of the address's
// secrets (see redactor); the feed is named by its redacted address.
func DownloadFeed(ctx context.Context, rawURL, userAgent string, maxBytes int64) (*calendar.Feed, error) {
	resp, dl, err := download(ctx, rawURL, userAgent, maxBytes)
	if err != nil {
		return nil, err
	}
	red := dl.redactor()
	switch {
	case len(bytes.TrimSpace(resp.Body)) == 0:
		return nil, &SyncError{Feed: dl.shown, Reason: ReasonEmpty}
	case looksLikeHTML(resp.ContentType, resp.Body):
		return nil, &SyncError{Feed: dl.shown, Reason: ReasonWebPage, Title: pageTitle(resp.Body, red)}
	}
	feed, err := calendar.Parse(bytes.NewReader(resp.Body), calendar.ParseOptions{Source: dl.shown, MaxBytes: maxBytes})
	if err != nil {
		return nil, red.Err(err)
	}
	for i, w := range feed.Warnings {
		feed.Warnings[i].UID, feed.Warnings[i].Summary, feed.Warnings[i].Reason = red.String(w.UID), red.String(w.Summary), red.String(w.Reason)
	}
	return feed, nil
}

// downloaded is the request of a download and its address as shown.
type downloaded struct {
	fetchRequest
	shown string
}

// download is Download, also returning the request it made.
func download(ctx context.Context, rawURL, userAgent string, maxBytes int64) (fetchResponse, downloaded, error) {
	u, err := parseFeedURL(rawURL, false)
	if err != nil {
		return fetchResponse{}, downloaded{}, err
	}
	if u.IsFile {
		return fetchResponse{}, downloaded{}, fmt.Errorf("feeds: %s is a file, not a web address", u.Shown)
	}
	if maxBytes <= 0 {
		maxBytes = calendar.DefaultMaxBytes
	}
	if userAgent == "" {
		userAgent = "Shiftdesk"
	}
	f := newFetcher(userAgent, downloadConnectTimeout, downloadTimeout, maxBytes)
	defer f.transport.CloseIdleConnections()
	dl := downloaded{fetchRequest{URL: u.Real, User: u.User, Password: u.Password, Secrets: u.Secrets}, u.Shown}
	resp, err := f.fetch(ctx, dl.fetchRequest)
	if err == nil && resp.NotModified {
		// Not asked for (no ETag was sent), and no body to show.
		err = &SyncError{Reason: ReasonRefused, Status: 304}
	}
	if err != nil {
		var se *SyncError
		if !errors.As(err, &se) {
			se = &SyncError{Reason: ReasonUnreachable, Err: dl.redactor().Err(err)}
		}
		se.Feed = u.Shown
		return fetchResponse{}, dl, se
	}
	return resp, dl, nil
}
