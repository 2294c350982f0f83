package app

import (
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
