//go:build keyring_integration

package feeds

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// TestKeyringManagerEndToEnd runs the Manager on the real Secret Service
// (scripts/test-keyring.sh): feeds with a password, a token and a secret
// URL are added and synced; the secrets are in the keyring and nowhere in
// the config or cache; Remove deletes them from the keyring.
func TestKeyringManagerEndToEnd(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run scripts/test-keyring.sh")
	}
	wfm := readTestdata(t, "wfm_export_stockholm.ics")
	const password, token, urlSecret = "real-Pw-41b2c3", "real-Tok-5d6e7f", "real-Key-8a9b0c"
	srv := newServer(t)
	srv.set(func(w http.ResponseWriter, req *http.Request) {
		user, pw, _ := req.BasicAuth()
		switch {
		case req.URL.Path == "/basic.ics" && user == "elin" && pw == password,
			req.URL.Path == "/bearer.ics" && req.Header.Get("Authorization") == "Bearer "+token,
			req.URL.Path == "/secret.ics" && req.URL.Query().Get("token") == urlSecret:
			serveBody(wfm)(w, req)
		default:
			http.Error(w, "no", http.StatusUnauthorized)
		}
	})
	real := secrets.NewKeyring()
	r := newRig(t, func(o *Options) { o.Secrets = real })
	var ids []string
	for _, nf := range []NewFeed{
		{URL: srv.URL + "/basic.ics", Name: "Basic", User: "elin", Password: password},
		{URL: srv.URL + "/bearer.ics", Name: "Bearer", Token: token},
		{URL: srv.URL + "/secret.ics?token=" + urlSecret, Name: "Secret"},
	} {
		f, err := r.m.Add(nf)
		if err != nil {
			t.Fatalf("add %s: %v", nf.Name, err)
		}
		ids = append(ids, f.ID)
	}
	t.Cleanup(func() {
		for _, id := range ids {
			for _, k := range []string{keyURL(id), keyPassword(id), keyToken(id)} {
				real.Delete(k)
			}
		}
	})
	// A restarted Manager reads the secrets back from the keyring.
	m2 := r.reopen(t)
	for _, res := range m2.Sync(context.Background(), nil) {
		if res.Outcome != Updated {
			t.Fatalf("%s: %v", res.Name, res)
		}
	}
	if got, err := real.Get(keyPassword(ids[0])); err != nil || got != password {
		t.Fatalf("password in the keyring: %v", err)
	}
	var files strings.Builder
	for _, dir := range []string{r.cfg, r.cache} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				files.Write(b)
			}
			return nil
		})
	}
	for _, s := range []string{password, token, urlSecret} {
		if strings.Contains(files.String(), s) || strings.Contains(r.logs.String(), s) {
			t.Fatalf("secret %q outside the keyring", s)
		}
	}
	for _, name := range []string{"Basic", "Bearer", "Secret"} {
		if err := m2.Remove(name); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{keyPassword(ids[0]), keyToken(ids[1]), keyURL(ids[2])} {
		if _, err := real.Get(k); !errors.Is(err, secrets.ErrNotFound) {
			t.Fatalf("%s still in the keyring after Remove: %v", k, err)
		}
	}
	t.Logf("3 feeds added, synced after a restart and removed through the real Secret Service (%s)", time.Now().Format(time.RFC3339))
}
