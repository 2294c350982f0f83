package zones

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// Bounds on the work FromVTimezone does for one VTIMEZONE, so that a hostile
// feed cannot make it hang or exhaust memory.
const (
	maxObservances = 200    // STANDARD + DAYLIGHT sub-components
	maxRDates      = 2000   // RDATE values over all sub-components
	maxTransitions = 10000  // transitions kept in [firstYear, lastYear]
	maxRuleSteps   = 500000 // candidate days tried over all RRULEs
	maxOffset      = 24 * 3600
	firstYear      = 1969 // transitions before this year are not kept
	lastYear       = 2100 // transitions are computed through this year
)

// observance is one STANDARD or DAYLIGHT sub-component (RFC 5545 §3.6.5).
type observance struct {
	what     string // "STANDARD #1" etc., for messages
	dst      bool
	from, to int // TZOFFSETFROM, TZOFFSETTO in seconds east of UTC
	name     string
	start    wallTime
	rule     *yearlyRule
	rdates   []wallTime
}

// wallTime is a DATE-TIME value. When utc is false, t holds the wall clock
// reading (in time.UTC, used as a neutral container) in the observance's
// TZOFFSETFROM offset; when utc is true, t is the instant itself.
type wallTime struct {
	t   time.Time
	utc bool
}

// instant converts w to an instant, reading a local value in offset from.
func (w wallTime) instant(from int) time.Time {
	if w.utc {
		return w.t
	}
	return w.t.Add(-time.Duration(from) * time.Second)
}

// onset is the moment an observance takes effect.
type onset struct {
	at   time.Time
	kind zoneType
}

// zoneType is one local time type of the built location.
type zoneType struct {
	offset int
	dst    bool
	name   string
}

// FromVTimezone builds a location from a VTIMEZONE component (RFC 5545
// §3.6.5): each STANDARD and DAYLIGHT sub-component takes effect at its
// DTSTART (a local time in its TZOFFSETFROM offset), at each occurrence of
// its RRULE (yearly rules with BYMONTH, BYDAY, BYMONTHDAY, BYSETPOS, UNTIL,
// COUNT; RFC 5545 §3.3.10) and at each RDATE (§3.8.5.2), switching to
// TZOFFSETTO with the name TZNAME. As in Windows zone rules, BYDAY=5SU in a
// month with four Sundays means the last one.
//
// Transitions are computed from 1969 through 2100. Before the first one the
// zone keeps the offset in effect then (set by the last onset before 1969,
// or else the first TZOFFSETFROM); after 2100 the yearly rules continue when
// they can be written as a POSIX TZ rule, else the last offset stays. The
// location is named by the TZID. The work is bounded: absurd offsets, too
// many sub-components, RDATEs or transitions, and rules the package does not
// understand give an error naming the sub-component and property.
func FromVTimezone(c *ical.Component) (*time.Location, error) {
	tzid := ""
	if c != nil {
		if p := c.Props.Get(ical.PropTimezoneID); p != nil {
			tzid = p.Value
		}
	}
	loc, err := fromVTimezone(c, tzid)
	if err != nil {
		return nil, fmt.Errorf("zones: VTIMEZONE %q: %w", clip(tzid), err)
	}
	return loc, nil
}

// fromVTimezone does FromVTimezone's work; its errors name no zone.
func fromVTimezone(c *ical.Component, tzid string) (*time.Location, error) {
	switch {
	case c == nil:
		return nil, fmt.Errorf("no component")
	case !strings.EqualFold(c.Name, ical.CompTimezone):
		return nil, fmt.Errorf("%s is not a VTIMEZONE component", clip(c.Name))
	case tzid == "":
		return nil, fmt.Errorf("no TZID (RFC 5545 §3.6.5 requires one)")
	}
	obs, err := readObservances(c)
	if err != nil {
		return nil, err
	}
	initial, onsets, err := expand(obs)
	if err != nil {
		return nil, err
	}
	data, err := buildTZif(initial, onsets, posixRule(obs))
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocationFromTZData(tzid, data)
	if err != nil {
		return nil, fmt.Errorf("building the zone: %w", err)
	}
	return loc, nil
}

func readObservances(c *ical.Component) ([]*observance, error) {
	var obs []*observance
	rdates := 0
	counts := map[string]int{}
	for _, sub := range c.Children {
		kind := strings.ToUpper(sub.Name)
		if kind != ical.CompTimezoneStandard && kind != ical.CompTimezoneDaylight {
			continue
		}
		counts[kind]++
		if len(obs) == maxObservances {
			return nil, fmt.Errorf("more than %d STANDARD/DAYLIGHT sub-components", maxObservances)
		}
		o := &observance{what: fmt.Sprintf("%s #%d", kind, counts[kind]), dst: kind == ical.CompTimezoneDaylight}
		if err := o.read(sub, &rdates); err != nil {
			return nil, fmt.Errorf("%s: %w", o.what, err)
		}
		obs = append(obs, o)
	}
	if len(obs) == 0 {
		return nil, fmt.Errorf("no STANDARD or DAYLIGHT sub-component (RFC 5545 §3.6.5 requires one)")
	}
	return obs, nil
}

func (o *observance) read(sub *ical.Component, rdates *int) error {
	var err error
	to := sub.Props.Get(ical.PropTimezoneOffsetTo)
	if to == nil {
		return fmt.Errorf("no TZOFFSETTO")
	}
	if o.to, err = parseOffset(to.Value); err != nil {
		return fmt.Errorf("TZOFFSETTO: %w", err)
	}
	o.from = o.to // tolerated: some writers omit TZOFFSETFROM for fixed zones
	if from := sub.Props.Get(ical.PropTimezoneOffsetFrom); from != nil {
		if o.from, err = parseOffset(from.Value); err != nil {
			return fmt.Errorf("TZOFFSETFROM: %w", err)
		}
	}
	if n := sub.Props.Get(ical.PropTimezoneName); n != nil {
		o.name = n.Value
	}
	ds := sub.Props.Get(ical.PropDateTimeStart)
	if ds == nil {
		return fmt.Errorf("no DTSTART")
	}
	if o.start, err = parseWall(ds.Value); err != nil {
		return fmt.Errorf("DTSTART: %w", err)
	}
	rules := sub.Props.Values(ical.PropRecurrenceRule)
	if len(rules) > 1 {
		return fmt.Errorf("%d RRULEs (RFC 5545 allows one)", len(rules))
	}
	if len(rules) == 1 {
		if o.rule, err = parseRule(rules[0].Value, o.start); err != nil {
			return fmt.Errorf("RRULE %q: %w", clip(rules[0].Value), err)
		}
	}
	for _, p := range sub.Props.Values(ical.PropRecurrenceDates) {
		if *rdates += strings.Count(p.Value, ",") + 1; *rdates > maxRDates {
			return fmt.Errorf("more than %d RDATE values", maxRDates)
		}
		for _, v := range strings.Split(p.Value, ",") {
			if i := strings.IndexByte(v, '/'); i >= 0 { // PERIOD: its start
				v = v[:i]
			}
			w, err := parseWall(v)
			if err != nil {
				return fmt.Errorf("RDATE: %w", err)
			}
			o.rdates = append(o.rdates, w)
		}
	}
	return nil
}

// parseOffset reads a UTC-OFFSET value (RFC 5545 §3.3.14): ±HHMM or ±HHMMSS
// (a colon between the parts is tolerated).
func parseOffset(v string) (int, error) {
	s := strings.ReplaceAll(strings.TrimSpace(v), ":", "")
	if len(s) != 5 && len(s) != 7 || s[0] != '+' && s[0] != '-' {
		return 0, fmt.Errorf("%q is not a UTC offset like +0100 (RFC 5545 §3.3.14)", clip(v))
	}
	n := [3]int{}
	for i := 0; 1+2*i < len(s); i++ {
		d, err := strconv.Atoi(s[1+2*i : 3+2*i])
		if err != nil || d < 0 {
			return 0, fmt.Errorf("%q is not a UTC offset like +0100 (RFC 5545 §3.3.14)", clip(v))
		}
		n[i] = d
	}
	if n[1] > 59 || n[2] > 59 {
		return 0, fmt.Errorf("%q is not a UTC offset like +0100 (RFC 5545 §3.3.14)", clip(v))
	}
	sec := n[0]*3600 + n[1]*60 + n[2]
	if sec >= maxOffset {
		return 0, fmt.Errorf("offset %q is out of range (a day or more)", clip(v))
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec, nil
}

// parseWall reads a DATE-TIME (RFC 5545 §3.3.5) as YYYYMMDDTHHMMSS with an
// optional Z; a DATE (YYYYMMDD) is read as its midnight.
func parseWall(v string) (wallTime, error) {
	s := strings.TrimSpace(v)
	bad := func() (wallTime, error) {
		return wallTime{}, fmt.Errorf("%q is not a date-time like 19701025T030000", clip(v))
	}
	utc := strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z")
	if utc {
		s = s[:len(s)-1]
	}
	var num [6]int
	switch {
	case len(s) == 8:
	case len(s) == 15 && (s[8] == 'T' || s[8] == 't'):
	default:
		return bad()
	}
	fields := [][2]int{{0, 4}, {4, 6}, {6, 8}, {9, 11}, {11, 13}, {13, 15}}
	for i, f := range fields {
		if f[1] > len(s) {
			break
		}
		for _, ch := range s[f[0]:f[1]] {
			if ch < '0' || ch > '9' {
				return bad()
			}
		}
		num[i], _ = strconv.Atoi(s[f[0]:f[1]])
	}
	y, mo, d, h, mi, sec := num[0], num[1], num[2], num[3], num[4], num[5]
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) || h > 23 || mi > 59 || sec > 60 {
		return bad()
	}
	return wallTime{t: time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC), utc: utc}, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// clip shortens a hostile value before it goes into an error message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// expand lists every onset of every observance in [firstYear, lastYear],
// sorted by instant, and the local time type in effect before the first.
func expand(obs []*observance) (zoneType, []onset, error) {
	lo := time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	var (
		out       []onset
		pre, post *onset // latest onset before lo, earliest at or after hi
		steps     int
		firstFrom int
	)
	add := func(o *observance, w wallTime) error {
		on := onset{w.instant(o.from), zoneType{o.to, o.dst, o.name}}
		switch {
		case on.at.Before(lo):
			// On a tie (Outlook writes 1601-01-01 for both), standard time.
			if pre == nil || on.at.After(pre.at) || on.at.Equal(pre.at) && pre.kind.dst && !on.kind.dst {
				pre = &on
			}
			return nil
		case !on.at.Before(hi):
			if post == nil || on.at.Before(post.at) {
				post = &on
				firstFrom = o.from
			}
			return nil
		}
		if len(out) == maxTransitions {
			return fmt.Errorf("more than %d transitions between %d and %d", maxTransitions, firstYear, lastYear)
		}
		out = append(out, on)
		return nil
	}
	froms := map[time.Time]int{}
	for _, o := range obs {
		n := len(out)
		if err := add(o, o.start); err != nil {
			return zoneType{}, nil, err
		}
		for _, w := range o.rdates {
			if err := add(o, w); err != nil {
				return zoneType{}, nil, err
			}
		}
		if o.rule != nil {
			err := o.rule.each(o.start, o.from, &steps, func(w wallTime) error { return add(o, w) })
			if err != nil {
				return zoneType{}, nil, fmt.Errorf("%s: %w", o.what, err)
			}
		}
		for _, on := range out[n:] {
			froms[on.at] = o.from
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	switch {
	case pre != nil:
		return pre.kind, out, nil
	case len(out) > 0:
		return typeWithOffset(obs, froms[out[0].at]), out, nil
	case post != nil:
		return typeWithOffset(obs, firstFrom), []onset{*post}, nil
	}
	return zoneType{}, nil, fmt.Errorf("no observance takes effect")
}

// typeWithOffset describes the local time before a zone's first onset: only
// its offset (TZOFFSETFROM) is known, so the name and DST flag are borrowed
// from an observance switching to that offset, if there is one.
func typeWithOffset(obs []*observance, off int) zoneType {
	for _, o := range obs {
		if o.to == off {
			return zoneType{off, o.dst, o.name}
		}
	}
	return zoneType{offset: off}
}
