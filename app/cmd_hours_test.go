package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
)

const hoursFeedDir = "../calendar/hours/testdata"

func TestHoursJSON(t *testing.T) {
	hermetic(t)
	code, out, errOut := mainForTest(t, Info{}, "hours", "--from", "2026-10-19", "--to", "2026-11-09",
		filepath.Join(hoursFeedDir, "short_rest.ics"), "--zone", "Europe/Stockholm", "--contract", "37.5",
		filepath.Join(hoursFeedDir, "seven_days.ics"), "--json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []hoursJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := []hoursJSON{
		{Week: "2026-W43", Work: 2310, Overtime: 60, Night: 60, TimeOff: 60, Warnings: []hoursWarningJSON{{
			Kind: "daily_rest", From: "2026-10-20T21:00:00Z", To: "2026-10-21T05:00:00Z", Minutes: 480,
			Text: "Only 8 h rest between Tue 23:00 and Wed 07:00 (11 h needed)"}}},
		{Week: "2026-W44", Work: 2520, Overtime: 270, Warnings: []hoursWarningJSON{{
			Kind: "weekly_rest", From: "2026-10-26T07:00:00Z", To: "2026-11-02T07:00:00Z", Minutes: 1080,
			Text: "No 35 h weekly rest in week 2026-W44: 7 days from Mon 26 Oct 08:00 with 18 h rest at most"}}},
		{Week: "2026-W45", Work: 3000, Overtime: 750, Warnings: []hoursWarningJSON{{
			Kind: "max_week", From: "2026-11-01T23:00:00Z", To: "2026-11-08T23:00:00Z", Minutes: 3000,
			Text: "50 h of work in week 2026-W45, over the 48 h maximum"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%s", out)
	}
	// The exact field names of the issue, warnings an array even when empty.
	code, out, _ = mainForTest(t, Info{}, "hours", "--json", "--zone", "Europe/Stockholm", "--from", "2026-10-12", "--to", "2026-10-19",
		filepath.Join(hoursFeedDir, "sunday_monday.ics"))
	if code != 0 || strings.TrimSpace(out) != `[
 {
  "week": "2026-W42",
  "work_minutes": 120,
  "overtime_minutes": 0,
  "night_minutes": 120,
  "time_off_minutes": 0,
  "warnings": []
 }
]` {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestHoursTextUsesTheContractSetting(t *testing.T) {
	hermetic(t)
	s := settings.Default()
	s.Hours.ContractHours = 40
	if err := settings.Save("", s); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := mainForTest(t, Info{}, "hours", "--zone", "Europe/Stockholm", "--from", "2026-10-12", "--to", "2026-10-26",
		filepath.Join(hoursFeedDir, "sunday_monday.ics"), filepath.Join(hoursFeedDir, "short_rest.ics"))
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `Hours (Europe/Stockholm, contract 40 h a week)
2026-W42  Mon 12 Oct  work 2 h · overtime 0 h · night 2 h
2026-W43  Mon 19 Oct  work 44 h 30 min · overtime 4 h 30 min · night 7 h · meetings and training 2 h · time off 1 h
          ! Only 2 h rest between Mon 06:00 and Mon 08:00 (11 h needed)
          ! Only 8 h rest between Tue 23:00 and Wed 07:00 (11 h needed)
`
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

func TestHoursBadUsageAndMissingFeed(t *testing.T) {
	hermetic(t)
	feed := filepath.Join(hoursFeedDir, "short_rest.ics")
	for _, args := range [][]string{
		{"--contract", "lots", feed},
		{"--zone", "Mars/Olympus", feed},
		{"--from", "19/10/2026", feed},
		{"--from", "2026-10-19", "--to", "2026-10-12", feed},
	} {
		if code, _, errOut := mainForTest(t, Info{}, append([]string{"hours"}, args...)...); code != 2 || !strings.HasPrefix(errOut, "shiftdesk hours: ") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	missing := filepath.Join(t.TempDir(), "nope.ics")
	code, _, errOut := mainForTest(t, Info{}, "hours", missing)
	if code != 1 || !strings.Contains(errOut, "nope.ics") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("created the missing feed")
	}
	code, _, errOut = mainForTest(t, Info{}, "hours")
	if code != 1 || !strings.Contains(errOut, "no feeds subscribed yet") {
		t.Fatalf("no synced feeds: exit %d, stderr %q", code, errOut)
	}
}

// twoShifts is a feed with a late shift tomorrow (14:00–22:00 UTC) and a
// shift the day after starting at nextHour.
func twoShifts(day time.Time, nextHour int) []byte {
	d1, d2 := day.Format("20060102"), day.AddDate(0, 0, 1).Format("20060102")
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Shiftdesk test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:late@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + d1 + "T140000Z\r\nDTEND:" + d1 + "T220000Z\r\nSUMMARY:Shift\r\nEND:VEVENT\r\n" +
		fmt.Sprintf("BEGIN:VEVENT\r\nUID:next@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:%sT%02d0000Z\r\nDTEND:%sT%02d0000Z\r\nSUMMARY:Shift\r\nEND:VEVENT\r\n", d2, nextHour, d2, nextHour+8) +
		"END:VCALENDAR\r\n")
}

// A sync that moves a shift so that the rest before it is too short: the
// changes say so.
func TestChangesSayShortRest(t *testing.T) {
	cfg, _ := cliHome(t)
	store := secrets.NewFake()
	srv := newFeedServer(t)
	tomorrow := time.Now().UTC().AddDate(0, 0, 1)
	srv.serve("/rota.ics", twoShifts(tomorrow, 10), "")
	if code, _, errs := cliRun(t, withStore(store, runFeedsWith), "", "add", srv.URL+"/rota.ics", "--name", "Rota"); code != 0 {
		t.Fatal(errs)
	}
	s, err := settings.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.Zone = "UTC"
	if err := settings.Save(cfg, s); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("first sync: %s", out)
	}
	srv.serve("/rota.ics", twoShifts(tomorrow, 6), "")
	if code, out, _ := cliRun(t, withStore(store, runSyncWith), ""); code != 0 {
		t.Fatalf("second sync: %s", out)
	}
	code, out, _ := cliRun(t, runChanges, "")
	want := "This leaves a short rest: Only 8 h rest between " + tomorrow.Format("Mon") + " 22:00 and " +
		tomorrow.AddDate(0, 0, 1).Format("Mon") + " 06:00 (11 h needed)\n"
	if code != 0 || !strings.HasSuffix(out, want) || !strings.Contains(out, "shift moved 10:00 → 06:00") {
		t.Fatalf("changes:\n%s\nwant the last line\n%s", out, want)
	}
}
