package secrets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/zalando/go-keyring"
)

// Keyring is the OS keyring (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows) through go-keyring. Its calls may block
// on an unlock prompt: wrap it with NewBounded before use.
type Keyring struct {
	// Service is the keyring service name (Service by default).
	Service string
	// GOOS is the operating system the size check applies to
	// (runtime.GOOS by default; tests set "windows").
	GOOS string
	// Getenv reads the environment for the session-bus check (os.Getenv
	// by default; tests replace it).
	Getenv func(string) string
	// backend is the go-keyring API (set by NewKeyring; tests may swap it).
	backend keyringBackend
}

// keyringBackend is the part of go-keyring Keyring uses.
type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// goKeyring calls the package-level go-keyring functions.
type goKeyring struct{}

func (goKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (goKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (goKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }

// NewKeyring returns the OS keyring under the "Shiftdesk" service.
func NewKeyring() *Keyring {
	return &Keyring{Service: Service, GOOS: runtime.GOOS, Getenv: os.Getenv, backend: goKeyring{}}
}

// checkBus refuses early, on systems that reach the keyring through the
// D-Bus Secret Service, when there is no session bus to talk to: go-keyring
// would otherwise autolaunch a private dbus-daemon (and a keyring daemon
// that cannot be unlocked) that outlives Shiftdesk. In an X session
// without a bus address, autolaunch finds the session's bus, so it is
// allowed there.
func (k *Keyring) checkBus() error {
	switch k.GOOS {
	case "windows", "darwin", "ios", "android", "js", "wasip1", "plan9":
		return nil
	}
	getenv := k.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if getenv("DBUS_SESSION_BUS_ADDRESS") != "" || getenv("DISPLAY") != "" {
		return nil
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%w (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set)", ErrUnavailable)
}

// CheckSize refuses a secret the keyring of goos cannot hold whole: the
// Windows Credential Manager keeps at most WindowsMaxBytes bytes, and a
// truncated secret would fail to sign in later.
func CheckSize(goos, secret string) error {
	if goos == "windows" && len(secret) > WindowsMaxBytes {
		return fmt.Errorf("%w: Windows keeps at most %d bytes and this one has %d", ErrTooLong, WindowsMaxBytes, len(secret))
	}
	return nil
}

// mapErr turns a go-keyring error into this package's plain-words errors.
// go-keyring errors never contain the secret.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w (%w)", ErrTooLong, err)
	case strings.Contains(strings.ToLower(err.Error()), "unlock"):
		return fmt.Errorf("%w (%w)", ErrLocked, err)
	default:
		return fmt.Errorf("%w (%w)", ErrUnavailable, err)
	}
}

// Get implements Store.
func (k *Keyring) Get(key string) (string, error) {
	if err := k.checkBus(); err != nil {
		return "", err
	}
	v, err := k.backend.Get(k.Service, key)
	return v, mapErr(err)
}

// Set implements Store. On Windows a secret over WindowsMaxBytes is refused
// before the keyring is called.
func (k *Keyring) Set(key, secret string) error {
	if err := CheckSize(k.GOOS, secret); err != nil {
		return err
	}
	if err := k.checkBus(); err != nil {
		return err
	}
	return mapErr(k.backend.Set(k.Service, key, secret))
}

// Delete implements Store; a missing key is not an error.
func (k *Keyring) Delete(key string) error {
	if err := k.checkBus(); err != nil {
		return err
	}
	err := mapErr(k.backend.Delete(k.Service, key))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
