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
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
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
	HeldBack    Outcome = "held back"    // the download would lose events: waiting for Confirm/Reject
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
	// Skipped are the events that cannot be read: of an Updated copy,
	// those it leaves out; of a HeldBack download, those the last copy
	// could read (Lost of them).
	Skipped []calendar.Warning
	Lost    int
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
		s += ")"
		if n := len(r.Skipped); n > 0 {
			s += fmt.Sprintf("; %s skipped (first: %s)", plural(n, "unreadable event"), r.Skipped[0].Reason)
		}
		return s
	case HeldBack:
		if r.Lost > 0 {
			return fmt.Sprintf("held back: this download cannot read %s of the last copy (first: %s) — keep the old schedule? (the old copy is kept until you confirm)",
				plural(r.Lost, "event"), r.Skipped[0].Reason)
		}
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

// syncOne syncs one feed in four steps: fetch (the download, with no lock
// held), judge (is it the same copy, one to hold back, or a new one?),
// store (write the copy and metadata) — judge and store run under the
// inter-process lock on the copy as it is on disk now — and diff (what
// changed in the next 14 days).
func (m *Manager) syncOne(ctx context.Context, f settings.Feed) Result {
	m.setSyncing(f.ID, true)
	defer m.setSyncing(f.ID, false)
	now := m.now()
	set := m.Settings()
	loc := set.Location()
	dl, se := m.fetchStep(ctx, f)
	if se != nil {
		return m.fail(f, now, loc, se)
	}
	var res Result
	var old *calendar.Feed
	err := m.own.do(func() error {
		v, err := m.judge(f, dl)
		if err != nil {
			return err
		}
		old = v.old
		res, err = m.storeStep(f, v, dl, now)
		return err
	})
	if err != nil {
		return m.fail(f, now, loc, cacheError(err))
	}
	if res.Outcome == Updated && old != nil {
		res.Changes = m.diffFeeds(f, old, dl.parsed, now, loc, set.KindRules)
		m.updateChanges(func(cl *changeLog) {
			cl.Feeds[f.ID] = feedChanges{SyncedAt: now, Changes: res.Changes}
		})
	}
	m.log.Info("feeds: "+string(res.Outcome), "feed", f.Name, "outcome", string(res.Outcome), "events", res.Events,
		"changes", len(res.Changes), "skipped", len(res.Skipped))
	return res
}

func (m *Manager) setSyncing(id string, on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on {
		m.syncing[id] = true
	} else {
		delete(m.syncing, id)
	}
}

// fetched is what the fetch step brought: a 304, or a body that parses.
type fetched struct {
	notModified        bool
	body               []byte
	etag, lastModified string
	parsed             *calendar.Feed
}

// fetchStep downloads f (conditionally when a copy is on disk) and parses
// the body. It holds no lock: other processes read and write meanwhile.
func (m *Manager) fetchStep(ctx context.Context, f settings.Feed) (fetched, *SyncError) {
	req, err := m.credentials(f)
	if err != nil {
		detail := "the keyring is not available"
		if errors.Is(err, secrets.ErrNotFound) {
			detail = "no secret is stored for this feed; add it again"
		} else if errors.Is(err, secrets.ErrTimeout) {
			detail = "the keyring did not answer; is it locked?"
		}
		return fetched{}, &SyncError{Reason: ReasonKeyring, Detail: detail, Err: redactErr(err)}
	}
	if stampOf(m.bodyPath(f.ID)).ok {
		meta, _ := m.cache.readMeta(f.ID)
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
		return fetched{}, se
	}
	dl := fetched{notModified: resp.NotModified, body: resp.Body, etag: resp.ETag, lastModified: resp.LastModified}
	if dl.notModified {
		return dl, nil
	}
	switch {
	case len(bytes.TrimSpace(dl.body)) == 0:
		return dl, &SyncError{Reason: ReasonEmpty}
	case looksLikeHTML(resp.ContentType, dl.body):
		return dl, &SyncError{Reason: ReasonWebPage, Title: pageTitle(dl.body, req.redactor())}
	}
	dl.parsed, err = calendar.Parse(bytes.NewReader(dl.body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
	if err != nil {
		return dl, req.redactor().SyncError(parseError(err))
	}
	return dl, nil
}

// verdict is the judge step's decision.
type verdict struct {
	same bool // the copy on disk already has these bytes (or 304)
	hold bool // the download would lose events: wait for the agent
	// lost are the events of the copy on disk that the download cannot
	// read (empty with hold: the download has no event at all).
	lost []calendar.Warning
	old  *calendar.Feed // the copy on disk, parsed (nil when none)
}

// judge compares a download with the offline copy as it is on disk now
// (never with meta.json, which may be missing or stale): a download is
// held back when the copy has events and the download has none, or when
// events the copy could read cannot be read in the download (lostEvents).
func (m *Manager) judge(f settings.Feed, dl fetched) (verdict, error) {
	body, at, err := m.readCopy(f.ID)
	if err != nil {
		m.log.Warn("feeds: offline copy unreadable; the download replaces it", "feed", f.Name, "err", err)
		body = nil
	}
	if dl.notModified {
		if body == nil {
			return verdict{}, &SyncError{Reason: ReasonNoCopy}
		}
		return verdict{same: true}, nil
	}
	if body == nil {
		return verdict{}, nil
	}
	if bytes.Equal(body, dl.body) {
		return verdict{same: true}, nil
	}
	v := verdict{old: m.parsedAt(f, body, at)}
	if v.old == nil {
		return v, nil
	}
	if dl.parsed.EventCount() == 0 && v.old.EventCount() > 0 {
		v.hold = true
		return v, nil
	}
	v.lost = lostEvents(v.old, body, dl.parsed)
	v.hold = len(v.lost) > 0
	return v, nil
}

// skippedEvents are the parse warnings of events that could not be read
// at all (calendar.Parse words them "…; event skipped").
func skippedEvents(p *calendar.Feed) []calendar.Warning {
	var out []calendar.Warning
	for _, w := range p.Warnings {
		if strings.HasSuffix(w.Reason, "event skipped") {
			out = append(out, w)
		}
	}
	return out
}

// lostEvents lists the events that old (whose bytes are oldBody) could
// read and nw cannot: skipped in nw, with a UID that old has and did not
// skip. Events skipped without a UID count when nw has fewer events than
// old and more skipped ones (as many as the smaller of the two numbers).
func lostEvents(old *calendar.Feed, oldBody []byte, nw *calendar.Feed) []calendar.Warning {
	oldSkipped := map[string]bool{}
	for _, w := range skippedEvents(old) {
		oldSkipped[w.UID] = true
	}
	var lost, unknown []calendar.Warning
	for _, w := range skippedEvents(nw) {
		switch {
		case oldSkipped[w.UID]:
		case w.UID != "" && bytes.Contains(oldBody, []byte("UID:"+w.UID)):
			lost = append(lost, w)
		default:
			unknown = append(unknown, w)
		}
	}
	drop := old.EventCount() - nw.EventCount()
	if n := min(drop, len(unknown)); len(lost) < drop && n > 0 {
		lost = append(lost, unknown[:n]...)
	}
	return lost
}

// storeStep writes what judge decided, with the lock held: the metadata
// is read from disk, changed and written whole.
func (m *Manager) storeStep(f settings.Feed, v verdict, dl fetched, now time.Time) (Result, error) {
	res := Result{FeedID: f.ID, Name: f.Name}
	pendingPath := filepath.Join(m.cache.feedDir(f.ID), pendingFile)
	switch {
	case v.same:
		// An earlier held-back download is moot: confirming it now
		// would drop a schedule the feed still has.
		os.Remove(pendingPath)
		// The copy stays, private and readable whatever was done to it.
		if st, err := os.Stat(m.bodyPath(f.ID)); err == nil && st.Mode().Perm() != 0o600 {
			os.Chmod(m.bodyPath(f.ID), 0o600)
		}
		meta, err := m.updateMetaLocked(f.ID, func(meta *Meta) {
			succeeded(meta, now)
			meta.PendingSince, meta.PendingLost, meta.PendingWhy = time.Time{}, 0, ""
			if dl.etag != "" {
				meta.ETag = dl.etag
			}
			if dl.lastModified != "" {
				meta.LastModified = dl.lastModified
			}
		})
		res.Outcome, res.Events = NotModified, meta.Events
		return res, err
	case v.hold:
		if err := m.cache.write(pendingPath, dl.body); err != nil {
			return res, err
		}
		meta, err := m.updateMetaLocked(f.ID, func(meta *Meta) {
			succeeded(meta, now)
			meta.PendingSince, meta.PendingLost, meta.PendingWhy = now, len(v.lost), firstReason(v.lost)
			if meta.Events == 0 {
				meta.Events = v.old.EventCount()
			}
		})
		res.Outcome, res.Events, res.Lost, res.Skipped = HeldBack, meta.Events, len(v.lost), v.lost
		return res, err
	}
	if err := m.cache.writeBody(f.ID, dl.body); err != nil {
		return res, err
	}
	os.Remove(pendingPath)
	m.keepParsed(f.ID, dl.parsed)
	skipped := skippedEvents(dl.parsed)
	meta, err := m.updateMetaLocked(f.ID, func(meta *Meta) {
		succeeded(meta, now)
		meta.ETag, meta.LastModified = dl.etag, dl.lastModified
		meta.FetchedAt, meta.Events, meta.RefreshInterval = now, dl.parsed.EventCount(), dl.parsed.RefreshInterval
		meta.PendingSince, meta.PendingLost, meta.PendingWhy = time.Time{}, 0, ""
		meta.Skipped, meta.SkippedWhy = len(skipped), firstReason(skipped)
	})
	res.Outcome, res.Events, res.Skipped = Updated, meta.Events, skipped
	return res, err
}

// succeeded marks a sync that reached the feed.
func succeeded(meta *Meta, now time.Time) {
	meta.LastAttempt, meta.CheckedAt, meta.Failures, meta.RetryAt = now, now, 0, time.Time{}
	meta.LastError, meta.LastReason, meta.LastStatus = "", "", 0
}

// firstReason is the first warning's reason ("" when there is none).
func firstReason(ws []calendar.Warning) string {
	if len(ws) == 0 {
		return ""
	}
	return ws[0].Reason
}

// cacheError is a failed judge or store step as a SyncError.
func cacheError(err error) *SyncError {
	var se *SyncError
	if errors.As(err, &se) {
		return se
	}
	return &SyncError{Reason: ReasonCache, Detail: atomicfile.Cause(err), Err: redactErr(err)}
}

// fail records a failed sync: backoff and the error, in the metadata on
// disk.
func (m *Manager) fail(f settings.Feed, now time.Time, loc *time.Location, e *SyncError) Result {
	jitter := m.jitter()
	meta, err := m.updateMeta(f.ID, func(meta *Meta) {
		meta.LastAttempt = now
		meta.Failures++
		meta.RetryAt = now.Add(Backoff(meta.Failures, jitter))
		e.Feed, e.RetryAt = f.Name, meta.RetryAt.In(loc)
		meta.LastError, meta.LastReason, meta.LastStatus = e.Plain(), e.Reason, e.Status
	})
	if err != nil {
		m.log.Error("feeds: cache metadata not saved", "feed", f.Name, "err", err)
	}
	m.log.Warn("feeds: sync failed", "feed", f.Name, "url", f.URL, "reason", string(e.Reason), "error", e.Plain())
	return Result{FeedID: f.ID, Name: f.Name, Outcome: Failed, Err: e, RetryAt: meta.RetryAt, Events: meta.Events}
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

// keepParsed remembers p as the parse of the copy now on disk.
func (m *Manager) keepParsed(id string, p *calendar.Feed) {
	at := stampOf(m.bodyPath(id))
	m.mu.Lock()
	m.copies[id] = copyState{at: at, parsed: p}
	m.mu.Unlock()
}

// parsedAt returns the parse of body, the copy of f with stamp at: the
// one in memory when the file has not changed since, else a new one.
func (m *Manager) parsedAt(f settings.Feed, body []byte, at stamp) *calendar.Feed {
	m.mu.Lock()
	cp := m.copies[f.ID]
	m.mu.Unlock()
	if cp.at == at && (cp.parsed != nil || cp.unreadable) {
		return cp.parsed
	}
	p, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
	cp = copyState{at: at, parsed: p}
	if err != nil {
		m.log.Error("feeds: offline copy unreadable", "feed", f.Name, "err", err)
		cp = copyState{at: at, unreadable: true}
	}
	m.mu.Lock()
	m.copies[f.ID] = cp
	m.mu.Unlock()
	return cp.parsed
}

// cachedFeed returns the parsed offline copy of f as it is on disk now
// (parsed again only when the file changed); unreadable is true when a
// copy exists but cannot be read or parsed.
func (m *Manager) cachedFeed(f settings.Feed) (p *calendar.Feed, unreadable bool) {
	at := stampOf(m.bodyPath(f.ID))
	m.mu.Lock()
	cp := m.copies[f.ID]
	m.mu.Unlock()
	if cp.at == at && (cp.parsed != nil || cp.unreadable || !at.ok) {
		return cp.parsed, cp.unreadable
	}
	if !at.ok {
		m.mu.Lock()
		m.copies[f.ID] = copyState{}
		m.mu.Unlock()
		return nil, false
	}
	body, at, err := m.readCopy(f.ID)
	if err != nil {
		m.log.Error("feeds: offline copy unreadable", "feed", f.Name, "err", err)
		m.mu.Lock()
		m.copies[f.ID] = copyState{at: at, unreadable: true}
		m.mu.Unlock()
		return nil, true
	}
	if body == nil {
		return nil, false
	}
	p = m.parsedAt(f, body, at)
	return p, p == nil
}

// Parsed returns the offline copies of the enabled feeds, parsed (no
// network). Feeds never synced are left out; an unreadable copy gives an
// error naming the feed, and the others are still returned.
func (m *Manager) Parsed() ([]*calendar.Feed, error) {
	parsed, unreadable := m.enabledCopies()
	var errs []error
	for _, name := range unreadable {
		errs = append(errs, fmt.Errorf("feeds: %s: the offline copy cannot be read", name))
	}
	return parsed, errors.Join(errs...)
}

// Occurrences expands the offline copies of all enabled feeds in
// [from, to) (no network) with Expand, merged and sorted by start then
// summary. Each occurrence's Source is its feed's name. Warnings include
// problems reading a copy.
func (m *Manager) Occurrences(from, to time.Time, opts calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning) {
	parsed, unreadable := m.enabledCopies()
	var warns []calendar.Warning
	for _, name := range unreadable {
		warns = append(warns, calendar.Warning{Feed: name, Reason: "the offline copy cannot be read"})
	}
	occ, w := Expand(parsed, from, to, opts)
	return occ, append(warns, w...)
}

// enabledCopies returns the parsed offline copies of the enabled feeds in
// settings order, each with its feed's current name as Source (a renamed
// feed's copy may have been parsed under its old name), and the names of
// the feeds whose copy exists but cannot be read. Feeds never synced are
// left out.
func (m *Manager) enabledCopies() (parsed []*calendar.Feed, unreadable []string) {
	for _, f := range m.Settings().Feeds {
		if !f.Enabled {
			continue
		}
		p, bad := m.cachedFeed(f)
		if p == nil {
			if bad {
				unreadable = append(unreadable, f.Name)
			}
			continue
		}
		if p.Source != f.Name {
			named := *p // the cached parse is shared: rename a copy
			named.Source = f.Name
			p = &named
		}
		parsed = append(parsed, p)
	}
	return parsed, unreadable
}

// Expand is the one place that turns parsed feeds into the agent's
// occurrences: every feed is expanded in [from, to) with opts (the agent's
// zone and keyword rules) and the lists are merged by start, then summary
// (calendar.Merge, which also makes an Outlook out-of-office block lying
// inside another feed's shift a break). Each occurrence's Source is its
// feed's. The warnings are, feed by feed, its parse warnings and then its
// expansion warnings. Manager.Occurrences (the window's screens, agenda,
// export and auto-publish), the command line's feed files and the
// window's demo week all read through it.
func Expand(parsed []*calendar.Feed, from, to time.Time, opts calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning) {
	if len(parsed) == 0 {
		return nil, nil
	}
	lists := make([][]calendar.Occurrence, 0, len(parsed))
	var warns []calendar.Warning
	for _, p := range parsed {
		o, w := p.Expand(from, to, opts)
		lists = append(lists, o)
		warns = append(warns, p.Warnings...)
		warns = append(warns, w...)
	}
	return calendar.Merge(lists...), warns
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
	data, err := os.ReadFile(m.changesPath())
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

// updateChanges edits the change list on disk under the lock.
func (m *Manager) updateChanges(edit func(*changeLog)) {
	m.own.do(func() error {
		m.updateChangesLocked(edit)
		return nil
	})
}

// updateChangesLocked is updateChanges with the lock held.
func (m *Manager) updateChangesLocked(edit func(*changeLog)) {
	cl := m.readChanges()
	edit(&cl)
	data, err := json.MarshalIndent(cl, "", "  ")
	if err == nil {
		err = m.cache.write(m.changesPath(), data)
	}
	if err != nil {
		m.log.Error("feeds: change list not saved", "err", err)
	}
	at := stampOf(m.changesPath())
	m.mu.Lock()
	m.changes, m.changesAt = cl, at
	m.mu.Unlock()
}

// Pending is a feed whose new download would lose events — it is empty
// while the cached copy has events, or events of the cached copy cannot
// be read in it: the agent decides with Confirm (accept the download) or
// Reject (keep the old schedule).
type Pending struct {
	FeedID, Name string
	OldEvents    int
	// Lost is how many events of the old copy the download cannot read
	// (0: the download is empty); Why is the parser's first reason.
	Lost  int
	Why   string
	Since time.Time
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
		p := Pending{FeedID: f.ID, Name: f.Name, OldEvents: meta.Events, Lost: meta.PendingLost, Why: meta.PendingWhy,
			Since:    meta.PendingSince,
			Question: fmt.Sprintf("%s is now empty (it had %d events) — keep the old schedule?", f.Name, meta.Events)}
		if p.Lost > 0 {
			p.Question = fmt.Sprintf("%s: the new download cannot read %s of the last copy (%s) — keep the old schedule?",
				f.Name, plural(p.Lost, "event"), p.Why)
		}
		out = append(out, p)
	}
	return out
}

// Confirm accepts a feed's held-back download: it replaces the offline
// copy.
func (m *Manager) Confirm(key string) error {
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	return m.own.do(func() error {
		body, err := m.cache.readFile(f.ID, pendingFile)
		if err != nil {
			return err
		}
		if body == nil {
			return fmt.Errorf("feeds: %s has no held-back download waiting", f.Name)
		}
		parsed, err := calendar.Parse(bytes.NewReader(body), calendar.ParseOptions{Source: f.Name, MaxBytes: m.opts.MaxBytes})
		if err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
		if err := m.cache.writeBody(f.ID, body); err != nil {
			return err
		}
		os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile))
		m.keepParsed(f.ID, parsed)
		skipped := skippedEvents(parsed)
		_, err = m.updateMetaLocked(f.ID, func(meta *Meta) {
			meta.PendingSince, meta.PendingLost, meta.PendingWhy = time.Time{}, 0, ""
			meta.Events, meta.FetchedAt = parsed.EventCount(), m.now()
			meta.Skipped, meta.SkippedWhy = len(skipped), firstReason(skipped)
			meta.ETag, meta.LastModified = "", ""
		})
		return err
	})
}

// Reject keeps the old schedule of a feed whose download was held back.
// The next sync asks again if the feed still sends such a download.
func (m *Manager) Reject(key string) error {
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	return m.own.do(func() error {
		if err := os.Remove(filepath.Join(m.cache.feedDir(f.ID), pendingFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
		_, err := m.updateMetaLocked(f.ID, func(meta *Meta) {
			meta.PendingSince, meta.PendingLost, meta.PendingWhy = time.Time{}, 0, ""
		})
		return err
	})
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
