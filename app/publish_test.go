package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/assets"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// TestAutoPublishAfterSync follows an agent who subscribes to a feed file,
// turns auto-publish on, and syncs: the published file holds the windows
// of the next days, is rewritten by each sync, and stops after "off".
func TestAutoPublishAfterSync(t *testing.T) {
	cliHome(t)
	t.Setenv("TZ", "Europe/Stockholm")
	store := secrets.NewFake()
	dir := t.TempDir()
	feed := filepath.Join(dir, "demo.ics")
	if err := os.WriteFile(feed, assets.DemoFeed, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", feed, "--name", "Demo"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	out := filepath.Join(dir, "available.ics")

	// Before auto-publish is on, a sync writes nothing.
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("auto-publish wrote %s before it was turned on: %v", out, err)
	}

	code, stdout, errs := cliRun(t, runExport, "", "--publish", out, "--days", "7")
	if code != 0 || !strings.Contains(stdout, "Wrote ") {
		t.Fatalf("export --publish: %d %q %q", code, stdout, errs)
	}
	first := readWindows(t, out)
	if len(first) == 0 {
		t.Fatal("the published file has no available windows for the demo week")
	}
	now := time.Now()
	for _, o := range first {
		if o.Summary != "Available" || o.End.Before(now.AddDate(0, 0, -1)) || o.Start.After(now.AddDate(0, 0, 8)) {
			t.Fatalf("published window outside the next 7 days or mislabelled: %+v", o)
		}
	}

	// A sync rewrites the file (removed here, so its return proves it).
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs = cliRun(t, withStore(store, runSyncWith), "")
	if code != 0 || !strings.Contains(stdout, "Published ") {
		t.Fatalf("sync with auto-publish: %d %q %q", code, stdout, errs)
	}
	if again := readWindows(t, out); len(again) != len(first) {
		t.Fatalf("sync published %d windows, export --publish %d", len(again), len(first))
	}

	// Off: the next sync leaves the file alone.
	if code, _, errs := cliRun(t, runExport, "", "--publish", "off"); code != 0 {
		t.Fatalf("export --publish off: %s", errs)
	}
	os.Remove(out)
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("auto-publish still wrote %s after off", out)
	}

	// Bad input: no settings are changed.
	if code, _, errs := cliRun(t, runExport, "", "--publish", out, "--days", "0"); code != 2 || !strings.Contains(errs, "--days 0") {
		t.Fatalf("--days 0: %d %q", code, errs)
	}
}

// TestPublishPathAndBadInput: a relative --publish FILE is the file in the
// folder it was typed in, also for a sync run from elsewhere (or the
// window); a bad format or a missing folder is bad usage and changes no
// settings.
func TestPublishPathAndBadInput(t *testing.T) {
	cliHome(t)
	t.Setenv("TZ", "Europe/Stockholm")
	store := secrets.NewFake()
	dir, elsewhere := t.TempDir(), t.TempDir()
	feed := filepath.Join(dir, "demo.ics")
	if err := os.WriteFile(feed, assets.DemoFeed, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", feed, "--name", "Demo"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	t.Chdir(dir)
	if code, _, errs := cliRun(t, runExport, "", "--publish", "available.ics"); code != 0 {
		t.Fatalf("export --publish: %s", errs)
	}
	want := filepath.Join(dir, "available.ics")
	if err := os.Remove(want); err != nil {
		t.Fatalf("export --publish did not write %s: %v", want, err)
	}
	t.Chdir(elsewhere)
	if code, _, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("sync from another folder did not rewrite %s: %v", want, err)
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "available.ics")); !os.IsNotExist(err) {
		t.Fatalf("sync wrote the file in its own folder: %v", err)
	}

	before, err := settings.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--publish", "other.ics", "--format", "pdf"},
		{"--publish", filepath.Join(dir, "no-such-dir", "x.ics")},
		{"--publish", dir},
	} {
		code, _, errs := cliRun(t, runExport, "", args...)
		if code != 2 || strings.Count(errs, "\n") != 1 || strings.Contains(errs, ".tmp") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one clear line", args, code, errs)
		}
	}
	after, err := settings.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if after.Export != before.Export {
		t.Fatalf("bad --publish changed the settings: %+v → %+v", before.Export, after.Export)
	}
}

// TestPublishBeforeFirstSync: auto-publish turned on before any feed is
// synced writes no empty file (to a subscriber, "never available"); the
// first sync writes it.
func TestPublishBeforeFirstSync(t *testing.T) {
	cliHome(t)
	t.Setenv("TZ", "Europe/Stockholm")
	store := secrets.NewFake()
	dir := t.TempDir()
	out := filepath.Join(dir, "available.ics")
	code, stdout, errs := cliRun(t, runExport, "", "--publish", out)
	if code != 0 || !strings.Contains(stdout, "after the first sync") {
		t.Fatalf("export --publish with no feeds: %d %q %q", code, stdout, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("an empty availability file was written: %v", err)
	}
	feed := filepath.Join(dir, "demo.ics")
	if err := os.WriteFile(feed, assets.DemoFeed, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", feed, "--name", "Demo"); code != 0 {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, _, errs := cliRun(t, runExport, "", "--publish", out); code != 0 {
		t.Fatalf("export --publish before the first sync: %s", errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("an empty availability file was written before the first sync: %v", err)
	}
	if code, stdout, errs := cliRun(t, withStore(store, runSyncWith), ""); code != 0 || !strings.Contains(stdout, "Published ") {
		t.Fatalf("sync: %d %q %q", code, stdout, errs)
	}
	if len(readWindows(t, out)) == 0 {
		t.Fatal("the first sync published no windows")
	}
	// The plain export says what is missing, once ("shiftdesk export: ...").
	cliHome(t)
	code, _, errs = cliRun(t, runExport, "")
	if code != 1 || errs != "shiftdesk export: no feeds subscribed yet (shiftdesk feeds add URL)\n" {
		t.Fatalf("export with no feeds: %d %q", code, errs)
	}
}

// TestPublishWithUnnamedSystemZone: with no zone in the settings and a
// system zone without an IANA name (Windows), auto-publish still writes
// each format (.ics in UTC times) instead of failing after every sync.
func TestPublishWithUnnamedSystemZone(t *testing.T) {
	t.Setenv("TZ", "") // namedZone finds no name
	if _, err := namedZone(time.Local); err == nil {
		t.Skip("the system zone has a name here")
	}
	start := time.Now().UTC().Truncate(time.Hour).Add(24 * time.Hour)
	occ := func(from, to time.Time, _ calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning) {
		return []calendar.Occurrence{{Summary: "Shift", Kind: calendar.KindShift, UID: "s1", Start: start, End: start.Add(8 * time.Hour)}}, nil
	}
	dir := t.TempDir()
	for _, format := range []string{"ics", "freebusy", "text"} {
		st := settings.Default()
		st.Export = settings.Export{Path: filepath.Join(dir, "a-"+format), Days: 3, Format: format}
		n, err := publishAvailability(st, occ, time.Now())
		if err != nil || n != 1 {
			t.Fatalf("%s: %d windows, %v", format, n, err)
		}
		b, err := os.ReadFile(st.Export.Path)
		if err != nil {
			t.Fatal(err)
		}
		if format == "ics" && (!strings.Contains(string(b), "DTSTART:"+start.Format("20060102T150405Z")+"\r\n") || strings.Contains(string(b), "TZID")) {
			t.Errorf("ics not in UTC times:\n%s", b)
		}
	}
}

// readWindows parses a published .ics with the engine.
func readWindows(t *testing.T, path string) []calendar.Occurrence {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := calendar.Parse(bytes.NewReader(b), calendar.ParseOptions{Source: path})
	if err != nil {
		t.Fatalf("published file does not parse: %v", err)
	}
	occ, warns := f.Expand(time.Now().AddDate(0, 0, -2), time.Now().AddDate(0, 0, 10), calendar.ExpandOptions{Zone: time.UTC})
	if len(warns) > 0 {
		t.Fatalf("published file warnings: %v", warns)
	}
	return occ
}
