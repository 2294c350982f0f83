package caldav

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// ErrNotCalDAV means the server answered, but not as a CalDAV server
// (no WebDAV multistatus, no calendar collection, no principal).
var ErrNotCalDAV = errors.New("this is not a CalDAV server or calendar")

// ErrNoCalendar means the server is a CalDAV server but has no calendar
// of the name asked for (or several, and none was named).
var ErrNoCalendar = errors.New("no calendar")

// Error is a failed CalDAV request, in words an agent can act on. URL
// never holds credentials.
type Error struct {
	Op     string // the HTTP method or step ("discover", "PUT")
	URL    string
	Status int // the HTTP status, 0 when there was no answer
	Err    error
}

// Error says what went wrong and what to do about it.
func (e *Error) Error() string {
	what := ""
	switch {
	case e.Status == http.StatusUnauthorized:
		what = "the server did not accept the user name or password (401); if the account uses two-step sign-in, make an app password for Shiftdesk"
	case e.Status == http.StatusForbidden:
		what = "the server refused access (403): wrong password, no right to this calendar, or the account needs an app password"
	case e.Status == http.StatusNotFound || e.Status == http.StatusGone:
		what = fmt.Sprintf("the calendar is gone (%d): it was deleted or moved on the server", e.Status)
	case errors.Is(e.Err, ErrNotCalDAV):
		what = "the server answered, but not as a CalDAV server: check the address (a calendar or the server's CalDAV URL)"
	case e.Status != 0:
		what = fmt.Sprintf("the server answered %d %s", e.Status, http.StatusText(e.Status))
	}
	msg := "caldav: " + e.Op + " " + e.URL + ": "
	switch {
	case what == "" && e.Err == nil:
		return msg + "failed"
	case what == "":
		return msg + e.Err.Error()
	case e.Err != nil && !errors.Is(e.Err, ErrNotCalDAV) && e.Status/100 != 4:
		return msg + what + " (" + e.Err.Error() + ")"
	}
	return msg + what
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// StatusOf is the HTTP status in err's chain, 0 when none.
func StatusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// redact drops user info and the query (which may hold a token) from a URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unreadable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}
