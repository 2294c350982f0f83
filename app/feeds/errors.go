package feeds

import (
	"fmt"
	"time"
)

// Reason classifies why a sync failed.
type Reason string

// The reasons a sync fails.
const (
	ReasonAuth        Reason = "auth"         // 401, 403
	ReasonGone        Reason = "gone"         // 404, 410
	ReasonUnreachable Reason = "unreachable"  // 5xx, network, timeout
	ReasonRefused     Reason = "refused"      // other 4xx, too many redirects
	ReasonWebPage     Reason = "web_page"     // HTML instead of a calendar
	ReasonEmpty       Reason = "empty"        // an empty body
	ReasonTruncated   Reason = "truncated"    // the download was cut off
	ReasonTooLarge    Reason = "too_large"    // over the size limit
	ReasonNotCalendar Reason = "not_calendar" // something else than iCalendar
	ReasonMalformed   Reason = "malformed"    // iCalendar that cannot be parsed
	ReasonKeyring     Reason = "keyring"      // the credentials cannot be read
	ReasonFile        Reason = "file"         // a local file cannot be read
	ReasonNoFeed      Reason = "no_feed"      // Sync was given a name no feed has
	ReasonNoCopy      Reason = "no_copy"      // 304 Not Modified, but there is no copy
	ReasonCache       Reason = "cache"        // the offline copy cannot be saved (disk full, permissions)
)

// SyncError is a failed sync of one feed. Its text never holds a secret.
type SyncError struct {
	Feed    string    // feed name
	Reason  Reason    // what went wrong
	Status  int       // HTTP status, 0 if none
	RetryAt time.Time // next automatic attempt, in the agent's zone
	Detail  string    // extra plain words (no secrets), may be ""
	Err     error     // underlying error, with addresses redacted
	Title   string    // ReasonWebPage: the page's <title>, secrets redacted, may be ""
}

// Plain is the message shown to the agent, without the feed name.
func (e *SyncError) Plain() string {
	var s string
	switch e.Reason {
	case ReasonAuth:
		s = "sign-in failed — check the password or token"
	case ReasonGone:
		s = "the feed address no longer exists"
	case ReasonUnreachable:
		s = "server unreachable"
		if !e.RetryAt.IsZero() {
			s += ", will retry at " + e.RetryAt.Format("15:04")
		}
	case ReasonRefused:
		s = "the server refused the request"
	case ReasonWebPage:
		s = "the server sent a web page, not a calendar (maybe a login page)"
		if e.Title != "" {
			s += fmt.Sprintf(": %q", e.Title)
		}
	case ReasonEmpty:
		s = "the server sent an empty file"
	case ReasonTruncated:
		s = "the download was cut off (truncated)"
	case ReasonTooLarge:
		s = "the feed is too large"
	case ReasonNotCalendar:
		s = "the server sent something that is not a calendar"
	case ReasonMalformed:
		s = "the calendar cannot be read"
	case ReasonKeyring:
		s = "the sign-in details cannot be read from the keyring"
	case ReasonFile:
		s = "the calendar file cannot be read"
	case ReasonNoFeed:
		s = "there is no feed by this name"
	case ReasonNoCopy:
		s = "the server says nothing changed, but there is no copy yet"
	case ReasonCache:
		s = "the offline copy cannot be saved"
	default:
		s = "sync failed"
	}
	if e.Status != 0 && e.Reason != ReasonAuth && e.Reason != ReasonGone {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Error is "feeds: <feed>: <plain words>".
func (e *SyncError) Error() string { return "feeds: " + e.Feed + ": " + e.Plain() }

// Unwrap returns the underlying error.
func (e *SyncError) Unwrap() error { return e.Err }

// redactedErr carries an underlying error's text with addresses redacted.
type redactedErr struct {
	msg string
	err error
}

func (r redactedErr) Error() string { return r.msg }

// Unwrap lets errors.Is see sentinels (not the text).
func (r redactedErr) Unwrap() error { return r.err }

func redactErr(err error) error {
	if err == nil {
		return nil
	}
	return redactedErr{msg: RedactString(err.Error()), err: err}
}
