package caldav

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/shiftdesk/shiftdesk/internal/atomicfile"
)

// LoadState reads the state saved at path; a missing file is the empty
// state.
func LoadState[T any](path string) (T, error) {
	var st T
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("caldav: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("caldav: %s: %w", path, err)
	}
	return st, nil
}

// SaveState replaces the file at path with st, atomically.
func SaveState[T any](path string, st T) error {
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("caldav: %w", err)
	}
	err = atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(b); return err }, atomicfile.Options{})
	if err != nil {
		return fmt.Errorf("caldav: %w", err)
	}
	return nil
}
