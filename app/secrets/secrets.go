// Package secrets keeps feed credentials (passwords, tokens, secret feed
// URLs) in the operating system's keyring, behind the small Store interface.
//
// Keyring is the real store (github.com/zalando/go-keyring, service name
// "Shiftdesk"); Fake is an in-memory store for tests. A keyring call can
// block without a timeout while the desktop shows an unlock prompt, so it
// must never run on the UI goroutine: wrap the store with Bounded (every call
// runs on its own goroutine and gives up after a timeout) and use Async to
// get the answer through a callback.
//
// When no keyring is reachable (for example no Secret Service on a bare
// Linux box) calls fail with an error matching ErrUnavailable, in plain
// words, and the secret is not stored anywhere else.
package secrets

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Service is the service name under which Shiftdesk's secrets are stored.
const Service = "Shiftdesk"

// WindowsMaxBytes is the largest secret the Windows Credential Manager
// accepts.
const WindowsMaxBytes = 2560

// Errors a Store returns; match them with errors.Is.
var (
	// ErrNotFound means no secret is stored under the key.
	ErrNotFound = errors.New("secrets: no secret stored under this name")
	// ErrUnavailable means no keyring could be reached.
	ErrUnavailable = errors.New("secrets: no keyring is available on this computer (on Linux, install and start a Secret Service such as GNOME Keyring or KWallet); the secret was not saved")
	// ErrLocked means the keyring is there but stayed locked (the unlock
	// prompt was refused or could not be shown).
	ErrLocked = errors.New("secrets: the keyring is locked and could not be unlocked (unlock it, for example by logging in again, and retry); the secret was not saved")
	// ErrTooLong means the secret is too long for this system's keyring.
	ErrTooLong = errors.New("secrets: the secret is too long for the keyring")
	// ErrTimeout means the keyring did not answer in time (it may be
	// waiting for an unlock prompt).
	ErrTimeout = errors.New("secrets: the keyring did not answer in time (is it waiting to be unlocked?)")
)

// Store keeps secrets by key. Implementations are safe for concurrent use.
type Store interface {
	// Get returns the secret stored under key, or an error matching
	// ErrNotFound.
	Get(key string) (string, error)
	// Set stores secret under key, replacing any previous one.
	Set(key, secret string) error
	// Delete removes the secret under key; deleting a missing key is not an
	// error.
	Delete(key string) error
}

// Bounded wraps a Store so that each call runs on its own goroutine and
// returns ErrTimeout after timeout. The abandoned call keeps running in the
// background until the keyring answers.
type Bounded struct {
	Store   Store
	Timeout time.Duration
}

// NewBounded returns s bounded by timeout (10 s when timeout <= 0).
func NewBounded(s Store, timeout time.Duration) *Bounded {
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &Bounded{Store: s, Timeout: timeout}
}

type result struct {
	val string
	err error
}

func (b *Bounded) call(f func() (string, error)) (string, error) {
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(b.Timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.val, r.err
	case <-t.C:
		return "", ErrTimeout
	}
}

// Get implements Store.
func (b *Bounded) Get(key string) (string, error) {
	return b.call(func() (string, error) { return b.Store.Get(key) })
}

// Set implements Store.
func (b *Bounded) Set(key, secret string) error {
	_, err := b.call(func() (string, error) { return "", b.Store.Set(key, secret) })
	return err
}

// Delete implements Store.
func (b *Bounded) Delete(key string) error {
	_, err := b.call(func() (string, error) { return "", b.Store.Delete(key) })
	return err
}

// Async runs op on a new goroutine and passes its error to done (on that
// goroutine; a UI must hop back to its own goroutine, e.g. with fyne.Do).
// It returns at once. Cancelling ctx makes done receive ctx's error without
// waiting for op.
func Async(ctx context.Context, op func() error, done func(error)) {
	go func() {
		ch := make(chan error, 1)
		go func() { ch <- op() }()
		select {
		case err := <-ch:
			done(err)
		case <-ctx.Done():
			done(fmt.Errorf("secrets: %w", ctx.Err()))
		}
	}()
}
