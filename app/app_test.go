package app

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// fyneAppInfoForTest parses the repository's FyneApp.toml, the one version source.
func fyneAppInfoForTest(t *testing.T) Info {
	t.Helper()
	raw, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatalf("read FyneApp.toml: %v", err)
	}
	return ParseInfo(raw)
}

// mainForTest calls Main with args and returns the exit code, stdout and stderr.
func mainForTest(t *testing.T, info Info, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(Env{
		Args:   args,
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
		Info:   info,
	})
	return code, stdout.String(), stderr.String()
}

func TestParseInfoRealFyneAppToml(t *testing.T) {
	raw, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatalf("read FyneApp.toml: %v", err)
	}
	got := ParseInfo(raw)

	// A real TOML decoder must read the same [Details] as ParseInfo.
	var want struct {
		Details struct {
			Name, ID, Version string
			Build             int
		}
	}
	if _, err := toml.Decode(string(raw), &want); err != nil {
		t.Fatalf("FyneApp.toml is not valid TOML: %v", err)
	}
	d := want.Details
	if got != (Info{Name: d.Name, ID: d.ID, Version: d.Version, Build: d.Build}) {
		t.Errorf("ParseInfo = %+v, TOML decoder says %+v", got, d)
	}
	if got.Name != "Shiftdesk" {
		t.Errorf("Name = %q, want Shiftdesk", got.Name)
	}
	if !regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+$`).MatchString(got.ID) {
		t.Errorf("ID = %q, want a reverse-DNS ID", got.ID)
	}
	// fyne package accepts x, x.y or x.y.z (it builds the Windows version
	// resource from it).
	if !regexp.MustCompile(`^\d+(\.\d+){0,2}$`).MatchString(got.Version) {
		t.Errorf("Version = %q, want x.y.z", got.Version)
	}
	if got.Build < 1 {
		t.Errorf("Build = %d, want >= 1", got.Build)
	}
}

func TestParseInfoOnlyReadsDetails(t *testing.T) {
	got := ParseInfo([]byte(`Website = "x"
[Details]
  Name = "Shiftdesk"
  ID = "app.shiftdesk.desktop"
  Version = "1.2.3"
  Build = 7
[Release]
  Version = "9.9.9"
`))
	want := Info{Name: "Shiftdesk", ID: "app.shiftdesk.desktop", Version: "1.2.3", Build: 7}
	if got != want {
		t.Errorf("ParseInfo = %+v, want %+v", got, want)
	}
}

func TestHelpListsSubcommands(t *testing.T) {
	info := fyneAppInfoForTest(t)
	for _, arg := range []string{"help", "--help", "-h"} {
		code, stdout, stderr := mainForTest(t, info, arg)
		if code != 0 {
			t.Errorf("shiftdesk %s: exit %d, want 0 (stderr %q)", arg, code, stderr)
		}
		if !strings.HasPrefix(stdout, "usage: shiftdesk") {
			t.Errorf("shiftdesk %s: stdout does not start with the usage line:\n%s", arg, stdout)
		}
		for _, sub := range []string{"agenda", "feeds", "sync", "changes", "export", "version", "help"} {
			if !regexp.MustCompile(`(?m)^  ` + sub + ` `).MatchString(stdout) {
				t.Errorf("shiftdesk %s does not list %q:\n%s", arg, sub, stdout)
			}
		}
	}
}

func TestVersionPrintsFyneAppVersion(t *testing.T) {
	info := fyneAppInfoForTest(t)
	for _, arg := range []string{"version", "--version"} {
		code, stdout, _ := mainForTest(t, info, arg)
		if code != 0 {
			t.Errorf("shiftdesk %s: exit %d, want 0", arg, code)
		}
		want := "Shiftdesk " + info.Version + " "
		if !strings.HasPrefix(stdout, want) || strings.Count(stdout, "\n") != 1 {
			t.Errorf("shiftdesk %s = %q, want one line starting %q", arg, stdout, want)
		}
	}
}

func TestUserAgentUsesVersion(t *testing.T) {
	info := fyneAppInfoForTest(t)
	if got, want := info.UserAgent(), "Shiftdesk/"+info.Version; got != want {
		t.Errorf("UserAgent() = %q, want %q", got, want)
	}
}

func TestBadUsageExits2(t *testing.T) {
	info := fyneAppInfoForTest(t)
	for _, tc := range []struct{ arg, first string }{
		{"frobnicate", `shiftdesk: unknown subcommand "frobnicate"`},
		{"--frobnicate", `shiftdesk: unknown flag "--frobnicate"`},
		{"-x", `shiftdesk: unknown flag "-x"`},
	} {
		code, stdout, stderr := mainForTest(t, info, tc.arg, "more")
		if code != 2 {
			t.Errorf("shiftdesk %s: exit %d, want 2", tc.arg, code)
		}
		if stdout != "" {
			t.Errorf("shiftdesk %s: stdout %q, want nothing", tc.arg, stdout)
		}
		lines := strings.Split(stderr, "\n")
		if lines[0] != tc.first {
			t.Errorf("shiftdesk %s: first line %q, want %q", tc.arg, lines[0], tc.first)
		}
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "usage: shiftdesk") {
			t.Errorf("shiftdesk %s: want the usage right after the one error line, got:\n%s", tc.arg, stderr)
		}
	}
}
