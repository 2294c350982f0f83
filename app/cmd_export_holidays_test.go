package app

import (
	"strings"
	"testing"
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
