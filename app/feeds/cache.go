package feeds

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// Cache file names inside a feed's cache folder.
const (
	bodyFile    = "feed.ics"
	pendingFile = "pending.ics"
	metaFile    = "meta.json"
	changesFile = "changes.json"
)

// Meta is what the cache remembers about a feed besides its bytes. It
// holds no secret.
type Meta struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// FetchedAt is when the cached copy was downloaded.
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	// CheckedAt is the last successful sync (a new copy or 304).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	// LastAttempt is the last sync attempt, successful or not.
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	// LastError is the plain-words error of the last attempt ("" if it
	// succeeded), LastReason its class and LastStatus its HTTP status (0
	// when the server did not answer with one).
	LastError  string `json:"last_error,omitempty"`
	LastReason Reason `json:"last_reason,omitempty"`
	LastStatus int    `json:"last_status,omitempty"`
	// Failures counts failed attempts in a row; RetryAt is the next
	// attempt after a failure.
	Failures int       `json:"failures,omitempty"`
	RetryAt  time.Time `json:"retry_at,omitzero"`
	// Events is the cached copy's event count.
	Events int `json:"events"`
	// RefreshInterval is the feed's own REFRESH-INTERVAL/X-PUBLISHED-TTL.
	RefreshInterval time.Duration `json:"refresh_interval,omitempty"`
	// PendingSince is set while a download that would lose events waits
	// for confirmation; PendingLost is how many events of the last copy
	// it cannot read (0: it is empty) and PendingWhy the parser's first
	// reason.
	PendingSince time.Time `json:"pending_since,omitzero"`
	PendingLost  int       `json:"pending_lost,omitempty"`
	PendingWhy   string    `json:"pending_why,omitempty"`
	// Skipped is how many events of the cached copy cannot be read (and
	// are not shown); SkippedWhy is the parser's first reason.
	Skipped    int    `json:"skipped,omitempty"`
	SkippedWhy string `json:"skipped_why,omitempty"`
}

// cache is the on-disk store of feed copies.
type cache struct {
	dir       string
	afterTemp func(tmp string) error // test hook: crash point after the temp file
}

func (c *cache) feedDir(id string) string { return filepath.Join(c.dir, "feeds", id) }

func (c *cache) write(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		if cause := atomicfile.Cause(err); cause != "" {
			return fmt.Errorf("feeds: cache: %s: %w", cause, err)
		}
		return fmt.Errorf("feeds: cache: %w", err)
	}
	if err := settings.WriteFileAtomic(path, data, c.afterTemp); err != nil {
		if cause := atomicfile.Cause(err); cause != "" {
			return fmt.Errorf("feeds: cache: %s: %w", cause, err)
		}
		return fmt.Errorf("feeds: cache: %w", err)
	}
	return nil
}

func (c *cache) readMeta(id string) (Meta, error) {
	var m Meta
	data, err := os.ReadFile(filepath.Join(c.feedDir(id), metaFile))
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("feeds: cache: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return Meta{}, fmt.Errorf("feeds: cache: %s is unreadable: %w", filepath.Join(c.feedDir(id), metaFile), err)
	}
	return m, nil
}

func (c *cache) writeMeta(id string, m Meta) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("feeds: cache: %w", err)
	}
	return c.write(filepath.Join(c.feedDir(id), metaFile), data)
}

// readBody returns the last good copy (nil, nil when there is none).
func (c *cache) readBody(id string) ([]byte, error) {
	return c.readFile(id, bodyFile)
}

func (c *cache) readFile(id, name string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(c.feedDir(id), name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feeds: cache: %w", err)
	}
	return data, nil
}

func (c *cache) writeBody(id string, data []byte) error {
	return c.write(filepath.Join(c.feedDir(id), bodyFile), data)
}

func (c *cache) remove(id string) error {
	if err := os.RemoveAll(c.feedDir(id)); err != nil {
		return fmt.Errorf("feeds: cache: %w", err)
	}
	return nil
}
