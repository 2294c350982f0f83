package feeds

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// Options configure a Manager. Zero values pick the defaults.
type Options struct {
	// ConfigDir holds config.json (settings.DefaultDir() when "").
	ConfigDir string
	// CacheDir holds the offline copies (os.UserCacheDir()/shiftdesk
	// when "").
	CacheDir string
	// Secrets is the keyring (required). The Manager bounds every call
	// with KeyringTimeout.
	Secrets secrets.Store
	// KeyringTimeout bounds each keyring call (default 20 s).
	KeyringTimeout time.Duration
	// UserAgent is sent with every request ("Shiftdesk/<version>").
	UserAgent string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Logger receives one line per sync (redacted); nil discards.
	Logger *slog.Logger
	// ConnectTimeout bounds connecting (default 10 s); Timeout bounds a
	// whole download (default 60 s).
	ConnectTimeout, Timeout time.Duration
	// MaxBytes is the largest feed accepted (default calendar.DefaultMaxBytes).
	MaxBytes int64
	// Jitter returns a number in [0, 1) for backoff jitter (math/rand when nil).
	Jitter func() float64
	// AfterTempWrite, when set, runs after each cache temp file is
	// complete and before it replaces the old file; an error aborts the
	// write like a crash at that point (tests only).
	AfterTempWrite func(tmp string) error
}

// Manager owns the agent's state on disk: the settings file, the feeds'
// offline copies and metadata, and the change list. It is the only code
// that reads or writes them. Every change takes the inter-process lock
// (LockFile), re-reads what it changes and writes it whole, so that the
// window and any number of command-line runs never lose each other's
// edits; Refresh (and Watch) bring what other processes wrote into a
// running Manager. It is safe for concurrent use.
type Manager struct {
	opts   Options
	own    *owner
	store  secrets.Store
	cache  *cache
	fetch  *fetcher
	log    *slog.Logger
	now    func() time.Time
	jitter func() float64
	wake   chan struct{}
	syncMu sync.Mutex // one sync of this process at a time
	mu     sync.Mutex // guards the fields below
	set    settings.Settings
	setAt  stamp
	meta   map[string]Meta
	metaAt map[string]stamp
	// copies are the offline copies parsed on demand, each valid while
	// the file keeps its stamp.
	copies    map[string]copyState
	syncing   map[string]bool
	changes   changeLog
	changesAt stamp
}

// changeLog is the persisted "What changed" list, per feed.
type changeLog struct {
	Feeds map[string]feedChanges `json:"feeds"`
}

type feedChanges struct {
	SyncedAt time.Time `json:"synced_at"`
	Changes  []Change  `json:"changes"`
}

// New opens the settings and the offline cache; it makes no network
// request. When the config file is corrupt it returns a working Manager on
// default settings together with the *settings.CorruptError (the file was
// kept as a backup); other errors return a nil Manager.
func New(o Options) (*Manager, error) {
	if o.Secrets == nil {
		return nil, errors.New("feeds: no secrets store given")
	}
	if o.ConfigDir == "" {
		d, err := settings.DefaultDir()
		if err != nil {
			return nil, fmt.Errorf("feeds: %w", err)
		}
		o.ConfigDir = d
	}
	if o.CacheDir == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("feeds: no user cache dir: %w", err)
		}
		o.CacheDir = filepath.Join(d, "shiftdesk")
	}
	if o.KeyringTimeout <= 0 {
		o.KeyringTimeout = 20 * time.Second
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = calendar.DefaultMaxBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Jitter == nil {
		o.Jitter = mrand.Float64
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.UserAgent == "" {
		o.UserAgent = "Shiftdesk"
	}
	own, err := newOwner(o.ConfigDir)
	if err != nil {
		return nil, err
	}
	m := &Manager{
		opts:    o,
		own:     own,
		store:   secrets.NewBounded(o.Secrets, o.KeyringTimeout),
		cache:   &cache{dir: o.CacheDir, afterTemp: o.AfterTempWrite},
		fetch:   newFetcher(o.UserAgent, o.ConnectTimeout, o.Timeout, o.MaxBytes),
		log:     o.Logger,
		now:     o.Now,
		jitter:  o.Jitter,
		wake:    make(chan struct{}, 1),
		meta:    map[string]Meta{},
		metaAt:  map[string]stamp{},
		copies:  map[string]copyState{},
		syncing: map[string]bool{},
	}
	var loadErr error
	err = m.own.do(func() error {
		var set settings.Settings
		set, loadErr = settings.Load(o.ConfigDir)
		if loadErr != nil && !errors.Is(loadErr, settings.ErrCorrupt) {
			return fmt.Errorf("feeds: %w", loadErr)
		}
		if loadErr == nil {
			loadErr = settings.Backups(o.ConfigDir)
		}
		m.set, m.setAt = set, stampOf(m.configPath())
		ids := make([]string, 0, len(set.Feeds))
		for _, f := range set.Feeds {
			ids = append(ids, f.ID)
		}
		m.cleanTemps(ids)
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.Refresh()
	return m, loadErr
}

// ConfigDir is the folder of config.json.
func (m *Manager) ConfigDir() string { return m.opts.ConfigDir }

// CacheDir is the folder of the offline copies.
func (m *Manager) CacheDir() string { return m.opts.CacheDir }

// Settings returns a copy of the current settings.
func (m *Manager) Settings() settings.Settings {
	m.mu.Lock()
	defer m.mu.Unlock()
	return cloneSettings(m.set)
}

func cloneSettings(s settings.Settings) settings.Settings {
	s.Feeds = append([]settings.Feed(nil), s.Feeds...)
	s.Regions = append([]calendar.Region(nil), s.Regions...)
	s.KindRules = append([]calendar.KindRule(nil), s.KindRules...)
	s.BlockingKinds = append([]calendar.Kind(nil), s.BlockingKinds...)
	return s
}

// UpdateSettings applies edit to the settings as they are on disk now
// (under the inter-process lock), validates them and saves them; the feed
// list cannot be changed this way (use Add, Remove, Rename, SetEnabled,
// SetColor, SetRefresh). Nothing changes on error. edit runs under the
// Manager's lock: it must not call the Manager.
func (m *Manager) UpdateSettings(edit func(*settings.Settings) error) error {
	return m.editSettings(func(s *settings.Settings) error {
		list := s.Feeds
		c := cloneSettings(*s)
		if err := edit(&c); err != nil {
			return err
		}
		c.Feeds = list
		*s = c
		return nil
	})
}

// poke wakes Run to recompute its schedule.
func (m *Manager) poke() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Find returns the feed whose ID or name (case-insensitive) is key.
func (m *Manager) Find(key string) (settings.Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, _, err := m.findLocked(key)
	return f, err
}

func (m *Manager) findLocked(key string) (settings.Feed, int, error) {
	return findIn(m.set, key)
}

// findIn finds the feed whose ID or name is key in s.
func findIn(s settings.Settings, key string) (settings.Feed, int, error) {
	for i, f := range s.Feeds {
		if f.ID == key {
			return f, i, nil
		}
	}
	for i, f := range s.Feeds {
		if strings.EqualFold(f.Name, strings.TrimSpace(key)) {
			return f, i, nil
		}
	}
	return settings.Feed{}, -1, fmt.Errorf("feeds: no feed named %q", key)
}

// NewFeed is what Add needs. Password goes with User (basic sign-in);
// Token is a bearer token; give at most one of them.
type NewFeed struct {
	URL            string
	Name           string // default: taken from the address
	Color          string // default: picked from a palette
	User           string
	Password       string
	Token          string
	RefreshMinutes int  // 0: the settings' interval
	CalDAV         bool // URL is a CalDAV calendar collection
}

// Keyring keys of a feed's secrets.
func keyURL(id string) string      { return "feed/" + id + "/url" }
func keyPassword(id string) string { return "feed/" + id + "/password" }
func keyToken(id string) string    { return "feed/" + id + "/token" }

var palette = []string{"#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"}

// Add subscribes to a feed. The address is checked before anything else
// (no request is made); its secrets and the given password or token go to
// the keyring, and only the redacted address is saved. When the keyring
// is unreachable Add fails (matching secrets.ErrUnavailable) and saves
// nothing.
func (m *Manager) Add(nf NewFeed) (settings.Feed, error) {
	u, err := parseFeedURL(nf.URL, true)
	if err == nil {
		err = errors.Join(CheckName(strings.TrimSpace(nf.Name)), CheckColor(nf.Color))
	}
	if err != nil {
		return settings.Feed{}, err
	}
	user, password := nf.User, nf.Password
	if user == "" {
		user = u.User
	}
	if password == "" {
		password = u.Password
	}
	if nf.Token != "" && password != "" {
		return settings.Feed{}, errors.New("feeds: give either a password or a token, not both")
	}
	if password != "" && user == "" {
		return settings.Feed{}, errors.New("feeds: a password needs a user name")
	}
	if user != "" && password == "" && nf.Token == "" {
		return settings.Feed{}, fmt.Errorf("feeds: user %q has no password (give one, or leave the user out)", user)
	}
	if u.IsFile && (user != "" || nf.Token != "") {
		return settings.Feed{}, errors.New("feeds: a local file needs no password or token")
	}
	if nf.RefreshMinutes != 0 && nf.RefreshMinutes < 5 {
		return settings.Feed{}, fmt.Errorf("feeds: refresh interval %d min is below the minimum of 5 min", nf.RefreshMinutes)
	}
	name := strings.TrimSpace(nf.Name)
	// A first check on what this process knows, before the keyring is
	// touched; the final one is made under the lock on the file itself.
	if err := checkNewFeed(m.Settings(), u, user, nf.Token != "", name); err != nil {
		return settings.Feed{}, err
	}
	base := name
	if base == "" {
		base = defaultName(u)
	}
	f := settings.Feed{ID: newID(base), Name: name, URL: u.Shown, Color: nf.Color, Enabled: true,
		Auth: settings.AuthNone, RefreshMinutes: nf.RefreshMinutes, CalDAV: nf.CalDAV}
	stored, err := m.storeNewSecrets(&f, u, user, password, nf.Token)
	if err != nil {
		return settings.Feed{}, err
	}
	err = m.editSettings(func(s *settings.Settings) error {
		if err := checkNewFeed(*s, u, user, nf.Token != "", name); err != nil {
			return err
		}
		if f.Name == "" {
			f.Name = base
			for i := 2; nameTaken(*s, f.Name); i++ {
				f.Name = fmt.Sprintf("%s %d", base, i)
			}
		}
		if f.Color == "" {
			f.Color = palette[len(s.Feeds)%len(palette)]
		}
		s.Feeds = append(s.Feeds, f)
		return nil
	})
	if err != nil {
		for _, k := range stored {
			m.store.Delete(k)
		}
		return settings.Feed{}, err
	}
	m.log.Info("feeds: added", "feed", f.Name, "url", f.URL, "auth", string(f.Auth))
	return f, nil
}

// checkNewFeed refuses a feed that s already has (same address and
// sign-in) or a name s already uses.
func checkNewFeed(s settings.Settings, u feedURL, user string, bearer bool, name string) error {
	if dup, ok := sameFeed(s, u, user, bearer); ok {
		return fmt.Errorf("feeds: %s is already subscribed as %q", u.Shown, dup.Name)
	}
	if name != "" && nameTaken(s, name) {
		return fmt.Errorf("feeds: there is already a feed named %q", name)
	}
	return nil
}

// storeNewSecrets puts a new feed's secrets in the keyring and returns
// their keys; on failure nothing stays stored.
func (m *Manager) storeNewSecrets(f *settings.Feed, u feedURL, user, password, token string) ([]string, error) {
	var stored []string
	put := func(key, secret string) error {
		if err := m.store.Set(key, secret); err != nil {
			for _, k := range stored {
				m.store.Delete(k)
			}
			return fmt.Errorf("feeds: feed %q not added: %w", f.Name, err)
		}
		stored = append(stored, key)
		return nil
	}
	if len(u.Secrets) > 0 {
		if err := put(keyURL(f.ID), u.Real); err != nil {
			return nil, err
		}
		f.SecretInURL = true
	}
	switch {
	case token != "":
		if err := put(keyToken(f.ID), token); err != nil {
			return nil, err
		}
		f.Auth = settings.AuthBearer
	case password != "":
		if err := put(keyPassword(f.ID), password); err != nil {
			return nil, err
		}
		f.Auth, f.User = settings.AuthBasic, user
	}
	if !f.SecretInURL {
		f.URL = u.Real // nothing secret in it
	}
	return stored, nil
}

// sameFeed finds a feed of s that already reads u with the same sign-in
// (no secret in the address, same user; a bearer token is not compared):
// adding it again would show every shift twice.
func sameFeed(s settings.Settings, u feedURL, user string, bearer bool) (settings.Feed, bool) {
	if len(u.Secrets) > 0 || bearer {
		return settings.Feed{}, false // the secrets are in the keyring
	}
	for _, f := range s.Feeds {
		if !f.SecretInURL && f.Auth != settings.AuthBearer && f.URL == u.Real && f.User == user {
			return f, true
		}
	}
	return settings.Feed{}, false
}

func nameTaken(s settings.Settings, name string) bool {
	for _, f := range s.Feeds {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

func defaultName(u feedURL) string {
	if u.IsFile {
		return strings.TrimSuffix(filepath.Base(u.Real), filepath.Ext(u.Real))
	}
	shown := strings.TrimPrefix(strings.TrimPrefix(u.Shown, "https://"), "http://")
	host, _, _ := strings.Cut(shown, "/")
	return host
}

// newID makes a stable, unique feed ID: a slug of the name and random hex.
func newID(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() >= 24 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "feed"
	}
	var rnd [4]byte
	rand.Read(rnd[:])
	return slug + "-" + hex.EncodeToString(rnd[:])
}

// Rename gives a feed a new name (its ID, cache and secrets stay).
func (m *Manager) Rename(key, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("feeds: a feed needs a name")
	}
	if err := CheckName(name); err != nil {
		return err
	}
	return m.editFeed(key, func(s *settings.Settings, i int) error {
		for j, f := range s.Feeds {
			if j != i && strings.EqualFold(f.Name, name) {
				return fmt.Errorf("feeds: there is already a feed named %q", name)
			}
		}
		s.Feeds[i].Name = name
		return nil
	})
}

// SetEnabled turns a feed on or off; a disabled feed is neither synced nor
// shown.
func (m *Manager) SetEnabled(key string, on bool) error {
	return m.editFeed(key, func(s *settings.Settings, i int) error {
		s.Feeds[i].Enabled = on
		return nil
	})
}

// SetColor sets a feed's colour ("#rrggbb").
func (m *Manager) SetColor(key, color string) error {
	if err := CheckColor(color); err != nil {
		return err
	}
	return m.editFeed(key, func(s *settings.Settings, i int) error {
		s.Feeds[i].Color = color
		return nil
	})
}

// SetRefresh sets a feed's refresh interval in minutes (0: the settings'
// interval; otherwise at least 5).
func (m *Manager) SetRefresh(key string, minutes int) error {
	return m.editFeed(key, func(s *settings.Settings, i int) error {
		s.Feeds[i].RefreshMinutes = minutes
		return nil
	})
}

// editFeed changes one feed in the settings on disk (editSettings).
func (m *Manager) editFeed(key string, edit func(*settings.Settings, int) error) error {
	return m.editSettings(func(s *settings.Settings) error {
		_, i, err := findIn(*s, key)
		if err != nil {
			return err
		}
		return edit(s, i)
	})
}

// SetURL gives a feed a new address (for a feed that moved). Its secret
// parts go to the keyring as with Add; userinfo is refused here (use
// SetCredentials). The offline copy stays until the next sync, which is
// unconditional.
func (m *Manager) SetURL(key, raw string) error {
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	u, err := parseFeedURL(raw, true)
	if err != nil {
		return err
	}
	if u.User != "" || u.Password != "" {
		return errors.New("feeds: give the user name and password separately, not inside the address")
	}
	if u.IsFile && f.Auth != settings.AuthNone {
		return errors.New("feeds: a local file needs no password or token; remove the sign-in first")
	}
	secretInURL := len(u.Secrets) > 0
	if secretInURL {
		if err := m.store.Set(keyURL(f.ID), u.Real); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
	} else if f.SecretInURL {
		if err := m.store.Delete(keyURL(f.ID)); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
	}
	shown := u.Real
	if secretInURL {
		shown = u.Shown
	}
	if err := m.editFeed(f.ID, func(s *settings.Settings, i int) error {
		s.Feeds[i].URL, s.Feeds[i].SecretInURL = shown, secretInURL
		return nil
	}); err != nil {
		return err
	}
	if _, err := m.updateMeta(f.ID, func(meta *Meta) {
		meta.ETag, meta.LastModified = "", ""
		meta.Failures, meta.RetryAt, meta.LastError, meta.LastReason, meta.LastStatus = 0, time.Time{}, "", "", 0
	}); err != nil {
		return err
	}
	m.poke()
	return nil
}

// SetCredentials replaces a feed's sign-in: a user and password (basic),
// a token (bearer) or neither (none). The old secrets are deleted from the
// keyring. The form that calls it never shows a stored secret.
func (m *Manager) SetCredentials(key, user, password, token string) error {
	f, err := m.Find(key)
	if err != nil {
		return err
	}
	if token != "" && password != "" {
		return errors.New("feeds: give either a password or a token, not both")
	}
	if token != "" {
		user = "" // a bearer token has no user name
	} else if (user == "") != (password == "") {
		return errors.New("feeds: basic sign-in needs both a user name and a password")
	}
	auth := settings.AuthNone
	switch {
	case token != "":
		if err := m.store.Set(keyToken(f.ID), token); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
		auth = settings.AuthBearer
	case password != "":
		if err := m.store.Set(keyPassword(f.ID), password); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
		auth = settings.AuthBasic
	}
	if auth != settings.AuthBearer {
		if err := m.store.Delete(keyToken(f.ID)); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
	}
	if auth != settings.AuthBasic {
		if err := m.store.Delete(keyPassword(f.ID)); err != nil {
			return fmt.Errorf("feeds: %s: %w", f.Name, err)
		}
	}
	return m.editFeed(f.ID, func(s *settings.Settings, i int) error {
		s.Feeds[i].Auth, s.Feeds[i].User = auth, user
		return nil
	})
}

// Remove unsubscribes a feed: it leaves the settings, its offline copy is
// deleted and its keyring entries are deleted. If the keyring cannot be
// reached the feed is still removed and the error says so.
func (m *Manager) Remove(key string) error {
	var f settings.Feed
	var errs []error
	err := m.own.do(func() error {
		s, err := m.loadSettings()
		if err != nil {
			return err
		}
		var i int
		if f, i, err = findIn(s, key); err != nil {
			return err
		}
		s.Feeds = append(s.Feeds[:i:i], s.Feeds[i+1:]...)
		if err := settings.Save(m.opts.ConfigDir, s); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		m.mu.Lock()
		m.set, m.setAt = s, stampOf(m.configPath())
		delete(m.meta, f.ID)
		delete(m.metaAt, f.ID)
		delete(m.copies, f.ID)
		m.mu.Unlock()
		if err := m.cache.remove(f.ID); err != nil {
			errs = append(errs, err)
		}
		m.updateChangesLocked(func(cl *changeLog) { delete(cl.Feeds, f.ID) })
		return nil
	})
	if err != nil {
		return err
	}
	if f.SecretInURL || f.Auth == settings.AuthBasic || f.Auth == settings.AuthBearer {
		for _, k := range []string{keyURL(f.ID), keyPassword(f.ID), keyToken(f.ID)} {
			if err := m.store.Delete(k); err != nil {
				errs = append(errs, fmt.Errorf("feeds: %s was removed but its keyring entry could not be deleted: %w", f.Name, err))
				break
			}
		}
	}
	m.poke()
	return errors.Join(errs...)
}

// State is a feed and its sync state, for listing: the command line's
// "feeds list" and the window's Feeds and Settings screens read it as is.
// The feed's fields (ID, Name, URL, Color, Enabled, Auth, User) are
// promoted from the embedded settings.Feed, whose URL is redacted.
type State struct {
	settings.Feed
	// Cached is true when an offline copy exists; Events is its count.
	Cached bool
	Events int
	// LastSync is the last successful sync (new copy or not modified);
	// FetchedAt is when the cached copy was downloaded.
	LastSync, FetchedAt time.Time
	// LastAttempt is the last sync attempt; LastError its plain-words
	// error ("" when it succeeded), Reason its class and HTTPStatus the
	// server's status code (0 when there was none).
	LastAttempt time.Time
	LastError   string
	Reason      Reason
	HTTPStatus  int
	// NextSync is when the feed is due (zero when disabled).
	NextSync time.Time
	// Pending is true while a download that would lose events (an empty
	// one, or one in which events of the last copy cannot be read) waits
	// for Confirm/Reject; PendingLost is how many events it cannot read
	// (0 for an empty download).
	Pending     bool
	PendingLost int
	// CopyUnreadable is true when the offline copy exists but cannot be
	// read (a damaged cache file): the feed shows nothing until a sync
	// downloads it again. It is known once the copy was read (Occurrences,
	// Parsed or a sync), which the window does when it opens.
	CopyUnreadable bool
	// Skipped is how many events of the offline copy could not be read
	// and are not shown; SkippedWhy is the parser's first reason, with
	// its line ("line 12: DTSTART …; event skipped").
	Skipped    int
	SkippedWhy string
	// Syncing is true during a sync of this feed.
	Syncing bool
	// Status is the state in plain words: "synced 5 min ago",
	// "offline — last synced 3 h ago", "failed: …", "not synced yet".
	Status string
}

// Offline reports whether the last sync attempt failed because the server
// could not be reached (the offline copy, if any, is what is shown).
func (st State) Offline() bool { return st.LastError != "" && st.Reason == ReasonUnreachable }

// Problem is the last sync failure as data (its Reason, HTTP Status and,
// for an unreachable server, the next attempt as RetryAt), for a caller
// that words it in its own language; the zero SyncError when the last sync
// worked.
func (st State) Problem() SyncError {
	if st.LastError == "" {
		return SyncError{}
	}
	p := SyncError{Feed: st.Name, Reason: st.Reason, Status: st.HTTPStatus}
	if st.Reason == ReasonUnreachable {
		p.RetryAt = st.NextSync
	}
	return p
}

// Feeds lists every feed with its state, in settings order.
func (m *Manager) Feeds() []State {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	out := make([]State, 0, len(m.set.Feeds))
	for _, f := range m.set.Feeds {
		meta, cp := m.meta[f.ID], m.copies[f.ID]
		st := State{Feed: f, Cached: cp.at.ok || !meta.FetchedAt.IsZero(), Events: meta.Events, LastSync: meta.CheckedAt,
			FetchedAt: meta.FetchedAt, LastAttempt: meta.LastAttempt, LastError: meta.LastError,
			Reason: meta.LastReason, HTTPStatus: meta.LastStatus, Pending: !meta.PendingSince.IsZero(), Syncing: m.syncing[f.ID],
			CopyUnreadable: cp.unreadable, Skipped: meta.Skipped, SkippedWhy: meta.SkippedWhy, PendingLost: meta.PendingLost}
		if cp.at.ok && meta.FetchedAt.IsZero() {
			// The metadata is lost but the copy is there: it is what
			// the schedule shows, as of when it was written.
			st.FetchedAt = time.Unix(0, cp.at.mod)
			if st.LastSync.IsZero() {
				st.LastSync = st.FetchedAt
			}
		}
		if f.Enabled {
			st.NextSync = m.nextSyncLocked(f, meta, now)
		}
		st.Status = statusLine(st, now)
		out = append(out, st)
	}
	return out
}

// Age says how long ago t was: "just now", "5 min", "3 h", "2 d".
func Age(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d d ago", int(d/(24*time.Hour)))
}

func statusLine(st State, now time.Time) string {
	var s string
	switch {
	case st.Syncing:
		s = "syncing…"
	case st.Offline() && st.Cached:
		s = "offline — last synced " + Age(now, st.LastSync) + "; " + st.LastError
	case st.LastError != "":
		s = "failed: " + st.LastError
		if st.Cached {
			s += "; showing the copy from " + Age(now, st.FetchedAt)
		}
	case st.LastSync.IsZero():
		s = "not synced yet"
	default:
		s = "synced " + Age(now, st.LastSync)
	}
	switch {
	case st.Pending && st.PendingLost > 0:
		s += fmt.Sprintf("; the new download cannot read %s of the last copy — keep the old schedule?", plural(st.PendingLost, "event"))
	case st.Pending:
		s += "; the feed is now empty — keep the old schedule?"
	}
	if st.Skipped > 0 {
		s += fmt.Sprintf("; %s skipped (%s)", plural(st.Skipped, "unreadable event"), st.SkippedWhy)
	}
	if !st.Feed.Enabled {
		s = "disabled; " + s
	}
	return s
}
