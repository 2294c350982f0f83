package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// holidayCacheDir is where the offline copies of the regions' holiday
// feeds live: os.UserCacheDir()/shiftdesk/holidays, beside the schedule
// feeds' copies.
func holidayCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("holiday feeds: no user cache dir: %w", err)
	}
	return filepath.Join(d, "shiftdesk", "holidays"), nil
}

// holidayCopy is the offline copy of r's holiday feed, named by the feed
// address so a changed address never reads an old copy.
func holidayCopy(dir string, r calendar.Region) string {
	sum := sha256.Sum256([]byte(r.HolidaysURL))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".ics")
}

// syncHolidayFeed downloads r's holiday feed with the schedule feeds'
// downloader (feeds.Download: address checks, timeouts, redirects, size
// limit, plain-words errors) and replaces the offline copy only when the
// download parses as a calendar; a failure keeps the old copy.
func syncHolidayFeed(ctx context.Context, dir string, r calendar.Region, userAgent string) error {
	if r.HolidaysURL == "" {
		return nil
	}
	body, err := feeds.Download(ctx, r.HolidaysURL, userAgent, 0)
	if err != nil {
		return fmt.Errorf("region %s: %w", r.Name, err)
	}
	if _, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: r.HolidaysURL}); err != nil {
		return fmt.Errorf("region %s: holiday feed: %w", r.Name, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("holiday feeds: %w", err)
	}
	return atomicfile.Write(holidayCopy(dir, r), func(w io.Writer) error {
		_, err := w.Write(body)
		return err
	}, atomicfile.Options{Perm: 0o600})
}

// syncHolidayFeeds refreshes the holiday feeds of regions, returning the
// failures joined (each keeps its old copy).
func syncHolidayFeeds(ctx context.Context, regions []calendar.Region, userAgent string) error {
	any := false
	for _, r := range regions {
		any = any || r.HolidaysURL != ""
	}
	if !any {
		return nil
	}
	dir, err := holidayCacheDir()
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range regions {
		if err := syncHolidayFeed(ctx, dir, r, userAgent); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func removeHolidayCopy(dir string, r calendar.Region) {
	if r.HolidaysURL != "" {
		_ = os.Remove(holidayCopy(dir, r))
	}
}

// regionHolidays returns the days off of each region (by name) between
// from and to, its holiday feed read from the offline copy (no network).
// A region whose copy is missing or unreadable has its library holidays
// and closed dates only.
func regionHolidays(dir string, regions []calendar.Region, from, to calendar.Date) map[string]*holidays.Calendar {
	out := map[string]*holidays.Calendar{}
	for _, r := range regions {
		var feed []holidays.Holiday
		if r.HolidaysURL != "" && dir != "" {
			if data, err := os.ReadFile(holidayCopy(dir, r)); err == nil {
				if f, err := calendar.Parse(bytes.NewReader(data), calendar.ParseOptions{Source: r.Name}); err == nil {
					feed = holidays.FromFeed(f, from, to)
				}
			}
		}
		if c, err := holidays.ForRegion(r, feed); err == nil {
			out[r.Name] = c
		}
	}
	return out
}

// cachedHolidays is regionHolidays for the instants [from, to), read from
// the default cache dir (library holidays and closed dates only when it
// cannot be found).
func cachedHolidays(regions []calendar.Region, from, to time.Time) map[string]*holidays.Calendar {
	dir, _ := holidayCacheDir()
	return regionHolidays(dir, regions, calendar.DateOf(from.UTC()).AddDays(-2), calendar.DateOf(to.UTC()).AddDays(2))
}
