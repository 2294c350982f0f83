// Package zones resolves the time zones named in iCalendar feeds (the TZID
// parameter, RFC 5545 §3.2.19) to *time.Location values, and writes the
// VTIMEZONE components (RFC 5545 §3.6.5) an exported calendar needs.
//
// Feeds name zones in many ways: IANA names ("Europe/Berlin"), Windows
// zone IDs from Outlook and Exchange ("W. Europe Standard Time"), IANA names
// behind a vendor prefix ("/freeassociation.sourceforge.net/Europe/London"),
// quoted names, and names only the feed's own VTIMEZONE defines (Outlook's
// "Customized Time Zone"). A Resolver tries each interpretation in turn and
// never falls back to UTC silently: what it cannot resolve is an error
// wrapping ErrUnknownZone.
//
// The IANA database is embedded (time/tzdata), so zones resolve the same
// on every PC.
package zones

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // resolve IANA names on PCs without a zoneinfo database

	"github.com/emersion/go-ical"
)

//go:generate go run ./internal/genwindows -in /usr/share/unicode/cldr/common/supplemental/windowsZones.xml -out windows_table.go

// ErrUnknownZone is wrapped by every error for a TZID that names no known
// zone and has no usable VTIMEZONE in the feed.
var ErrUnknownZone = errors.New("zones: unknown time zone")

// Resolver resolves the TZIDs of one feed. It is safe for use by one
// goroutine at a time and caches every result (a location or an error) per
// TZID, so calling Resolve for each event of a large feed is cheap.
type Resolver struct {
	vtz       map[string]*ical.Component // by TZID as written
	loose     map[string]*ical.Component // by cleaned TZID (quotes, spaces, prefix)
	cache     map[string]resolved
	built     map[*ical.Component]resolved // FromVTimezone once per VTIMEZONE
	unknown   int                          // TZIDs that failed to resolve
	namesOnly bool                         // see NewNamesResolver
}

type resolved struct {
	loc *time.Location
	err error
}

// NewResolver returns a Resolver for a feed whose VTIMEZONE components are
// vtimezones (RFC 5545 §3.6.5). Components that are not VTIMEZONEs or have
// no TZID are ignored; when two share a TZID the first one wins.
func NewResolver(vtimezones []*ical.Component) *Resolver {
	r := &Resolver{
		vtz:   map[string]*ical.Component{},
		loose: map[string]*ical.Component{},
		cache: map[string]resolved{},
		built: map[*ical.Component]resolved{},
	}
	for _, c := range vtimezones {
		if c == nil || !strings.EqualFold(c.Name, ical.CompTimezone) {
			continue
		}
		p := c.Props.Get(ical.PropTimezoneID)
		if p == nil || p.Value == "" {
			continue
		}
		if _, ok := r.vtz[p.Value]; !ok {
			r.vtz[p.Value] = c
		}
		k := strings.ToLower(cleanTZID(p.Value, false))
		if _, ok := r.loose[k]; !ok {
			r.loose[k] = c
		}
	}
	return r
}

// Resolve returns the location a TZID parameter names. It tries, in order:
//
//  1. an IANA zone name (time.LoadLocation, embedded database), exactly;
//  2. a Windows zone ID or display name (CLDR windowsZones.xml, territory 001);
//  3. the same two after removing surrounding quotes and spaces and vendor
//     prefixes such as "/freeassociation.sourceforge.net/Tzfile/";
//  4. the feed's own VTIMEZONE with exactly that TZID (RFC 5545 §3.6.5),
//     using its X-LIC-LOCATION IANA zone when it agrees with the
//     VTIMEZONE's rules: the feed defines its TZIDs, so a VTIMEZONE named
//     "Europe/lisbon" with CET rules is CET, not Lisbon;
//  5. a plain UTC offset ("UTC+01:00", "GMT-0500": see fixedOffset), or
//     an IANA zone name in other letter case ("europe/berlin");
//  6. the feed's VTIMEZONE whose TZID differs only in case, quotes,
//     spaces or prefix.
//
// Otherwise it returns an error wrapping ErrUnknownZone. It never falls
// back to UTC. Once a feed has named 100 unknown zones, new names are no
// longer searched for in the IANA database (Windows names and the feed's
// VTIMEZONEs still resolve), so a hostile feed cannot make every event cost
// a file search.
func (r *Resolver) Resolve(tzid string) (*time.Location, error) {
	if res, ok := r.cache[tzid]; ok {
		return res.loc, res.err
	}
	loc, err := r.resolve(tzid)
	if err != nil {
		r.unknown++
	}
	r.cache[tzid] = resolved{loc, err}
	return loc, err
}

// NewNamesResolver returns a Resolver for the names no VTIMEZONE can
// override (steps 1–3 of Resolve). Any other TZID is an error wrapping
// ErrUnknownZone: it is to be resolved again once the feed's VTIMEZONEs are
// known. A parser uses it to place most events before it has read the
// whole calendar.
func NewNamesResolver() *Resolver {
	r := NewResolver(nil)
	r.namesOnly = true
	return r
}

// maxUnknown is how many distinct unresolvable TZIDs a Resolver accepts
// before it stops searching the IANA database for new names: a hostile feed
// with a new TZID on every event must not cost a file search each. Windows
// names and the feed's VTIMEZONEs still resolve after that.
const maxUnknown = 100

func (r *Resolver) resolve(tzid string) (*time.Location, error) {
	search := r.unknown < maxUnknown
	if loc, ok := byName(tzid, search); ok {
		return loc, nil
	}
	clean := cleanTZID(tzid, search)
	if clean != tzid {
		if loc, ok := byName(clean, search); ok {
			return loc, nil
		}
	}
	if r.namesOnly {
		return nil, fmt.Errorf("%w %q (not a zone name; the feed's VTIMEZONEs are not known yet)", ErrUnknownZone, clip(tzid))
	}
	c := r.vtz[tzid]
	if c == nil {
		if loc, ok := fixedOffset(clean); ok {
			return loc, nil
		}
	}
	if c == nil && search {
		for _, name := range []string{tzid, clean} {
			if loc, ok := loadIANA(titleCase(name)); ok {
				return loc, nil
			}
		}
	}
	if c == nil {
		c = r.loose[strings.ToLower(cleanTZID(tzid, false))]
	}
	if c == nil {
		if !search {
			return nil, fmt.Errorf("%w %q (no VTIMEZONE in the feed; not searched for: the feed names more than %d unknown time zones)", ErrUnknownZone, clip(tzid), maxUnknown)
		}
		return nil, fmt.Errorf("%w %q (no VTIMEZONE in the feed)", ErrUnknownZone, tzid)
	}
	if res, ok := r.built[c]; ok {
		return res.loc, res.err
	}
	loc, err := r.fromFeed(c, tzid)
	r.built[c] = resolved{loc, err}
	return loc, err
}

// fromFeed builds the location of one of the feed's VTIMEZONEs, preferring
// the IANA zone its X-LIC-LOCATION names when the two agree.
func (r *Resolver) fromFeed(c *ical.Component, tzid string) (*time.Location, error) {
	loc, err := fromVTimezone(c, c.Props.Get(ical.PropTimezoneID).Value)
	if err != nil {
		return nil, fmt.Errorf("%w %q (its VTIMEZONE is unusable: %w)", ErrUnknownZone, tzid, err)
	}
	if lic := xLicLocation(c); lic != nil && agree(lic, loc) {
		return lic, nil
	}
	return loc, nil
}

// byName resolves an exact IANA name (when search is true) or a Windows
// zone name. IANA names in other letter case ("america/new_york") come
// later, after the feed's own VTIMEZONEs (see Resolve).
func byName(name string, search bool) (*time.Location, bool) {
	if search {
		if loc, ok := loadIANA(name); ok {
			return loc, true
		}
	}
	if iana, ok := WindowsToIANA(name); ok {
		return loadIANA(iana)
	}
	return nil, false
}

// loadIANA loads an IANA zone, refusing the names time.LoadLocation gives a
// special meaning ("" and "Local" are not zones a feed can name) and, without
// a look-up, anything not shaped like a zone name.
func loadIANA(name string) (*time.Location, bool) {
	if !ianaShaped(name) || strings.EqualFold(name, "local") {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	return loc, true
}

// fixedOffset reads a TZID that is a plain offset from UTC, as some web
// applications write it: "UTC+01:00", "GMT-0500", "UTC+5:30", "GMT+1".
// The sign is the one people use (east of UTC is +), not the inverted one
// of the POSIX-style IANA names "Etc/GMT+1", which resolve as IANA names
// before this is tried. Such a zone has no daylight saving time.
func fixedOffset(name string) (*time.Location, bool) {
	s := strings.ToUpper(strings.TrimSpace(name))
	rest, ok := strings.CutPrefix(s, "UTC")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "GMT"); !ok {
			return nil, false
		}
	}
	if len(rest) < 2 || (rest[0] != '+' && rest[0] != '-') {
		return nil, false
	}
	h, m, ok := clockOffset(rest[1:])
	if !ok || h > 14 || m > 59 {
		return nil, false
	}
	sec := h*3600 + m*60
	if rest[0] == '-' {
		sec = -sec
	}
	return time.FixedZone(fmt.Sprintf("UTC%c%02d:%02d", rest[0], h, m), sec), true
}

// clockOffset reads "H", "HH", "HHMM", "H:MM" or "HH:MM".
func clockOffset(s string) (h, m int, ok bool) {
	hs, ms, colon := strings.Cut(s, ":")
	if !colon && len(s) == 4 {
		hs, ms = s[:2], s[2:]
	}
	if len(hs) < 1 || len(hs) > 2 || (ms != "" && len(ms) != 2) || (colon && ms == "") {
		return 0, 0, false
	}
	for _, c := range hs + ms {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	h = int(hs[0] - '0')
	if len(hs) == 2 {
		h = h*10 + int(hs[1]-'0')
	}
	if ms != "" {
		m = int(ms[0]-'0')*10 + int(ms[1]-'0')
	}
	return h, m, true
}

// titleCase capitalises each word of a zone name ("america/new_york" →
// "America/New_York"), words being separated by "/", "_" and "-".
func titleCase(name string) string {
	b := []byte(name)
	up := true
	for i, c := range b {
		switch {
		case c == '/' || c == '_' || c == '-':
			up = true
			continue
		case up && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case !up && c >= 'A' && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
		up = false
	}
	return string(b)
}

// ianaShaped reports whether name could be an IANA zone name: 1–64 ASCII
// letters, digits and "/_+-", not starting with "/" or containing "..".
// It keeps time.LoadLocation (a file search) away from other TZIDs.
func ianaShaped(name string) bool {
	if name == "" || len(name) > 64 || name[0] == '/' || strings.Contains(name, "..") {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}

// WindowsToIANA maps a Windows time zone ID ("Pacific Standard Time") or a
// Windows display name ("(UTC-08:00) Pacific Time (US & Canada)") to the IANA
// zone CLDR's windowsZones.xml gives for territory 001. Case and surrounding
// spaces are ignored, and older display names written with "GMT" and a dot
// ("(GMT+01.00) Amsterdam, Berlin, …") are read as the "UTC" ones.
func WindowsToIANA(name string) (iana string, ok bool) {
	lower := strings.ToLower(strings.TrimSpace(name))
	if iana, ok := windowsTable(lower); ok {
		return iana, true
	}
	if rest, found := strings.CutPrefix(lower, "(gmt"); found {
		if off, text, found := strings.Cut(rest, ")"); found {
			if off == "" {
				off = "+00:00" // "(GMT) Dublin, …" is "(UTC+00:00) Dublin, …"
			}
			return windowsTable("(utc" + strings.ReplaceAll(off, ".", ":") + ")" + text)
		}
	}
	return "", false
}

// prefixes returns the vendor prefixes seen before IANA names in TZIDs;
// names with any other "/vendor.domain/..." prefix are handled by suffix
// search.
func prefixes() []string {
	return []string{
		"/freeassociation.sourceforge.net/Tzfile/",
		"/freeassociation.sourceforge.net/",
		"/softwarestudio.org/Olson_20011030_5/",
		"/mozilla.org/20050126_1/",
		"/mozilla.org/20070129_1/",
		"/citadel.org/20190914_1/",
		"/citadel.org/20210210_1/",
	}
}

// cleanTZID removes what wraps a zone name in real feeds: surrounding spaces
// and quotes (RFC 5545 §3.2 quotes parameter values that contain ":;,"), and
// vendor path prefixes. For an unknown "/vendor/.../Area/City" form it keeps
// the longest trailing path (up to three parts) that is an IANA name, when
// search allows looking names up.
func cleanTZID(tzid string, search bool) string {
	s := strings.TrimSpace(tzid)
	for len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	for _, p := range prefixes() {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return s[len(p):]
		}
	}
	if search && strings.HasPrefix(s, "/") {
		// "/Europe/Stockholm" is the whole name behind a bare slash;
		// "/vendor/Area/City" needs the vendor part dropped.
		parts := strings.Split(strings.Trim(s, "/"), "/")
		for n := min(3, len(parts)); n >= 1; n-- {
			cand := strings.Join(parts[len(parts)-n:], "/")
			if _, ok := loadIANA(cand); ok {
				return cand
			}
		}
	}
	return s
}

// xLicLocation returns the IANA zone named by a VTIMEZONE's X-LIC-LOCATION
// property (written by libical-based programs), or nil.
func xLicLocation(c *ical.Component) *time.Location {
	p := c.Props.Get("X-LIC-LOCATION")
	if p == nil {
		return nil
	}
	if loc, ok := loadIANA(cleanTZID(p.Value, true)); ok {
		return loc
	}
	return nil
}

// agree reports whether a and b give the same UTC offset at every instant of
// 2010–2039: at each change of either (checked just before and at it) and
// at the start of the span.
func agree(a, b *time.Location) bool {
	from := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	same := func(at time.Time) bool {
		_, oa := at.In(a).Zone()
		_, ob := at.In(b).Zone()
		return oa == ob
	}
	if !same(from) {
		return false
	}
	for _, loc := range []*time.Location{a, b} {
		t := from
		for i := 0; i < 1000; i++ {
			next, ok := nextChange(loc, t, to)
			if !ok {
				break
			}
			if !same(next.Add(-time.Second)) || !same(next) {
				return false
			}
			t = next
		}
	}
	return true
}
