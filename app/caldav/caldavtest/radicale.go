// Package caldavtest runs a real Radicale CalDAV server for tests.
package caldavtest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Radicale is a real Radicale server run for one test.
type Radicale struct {
	URL        string // http://127.0.0.1:PORT/
	User, Pass string
	Log        *lockedBuffer // its output
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Start runs `radicale` on a free local port with its own
// storage folder and htpasswd file, and stops it (by its PID) when the
// test ends. Without radicale on PATH the test is skipped, except in CI
// (CI=true), where that is a failure.
func Start(t testing.TB) *Radicale {
	t.Helper()
	bin, err := exec.LookPath("radicale")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("radicale is not installed, and CI must run the CalDAV tests (scripts/deps.sh test installs it)")
		}
		t.Skip("radicale is not on PATH: these CalDAV tests need it (apt-get install radicale, or scripts/deps.sh test)")
	}
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte("agent:s3cret-pass\nlead:lead-pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	r := &Radicale{URL: fmt.Sprintf("http://127.0.0.1:%d/", port), User: "agent", Pass: "s3cret-pass", Log: &lockedBuffer{}}
	cmd := exec.Command(bin,
		"--storage-filesystem-folder="+filepath.Join(dir, "collections"),
		fmt.Sprintf("--server-hosts=127.0.0.1:%d", port),
		"--auth-type=htpasswd", "--auth-htpasswd-filename="+users, "--auth-htpasswd-encryption=plain")
	cmd.Stdout, cmd.Stderr = r.Log, r.Log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start radicale: %v", err)
	}
	pid := cmd.Process.Pid
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if p, err := os.FindProcess(pid); err == nil {
			_ = p.Kill()
		}
		<-exited
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(r.URL + ".well-known/caldav")
		if err == nil {
			resp.Body.Close()
			return r
		}
		select {
		case err := <-exited:
			t.Fatalf("radicale exited: %v\n%s", err, r.Log.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("radicale did not answer on %s within 20s\n%s", r.URL, r.Log.String())
		}
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Raw sends one request as the agent, outside the package's client, and
// returns the status and the ETag.
func (r *Radicale) Raw(t testing.TB, method, path string, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, strings.TrimSuffix(r.URL, "/")+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(r.User, r.Pass)
	if body != "" {
		req.Header.Set("Content-Type", "text/calendar; charset=utf-8")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("ETag")
}
