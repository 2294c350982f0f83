package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// WriteFile replaces the file at path with what write produces, atomically:
// the data goes to a temporary file in the same directory, is synced to
// disk and then renamed over path. A reader (or a calendar app subscribed
// to the file) sees either the old file or the whole new one, never a
// half-written one; if write or any step fails, path is left as it was and
// the temporary file is removed. An existing file keeps its permissions; a
// new one gets 0644.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("export: %s is not a regular file", path)
		}
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// Make the rename itself durable; not every system can sync a
	// directory, and the file is already complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
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
