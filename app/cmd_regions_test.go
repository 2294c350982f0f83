package app

import (
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

func TestRegionsAddListRemove(t *testing.T) {
	cfg, _ := cliHome(t)
	code, out, errs := cliRun(t, runRegions, "", "add", "Japan", "--zone", "Asia/Tokyo", "--days", "Mon-Fri", "--hours", "09:00-18:00", "--country", "jp")
	if code != 0 || !strings.Contains(out, "added Japan") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	code, _, errs = cliRun(t, runRegions, "", "add", "Sydney", "--zone", "Australia/Sydney", "--days", "Mon-Fri,Sat", "--hours", "08:30-17:00", "--country", "AU-NSW", "--closed", "2026-12-31=Stocktake")
	if code != 0 {
		t.Fatalf("add Sydney: %d %q", code, errs)
	}
	st, err := settings.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Regions) != 2 {
		t.Fatalf("regions: %+v", st.Regions)
	}
	jp, au := st.Regions[0], st.Regions[1]
	if jp.Country != "JP" || jp.Open != 9*60 || jp.Close != 18*60 || len(jp.Days) != 5 || jp.Days[0] != time.Monday {
		t.Errorf("Japan saved as %+v", jp)
	}
	if au.Country != "AU" || au.Subdivision != "NSW" || len(au.Days) != 6 || au.ClosedDates[0].Name != "Stocktake" {
		t.Errorf("Sydney saved as %+v", au)
	}
	code, out, _ = cliRun(t, runRegions, "", "list")
	if code != 0 || !strings.Contains(out, "Japan\tAsia/Tokyo\tMon-Fri 09:00-18:00\tholidays JP") ||
		!strings.Contains(out, "Sydney\tAustralia/Sydney\tMon-Sat 08:30-17:00\tholidays AU-NSW\tclosed 2026-12-31") {
		t.Errorf("list: %q", out)
	}
	if code, _, _ = cliRun(t, runRegions, "", "remove", "japan"); code != 0 {
		t.Errorf("remove: %d", code)
	}
	st, _ = settings.Load(cfg)
	if len(st.Regions) != 1 || st.Regions[0].Name != "Sydney" {
		t.Errorf("after remove: %+v", st.Regions)
	}
}

func TestRegionsBadInput(t *testing.T) {
	cfg, _ := cliHome(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "Japan", "--zone", "Asia/Nowhere"}, `unknown time zone "Asia/Nowhere"`},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--hours", "18:00-09:00"}, "business hours end (09:00) before they start (18:00)"},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--country", "XX"}, `no holidays known for country "XX"`},
		{[]string{"add", "Sydney", "--zone", "Australia/Sydney", "--country", "AU-XYZ"}, `subdivision "XYZ" of AU`},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--days", "Mon-Fry"}, `unknown day "fry"`},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--hours", "9-18"}, `"9" is not a time of day`},
		{[]string{"add", "Japan"}, "--zone is required"},
		{[]string{"add", "--zone", "Asia/Tokyo"}, "give the region a name"},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--holidays", "ftp://x/y.ics"}, "--holidays"},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--holidays", "https://x.example/h.ics?token=abc"}, "holds a secret"},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--closed", "2026-13-01"}, "is not a date"},
		{[]string{"add", "Japan", "--zone", "Asia/Tokyo", "--holidays", "/tmp/holidays.ics"}, "a holiday feed is a web address"},
		{[]string{"remove", "Atlantis"}, `unknown region "Atlantis"`},
		{[]string{"frobnicate"}, `unknown action "frobnicate"`},
	} {
		code, out, errs := cliRun(t, runRegions, "", tc.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tc.want) ||
			!strings.HasPrefix(errs, "shiftdesk regions: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tc.args, code, out, errs, tc.want)
		}
		if _, err := os.Stat(filepath.Join(cfg, settings.FileName)); err == nil {
			t.Fatalf("%v: a config was written", tc.args)
		}
	}
	cliRun(t, runRegions, "", "add", "Japan", "--zone", "Asia/Tokyo")
	code, _, errs := cliRun(t, runRegions, "", "add", "JAPAN", "--zone", "Asia/Tokyo")
	if code != 2 || !strings.Contains(errs, "exists already") {
		t.Errorf("duplicate: %d %q", code, errs)
	}
}

// indiaHolidays is a holiday feed for a country the library lacks (IN).
const indiaHolidays = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Holidays in India\r\n" +
	"BEGIN:VEVENT\r\nUID:diwali-2026@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261109\r\nDTEND;VALUE=DATE:20261110\r\nSUMMARY:Diwali/Deepavali\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestRegionHolidayFeedFromServer(t *testing.T) {
	_, cache := cliHome(t)
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		if hits > 1 {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html><title>Maintenance</title></html>"))
			return
		}
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write([]byte(indiaHolidays))
	}))
	defer srv.Close()
	code, _, errs := cliRun(t, runRegions, "", "add", "India", "--zone", "Asia/Kolkata", "--holidays", srv.URL+"/in.ics")
	if code != 0 || errs != "" {
		t.Fatalf("add: %d %q", code, errs)
	}
	st, _ := settings.Load("")
	r := st.Regions[0]
	dir := filepath.Join(cache, "holidays")
	check := func(when string) {
		t.Helper()
		days := regionHolidays(dir, st.Regions, calendar.Date{Year: 2026, Month: 11, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 1})
		h, ok := days["India"].On(calendar.Date{Year: 2026, Month: 11, Day: 9})
		if !ok || h.Name != "Diwali/Deepavali" {
			t.Errorf("%s: 9 Nov = %+v %v, want Diwali from the feed", when, h, ok)
		}
	}
	check("after add")
	// A later download that is a web page is refused and the offline copy kept.
	if err := syncHolidayFeeds(context.Background(), []calendar.Region{r}, "test"); err == nil || !strings.Contains(err.Error(), "India") {
		t.Errorf("sync of a web page: %v", err)
	}
	check("after a failed sync")
	srv.Close()
	if err := syncHolidayFeeds(context.Background(), []calendar.Region{r}, "test"); err == nil {
		t.Error("sync with the server gone succeeded")
	}
	check("offline")
}

func TestDaysSpecRoundTrip(t *testing.T) {
	for _, spec := range []string{"Mon-Fri", "Mon,Wed,Fri", "Mon-Wed,Sat", "Sat,Sun", "Mon-Sun", "Tue"} {
		days, err := parseDays(spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := daysSpec(days); got != spec {
			t.Errorf("%s read and written: %s", spec, got)
		}
	}
	if days, _ := parseDays("Fri-Mon"); daysSpec(days) != "Mon,Fri-Sun" {
		t.Errorf("Fri-Mon wraps past Sunday: %v", days)
	}
}

// A webcal:// holiday feed (as calendar sites offer them) is accepted and
// downloaded over http, as the usage says; the address is kept as typed.
func TestRegionHolidayFeedWebcal(t *testing.T) {
	_, cache := cliHome(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write([]byte(indiaHolidays))
	}))
	defer srv.Close()
	feed := "webcal://" + strings.TrimPrefix(srv.URL, "http://") + "/in.ics"
	code, _, errs := cliRun(t, runRegions, "", "add", "India", "--zone", "Asia/Kolkata", "--holidays", feed)
	if code != 0 || errs != "" {
		t.Fatalf("add: %d %q", code, errs)
	}
	st, _ := settings.Load("")
	if len(st.Regions) != 1 || st.Regions[0].HolidaysURL != feed {
		t.Fatalf("regions %+v", st.Regions)
	}
	days := regionHolidays(filepath.Join(cache, "holidays"), st.Regions, calendar.Date{Year: 2026, Month: 11, Day: 1}, calendar.Date{Year: 2026, Month: 12, Day: 1})
	if h, ok := days["India"].On(calendar.Date{Year: 2026, Month: 11, Day: 9}); !ok || h.Name != "Diwali/Deepavali" {
		t.Errorf("9 Nov = %+v %v, want Diwali from the webcal feed", h, ok)
	}
}
