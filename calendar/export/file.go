package export

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// WriteFile replaces the file at path with what write produces, atomically
// (internal/atomicfile): a reader, or a calendar app subscribed to the
// file, sees either the old file or the whole new one, never a half-written
// one; if write or any step fails, path is left as it was. An existing file
// keeps its permissions; a new one gets 0644, so calendar apps can read it.
func WriteFile(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write, atomicfile.Options{Perm: 0o644}); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Source returns the occurrences overlapping [from, to), typically the
// synced feeds expanded in the agent's zone.
type Source func(from, to time.Time) ([]calendar.Occurrence, error)

// DefaultPublishDays is the number of days Publish writes when
// PublishOptions.Days is 0.
const DefaultPublishDays = 14

// PublishOptions tunes Publish.
type PublishOptions struct {
	// Days is how many days, from the start of today in the agent's zone,
	// the file covers; 0 means DefaultPublishDays.
	Days int
	// Now is the current time; zero means time.Now().
	Now time.Time
	// Format is the file's format; "" means FormatICS.
	Format Format
	// Availability holds the agent's zone, blocking kinds, minimum window
	// and regions.
	Availability availability.Options
	// Export holds the output zone, summary, language and so on. Its From,
	// To and Now are set by Publish.
	Export Options
}

// Publish rewrites the file at path, atomically, with the availability of
// the next Days days from src, so that a calendar app subscribed to the
// file stays current offline. The range starts at midnight today in the
// agent's zone so that a window in progress keeps its UID. It returns the
// windows written.
func Publish(path string, src Source, opts PublishOptions) ([]availability.Interval, error) {
	if path == "" {
		return nil, errors.New("export: publish: no file chosen")
	}
	days := opts.Days
	if days == 0 {
		days = DefaultPublishDays
	}
	if days < 0 {
		return nil, fmt.Errorf("export: publish: %d days is not a range", days)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	zone := opts.Availability.Zone
	if zone == nil {
		zone = time.Local
	}
	from := calendar.DateOf(now.In(zone)).In(zone)
	to := from.AddDate(0, 0, days)
	occs, err := src(from, to)
	if err != nil {
		return nil, fmt.Errorf("export: publish: %w", err)
	}
	windows, err := availability.Compute(occs, from, to, opts.Availability)
	if err != nil {
		return nil, fmt.Errorf("export: publish: %w", err)
	}
	format := opts.Format
	if format == "" {
		format = FormatICS
	}
	eo := opts.Export
	eo.From, eo.To, eo.Now = from, to, now
	if err := WriteFile(path, func(w io.Writer) error { return Write(w, format, windows, eo) }); err != nil {
		return nil, err
	}
	return windows, nil
}
