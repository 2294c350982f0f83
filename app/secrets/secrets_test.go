package secrets

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestFakeStoreRoundTrip(t *testing.T) {
	f := NewFake()
	if _, err := f.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of a missing key: %v, want ErrNotFound", err)
	}
	if err := f.Set("a", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if v, err := f.Get("a"); err != nil || v != "s3cret" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if err := f.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if err := f.Delete("a"); err != nil {
		t.Fatalf("deleting a missing key: %v", err)
	}
	if _, err := f.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after Delete: %v", err)
	}
	f.Unavailable = true
	if err := f.Set("b", "x"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("unavailable Set: %v", err)
	}
	if len(f.Keys()) != 0 {
		t.Fatalf("unavailable store kept %v", f.Keys())
	}
}

// recordingBackend is a go-keyring stand-in that records calls.
type recordingBackend struct {
	mu    sync.Mutex
	calls []string
	err   error
	data  map[string]string
}

func (r *recordingBackend) Get(s, u string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, "get "+s+"/"+u)
	if r.err != nil {
		return "", r.err
	}
	v, ok := r.data[u]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (r *recordingBackend) Set(s, u, p string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, "set "+s+"/"+u)
	if r.err != nil {
		return r.err
	}
	r.data[u] = p
	return nil
}

func (r *recordingBackend) Delete(s, u string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, "delete "+s+"/"+u)
	if r.err != nil {
		return r.err
	}
	if _, ok := r.data[u]; !ok {
		return keyring.ErrNotFound
	}
	delete(r.data, u)
	return nil
}

func TestKeyringWindowsSizeLimit(t *testing.T) {
	be := &recordingBackend{data: map[string]string{}}
	k := &Keyring{Service: Service, GOOS: "windows", backend: be, Getenv: busEnv}
	big := strings.Repeat("x", WindowsMaxBytes+1)
	err := k.Set("feed/a/token", big)
	if !errors.Is(err, ErrTooLong) {
		t.Fatalf("Set of %d bytes on windows: %v, want ErrTooLong", len(big), err)
	}
	if !strings.Contains(err.Error(), "2560") || strings.Contains(err.Error(), big) {
		t.Fatalf("message should name the limit and not the secret: %v", err)
	}
	if len(be.calls) != 0 {
		t.Fatalf("the keyring was called for a too-long secret: %v", be.calls)
	}
	if err := k.Set("feed/a/token", big[:WindowsMaxBytes]); err != nil {
		t.Fatalf("exactly %d bytes must be accepted: %v", WindowsMaxBytes, err)
	}
	// The same secret is fine elsewhere.
	k.GOOS = "linux"
	if err := k.Set("feed/a/token", big); err != nil {
		t.Fatalf("linux Set: %v", err)
	}
	if v, err := k.Get("feed/a/token"); err != nil || v != big {
		t.Fatalf("Get after Set: len %d, %v", len(v), err)
	}
	if want := "set Shiftdesk/feed/a/token"; be.calls[0] != want {
		t.Fatalf("first call %q, want %q", be.calls[0], want)
	}
}

func TestKeyringErrorMapping(t *testing.T) {
	be := &recordingBackend{data: map[string]string{}}
	k := &Keyring{Service: Service, GOOS: "linux", backend: be, Getenv: busEnv}
	if _, err := k.Get("missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
	if err := k.Delete("missing"); err != nil {
		t.Fatalf("Delete of a missing key must succeed: %v", err)
	}
	be.err = errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	err := k.Set("x", "pw")
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("no secret service: %v, want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "no keyring is available") || !strings.Contains(err.Error(), "not saved") {
		t.Fatalf("not plain words: %v", err)
	}
	if !errors.Is(err, be.err) {
		t.Fatalf("the keyring's own error is not wrapped: %v", err)
	}
	be.err = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	if err := k.Set("x", "pw"); !errors.Is(err, ErrLocked) || !errors.Is(err, be.err) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("locked keyring: %v", err)
	}
	be.err = keyring.ErrSetDataTooBig
	if err := k.Set("x", "pw"); !errors.Is(err, ErrTooLong) {
		t.Fatalf("too big: %v", err)
	}
}

func TestBoundedTimesOutOnBlockedKeyring(t *testing.T) {
	block := make(chan struct{})
	f := NewFake()
	f.Delay = block
	b := NewBounded(f, 50*time.Millisecond)
	start := time.Now()
	_, err := b.Get("k")
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("blocked Get: %v, want ErrTimeout", err)
	}
	if err := b.Set("k", "v"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("blocked Set: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("Bounded waited %v", d)
	}
	close(block) // the prompt is answered: the abandoned Set completes
	deadline := time.Now().Add(2 * time.Second)
	for {
		if v, err := b.Get("k"); err == nil && v == "v" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the abandoned Set never completed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAsyncDoesNotBlockCaller(t *testing.T) {
	block := make(chan struct{})
	f := NewFake()
	f.Delay = block
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	Async(ctx, func() error { return f.Set("k", "v") }, func(err error) { done <- err })
	// Async returned while the keyring is blocked.
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled Async: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Async did not report the cancellation")
	}
	close(block)
	done2 := make(chan error, 1)
	Async(context.Background(), func() error { return f.Delete("k") }, func(err error) { done2 <- err })
	if err := <-done2; err != nil {
		t.Fatalf("Async Delete: %v", err)
	}
}

// busEnv is an environment with a session bus.
func busEnv(k string) string {
	if k == "DBUS_SESSION_BUS_ADDRESS" {
		return "unix:path=/run/user/1000/bus"
	}
	return ""
}

func TestKeyringWithoutSessionBusDoesNotCallDBus(t *testing.T) {
	be := &recordingBackend{data: map[string]string{}}
	runtimeDir := t.TempDir()
	env := map[string]string{"XDG_RUNTIME_DIR": runtimeDir}
	k := &Keyring{Service: Service, GOOS: "linux", backend: be, Getenv: func(s string) string { return env[s] }}
	err := k.Set("feed/a/token", "tok")
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no D-Bus session bus") {
		t.Fatalf("Set without a bus: %v", err)
	}
	if _, err := k.Get("feed/a/token"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Get without a bus: %v", err)
	}
	if len(be.calls) != 0 {
		t.Fatalf("go-keyring was called (it would autolaunch a bus): %v", be.calls)
	}
	// The standard socket under XDG_RUNTIME_DIR counts as a bus.
	if err := os.WriteFile(filepath.Join(runtimeDir, "bus"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("feed/a/token", "tok"); err != nil || len(be.calls) != 1 {
		t.Fatalf("with a bus socket: %v, calls %v", err, be.calls)
	}
	// Windows and macOS have no bus to look for.
	k.GOOS, env = "windows", nil
	if _, err := k.Get("feed/a/token"); err != nil {
		t.Fatalf("windows: %v", err)
	}
}
