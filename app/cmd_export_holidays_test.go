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
