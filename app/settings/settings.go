// Package settings holds the agent's configuration: feeds (without
// secrets), own zone, customer regions, reminders, refresh interval, kind
// rules, language and theme. It is stored as versioned JSON under the user
// config dir; secrets live in the OS keyring (see app/secrets), never here.
package settings

import (
	"errors"
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

// CurrentVersion is the version of the config format this build writes.
const CurrentVersion = 1

// AuthKind says how a feed signs in.
type AuthKind string

// The ways a feed can sign in. The secret of each lives in the keyring.
const (
	AuthNone   AuthKind = "none"
	AuthBasic  AuthKind = "basic"  // User + password in the keyring
	AuthBearer AuthKind = "bearer" // token in the keyring
)

// Feed is one subscribed feed. URL never holds a secret: userinfo and secret
// query parameters or path parts are moved to the keyring (SecretInURL) and
// the stored URL is redacted.
type Feed struct {
	ID      string   `json:"id"` // stable, used for cache and keyring keys
	Name    string   `json:"name"`
	URL     string   `json:"url"` // http(s) URL or local file path, secret parts redacted
	Color   string   `json:"color"`
	Enabled bool     `json:"enabled"`
	Auth    AuthKind `json:"auth"`
	User    string   `json:"user,omitempty"`
	// SecretInURL is true when the real URL (with its secret parts) is kept
	// in the keyring.
	SecretInURL bool `json:"secret_in_url,omitempty"`
	// RefreshMinutes overrides Settings.RefreshMinutes when > 0.
	RefreshMinutes int `json:"refresh_minutes,omitempty"`
	// CalDAV is true when URL is a CalDAV calendar collection, read with
	// calendar-query/multiget (app/caldav) instead of one GET.
	CalDAV bool `json:"caldav,omitempty"`
}

// Reminders are lead times for desktop notifications, in minutes.
type Reminders struct {
	ShiftMinutes int  `json:"shift_minutes"` // before a shift starts (default 10)
	BreakMinutes int  `json:"break_minutes"` // before a break starts or ends (default 2)
	OnChanges    bool `json:"on_changes"`    // when a sync finds changes
	// PerKind overrides the lead time of one reminder (see ReminderKinds);
	// a reminder not named here follows ShiftMinutes or BreakMinutes.
	PerKind map[string]Lead `json:"per_kind,omitempty"`
}

// Lead is one kind of reminder: on or off, and how long before.
type Lead struct {
	On      bool `json:"on"`
	Minutes int  `json:"minutes"`
}

// The reminders that can be set one by one.
const (
	RemindShiftStart = "shift_start"
	RemindBreakStart = "break_start"
	RemindBreakEnd   = "break_end" // "back on the queue in 2 min"
	RemindLunchStart = "lunch_start"
	RemindLunchEnd   = "lunch_end"
	RemindMeeting    = "meeting"
	RemindTraining   = "training"
)

// ReminderKinds lists the reminders in display order.
func ReminderKinds() []string {
	return []string{RemindShiftStart, RemindBreakStart, RemindBreakEnd, RemindLunchStart, RemindLunchEnd, RemindMeeting, RemindTraining}
}

// Lead returns the lead of one reminder kind: PerKind when set, else the
// defaults of before per-kind reminders (shift start ShiftMinutes; breaks
// and lunch BreakMinutes; meetings and training off, 5 min).
func (r Reminders) Lead(kind string) Lead {
	if l, ok := r.PerKind[kind]; ok {
		return l
	}
	switch kind {
	case RemindShiftStart:
		return Lead{On: true, Minutes: r.ShiftMinutes}
	case RemindBreakStart, RemindBreakEnd, RemindLunchStart, RemindLunchEnd:
		return Lead{On: true, Minutes: r.BreakMinutes}
	}
	return Lead{On: false, Minutes: 5}
}

// Hours are the agent's rules for the hours ledger and the rest warnings
// (see calendar/hours). A zero rest or maximum turns that rule off.
type Hours struct {
	// ContractHours is the contract time per week; 0 means none.
	ContractHours float64 `json:"contract_hours"`
	// UnpaidKinds are not work even inside a shift (default lunch).
	UnpaidKinds []calendar.Kind `json:"unpaid_kinds"`
	// NightStart and NightEnd bound the night hours, "HH:MM" local.
	NightStart string `json:"night_start"`
	NightEnd   string `json:"night_end"`
	// DailyRestHours, WeeklyRestHours, MaxWeekHours: 11, 35, 48.
	DailyRestHours  float64 `json:"daily_rest_hours"`
	WeeklyRestHours float64 `json:"weekly_rest_hours"`
	MaxWeekHours    float64 `json:"max_week_hours"`
}

// Rules returns h as the ledger's rules; a night bound that is not HH:MM
// keeps its default.
func (h Hours) Rules() hours.Rules {
	r := hours.DefaultRules()
	r.Unpaid = append([]calendar.Kind(nil), h.UnpaidKinds...)
	r.Contract = hoursOf(h.ContractHours)
	if d, ok := timeOfDay(h.NightStart); ok {
		r.NightStart = d
	}
	if d, ok := timeOfDay(h.NightEnd); ok {
		r.NightEnd = d
	}
	r.DailyRest, r.WeeklyRest, r.MaxWeek = hoursOf(h.DailyRestHours), hoursOf(h.WeeklyRestHours), hoursOf(h.MaxWeekHours)
	return r
}

func hoursOf(h float64) time.Duration {
	if h <= 0 {
		return 0
	}
	return time.Duration(h * float64(time.Hour)).Round(time.Minute)
}

// timeOfDay reads "HH:MM" (00:00–24:00) as time after midnight.
func timeOfDay(s string) (time.Duration, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		if s == "24:00" {
			return 24 * time.Hour, true
		}
		return 0, false
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
}

// Export is the auto-publish setting: after each sync, rewrite Path with the
// next Days of availability.
type Export struct {
	Path   string `json:"path,omitempty"`
	Days   int    `json:"days,omitempty"`
	Region string `json:"region,omitempty"`
	Format string `json:"format,omitempty"` // ics | freebusy | text
}

// Settings is the whole configuration.
type Settings struct {
	Version  int    `json:"version"`
	Zone     string `json:"zone,omitempty"`     // IANA; "" = the system zone
	Language string `json:"language,omitempty"` // "", en, sv, nl, fr
	Theme    string `json:"theme,omitempty"`    // system | light | dark | contrast-light | contrast-dark
	// TextScale is the text size (Fyne's scale), 1 = 100%; 0 = the system's.
	TextScale      float64             `json:"text_scale,omitempty"`
	RefreshMinutes int                 `json:"refresh_minutes"`
	Reminders      Reminders           `json:"reminders"`
	Regions        []calendar.Region   `json:"regions,omitempty"`
	KindRules      []calendar.KindRule `json:"kind_rules,omitempty"`
	// BlockingKinds are the kinds that make the agent unavailable inside a
	// shift (default: break, lunch, meeting, training, time off).
	BlockingKinds []calendar.Kind `json:"blocking_kinds,omitempty"`
	Feeds         []Feed          `json:"feeds,omitempty"`
	Export        Export          `json:"export"`
	// CalDAV is publishing availability to a CalDAV calendar (off when
	// its Calendar is "").
	CalDAV CalDAVPublish `json:"caldav_publish,omitzero"`
	// Hours are the rules of the hours ledger and rest warnings.
	Hours Hours `json:"hours"`
	// AlarmFeeds are the IDs of the feeds whose own alarms (VALARM, RFC
	// 5545 §3.6.6) remind the agent; the others' are ignored (the default:
	// WFM exports often carry one on every break).
	AlarmFeeds []string `json:"alarm_feeds,omitempty"`
}

// HonoursAlarms reports whether the feed with id (or name) rings its own
// alarms.
func (s Settings) HonoursAlarms(idOrName string) bool {
	for _, f := range s.Feeds {
		if f.ID == idOrName || f.Name == idOrName {
			idOrName = f.ID
		}
	}
	for _, id := range s.AlarmFeeds {
		if id == idOrName {
			return true
		}
	}
	return false
}

// Default returns the settings of a fresh install.
func Default() Settings {
	return Settings{
		Version:        CurrentVersion,
		Theme:          "system",
		RefreshMinutes: 60,
		Reminders:      Reminders{ShiftMinutes: 10, BreakMinutes: 2, OnChanges: true},
		BlockingKinds: []calendar.Kind{calendar.KindBreak, calendar.KindLunch, calendar.KindMeeting,
			calendar.KindTraining, calendar.KindTimeOff},
		Export: Export{Days: 14, Format: "ics"},
		Hours: Hours{UnpaidKinds: []calendar.Kind{calendar.KindLunch}, NightStart: "22:00", NightEnd: "06:00",
			DailyRestHours: 11, WeeklyRestHours: 35, MaxWeekHours: 48},
	}
}

// Location returns the agent's zone (the system zone when unset or unknown).
func (s Settings) Location() *time.Location {
	if s.Zone == "" {
		return time.Local
	}
	if loc, err := time.LoadLocation(s.Zone); err == nil {
		return loc
	}
	return time.Local
}

// validateHours checks the text size, the per-kind reminders and the hours
// rules (called by Validate).
func (s Settings) validateHours() error {
	if s.TextScale != 0 && (s.TextScale < 0.5 || s.TextScale > 3) {
		return fmt.Errorf("settings: text size %.0f%% is outside 50%%–300%%", s.TextScale*100)
	}
	for k, l := range s.Reminders.PerKind {
		if l.Minutes < 0 {
			return fmt.Errorf("settings: reminder %q: lead time cannot be negative", k)
		}
	}
	h := s.Hours
	if h.ContractHours < 0 || h.ContractHours > 168 || h.DailyRestHours < 0 || h.DailyRestHours > 24 ||
		h.WeeklyRestHours < 0 || h.WeeklyRestHours > 168 || h.MaxWeekHours < 0 || h.MaxWeekHours > 168 {
		return errors.New("settings: hours rules must lie between 0 and the hours of a day (rest) or a week")
	}
	for _, t := range []string{h.NightStart, h.NightEnd} {
		if _, ok := timeOfDay(t); t != "" && !ok {
			return fmt.Errorf("settings: night hours bound %q is not HH:MM", t)
		}
	}
	for _, k := range h.UnpaidKinds {
		if !knownKind(k) {
			return fmt.Errorf("settings: unknown unpaid kind %q", k)
		}
	}
	return nil
}
