//go:build keyring_integration

package secrets

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKeyringRealSecretService talks to a real Secret Service (run it with
// scripts/test-keyring.sh, which starts gnome-keyring in a private D-Bus
// session).
func TestKeyringRealSecretService(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run scripts/test-keyring.sh")
	}
	k := NewBounded(NewKeyring(), 20*time.Second)
	key := fmt.Sprintf("feed/integration-%d/password", time.Now().UnixNano())
	secret := "pa55 wörd ✓ " + strings.Repeat("z", 3000) // over the Windows limit: fine on Linux
	t.Cleanup(func() { k.Delete(key) })

	if _, err := k.Get(key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := k.Set(key, secret); err != nil {
		t.Fatalf("Set: %v", err)
	}
	got, err := k.Get(key)
	if err != nil || got != secret {
		t.Fatalf("Get = %d bytes, %v; want the %d bytes set", len(got), err, len(secret))
	}
	// The keyring daemon keeps it encrypted: not in clear under the
	// (private) home the script gives it.
	home := os.Getenv("HOME")
	files := 0
	filepath.WalkDir(home, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		files++
		if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(secret[:20])) {
			t.Errorf("the secret is in clear in %s", path)
		}
		return nil
	})
	t.Logf("%d files under %s checked: no secret in clear", files, home)
	// A second Set replaces, it does not add.
	if err := k.Set(key, "second"); err != nil {
		t.Fatalf("second Set: %v", err)
	}
	if got, err := k.Get(key); err != nil || got != "second" {
		t.Fatalf("Get after replace = %q, %v", got, err)
	}
	// Another service does not see it.
	other := &Keyring{Service: "Shiftdesk-other-test", GOOS: "linux", backend: goKeyring{}}
	if _, err := other.Get(key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another service read the secret: %v", err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("Delete of a missing key: %v", err)
	}
	t.Logf("real Secret Service at %s: set, replace, get, delete of %d-byte secret OK", os.Getenv("DBUS_SESSION_BUS_ADDRESS"), len(secret))
}

// childEnv marks the child process of TestKeyringUnreachableIsPlainWords.
const childEnv = "SHIFTDESK_KEYRING_TEST_CHILD"

// TestMain runs the child's job when asked: godbus keeps one session bus
// connection per process, so an unreachable bus needs a fresh process.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		k := NewBounded(NewKeyring(), 20*time.Second)
		err := k.Set("feed/x/password", "hunter2")
		switch {
		case err == nil:
			fmt.Println("STORED")
		case errors.Is(err, ErrUnavailable):
			fmt.Println("UNAVAILABLE:", err)
		default:
			fmt.Println("OTHER:", err)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKeyringUnreachableIsPlainWords points go-keyring at a bus address
// with nobody on it: the error must be plain words, not a hang, and must
// not contain the secret.
func TestKeyringUnreachableIsPlainWords(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/shiftdesk-test-bus")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got := string(out)
	if !strings.HasPrefix(got, "UNAVAILABLE: secrets: no keyring is available") {
		t.Fatalf("Set without a reachable keyring printed %q, want a plain-words ErrUnavailable", got)
	}
	if strings.Contains(got, "hunter2") {
		t.Fatalf("error leaks the secret: %s", got)
	}
	t.Logf("unreachable keyring: %s", strings.TrimSpace(got))
}
