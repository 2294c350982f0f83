package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// FileName is the name of the config file inside the config dir.
const FileName = "config.json"

// ErrCorrupt is matched (errors.Is) by the error Load returns for a config
// file it cannot read; the file has then been kept as a backup.
var ErrCorrupt = errors.New("settings: the config file is corrupt")

// CorruptError says which config file could not be read and where it was
// kept.
type CorruptError struct {
	Path   string // the config file
	Backup string // where the unreadable file was moved
	Err    error  // why it could not be read
}

// Error names the file, the reason and the backup.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("settings: %s cannot be read (%v); it was kept as %s and Shiftdesk starts with default settings (shiftdesk feeds restore brings its feeds back)", e.Path, e.Err, e.Backup)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Unwrap returns the read error.
func (e *CorruptError) Unwrap() error { return e.Err }

// DefaultDir returns os.UserConfigDir()/shiftdesk.
func DefaultDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("settings: no user config dir: %w", err)
	}
	return filepath.Join(d, "shiftdesk"), nil
}

func resolveDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return DefaultDir()
}

// Load reads the settings from dir (DefaultDir when dir is ""). A missing
// file gives Default(). A file that cannot be read as settings is moved to
// config.json.corrupt-<time> and Load returns Default() together with a
// *CorruptError naming the backup, so nothing is silently overwritten. A
// file written by a newer Shiftdesk gives an error and is left alone.
func Load(dir string) (Settings, error) {
	path, data, found, err := readFile(dir)
	if err != nil || !found {
		return Default(), err
	}
	s, perr := decode(data)
	if perr == nil {
		if s.Version > CurrentVersion {
			return Default(), fmt.Errorf("settings: %s was written by a newer Shiftdesk (format %d, this one reads up to %d); update Shiftdesk", path, s.Version, CurrentVersion)
		}
		return s, nil
	}
	backup := path + backupInfix + time.Now().UTC().Format("20060102T150405.000000000Z")
	if err := os.Rename(path, backup); err != nil {
		return Default(), fmt.Errorf("settings: %s cannot be read (%v) and could not be kept as a backup: %w", path, perr, err)
	}
	return Default(), &CorruptError{Path: path, Backup: backup, Err: perr}
}

// Read reads the settings from dir as they are, with no side effect: a
// missing file gives Default(); a file that cannot be read is left where
// it is and gives an error (a running window uses it to follow changes
// made by another process).
func Read(dir string) (Settings, error) {
	path, data, found, err := readFile(dir)
	if err != nil || !found {
		return Default(), err
	}
	s, err := decode(data)
	if err != nil {
		return Default(), fmt.Errorf("settings: %s: %w", path, err)
	}
	if s.Version > CurrentVersion {
		return Default(), fmt.Errorf("settings: %s was written by a newer Shiftdesk (format %d)", path, s.Version)
	}
	return s, nil
}

// readFile reads the settings file of dir (DefaultDir when dir is ""):
// its path and bytes; found is false when there is no such file.
func readFile(dir string) (path string, data []byte, found bool, err error) {
	dir, err = resolveDir(dir)
	if err != nil {
		return "", nil, false, err
	}
	path = filepath.Join(dir, FileName)
	data, err = os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return path, nil, false, nil
	}
	if err != nil {
		return path, nil, false, fmt.Errorf("settings: read %s: %w", path, err)
	}
	return path, data, true, nil
}

// decode parses and upgrades a config file.
func decode(data []byte) (Settings, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Settings{}, errors.New("the file is empty")
	}
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return Settings{}, fmt.Errorf("not valid JSON: %w", err)
	}
	if probe.Version == nil || *probe.Version < 1 {
		return Settings{}, errors.New("no format version")
	}
	s := Default()
	s.Feeds, s.Regions, s.KindRules, s.BlockingKinds = nil, nil, nil, nil
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&s); err != nil {
		return Settings{}, fmt.Errorf("not valid settings: %w", err)
	}
	if s.BlockingKinds == nil {
		s.BlockingKinds = Default().BlockingKinds
	}
	return s, nil
}

// Save validates s and writes it to dir (DefaultDir when dir is "")
// atomically: a temporary file is written and synced, then renamed over
// config.json, so a crash leaves either the old or the new file.
func Save(dir string, s Settings) error {
	dir, err := resolveDir(dir)
	if err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	s.Version = CurrentVersion
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("settings: encode: %w", err)
	}
	data = append(data, '\n')
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("settings: create %s: %w", dir, err)
	}
	return WriteFileAtomic(filepath.Join(dir, FileName), data, nil)
}

// WriteFileAtomic writes data to path atomically (internal/atomicfile):
// a temporary file in the same directory, fsync, rename over path, sync the
// directory; the file is private (0600) whatever its old mode. afterTemp, when non-nil, runs
// once the temporary file is complete and before the rename; an error from
// it aborts the write as a crash would at that point, leaving path
// untouched (tests use it).
func WriteFileAtomic(path string, data []byte, afterTemp func(tmp string) error) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, atomicfile.Options{Perm: 0o600, ForcePerm: true, AfterTemp: afterTemp})
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}

// IsTempFile reports whether name is a leftover temporary file of
// WriteFileAtomic (safe to delete at start-up).
func IsTempFile(name string) bool { return atomicfile.IsTemp(name) }

// Validate checks the settings: known zone, theme and language, sane
// reminder and refresh values, valid regions (calendar.Region.Validate,
// a country the holiday library knows) with unique names, and feeds with an ID, a unique name and a URL.
func (s Settings) Validate() error {
	if s.Zone != "" {
		if s.Zone == "Local" {
			return errors.New(`settings: zone "Local" is not an IANA zone; leave it empty for the system zone`)
		}
		if _, err := time.LoadLocation(s.Zone); err != nil {
			return fmt.Errorf("settings: unknown time zone %q: %w", s.Zone, err)
		}
	}
	switch s.Theme {
	case "", "system", "light", "dark", "contrast-light", "contrast-dark":
	default:
		return fmt.Errorf("settings: unknown theme %q (system, light, dark, contrast-light or contrast-dark)", s.Theme)
	}
	switch s.Language {
	case "", "en", "sv", "nl", "fr":
	default:
		return fmt.Errorf("settings: unsupported language %q (en, sv, nl or fr)", s.Language)
	}
	if s.RefreshMinutes != 0 && s.RefreshMinutes < 5 {
		return fmt.Errorf("settings: refresh interval %d min is below the minimum of 5 min", s.RefreshMinutes)
	}
	if s.Reminders.ShiftMinutes < 0 || s.Reminders.BreakMinutes < 0 {
		return errors.New("settings: reminder lead times cannot be negative")
	}
	names := map[string]bool{}
	for _, r := range s.Regions {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		if err := holidays.Check(r.Country, r.Subdivision); err != nil {
			return fmt.Errorf("settings: region %q: %w", r.Name, err)
		}
		if names[strings.ToLower(r.Name)] {
			return fmt.Errorf("settings: two customer regions are named %q", r.Name)
		}
		names[strings.ToLower(r.Name)] = true
	}
	for _, k := range s.KindRules {
		if strings.TrimSpace(k.Keyword) == "" {
			return errors.New("settings: a kind rule has no keyword")
		}
		if !knownKind(k.Kind) {
			return fmt.Errorf("settings: kind rule %q: unknown kind %q", k.Keyword, k.Kind)
		}
	}
	for _, k := range s.BlockingKinds {
		if !knownKind(k) {
			return fmt.Errorf("settings: unknown blocking kind %q", k)
		}
	}
	ids, feedNames := map[string]bool{}, map[string]bool{}
	for _, f := range s.Feeds {
		if f.ID == "" || f.URL == "" || strings.TrimSpace(f.Name) == "" {
			return fmt.Errorf("settings: feed %q needs an id, a name and a URL", f.Name)
		}
		if ids[f.ID] {
			return fmt.Errorf("settings: two feeds have the id %q", f.ID)
		}
		if feedNames[strings.ToLower(f.Name)] {
			return fmt.Errorf("settings: two feeds are named %q", f.Name)
		}
		ids[f.ID], feedNames[strings.ToLower(f.Name)] = true, true
		switch f.Auth {
		case "", AuthNone, AuthBasic, AuthBearer:
		default:
			return fmt.Errorf("settings: feed %q: unknown sign-in kind %q", f.Name, f.Auth)
		}
		if f.RefreshMinutes != 0 && f.RefreshMinutes < 5 {
			return fmt.Errorf("settings: feed %q: refresh interval %d min is below the minimum of 5 min", f.Name, f.RefreshMinutes)
		}
	}
	switch s.Export.Format {
	case "", "ics", "freebusy", "text":
	default:
		return fmt.Errorf("settings: unknown export format %q (ics, freebusy or text)", s.Export.Format)
	}
	return s.validateHours()
}

func knownKind(k calendar.Kind) bool {
	for _, x := range calendar.Kinds() {
		if x == k {
			return true
		}
	}
	return false
}
