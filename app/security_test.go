package app

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// TestAddressErrorsNameHostOnly: an address a command cannot use is named
// by its scheme and host only; no part of its user name, password, path
// or query reaches the message (issue 13, case 4).
func TestAddressErrorsNameHostOnly(t *testing.T) {
	cliHome(t)
	feedsCmd := withStore(secrets.NewFake(), runFeedsWith)
	cases := []struct {
		name string
		run  func() (int, string, string)
		code int
		want string
	}{
		{"feeds add without a scheme", func() (int, string, string) {
			return cliRun(t, feedsCmd, "", "add", "calendar.example.com/feed.ics?token=X9tokSECRET")
		}, 1, "the address at calendar.example.com is neither a web address nor an existing file"},
		{"feeds add, a slash in the password", func() (int, string, string) {
			return cliRun(t, feedsCmd, "", "add", "https://agent:Pa/ssSECRET@wfm.example.com/x")
		}, 1, "the https address is not a valid URL: what follows the server name is not a port number"},
		{"agenda on another computer's file", func() (int, string, string) {
			return mainForTest(t, Info{}, "agenda", "file://u:PWSECRET@otherhost/x?token=X9tokSECRET")
		}, 1, "file://otherhost names another computer"},
		{"agenda on an unknown scheme", func() (int, string, string) {
			return mainForTest(t, Info{}, "agenda", "ftp://u:PWSECRET@wfm.example.com/x")
		}, 1, `"ftp:" is not a feed address`},
		{"export --feed with a web address", func() (int, string, string) {
			return mainForTest(t, Info{}, "export", "--feed", "http://wfm.example.com/cal.ics?token=X9tokSECRET")
		}, 2, "--feed takes a calendar file, not a web address (http://wfm.example.com)"},
		{"export --feed, unusable address", func() (int, string, string) {
			return mainForTest(t, Info{}, "export", "--feed", "https://agent:Pa/ssSECRET@wfm.example.com/x")
		}, 2, "--feed: the https address is not a valid URL"},
	}
	for _, c := range cases {
		code, out, errOut := c.run()
		if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", c.name, code, errOut, c.code, c.want)
		}
		for _, leak := range []string{"SECRET", "X9tok", "Pa/", `":Pa"`, "PW"} {
			if strings.Contains(out+errOut, leak) {
				t.Errorf("%s: %q in the output:\n%s%s", c.name, leak, out, errOut)
			}
		}
	}
}

// TestFeedsAddURLStdin: "feeds add --url-stdin" reads a private address
// from standard input, and with --token-stdin or --password-stdin the
// secret from the next line; the feed then syncs with them, and neither
// reaches the output or the config (issue 13, case 5).
func TestFeedsAddURLStdin(t *testing.T) {
	cfg, _ := cliHome(t)
	store := secrets.NewFake()
	feedsCmd, syncCmd := withStore(store, runFeedsWith), withStore(store, runSyncWith)
	srv := newFeedServer(t)
	srv.serve("/query.ics", wfmFeed(t), "")
	srv.serve("/bearer.ics", wfmFeed(t), "Bearer tok-STDIN-SECRET")
	srv.serve("/basic.ics", wfmFeed(t), "Basic "+base64.StdEncoding.EncodeToString([]byte("agent1:pw STDIN SECRET ")))
	adds := []struct {
		stdin string
		args  []string
	}{
		{srv.URL + "/query.ics?token=q-STDIN-SECRET\n", []string{"--name", "Query"}},
		{srv.URL + "/bearer.ics\r\ntok-STDIN-SECRET\r\n", []string{"--name", "Bearer", "--token-stdin"}},
		{srv.URL + "/basic.ics\npw STDIN SECRET \n", []string{"--name", "Basic", "--user", "agent1", "--password-stdin"}},
	}
	var shown strings.Builder
	for _, a := range adds {
		code, out, errs := cliRun(t, feedsCmd, a.stdin, append([]string{"add", "--url-stdin"}, a.args...)...)
		if code != 0 || !strings.HasPrefix(out, "added "+a.args[1]+" (") || errs != "" {
			t.Fatalf("feeds add %v: exit %d, %q, %q", a.args, code, out, errs)
		}
		shown.WriteString(out + errs)
	}
	code, out, errs := cliRun(t, syncCmd, "")
	if code != 0 || strings.Count(out, ": updated (") != 3 {
		t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
	}
	_, list, _ := cliRun(t, feedsCmd, "", "list")
	shown.WriteString(out + errs + list)
	config, err := os.ReadFile(filepath.Join(cfg, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(shown.String()+string(config), "STDIN") {
		t.Fatalf("a secret given on standard input shows:\n%s\n%s", shown.String(), config)
	}

	// Misuse: each refused in one line that repeats nothing of the input.
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"--url-stdin", srv.URL + "/x.ics?token=ARG-SECRET"}, 2, "give the address either on standard input (--url-stdin) or as an argument, not both"},
		{"", []string{"--url-stdin"}, 1, "standard input has no feed address on line 1"},
		{srv.URL + "/x.ics?token=ONE-LINE-SECRET\n", []string{"--url-stdin", "--token-stdin"}, 1, "standard input has no token on line 2: pipe in the feed address, then the token"},
		{srv.URL + "/x.ics\n", []string{"--url-stdin", "--password-stdin"}, 2, "--password-stdin needs --user"},
	} {
		code, out, errs := cliRun(t, feedsCmd, c.stdin, append([]string{"add"}, c.args...)...)
		if code != c.code || !strings.HasPrefix(errs, "shiftdesk feeds add: "+c.want) || strings.Contains(out+errs, "SECRET") {
			t.Errorf("feeds add %v: exit %d, stdout %q, stderr %q; want %d and %q", c.args, code, out, errs, c.code, c.want)
		}
	}

	// An address with a secret typed as an argument works, with a hint.
	code, _, errs = cliRun(t, feedsCmd, "", "add", srv.URL+"/query.ics?token=other-SECRET", "--name", "Typed")
	if code != 0 || !strings.Contains(errs, "--url-stdin") || strings.Contains(errs, "SECRET") {
		t.Errorf("typed secret address: exit %d, stderr %q", code, errs)
	}
	_, help, _ := mainForTest(t, Info{}, "help")
	if !strings.Contains(help, "--url-stdin") || !strings.Contains(help, "private address") {
		t.Errorf("help does not name --url-stdin for private addresses:\n%s", help)
	}
	_, usage, _ := cliRun(t, feedsCmd, "", "help")
	if !strings.Contains(usage, "shiftdesk feeds add --url-stdin") || !strings.Contains(usage, "shell history") {
		t.Errorf("feeds help:\n%s", usage)
	}
}

// TestFeedsNamesAndColoursRefused: "feeds add --name" and "feeds rename"
// refuse a name with a control character, "--color" anything but
// #rrggbb: exit 2, one line, nothing saved (issue 13, case 6).
func TestFeedsNamesAndColoursRefused(t *testing.T) {
	cfg, _ := cliHome(t)
	feedsCmd := withStore(secrets.NewFake(), runFeedsWith)
	if code, _, errs := cliRun(t, feedsCmd, "", "add", "https://wfm.example.com/cal.ics", "--name", "Work"); code != 0 {
		t.Fatalf("add: %d %q", code, errs)
	}
	before, _ := os.ReadFile(filepath.Join(cfg, "config.json"))
	for _, args := range [][]string{
		{"add", "https://wfm.example.com/b.ics", "--name", "Work (enabled)\n  address: https://evil.example/"},
		{"add", "https://wfm.example.com/b.ics", "--name", "\x1b[2KWork"},
		{"add", "https://wfm.example.com/b.ics", "--name", "B\u2028C"},
		{"rename", "Work", "Wo\nrk"},
		{"rename", "Work", "\u202eWork"},
		{"add", "https://wfm.example.com/b.ics", "--color", "notacolor"},
		{"add", "https://wfm.example.com/b.ics", "--color", "#12345g"},
	} {
		code, out, errs := cliRun(t, feedsCmd, "", args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("feeds %q: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errs)
		}
	}
	after, _ := os.ReadFile(filepath.Join(cfg, "config.json"))
	if !bytes.Equal(before, after) {
		t.Errorf("a refused command changed the config:\n%s", after)
	}
}
