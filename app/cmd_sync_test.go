package app

import (
	"strings"
	"testing"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

func TestSyncCLIOneLinePerFeedAndExitCode(t *testing.T) {
	cliHome(t)
	store := secrets.NewFake()
	srv := newFeedServer(t)
	srv.serve("/good.ics", wfmFeed(t), "")
	srv.serve("/locked.ics", wfmFeed(t), "Bearer right")
	feedsCmd := withStore(store, runFeedsWith)
	for _, args := range [][]string{
		{"add", srv.URL + "/good.ics", "--name", "Good"},
		{"add", srv.URL + "/locked.ics", "--name", "Locked", "--token-stdin"},
		{"add", srv.URL + "/missing.ics", "--name", "Missing"},
	} {
		if code, _, errs := cliRun(t, feedsCmd, "wrong\n", args...); code != 0 {
			t.Fatalf("feeds %v: %s", args, errs)
		}
	}
	code, out, _ := cliRun(t, withStore(store, runSyncWith), "")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != 3 {
		t.Fatalf("sync: exit %d\n%s", code, out)
	}
	if !strings.HasPrefix(lines[0], "Good: updated (") ||
		lines[1] != "Locked: failed: sign-in failed — check the password or token" ||
		lines[2] != "Missing: failed: the feed address no longer exists" {
		t.Fatalf("sync lines:\n%s", out)
	}
	// Only the good one: exit 0.
	code, out, _ = cliRun(t, withStore(store, runSyncWith), "", "Good")
	if code != 0 || out != "Good: not modified\n" {
		t.Fatalf("sync Good: %d %q", code, out)
	}
	code, out, _ = cliRun(t, withStore(store, runSyncWith), "", "Nope")
	if code != 1 || !strings.Contains(out, "Nope: failed") {
		t.Fatalf("sync of an unknown feed: %d %q", code, out)
	}
	// Disable all, rename one: nothing to sync.
	for _, args := range [][]string{{"disable", "Good"}, {"disable", "Locked"}, {"rename", "Missing", "Old"}, {"disable", "old"}} {
		if code, _, errs := cliRun(t, feedsCmd, "", args...); code != 0 {
			t.Fatalf("feeds %v: %s", args, errs)
		}
	}
	code, out, _ = cliRun(t, withStore(store, runSyncWith), "")
	if code != 0 || !strings.Contains(out, "Every feed is disabled") {
		t.Fatalf("sync with every feed disabled: %d %q", code, out)
	}
	_, out, _ = cliRun(t, feedsCmd, "", "list")
	if !strings.Contains(out, "Old (disabled)") || !strings.Contains(out, "disabled; failed: the feed address no longer exists") {
		t.Fatalf("list:\n%s", out)
	}
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), "", "--all"); code != 2 || !strings.Contains(errs, `unknown flag "--all"`) {
		t.Fatalf("bad flag: %d %q", code, errs)
	}
}
