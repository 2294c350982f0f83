package feeds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFeedURL(t *testing.T) {
	cases := []struct {
		raw, real, shown string
		user, pass       string
		secrets          int
	}{
		{"webcal://cal.example.com/a.ics", "http://cal.example.com/a.ics", "http://cal.example.com/a.ics", "", "", 0},
		{"webcals://cal.example.com/a.ics", "https://cal.example.com/a.ics", "https://cal.example.com/a.ics", "", "", 0},
		{"WEBCALS://cal.example.com/a.ics", "https://cal.example.com/a.ics", "https://cal.example.com/a.ics", "", "", 0},
		{"https://elin:hunter2@dav.example.com/cal.ics", "https://dav.example.com/cal.ics", "https://dav.example.com/cal.ics", "elin", "hunter2", 0},
		{"https://wfm.example.com/export.ics?agent=20481&token=abc123SECRET", "https://wfm.example.com/export.ics?agent=20481&token=abc123SECRET", "https://wfm.example.com/export.ics?agent=20481&token=REDACTED", "", "", 1},
		{"https://x.example.com/f.ics?apiKey=k1&auth=a2", "", "https://x.example.com/f.ics?apiKey=REDACTED&auth=REDACTED", "", "", 2},
		{"https://calendar.google.com/calendar/ical/elin%40example.com/private-0123456789abcdef0123456789abcdef/basic.ics",
			"", "https://calendar.google.com/calendar/ical/elin@example.com/private-REDACTED/basic.ics", "", "", 1},
		{"https://outlook.office365.com/owa/calendar/4f1e2d3c4b5a69788796a5b4c3d2e1f0@contoso.example/9a8b7c6d5e4f30211203f4e5d6c7b8a99876543210/calendar.ics",
			"", "https://outlook.office365.com/owa/calendar/4f1e2d3c4b5a69788796a5b4c3d2e1f0@contoso.example/REDACTED/calendar.ics", "", "", 1},
	}
	for _, c := range cases {
		u, err := parseFeedURL(c.raw, false)
		if err != nil {
			t.Errorf("%s: %v", c.raw, err)
			continue
		}
		if c.real != "" && u.Real != c.real {
			t.Errorf("%s: real %q, want %q", c.raw, u.Real, c.real)
		}
		if u.Shown != c.shown {
			t.Errorf("%s: shown %q, want %q", c.raw, u.Shown, c.shown)
		}
		if u.User != c.user || u.Password != c.pass || len(u.Secrets) != c.secrets {
			t.Errorf("%s: user %q pass %q secrets %d", c.raw, u.User, u.Password, len(u.Secrets))
		}
		for _, s := range u.Secrets {
			if strings.Contains(u.Shown, s) {
				t.Errorf("%s: shown URL keeps secret %q", c.raw, s)
			}
		}
		if RedactURL(c.raw) != c.shown {
			t.Errorf("RedactURL(%s) = %q", c.raw, RedactURL(c.raw))
		}
	}
}

func TestCheckURLRefusesOtherSchemes(t *testing.T) {
	for _, raw := range []string{"ftp://example.com/cal.ics", "mailto:elin@example.com", "javascript:alert(1)", "data:text/calendar,BEGIN", "https:///nohost.ics", ""} {
		err := CheckURL(raw)
		if err == nil {
			t.Errorf("CheckURL(%q) accepted it", raw)
			continue
		}
		if !strings.HasPrefix(err.Error(), "feeds: ") {
			t.Errorf("CheckURL(%q): %v", raw, err)
		}
	}
	if err := CheckURL("ftp://example.com/x"); !strings.Contains(err.Error(), `"ftp:"`) {
		t.Errorf("message does not name the scheme: %v", err)
	}
}

func TestLocalFileURL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rota.ics")
	os.WriteFile(path, []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), 0o600)
	for _, raw := range []string{path, "file://" + path} {
		u, err := parseFeedURL(raw, true)
		if err != nil || !u.IsFile || u.Real != path {
			t.Errorf("%s: %+v %v", raw, u, err)
		}
	}
	if _, err := parseFeedURL(filepath.Join(dir, "missing.ics"), true); err == nil || !strings.Contains(err.Error(), "missing.ics") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := parseFeedURL(dir, true); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestRedactString(t *testing.T) {
	s := `Get "https://u:pw@h.example/x.ics?token=s3cr3t": dial tcp: connection refused`
	got := RedactString(s)
	if strings.Contains(got, "s3cr3t") || strings.Contains(got, "pw@") || !strings.Contains(got, "connection refused") {
		t.Fatalf("RedactString = %q", got)
	}
}

func TestBackoff(t *testing.T) {
	prevMax := BackoffBase / 2
	for n := 1; n <= 12; n++ {
		lo, hi := Backoff(n, 0), Backoff(n, 0.999999)
		if lo > hi || hi > BackoffMax || lo < BackoffBase/2 {
			t.Fatalf("failure %d: range %v..%v", n, lo, hi)
		}
		if hi < prevMax {
			t.Fatalf("failure %d: backoff shrank (%v < %v)", n, hi, prevMax)
		}
		prevMax = hi
	}
	if got := Backoff(1, 0); got != BackoffBase/2 {
		t.Fatalf("first retry without jitter = %v", got)
	}
	if got := Backoff(3, 0.5); got != 15*time.Minute {
		t.Fatalf("third retry with half jitter = %v, want 15m", got)
	}
	if got := Backoff(30, 0.999999); got > BackoffMax || got < BackoffMax-time.Second {
		t.Fatalf("capped backoff = %v", got)
	}
}

func TestBareAddress(t *testing.T) {
	err := CheckURL("calendar.example.com/agent.ics")
	if err == nil || !strings.Contains(err.Error(), "start a web address with https://") {
		t.Fatalf("address without scheme: %v", err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "rota.ics"), []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), 0o600)
	t.Chdir(dir)
	u, err := parseFeedURL("rota.ics", true)
	if err != nil || !u.IsFile || !filepath.IsAbs(u.Real) || filepath.Base(u.Real) != "rota.ics" {
		t.Fatalf("relative file: %+v %v", u, err)
	}
}

// TestUnparsableAddress: an address url.Parse refuses (as typed, half
// done, in the add form) gives a plain error without its secrets; it used
// to recurse between parseFeedURL and RedactString until the stack blew.
func TestUnparsableAddress(t *testing.T) {
	for _, raw := range []string{"http://[::1", "https://bob:s3cr@host:99x/cal.ics", "webcal://[fe80::1%zz]/x.ics?token=s3cr"} {
		err := CheckURL(raw)
		if err == nil || !strings.Contains(err.Error(), "not a valid URL") || strings.Contains(err.Error(), "s3cr") {
			t.Errorf("CheckURL(%q) = %v", raw, err)
		}
		if got := RedactURL(raw); got != redactMark {
			t.Errorf("RedactURL(%q) = %q", raw, got)
		}
		if got := RedactString("cannot fetch " + raw + ": refused"); strings.Contains(got, "s3cr") || !strings.Contains(got, "refused") {
			t.Errorf("RedactString(%q) = %q", raw, got)
		}
	}
}

// TestAddressNamedByHostOnly: an address that cannot be used is named by
// its scheme and host only, never by a part that may be a secret.
func TestAddressNamedByHostOnly(t *testing.T) {
	cases := []struct{ raw, name string }{
		{"calendar.example.com/feed.ics?token=S3CRETtok", "the address at calendar.example.com"},
		{"agent:S3CRETpw@calendar.example.com/feed.ics", "the agent: address"},
		{"https://agent:Pa/ssS3CRET@wfm.example.com/x", "the https address"},
		{"https://agent:S3CRET@wfm.example.com:44x/cal.ics?token=S3CRET", "the https address"},
		{"webcal://[fe80::1%zz]/x.ics?token=S3CRET", "the webcal address"},
		{"file://u:S3CRETpw@otherhost/x?token=S3CRET", "file://otherhost"},
		{"https://WFM.example.com:8443/private-S3CRET/x", "https://wfm.example.com:8443"},
		{"S3CRETtoken", "the address"},
		{"mailto:S3CRET@example.com", "the mailto: address"},
	}
	for _, c := range cases {
		if got := NameAddress(c.raw); got != c.name {
			t.Errorf("NameAddress(%q) = %q, want %q", c.raw, got, c.name)
		}
		err := CheckURL(c.raw)
		if err == nil && !strings.HasPrefix(c.raw, "https://WFM") {
			t.Errorf("CheckURL(%q) accepted it", c.raw)
		}
		if err != nil && (strings.Contains(err.Error(), "S3CRET") || strings.Contains(err.Error(), "Pa")) {
			t.Errorf("CheckURL(%q) = %v", c.raw, err)
		}
	}
	err := CheckURL("https://agent:Pa/ss@wfm.example.com/x")
	if err == nil || err.Error() != `feeds: the https address is not a valid URL: what follows the server name is not a port number (a "/", "?", "#" or "@" in a user name or password must be written %2F, %3F, %23 or %40)` {
		t.Errorf("password with a slash: %v", err)
	}
}
