package settings

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

func TestDefaultHoursAreTheLedgerDefaults(t *testing.T) {
	if got, want := Default().Hours.Rules(), hours.DefaultRules(); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestOldConfigKeepsHoursDefaultsAndExplicitValuesStay(t *testing.T) {
	dir := t.TempDir()
	old := `{"version":1,"theme":"dark","refresh_minutes":60,"reminders":{"shift_minutes":15,"break_minutes":3,"on_changes":true}}`
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Hours, Default().Hours) || s.TextScale != 0 {
		t.Fatalf("hours %+v scale %v", s.Hours, s.TextScale)
	}
	if l := s.Reminders.Lead(RemindBreakEnd); l != (Lead{On: true, Minutes: 3}) {
		t.Fatalf("break end follows break_minutes: %+v", l)
	}
	if l := s.Reminders.Lead(RemindMeeting); l.On {
		t.Fatalf("meeting reminders are off by default: %+v", l)
	}

	s.Hours.UnpaidKinds = []calendar.Kind{} // every kind paid
	s.Hours.ContractHours, s.Hours.NightStart, s.Hours.MaxWeekHours = 37.5, "23:30", 0
	s.Theme, s.TextScale = "contrast-dark", 1.5
	s.Reminders.PerKind = map[string]Lead{RemindBreakEnd: {On: false, Minutes: 1}}
	if err := Save(dir, s); err != nil {
		t.Fatal(err)
	}
	back, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := back.Hours.Rules()
	if len(r.Unpaid) != 0 || r.Contract != 37*time.Hour+30*time.Minute || r.NightStart != 23*time.Hour+30*time.Minute || r.MaxWeek != 0 {
		t.Fatalf("rules after a round trip: %+v", r)
	}
	if back.Theme != "contrast-dark" || back.TextScale != 1.5 || back.Reminders.Lead(RemindBreakEnd).On {
		t.Fatalf("round trip: %+v", back)
	}
}

func TestValidateHours(t *testing.T) {
	for name, change := range map[string]func(*Settings){
		"night":    func(s *Settings) { s.Hours.NightEnd = "6 am" },
		"unpaid":   func(s *Settings) { s.Hours.UnpaidKinds = []calendar.Kind{"nap"} },
		"rest":     func(s *Settings) { s.Hours.DailyRestHours = 30 },
		"scale":    func(s *Settings) { s.TextScale = 5 },
		"lead":     func(s *Settings) { s.Reminders.PerKind = map[string]Lead{RemindLunchEnd: {On: true, Minutes: -1}} },
		"contract": func(s *Settings) { s.Hours.ContractHours = -1 },
	} {
		s := Default()
		change(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestHonoursAlarmsByIDOrName(t *testing.T) {
	s := Default()
	s.Feeds = []Feed{{ID: "f1", Name: "Work", URL: "x", Enabled: true}, {ID: "f2", Name: "Team", URL: "y", Enabled: true}}
	if s.HonoursAlarms("Work") || s.HonoursAlarms("f2") {
		t.Fatal("alarms are ignored by default")
	}
	s.AlarmFeeds = []string{"f1"}
	if !s.HonoursAlarms("Work") || !s.HonoursAlarms("f1") || s.HonoursAlarms("Team") {
		t.Fatal("only the Work feed rings its alarms")
	}
}
