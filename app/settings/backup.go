package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// backupInfix is between FileName and the time in a backup's name.
const backupInfix = ".corrupt-"

// BackupError says that an unreadable config file was kept as a backup
// and not brought back yet: every run says so until RestoreBackup does.
// It matches ErrCorrupt.
type BackupError struct {
	Backup string // the newest backup
}

// Error names the backup and the command that brings it back.
func (e *BackupError) Error() string {
	return fmt.Sprintf("settings: an unreadable config file was kept as %s; shiftdesk feeds restore brings its feeds back", e.Backup)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *BackupError) Is(target error) bool { return target == ErrCorrupt }

// backups lists the backups in dir, newest first.
func backups(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, FileName+backupInfix+"*"))
	var out []string
	for _, m := range matches {
		if !strings.HasSuffix(m, ".restored") {
			out = append(out, m)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out))) // the names end in a sortable time
	return out
}

// Backups returns a *BackupError when dir holds a backup of an unreadable
// config file that was not restored, nil otherwise.
func Backups(dir string) error {
	dir, err := resolveDir(dir)
	if err != nil {
		return err
	}
	if b := backups(dir); len(b) > 0 {
		return &BackupError{Backup: b[0]}
	}
	return nil
}

// RestoreBackup brings back the feeds of the newest backup in dir into
// the settings s: those that decode (all of them when the file was
// mended by hand, the ones before the damage otherwise) and that s does
// not have yet (same ID or name). The backup is then renamed
// <backup>.restored. It returns the feeds added and the backup's path.
func RestoreBackup(dir string, s *Settings) ([]Feed, string, error) {
	dir, err := resolveDir(dir)
	if err != nil {
		return nil, "", err
	}
	list := backups(dir)
	if len(list) == 0 {
		return nil, "", errors.New("settings: there is no backup of an unreadable config file to restore")
	}
	data, err := os.ReadFile(list[0])
	if err != nil {
		return nil, list[0], fmt.Errorf("settings: read %s: %w", list[0], err)
	}
	var added []Feed
	for _, f := range salvageFeeds(data) {
		if hasFeed(*s, f) {
			continue
		}
		s.Feeds = append(s.Feeds, f)
		added = append(added, f)
	}
	if err := s.Validate(); err != nil {
		return nil, list[0], err
	}
	return added, list[0], nil
}

// MarkRestored renames a backup so it is no longer reported.
func MarkRestored(backup string) error {
	if err := os.Rename(backup, backup+".restored"); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}

func hasFeed(s Settings, f Feed) bool {
	for _, g := range s.Feeds {
		if g.ID == f.ID || strings.EqualFold(g.Name, f.Name) {
			return true
		}
	}
	return false
}

// salvageFeeds reads the feeds of a config file: all of them when it
// decodes, else each complete entry of its "feeds" list up to the damage.
func salvageFeeds(data []byte) []Feed {
	if s, err := decode(data); err == nil {
		return s.Feeds
	}
	i := bytes.Index(data, []byte(`"feeds"`))
	if i < 0 {
		return nil
	}
	j := bytes.IndexByte(data[i:], '[')
	if j < 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data[i+j+1:]))
	var out []Feed
	for dec.More() {
		var f Feed
		if err := dec.Decode(&f); err != nil {
			break
		}
		if f.ID != "" && f.Name != "" && f.URL != "" {
			out = append(out, f)
		}
	}
	return out
}
