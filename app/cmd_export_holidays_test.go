package app

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
)

// novemberFeed is a 08:00–17:00 Stockholm shift every weekday from 16 Nov
// 2026 for five weeks.
const novemberFeed = "testdata/november_shifts.ics"

func TestExportSkipsRegionHolidays(t *testing.T) {
	st := agentSettings()
	st.Regions[0].Country = "JP"
	st.Regions[1].Country = "US"
	run := exportEnv(t, st)
	for _, tc := range []struct {
		region, holiday, workday string
	}{
		{"Japan", "Mon 23 Nov", "Tue 24 Nov"},
		{"US East", "Thu 26 Nov", "Wed 25 Nov"},
	} {
		code, out, errs := run("--format", "text", "--region", tc.region, "--from", "2026-11-23", "--to", "2026-11-28", "--feed", novemberFeed)
		if code != 0 {
			t.Fatalf("%s: %d %s", tc.region, code, errs)
		}
		if strings.Contains(out, tc.holiday) || !strings.Contains(out, tc.workday) {
			t.Errorf("%s: want no window on %s and one on %s:\n%s", tc.region, tc.holiday, tc.workday, out)
		}
	}
	// Without a country the holiday has its window.
	st.Regions[0].Country = ""
	run = exportEnv(t, st)
	_, out, _ := run("--format", "text", "--region", "Japan", "--from", "2026-11-23", "--to", "2026-11-28", "--feed", novemberFeed)
	if !strings.Contains(out, "Mon 23 Nov") {
		t.Errorf("no country, yet no window on Mon 23 Nov:\n%s", out)
	}
}

// cutBestHours splits a text export into its windows and the best-hours
// line that ends an export for one region ("" when there is none).
func cutBestHours(out string) (windows, best string) {
	i := strings.LastIndex(out, "\n\n")
	if i < 0 {
		return out, ""
	}
	return out[:i+1], strings.TrimSuffix(out[i+2:], "\n")
}

func TestExportTextBestHours(t *testing.T) {
	st := agentSettings()
	st.Regions[0].Country = "JP"
	run := exportEnv(t, st)
	// Mon 23 Nov is a holiday in Japan; Tue–Fri 08:00–10:00 Stockholm time
	// (16:00–18:00 JST) are the overlap.
	code, out, errs := run("--format", "text", "--region", "Japan", "--from", "2026-11-23", "--to", "2026-11-30", "--feed", novemberFeed)
	if code != 0 {
		t.Fatal(errs)
	}
	windows, best := cutBestHours(out)
	if best != "Japan: 8 h this week, longest Tue 08:00–10:00 your time" {
		t.Errorf("best hours %q in\n%s", best, out)
	}
	if strings.Count(windows, "\n") != 4 || !strings.HasPrefix(windows, "Tue 24 Nov 16:00–18:00 JST\n") {
		t.Errorf("windows:\n%s", windows)
	}
	_, out, _ = run("--format", "text", "--region", "all", "--from", "2026-11-23", "--to", "2026-11-30", "--feed", novemberFeed)
	if _, best := cutBestHours(out); best != "" {
		t.Errorf("--region all has a best-hours line %q", best)
	}
}

// TestPublishSkipsRegionHolidays: auto-publish for Japan over the week of
// Labor Thanksgiving Day (Mon 23 Nov 2026) writes no window on that day,
// and the Japanese-holiday feed of a region without a country (served by
// a local server, synced into the offline copy) closes it too.
func TestPublishSkipsRegionHolidays(t *testing.T) {
	cliHome(t)
	data, err := os.ReadFile(novemberFeed)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := calendar.Parse(bytes.NewReader(data), calendar.ParseOptions{Source: "work"})
	if err != nil {
		t.Fatal(err)
	}
	occ := func(from, to time.Time, opts calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning) {
		return feed.Expand(from, to, opts)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:k@t\r\nDTSTAMP:20260101T000000Z\r\n" +
			"DTSTART;VALUE=DATE:20261125\r\nSUMMARY:Company day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "japan.txt")
	st := agentSettings()
	st.Regions[0].Country = "JP"
	st.Regions[0].HolidaysURL = srv.URL + "/company.ics"
	st.Export = settings.Export{Path: out, Days: 7, Region: "Japan", Format: "text"}
	if err := syncHolidayFeeds(context.Background(), st.Regions, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := publishAvailability(st, occ, time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	for _, day := range []string{"Mon 23 Nov", "Wed 25 Nov"} {
		if strings.Contains(string(got), day) {
			t.Errorf("published a window on %s:\n%s", day, got)
		}
	}
	if !strings.Contains(string(got), "Tue 24 Nov 16:00–18:00 JST") || !strings.Contains(string(got), "Thu 26 Nov") {
		t.Errorf("published:\n%s", got)
	}
}
