package calendar

import (
	"errors"
	"fmt"
)

// Whole-feed failures. A *FeedError matches one of these with errors.Is.
var (
	ErrNotCalendar = errors.New("calendar: not an iCalendar feed")
	ErrTruncated   = errors.New("calendar: feed is truncated")
	ErrTooLarge    = errors.New("calendar: feed is too large")
	ErrMalformed   = errors.New("calendar: feed cannot be parsed")
)

// FeedError is a whole-feed failure: the feed gave no usable calendar. Its
// message is plain words naming the feed and, where one applies, the line.
// errors.Is matches its Kind (ErrNotCalendar, ErrTruncated, ErrTooLarge or
// ErrMalformed) and the underlying error, if any.
type FeedError struct {
	Feed   string // ParseOptions.Source
	Kind   error  // one of the Err* sentinels
	Line   int    // 1-based line the problem is on, 0 if none applies
	Reason string // what is wrong, in plain words
	Err    error  // underlying error (decoder, reader), may be nil
}

func (e *FeedError) Error() string {
	s := "calendar: "
	if e.Feed != "" {
		s += e.Feed + ": "
	}
	if e.Line > 0 {
		s += fmt.Sprintf("line %d: ", e.Line)
	}
	return s + e.Reason
}

// Unwrap lets errors.Is and errors.As see the kind and the cause.
func (e *FeedError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}
