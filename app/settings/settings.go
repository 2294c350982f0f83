// Package settings holds the agent's configuration: feeds (without
// secrets), own zone, customer regions, reminders, refresh interval, kind
// rules, language and theme. It is stored as versioned JSON under the user
// config dir; secrets live in the OS keyring (see app/secrets), never here.
package settings

import (
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
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
	Version        int                 `json:"version"`
	Zone           string              `json:"zone,omitempty"`     // IANA; "" = the system zone
	Language       string              `json:"language,omitempty"` // "", en, sv, nl, fr
	Theme          string              `json:"theme,omitempty"`    // system | light | dark
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
