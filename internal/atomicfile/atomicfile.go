// Package atomicfile replaces files so that a reader, or a crash, sees
// either the whole old file or the whole new one, never a half-written one:
// the data goes to a temporary file in the same directory, is synced to
// disk and renamed over the target, and the directory is synced after.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Options tunes Write.
type Options struct {
	// Perm is the mode of a new file (an existing one keeps its own);
	// 0 means 0600.
	Perm fs.FileMode
	// AfterTemp, when set, runs once the temporary file is complete and
	// before the rename; an error from it aborts the write as a crash at
	// that point would: the target is untouched and the temporary file is
	// left behind (tests use it).
	AfterTemp func(tmp string) error
}

// Write replaces the file at path with what write produces. If write or any
// step fails, path is left as it was and the temporary file is removed
// (except after an AfterTemp error). An error from write is returned as is.
func Write(path string, write func(io.Writer) error, opts Options) (err error) {
	mode := opts.Perm
	if mode == 0 {
		mode = 0o600
	}
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("atomicfile: %s is not a regular file", path)
		}
		mode = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	tmp, keep := f.Name(), false
	defer func() {
		if err != nil {
			f.Close()
			if !keep {
				os.Remove(tmp)
			}
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("atomicfile: writing %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("atomicfile: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("atomicfile: writing %s: %w", path, err)
	}
	if opts.AfterTemp != nil {
		if err := opts.AfterTemp(tmp); err != nil {
			keep = true
			return fmt.Errorf("atomicfile: writing %s interrupted: %w", path, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	// Make the rename itself durable; not every system can sync a
	// directory, and the file is complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// IsTemp reports whether name (a base name) is a temporary file left by
// Write, safe to delete at start-up.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}
