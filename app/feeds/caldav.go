package feeds

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// caldavStateFile, in a CalDAV feed's cache folder, keeps the objects
// last read (ETags and text) and the calendar's ctag.
const caldavStateFile = "caldav.json"

// caldavFetcher returns the fetch of a CalDAV feed: app/caldav reads the
// events from 30 days back to 180 days ahead, downloading only the
// objects that changed, and the assembled calendar is the body, so the
// rest of the sync (parse, hold-back, changes, cache) is that of an ICS
// feed.
func (m *Manager) caldavFetcher(f settings.Feed) func(context.Context, fetchRequest) (fetchResponse, error) {
	return func(ctx context.Context, req fetchRequest) (fetchResponse, error) {
		c, err := caldav.Dial(caldav.Account{URL: req.URL, User: req.User, Password: req.Password, UserAgent: m.opts.UserAgent})
		if err != nil {
			return fetchResponse{}, &SyncError{Reason: ReasonRefused, Err: err}
		}
		cal, err := caldav.CalendarAt(req.URL)
		if err != nil {
			return fetchResponse{}, &SyncError{Reason: ReasonRefused, Err: err}
		}
		// Whole UTC days, so that the range, and with it the ctag shortcut,
		// holds for a day.
		today := calendar.DateOf(m.now().UTC())
		from, to := today.AddDays(-caldav.DefaultDaysBack).In(time.UTC), today.AddDays(caldav.DefaultDaysAhead).In(time.UTC)
		dir := m.cache.feedDir(f.ID)
		statePath := filepath.Join(dir, caldavStateFile)
		prev, err := caldav.LoadState[caldav.SourceState](statePath)
		if err != nil {
			prev = caldav.SourceState{} // read everything again
		}
		res, next, err := c.Read(ctx, cal, from, to, prev)
		if err != nil {
			return fetchResponse{}, caldavSyncError(err)
		}
		if res.NotModified {
			return fetchResponse{NotModified: true}, nil
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fetchResponse{}, &SyncError{Reason: ReasonFile, Detail: "the cache cannot be written", Err: err}
		}
		if err := caldav.SaveState(statePath, next); err != nil {
			return fetchResponse{}, &SyncError{Reason: ReasonFile, Detail: "the cache cannot be written", Err: err}
		}
		m.log.Info("feeds: caldav read", "feed", f.Name, "objects", res.Objects, "fetched", res.Fetched)
		return fetchResponse{Body: res.Body, ContentType: "text/calendar"}, nil
	}
}

// caldavSyncError classifies an app/caldav error as the sync's reasons.
func caldavSyncError(err error) *SyncError {
	st := caldav.StatusOf(err)
	se := &SyncError{Status: st, Err: err}
	switch {
	case st == http.StatusUnauthorized || st == http.StatusForbidden:
		se.Reason, se.Detail = ReasonAuth, "the server refused the user name or password; an app password may be needed"
	case st == http.StatusNotFound || st == http.StatusGone:
		se.Reason, se.Detail = ReasonGone, "the calendar was deleted or moved on the server"
	case errors.Is(err, caldav.ErrNotCalDAV):
		se.Reason, se.Detail = ReasonNotCalendar, "the address is not a CalDAV calendar"
	case st >= 400 && st < 500:
		se.Reason = ReasonRefused
	default:
		se.Reason = ReasonUnreachable
	}
	return se
}
