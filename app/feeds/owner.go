package feeds

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gofrs/flock"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// LockFile is the name of the inter-process lock file in the config dir.
// Every process that changes the agent's state on disk (the settings, a
// feed's copy or metadata, the change list) holds it for the whole
// read-modify-write, and never while downloading.
const LockFile = "shiftdesk.lock"

// owner serialises the writers of the agent's state: the goroutines of
// this process (mu) and other Shiftdesk processes (the file lock).
type owner struct {
	mu   sync.Mutex
	lock *flock.Flock
}

func newOwner(configDir string) (*owner, error) {
	if err := os.MkdirAll(configDir, 0o700); err != nil {
		return nil, fmt.Errorf("feeds: create %s: %w", configDir, err)
	}
	return &owner{lock: flock.New(filepath.Join(configDir, LockFile))}, nil
}

// do runs fn holding the lock. fn must be short: it reads what it is
// about to change, merges its edit and writes the result whole.
func (o *owner) do(fn func() error) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.lock.Lock(); err != nil {
		return fmt.Errorf("feeds: cannot lock %s: %w", o.lock.Path(), err)
	}
	defer o.lock.Unlock()
	return fn()
}

// stamp identifies one version of a file: writes replace files whole
// (atomic rename), so a new version has a new size or modification time.
type stamp struct {
	size int64
	mod  int64
	ok   bool // the file exists
}

func stampOf(path string) stamp {
	st, err := os.Stat(path)
	if err != nil {
		return stamp{}
	}
	return stamp{size: st.Size(), mod: st.ModTime().UnixNano(), ok: true}
}

// copyState is what the Manager holds of one feed's offline copy: its
// parse, valid while the file still has the same stamp.
type copyState struct {
	at         stamp
	parsed     *calendar.Feed
	unreadable bool
}

func (m *Manager) configPath() string { return filepath.Join(m.opts.ConfigDir, settings.FileName) }

func (m *Manager) bodyPath(id string) string { return filepath.Join(m.cache.feedDir(id), bodyFile) }

func (m *Manager) metaPath(id string) string { return filepath.Join(m.cache.feedDir(id), metaFile) }

func (m *Manager) changesPath() string { return filepath.Join(m.opts.CacheDir, changesFile) }

// loadSettings reads the settings file as it is on disk now (Default
// when there is none). Called with the lock held.
func (m *Manager) loadSettings() (settings.Settings, error) {
	s, err := settings.Load(m.opts.ConfigDir)
	if err != nil {
		return s, fmt.Errorf("feeds: %w", err)
	}
	return s, nil
}

// editSettings is the one way settings are changed: under the lock it
// re-reads config.json, applies edit to what is on disk and writes the
// result whole, so an edit never writes back an old copy.
func (m *Manager) editSettings(edit func(*settings.Settings) error) error {
	err := m.own.do(func() error {
		s, err := m.loadSettings()
		if err != nil {
			return err
		}
		if err := edit(&s); err != nil {
			return err
		}
		if err := settings.Save(m.opts.ConfigDir, s); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		at := stampOf(m.configPath())
		m.mu.Lock()
		m.set, m.setAt = s, at
		m.mu.Unlock()
		return nil
	})
	if err == nil {
		m.poke()
	}
	return err
}

// updateMeta changes a feed's metadata under the lock: edit gets what is
// on disk now (another process may have synced since), and the result is
// written whole.
func (m *Manager) updateMeta(id string, edit func(*Meta)) (Meta, error) {
	var out Meta
	err := m.own.do(func() error {
		var err error
		out, err = m.updateMetaLocked(id, edit)
		return err
	})
	return out, err
}

// updateMetaLocked is updateMeta for a caller that holds the lock.
func (m *Manager) updateMetaLocked(id string, edit func(*Meta)) (Meta, error) {
	meta, err := m.cache.readMeta(id)
	if err != nil {
		m.log.Warn("feeds: cache metadata unreadable, starting afresh", "feed", id, "err", err)
	}
	edit(&meta)
	if err := m.cache.writeMeta(id, meta); err != nil {
		return meta, err
	}
	at := stampOf(m.metaPath(id))
	m.mu.Lock()
	m.meta[id], m.metaAt[id] = meta, at
	m.mu.Unlock()
	return meta, nil
}

// Refresh re-reads whatever another process changed on disk since this
// Manager last looked (settings, metadata, offline copies, the change
// list) and reports whether anything changed. A changed offline copy is
// parsed again at its next use. It only stats files that did not change,
// so it is cheap enough to call every second.
func (m *Manager) Refresh() bool {
	changed := false
	if at := stampOf(m.configPath()); at != m.setStamp() {
		s, err := settings.Read(m.opts.ConfigDir)
		if err != nil {
			m.log.Warn("feeds: settings changed on disk but cannot be read; keeping the last good ones", "err", err)
		} else {
			m.mu.Lock()
			m.set, m.setAt = s, at
			m.mu.Unlock()
			changed = true
		}
	}
	for _, f := range m.Settings().Feeds {
		if m.refreshFeed(f.ID) {
			changed = true
		}
	}
	if at := stampOf(m.changesPath()); at != m.changesStamp() {
		cl := m.readChanges()
		m.mu.Lock()
		m.changes, m.changesAt = cl, at
		m.mu.Unlock()
		changed = true
	}
	if changed {
		m.poke() // a feed added elsewhere is due now: Run reschedules
	}
	return changed
}

func (m *Manager) setStamp() stamp {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.setAt
}

func (m *Manager) changesStamp() stamp {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.changesAt
}

// refreshFeed re-reads one feed's metadata and forgets its parse when
// the files changed on disk.
func (m *Manager) refreshFeed(id string) bool {
	metaAt, bodyAt := stampOf(m.metaPath(id)), stampOf(m.bodyPath(id))
	m.mu.Lock()
	oldMeta, known := m.metaAt[id]
	oldBody := m.copies[id].at
	m.mu.Unlock()
	changed := false
	if !known || metaAt != oldMeta {
		meta, err := m.cache.readMeta(id)
		if err != nil {
			m.log.Warn("feeds: unreadable cache metadata", "feed", id, "err", err)
		}
		m.mu.Lock()
		m.meta[id], m.metaAt[id] = meta, metaAt
		m.mu.Unlock()
		changed = known
	}
	if bodyAt != oldBody {
		m.mu.Lock()
		m.copies[id] = copyState{at: bodyAt}
		m.mu.Unlock()
		changed = true
	}
	return changed
}

// cleanTemps deletes the temporary files that interrupted writes left in
// the state's folders. Only stale ones go (atomicfile.Stale: their writer
// no longer runs, or they are over an hour old): another process may be
// writing the others right now.
func (m *Manager) cleanTemps(ids []string) {
	dirs := []string{m.opts.ConfigDir, m.opts.CacheDir}
	for _, id := range ids {
		dirs = append(dirs, m.cache.feedDir(id))
	}
	now := time.Now()
	for _, d := range dirs {
		if _, err := atomicfile.Clean(d, now); err != nil {
			m.log.Warn("feeds: temporary files not cleaned", "dir", d, "err", err)
		}
	}
}

// readCopy reads a feed's offline copy and its stamp (nil body when there
// is none).
func (m *Manager) readCopy(id string) ([]byte, stamp, error) {
	for try := 0; ; try++ {
		at := stampOf(m.bodyPath(id))
		body, err := m.cache.readBody(id)
		if err != nil {
			return nil, at, err
		}
		if body == nil || try == 3 || stampOf(m.bodyPath(id)) == at {
			return body, at, nil
		}
		// Replaced while being read: read the new one.
	}
}

// Restore brings back the feeds of the newest backup of an unreadable
// config file (settings.RestoreBackup) into the settings on disk, and
// marks the backup restored. It returns the feeds added.
func (m *Manager) Restore() ([]settings.Feed, error) {
	var added []settings.Feed
	err := m.editSettings(func(s *settings.Settings) error {
		var err error
		var backup string
		added, backup, err = settings.RestoreBackup(m.opts.ConfigDir, s)
		if err != nil {
			return err
		}
		if err := settings.Save(m.opts.ConfigDir, *s); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		return settings.MarkRestored(backup)
	})
	return added, err
}

// Watch follows the agent's state on disk until ctx ends: when another
// process changed the settings, a feed's copy or metadata or the change
// list, it calls onChange (on Watch's goroutine) after Refresh took the
// change in. File-change notifications (fsnotify) make that immediate
// where the system has them; a stat of the files every PollInterval
// catches the rest (network folders, a failed watcher).
func (m *Manager) Watch(ctx context.Context, onChange func()) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	watched := map[string]bool{}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		m.log.Warn("feeds: no file-change notification; polling", "err", err)
	} else {
		defer w.Close()
		events, errs = w.Events, w.Errors
	}
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	for {
		if w != nil {
			m.watchDirs(w, watched)
		}
		select {
		case <-ctx.Done():
			return
		case _, ok := <-events:
			if !ok {
				events = nil
			}
			// Let the rest of a burst (temp file, rename) land first.
			time.Sleep(20 * time.Millisecond)
		case _, ok := <-errs:
			if !ok {
				errs = nil
			}
		case <-tick.C:
		}
		if m.Refresh() && onChange != nil {
			// Parse a replaced copy here, not on the caller's (UI)
			// goroutine when it redraws.
			m.Parsed()
			onChange()
		}
	}
}

// PollInterval is how often Watch stats the state's files.
const PollInterval = time.Second

// watchDirs adds the state's folders that exist and are not watched yet.
func (m *Manager) watchDirs(w *fsnotify.Watcher, watched map[string]bool) {
	dirs := []string{m.opts.ConfigDir, m.opts.CacheDir, filepath.Join(m.opts.CacheDir, "feeds")}
	for _, f := range m.Settings().Feeds {
		dirs = append(dirs, m.cache.feedDir(f.ID))
	}
	for _, d := range dirs {
		if watched[d] {
			continue
		}
		if err := w.Add(d); err == nil {
			watched[d] = true
		}
	}
}
