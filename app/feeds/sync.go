package feeds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// Refresh bounds.
const (
	DefaultInterval = time.Hour
	MinInterval     = 5 * time.Minute
	BackoffBase     = 5 * time.Minute
	BackoffMax      = 6 * time.Hour
)

// Outcome is how a feed's sync ended.
type Outcome string

// The outcomes of a sync.
const (
	Updated     Outcome = "updated"      // a new copy replaced the cache
	NotModified Outcome = "not modified" // 304, or the same bytes again
	HeldBack    Outcome = "held back"    // the feed is now empty: waiting for Confirm/Reject
	Failed      Outcome = "failed"       // see Err
)

// Result is one feed's sync.
type Result struct {
	FeedID  string
	Name    string
	Outcome Outcome
	// Err is the *SyncError of a failed sync.
	Err *SyncError
	// Events is the event count of the copy now cached.
	Events int
	// Changes are the changes this sync found in the next 14 days.
	Changes []Change
	// RetryAt is the next attempt after a failure.
	RetryAt time.Time
}

// String is the one-line summary: "updated (42 events, 3 changes)",
// "not modified", "failed: sign-in failed — check the password or token".
func (r Result) String() string {
	switch r.Outcome {
	case Updated:
		s := "updated (" + plural(r.Events, "event")
		if n := len(r.Changes); n > 0 {
			s += ", " + plural(n, "change")
		}
		return s + ")"
	case HeldBack:
		return "held back: the feed is now empty — keep the old schedule? (the old copy is kept until you confirm)"
	case Failed:
		if r.Err != nil {
			return "failed: " + r.Err.Plain()
		}
		return "failed"
	}
	return string(r.Outcome)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Sync downloads the given feeds now (IDs or names; all enabled feeds when
// none given), one after another, calling progress (if non-nil) after
// each. A feed named explicitly is synced even when disabled; an unknown
// name gives a Failed result.
func (m *Manager) Sync(ctx context.Context, progress func(Result), keys ...string) []Result {
	m.syncMu.Lock()
	defer m.syncMu.Unlock()
	var todo []settings.Feed
	var results []Result
	m.mu.Lock()
	if len(keys) == 0 {
		for _, f := range m.set.Feeds {
			if f.Enabled {
				todo = append(todo, f)
			}
		}
	} else {
		for _, k := range keys {
			f, _, err := m.findLocked(k)
			if err != nil {
				results = append(results, Result{Name: k, Outcome: Failed, Err: &SyncError{Feed: k, Reason: ReasonNoFeed, Err: err}})
				continue
			}
			todo = append(todo, f)
		}
	}
	m.mu.Unlock()
	for _, r := range results {
		if progress != nil {
			progress(r)
		}
	}
	for _, f := range todo {
		if ctx.Err() != nil {
			break
		}
		r := m.syncOne(ctx, f)
		results = append(results, r)
		if progress != nil {
			progress(r)
		}
	}
	if len(todo) > 0 {
		m.writeChanges()
	}
	m.poke()
	return results
}

// credentials reads a feed's real address and secrets from the keyring.
func (m *Manager) credentials(f settings.Feed) (fetchRequest, error) {
	req := fetchRequest{URL: f.URL}
	if f.SecretInURL {
		real, err := m.store.Get(keyURL(f.ID))
		if err != nil {
			return req, err
		}
		req.URL = real
	}
	u, err := parseFeedURL(req.URL, false)
	if err != nil {
		return req, err
	}
	req.URL, req.IsFile, req.Secrets = u.Real, u.IsFile, u.Secrets
	switch f.Auth {
	case settings.AuthBasic:
		pw, err := m.store.Get(keyPassword(f.ID))
		if err != nil {
			return req, err
		}
		req.User, req.Password = f.User, pw
		req.Secrets = append(req.Secrets, pw)
	case settings.AuthBearer:
		tok, err := m.store.Get(keyToken(f.ID))
		if err != nil {
			return req, err
		}
		req.Token = tok
		req.Secrets = append(req.Secrets, tok)
	}
	return req, nil
}

func (m *Manager) syncOne(ctx context.Context, f settings.Feed) Result {
	m.mu.Lock()
	m.syncing[f.ID] = true
	meta := m.meta[f.ID]
	loc := m.set.Location()
	rules := append([]calendar.KindRule(nil), m.set.KindRules...)
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.syncing, f.ID)
		m.mu.Unlock()
	}()
	now := m.now()
	meta.LastAttempt = now
	res := Result{FeedID: f.ID, Name: f.Name}

	fail := func(e *SyncError) Result {
		meta.Failures++
		meta.RetryAt = now.Add(Backoff(meta.Failures, m.jitter()))
		e.Feed, e.RetryAt = f.Name, meta.RetryAt.In(loc)
		meta.LastError, meta.LastReason, meta.LastStatus = e.Plain(), e.Reason, e.Status
		m.storeMeta(f.ID, meta)
		res.Outcome, res.Err, res.RetryAt, res.Events = Failed, e, meta.RetryAt, meta.Events
		m.log.Warn("feeds: sync failed", "feed", f.Name, "url", f.URL, "reason", string(e.Reason), "error", e.Plain())
		return res
	}
	succeed := func() {
		meta.CheckedAt, meta.Failures, meta.RetryAt = now, 0, time.Time{}
		meta.LastError, meta.LastReason, meta.LastStatus = "", "", 0
	}
	// unchanged: the server has the cached copy again (304 or the same
	// bytes), so an empty download held back earlier is moot: confirming
	// it now would wipe a schedule the feed still has.
	unchanged := func() {
		succeed()
		if !meta.PendingSince.IsZero() {
			os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile))
			meta.PendingSince = time.Time{}
		}
	}

	req, err := m.credentials(f)
	if err != nil {
		detail := "the keyring is not available"
		if errors.Is(err, secrets.ErrNotFound) {
			detail = "no secret is stored for this feed; add it again"
		} else if errors.Is(err, secrets.ErrTimeout) {
			detail = "the keyring did not answer; is it locked?"
		}
		return fail(&SyncError{Reason: ReasonKeyring, Detail: detail, Err: redactErr(err)})
	}
	if !meta.FetchedAt.IsZero() {
		req.ETag, req.LastModified = meta.ETag, meta.LastModified
	}
	fetch := m.fetch.fetch
	if f.CalDAV {
		fetch = m.caldavFetcher(f)
	}
	resp, err := fetch(ctx, req)
	if err != nil {
		var se *SyncError
		if !errors.As(err, &se) {
			se = &SyncError{Reason: ReasonUnreachable, Err: redactErr(err)}
		}
		return fail(se)
	}
	if resp.NotModified {
		unchanged()
		if resp.ETag != "" {
			meta.ETag = resp.ETag
		}
		if resp.LastModified != "" {
			meta.LastModified = resp.LastModified
		}
		m.storeMeta(f.ID, meta)
		res.Outcome, res.Events = NotModified, meta.Events
		m.log.Info("feeds: not modified", "feed", f.Name)
		return res
	}
	body := resp.Body
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return fail(&SyncError{Reason: ReasonEmpty})
	case looksLikeHTML(resp.ContentType, body):
		return fail(&SyncError{Reason: ReasonWebPage, Title: pageTitle(body, req.redactor())})
	}
	parsed, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
	if err != nil {
		return fail(req.redactor().SyncError(parseError(err)))
	}
	old, oldBody := m.parsedCopy(f)
	if oldBody != nil && bytes.Equal(oldBody, body) {
		unchanged()
		meta.ETag, meta.LastModified = resp.ETag, resp.LastModified
		m.storeMeta(f.ID, meta)
		res.Outcome, res.Events = NotModified, meta.Events
		return res
	}
	count := parsed.EventCount()
	if count == 0 && meta.Events > 0 && oldBody != nil {
		if err := m.cache.write(filepath.Join(m.cache.feedDir(f.ID), pendingFile), body); err != nil {
			return fail(&SyncError{Reason: ReasonFile, Detail: "the cache cannot be written", Err: err})
		}
		succeed()
		meta.PendingSince = now
		m.storeMeta(f.ID, meta)
		res.Outcome, res.Events = HeldBack, meta.Events
		m.log.Warn("feeds: feed is now empty, held back", "feed", f.Name, "old_events", meta.Events)
		return res
	}
	if err := m.cache.writeBody(f.ID, body); err != nil {
		return fail(&SyncError{Reason: ReasonFile, Detail: "the cache cannot be written", Err: err})
	}
	os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile))
	succeed()
	meta.ETag, meta.LastModified = resp.ETag, resp.LastModified
	meta.FetchedAt, meta.Events, meta.RefreshInterval, meta.PendingSince = now, count, parsed.RefreshInterval, time.Time{}
	m.storeMeta(f.ID, meta)
	res.Outcome, res.Events = Updated, count
	if old != nil {
		res.Changes = m.diffFeeds(f, old, parsed, now, loc, rules)
	}
	m.mu.Lock()
	m.parsed[f.ID] = parsed
	delete(m.unreadable, f.ID)
	if old != nil {
		if m.changes.Feeds == nil {
			m.changes.Feeds = map[string]feedChanges{}
		}
		m.changes.Feeds[f.ID] = feedChanges{SyncedAt: now, Changes: res.Changes}
	}
	m.mu.Unlock()
	m.log.Info("feeds: updated", "feed", f.Name, "events", count, "changes", len(res.Changes))
	return res
}

func (m *Manager) diffFeeds(f settings.Feed, old, new *calendar.Feed, now time.Time, loc *time.Location, rules []calendar.KindRule) []Change {
	opts := calendar.ExpandOptions{Zone: loc, Rules: rules}
	to := now.Add(ChangeWindow)
	a, _ := old.Expand(now, to, opts)
	b, _ := new.Expand(now, to, opts)
	changes := Diff(a, b, loc)
	for i := range changes {
		changes[i].FeedID, changes[i].Feed = f.ID, f.Name
	}
	return changes
}

// parseError maps a calendar.Parse error to a SyncError.
func parseError(err error) *SyncError {
	e := &SyncError{Reason: ReasonMalformed, Err: redactErr(err)}
	switch {
	case errors.Is(err, calendar.ErrTruncated):
		e.Reason = ReasonTruncated
	case errors.Is(err, calendar.ErrTooLarge):
		e.Reason = ReasonTooLarge
	case errors.Is(err, calendar.ErrNotCalendar):
		e.Reason = ReasonNotCalendar
	}
	return e
}

func (m *Manager) storeMeta(id string, meta Meta) {
	m.mu.Lock()
	m.meta[id] = meta
	m.mu.Unlock()
	if err := m.cache.writeMeta(id, meta); err != nil {
		m.log.Error("feeds: cache metadata not saved", "err", err)
	}
}

// parsedCopy returns the parsed offline copy of f and its bytes (nil when
// there is none or it cannot be read).
func (m *Manager) parsedCopy(f settings.Feed) (*calendar.Feed, []byte) {
	body, err := m.cache.readBody(f.ID)
	if err != nil || body == nil {
		return nil, nil
	}
	m.mu.Lock()
	p := m.parsed[f.ID]
	m.mu.Unlock()
	if p != nil {
		return p, body
	}
	return m.parseCached(f, body), body
}

// cachedFeed returns the parsed offline copy of f, reading the disk only
// the first time; unreadable is true when a copy exists but cannot be
// parsed.
func (m *Manager) cachedFeed(f settings.Feed) (p *calendar.Feed, unreadable bool) {
	m.mu.Lock()
	p, bad := m.parsed[f.ID], m.unreadable[f.ID]
	m.mu.Unlock()
	if p != nil || bad {
		return p, bad
	}
	body, err := m.cache.readBody(f.ID)
	if err != nil {
		m.log.Error("feeds: offline copy unreadable", "feed", f.Name, "err", err)
		m.mu.Lock()
		m.unreadable[f.ID] = true
		m.mu.Unlock()
		return nil, true
	}
	if body == nil {
		return nil, false
	}
	p = m.parseCached(f, body)
	return p, p == nil
}

// parseCached parses an offline copy and remembers the result.
func (m *Manager) parseCached(f settings.Feed, body []byte) *calendar.Feed {
	p, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		m.log.Error("feeds: offline copy unreadable", "feed", f.Name, "err", err)
		m.unreadable[f.ID] = true
		return nil
	}
	m.parsed[f.ID] = p
	delete(m.unreadable, f.ID)
	return p
}

// Parsed returns the offline copies of the enabled feeds, parsed (no
// network). Feeds never synced are left out; an unreadable copy gives an
// error naming the feed, and the others are still returned.
func (m *Manager) Parsed() ([]*calendar.Feed, error) {
	var out []*calendar.Feed
	var errs []error
	for _, f := range m.Settings().Feeds {
		if !f.Enabled {
			continue
		}
		p, bad := m.cachedFeed(f)
		if bad {
			errs = append(errs, fmt.Errorf("feeds: %s: the offline copy cannot be read", f.Name))
			continue
		}
		if p == nil {
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

// Occurrences expands the offline copies of all enabled feeds in
// [from, to) (no network), merged and sorted by start then summary. Each
// occurrence's Source is its feed's name. Warnings include problems
// reading a copy.
func (m *Manager) Occurrences(from, to time.Time, opts calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning) {
	var occ []calendar.Occurrence
	var warns []calendar.Warning
	for _, f := range m.Settings().Feeds {
		if !f.Enabled {
			continue
		}
		p, bad := m.cachedFeed(f)
		if p == nil {
			if bad {
				warns = append(warns, calendar.Warning{Feed: f.Name, Reason: "the offline copy cannot be read"})
			}
			continue
		}
		o, w := p.Expand(from, to, opts)
		for i := range o {
			o[i].Source = f.Name
		}
		occ = append(occ, o...)
		warns = append(warns, p.Warnings...)
		warns = append(warns, w...)
	}
	calendar.SortOccurrences(occ)
	return occ, warns
}

// Changes returns "What changed": for each feed, the changes its last
// updating sync found in the 14 days after it, sorted by time.
func (m *Manager) Changes() []Change {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Change
	for _, f := range m.set.Feeds {
		out = append(out, m.changes.Feeds[f.ID].Changes...)
	}
	sort.SliceStable(out, func(i, j int) bool { return changeTime(out[i]).Before(changeTime(out[j])) })
	return out
}

func (m *Manager) readChanges() changeLog {
	var cl changeLog
	data, err := os.ReadFile(filepath.Join(m.opts.CacheDir, changesFile))
	if err == nil {
		if err := json.Unmarshal(data, &cl); err != nil {
			m.log.Warn("feeds: change list unreadable, starting empty", "err", err)
			cl = changeLog{}
		}
	}
	if cl.Feeds == nil {
		cl.Feeds = map[string]feedChanges{}
	}
	return cl
}

func (m *Manager) writeChanges() {
	m.mu.Lock()
	data, err := json.MarshalIndent(m.changes, "", "  ")
	m.mu.Unlock()
	if err == nil {
		err = m.cache.write(filepath.Join(m.opts.CacheDir, changesFile), data)
	}
	if err != nil {
		m.log.Error("feeds: change list not saved", "err", err)
	}
}

// Pending is a feed whose new download is empty while its cached copy has
// events: the agent decides with Confirm (accept the empty feed) or Reject
// (keep the old schedule).
type Pending struct {
	FeedID, Name string
	OldEvents    int
	Since        time.Time
	// Question is the prompt in plain words.
	Question string
}

// Pending lists the feeds waiting for a decision.
func (m *Manager) Pending() []Pending {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Pending
	for _, f := range m.set.Feeds {
		meta := m.meta[f.ID]
		if meta.PendingSince.IsZero() {
			continue
		}
		out = append(out, Pending{FeedID: f.ID, Name: f.Name, OldEvents: meta.Events, Since: meta.PendingSince,
			Question: fmt.Sprintf("%s is now empty (it had %d events) — keep the old schedule?", f.Name, meta.Events)})
	}
	return out
}

// Confirm accepts a feed's empty download: it replaces the offline copy.
func (m *Manager) Confirm(key string) error {
	m.syncMu.Lock()
	defer m.syncMu.Unlock()
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	body, err := m.cache.readFile(f.ID, pendingFile)
	if err != nil {
		return err
	}
	if body == nil {
		return fmt.Errorf("feeds: %s has no empty download waiting", f.Name)
	}
	parsed, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
	if err != nil {
		return fmt.Errorf("feeds: %s: %w", f.Name, err)
	}
	if err := m.cache.writeBody(f.ID, body); err != nil {
		return err
	}
	os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile))
	m.mu.Lock()
	meta := m.meta[f.ID]
	meta.PendingSince, meta.Events, meta.FetchedAt = time.Time{}, parsed.EventCount(), m.now()
	meta.ETag, meta.LastModified = "", ""
	m.parsed[f.ID] = parsed
	delete(m.unreadable, f.ID)
	m.mu.Unlock()
	m.storeMeta(f.ID, meta)
	return nil
}

// Reject keeps the old schedule of a feed whose download came back empty.
// The next sync asks again if the feed is still empty.
func (m *Manager) Reject(key string) error {
	m.syncMu.Lock()
	defer m.syncMu.Unlock()
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("feeds: %s: %w", f.Name, err)
	}
	m.mu.Lock()
	meta := m.meta[f.ID]
	meta.PendingSince = time.Time{}
	m.mu.Unlock()
	m.storeMeta(f.ID, meta)
	return nil
}

// Backoff is the wait before retry number failures (1 = first failure):
// 5 min doubled per failure, capped at 6 h, with "equal jitter" — half
// fixed, half scaled by jitter in [0, 1).
func Backoff(failures int, jitter float64) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := BackoffMax
	if failures < 20 {
		d = time.Duration(math.Min(float64(BackoffBase)*math.Pow(2, float64(failures-1)), float64(BackoffMax)))
	}
	if jitter < 0 {
		jitter = 0
	}
	if jitter >= 1 {
		jitter = 0.999
	}
	return d/2 + time.Duration(float64(d/2)*jitter)
}

// Interval is a feed's refresh interval: its own minutes or the settings'
// (default 1 h), at least 5 min, or the feed's REFRESH-INTERVAL /
// X-PUBLISHED-TTL when that is longer.
func (m *Manager) Interval(key string) time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, _, err := m.findLocked(key)
	if err != nil {
		return DefaultInterval
	}
	return m.intervalLocked(f, m.meta[f.ID])
}

func (m *Manager) intervalLocked(f settings.Feed, meta Meta) time.Duration {
	minutes := f.RefreshMinutes
	if minutes <= 0 {
		minutes = m.set.RefreshMinutes
	}
	d := DefaultInterval
	if minutes > 0 {
		d = time.Duration(minutes) * time.Minute
	}
	if d < MinInterval {
		d = MinInterval
	}
	if meta.RefreshInterval > d {
		d = meta.RefreshInterval
	}
	return d
}

// NextSync is when a feed is next due: the retry time after a failure,
// now if it never synced, else the last success plus its interval.
func (m *Manager) NextSync(key string) time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, _, err := m.findLocked(key)
	if err != nil {
		return time.Time{}
	}
	return m.nextSyncLocked(f, m.meta[f.ID], m.now())
}

func (m *Manager) nextSyncLocked(f settings.Feed, meta Meta, now time.Time) time.Time {
	if !meta.RetryAt.IsZero() && meta.LastError != "" {
		return meta.RetryAt
	}
	if meta.CheckedAt.IsZero() {
		return now // never synced (or a new address)
	}
	return meta.CheckedAt.Add(m.intervalLocked(f, meta))
}

// Run syncs each enabled feed when it is due, until ctx ends; it calls
// onSync (if non-nil) with each round's results. Changes to the feed list
// or settings reschedule it. Start it on its own goroutine.
func (m *Manager) Run(ctx context.Context, onSync func([]Result)) {
	for {
		now := m.now()
		next := now.Add(DefaultInterval)
		var due []string
		m.mu.Lock()
		for _, f := range m.set.Feeds {
			if !f.Enabled {
				continue
			}
			t := m.nextSyncLocked(f, m.meta[f.ID], now)
			if !t.After(now) {
				due = append(due, f.ID)
			} else if t.Before(next) {
				next = t
			}
		}
		m.mu.Unlock()
		if len(due) > 0 {
			rs := m.Sync(ctx, nil, due...)
			if ctx.Err() != nil {
				return
			}
			if onSync != nil {
				onSync(rs)
			}
			continue
		}
		timer := time.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-m.wake:
			timer.Stop()
		case <-timer.C:
		}
	}
}
