// Package atomicfile replaces files so that a reader, or a crash, sees
// either the whole old file or the whole new one, never a half-written one:
// the data goes to a temporary file in the same directory, is synced to
// disk and renamed over the target, and the directory is synced after.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Options tunes Write.
type Options struct {
	// Perm is the mode of a new file (an existing one keeps its own
	// unless ForcePerm is set); 0 means 0600.
	Perm fs.FileMode
	// ForcePerm writes the file with Perm whatever the old file's mode
	// (private data such as the settings and the feed cache: a file that
	// was made unreadable becomes readable again by its owner).
	ForcePerm bool
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
		if !opts.ForcePerm {
			mode = st.Mode().Perm()
		}
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPattern(filepath.Base(path), os.Getpid()))
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

// StaleAge is how old a temporary file must be before Clean deletes it
// even though the process that wrote it may still run (its ID may have
// been reused by another program).
const StaleAge = time.Hour

// tempPattern is the os.CreateTemp pattern of a temporary file for base
// written by process pid: ".base.tmp-<pid>-<random>".
func tempPattern(base string, pid int) string {
	return "." + base + ".tmp-" + strconv.Itoa(pid) + "-*"
}

// IsTemp reports whether name (a base name) is a temporary file left by
// Write. Only Stale ones may be deleted: another process may be writing
// the others right now.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// tempPID is the ID of the process that wrote temporary file name, or 0
// when the name carries none (written by an older Shiftdesk).
func tempPID(name string) int {
	_, rest, ok := strings.Cut(name, ".tmp-")
	if !ok {
		return 0
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0
	}
	pid, err := strconv.Atoi(digits)
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// Stale reports whether the temporary file name, last modified at mod, is
// left over from an interrupted write and safe to delete at now: its
// writer is no longer running, or it is older than StaleAge. A temporary
// file of a running process (this one included) is never stale while it
// is young, so a starting process cannot break another one's write.
func Stale(name string, mod, now time.Time) bool {
	if !IsTemp(name) {
		return false
	}
	if now.Sub(mod) > StaleAge {
		return true
	}
	pid := tempPID(name)
	if pid == 0 || pid == os.Getpid() {
		return false
	}
	return !processAlive(pid)
}

// Clean deletes the stale temporary files (Stale) in dir and returns how
// many it deleted. A missing dir is not an error.
func Clean(dir string, now time.Time) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return 0, nil
		}
		return 0, fmt.Errorf("atomicfile: %w", err)
	}
	n := 0
	for _, e := range entries {
		if !IsTemp(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || !Stale(e.Name(), info.ModTime(), now) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n, nil
}

// Cause names, in plain words, why a write failed when the system said
// so: "the disk is full", "the disk is read-only" or "permission denied";
// "" for other errors.
func Cause(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return ""
}
