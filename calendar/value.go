package calendar

import (
	"fmt"
	"strings"
	"time"
)

// stamp is one DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5) as written:
// the wall-clock reading kept in a neutral UTC container, and where it is
// anchored. Keeping the wall clock lets recurrences step in local time and
// lets floating times be placed in the agent's zone at expansion time.
type stamp struct {
	wall time.Time // wall clock as if it were UTC; DATE values at 00:00
	date bool      // a DATE value (all-day)
	utc  bool      // form 2: "Z" suffix, wall is the instant
	tzid string    // form 3: TZID parameter as written (resolved later)
	loc  *time.Location
}

// floating reports whether s is a local time with no zone (form 1).
func (s stamp) floating() bool { return !s.date && !s.utc && s.tzid == "" }

// in returns the instant of s, reading a floating or DATE value in float.
func (s stamp) in(float *time.Location) time.Time {
	switch {
	case s.utc:
		return s.wall
	case s.loc != nil:
		return wallIn(s.wall, s.loc)
	default:
		return wallIn(s.wall, float)
	}
}

// zone returns the location s is read in (float for floating and DATE values).
func (s stamp) zone(float *time.Location) *time.Location {
	switch {
	case s.utc:
		return time.UTC
	case s.loc != nil:
		return s.loc
	default:
		return float
	}
}

// parseStamp reads a DATE or DATE-TIME value. valueType is the VALUE
// parameter ("" when absent).
func parseStamp(v, valueType, tzid string) (stamp, error) {
	v = strings.TrimSpace(v)
	switch {
	case len(v) == 8 && !strings.EqualFold(valueType, "DATE-TIME"):
		y, m, d, ok := parseYMD(v)
		if !ok {
			return stamp{}, fmt.Errorf("%q is not a valid DATE (expected YYYYMMDD)", clip(v))
		}
		return stamp{wall: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), date: true}, nil
	case (len(v) == 15 || len(v) == 16) && v[8] == 'T' && !strings.EqualFold(valueType, "DATE"):
		y, m, d, ok := parseYMD(v[:8])
		hh, ok2 := num(v[9:11])
		mm, ok3 := num(v[11:13])
		ss, ok4 := num(v[13:15])
		if !ok || !ok2 || !ok3 || !ok4 || hh > 23 || mm > 59 || ss > 60 {
			break
		}
		if ss == 60 { // a leap second reads as the next second's start
			ss = 59
		}
		s := stamp{wall: time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)}
		if len(v) == 16 {
			if v[15] != 'Z' && v[15] != 'z' {
				break
			}
			s.utc = true
			return s, nil
		}
		s.tzid = tzid
		return s, nil
	}
	if strings.EqualFold(valueType, "DATE") {
		return stamp{}, fmt.Errorf("%q is not a valid DATE (expected YYYYMMDD)", clip(v))
	}
	return stamp{}, fmt.Errorf("%q is not a valid DATE-TIME (expected YYYYMMDDTHHMMSS[Z])", clip(v))
}

// parseYMD reads YYYYMMDD and checks the day exists.
func parseYMD(s string) (y, m, d int, ok bool) {
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[4:6])
	d, ok3 := num(s[6:8])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// num reads an unsigned decimal of digits only.
func num(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// clip shortens a value for a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// duration is a DURATION value (RFC 5545 §3.3.6): days and weeks are nominal
// (they keep the wall-clock time across DST), the time part is exact.
type duration struct {
	days  int
	exact time.Duration
}

func (d duration) negative() bool { return d.days < 0 || (d.days == 0 && d.exact < 0) }

// parseDuration reads [+-]P[nW][nD][T[nH][nM][nS]].
func parseDuration(v string) (duration, error) {
	s := strings.ToUpper(strings.TrimSpace(v))
	bad := fmt.Errorf("%q is not a valid DURATION (expected e.g. PT8H or P1D)", clip(v))
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) < 2 || s[0] != 'P' {
		return duration{}, bad
	}
	s = s[1:]
	var d duration
	inTime, any := false, false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return duration{}, bad
			}
			inTime = true
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 9 {
			return duration{}, bad
		}
		n, _ := num(s[:i])
		unit := s[i]
		s = s[i+1:]
		any = true
		switch {
		case !inTime && unit == 'W':
			d.days += 7 * n
		case !inTime && unit == 'D':
			d.days += n
		case inTime && unit == 'H':
			d.exact += time.Duration(n) * time.Hour
		case inTime && unit == 'M':
			d.exact += time.Duration(n) * time.Minute
		case inTime && unit == 'S':
			d.exact += time.Duration(n) * time.Second
		default:
			return duration{}, bad
		}
	}
	if !any {
		return duration{}, bad
	}
	if neg {
		d.days, d.exact = -d.days, -d.exact
	}
	return d, nil
}

// unescapeText undoes TEXT escaping (RFC 5545 §3.3.11). Unknown escapes are
// kept as written rather than rejected.
func unescapeText(v string) string {
	if strings.IndexByte(v, '\\') < 0 {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' || i+1 == len(v) {
			b.WriteByte(c)
			continue
		}
		i++
		switch n := v[i]; n {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',', ':', '"':
			b.WriteByte(n)
		default:
			b.WriteByte('\\')
			b.WriteByte(n)
		}
	}
	return b.String()
}

// splitText splits a multi-value TEXT property (CATEGORIES) on unescaped
// commas and unescapes each value.
func splitText(v string, into []string) []string {
	start := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case ',':
			if s := strings.TrimSpace(unescapeText(v[start:i])); s != "" {
				into = append(into, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(unescapeText(v[start:])); s != "" {
		into = append(into, s)
	}
	return into
}

// wallIn returns the instant at which the clocks in loc show wall (a wall
// clock reading kept in UTC), following RFC 5545 §3.3.5: a time that occurs
// twice (DST ends) is the first occurrence, and a time that does not exist
// (DST starts) is read with the UTC offset in force before the gap, which
// moves it forward by the gap's length.
func wallIn(wall time.Time, loc *time.Location) time.Time {
	if loc == time.UTC || loc == nil {
		return wall
	}
	y, mo, d := wall.Date()
	h, mi, s := wall.Clock()
	t := time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), loc)
	start, end := t.ZoneBounds()
	const near = 26 * time.Hour
	if (start.IsZero() || t.Sub(start) > near) && (end.IsZero() || end.Sub(t) > near) {
		return t // no offset change near this reading: it is unambiguous
	}
	_, offBefore := wall.Add(-near).In(loc).Zone() // zone in force a day earlier...
	_, offAfter := wall.Add(near).In(loc).Zone()   // ...and a day later
	cBefore := wall.Add(-time.Duration(offBefore) * time.Second)
	cAfter := wall.Add(-time.Duration(offAfter) * time.Second)
	okBefore := sameWall(cBefore.In(loc), wall)
	okAfter := sameWall(cAfter.In(loc), wall)
	switch {
	case okBefore && okAfter:
		if cAfter.Before(cBefore) {
			return cAfter.In(loc)
		}
		return cBefore.In(loc)
	case okBefore:
		return cBefore.In(loc)
	case okAfter:
		return cAfter.In(loc)
	case sameWall(t, wall):
		return t
	default: // in a gap: the offset before it applies
		return cBefore.In(loc)
	}
}

func sameWall(t, wall time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	y2, mo2, d2 := wall.Date()
	h2, mi2, s2 := wall.Clock()
	return y == y2 && mo == mo2 && d == d2 && h == h2 && mi == mi2 && s == s2
}

// wallOf returns the wall clock of t in loc, kept in UTC.
func wallOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, t.Nanosecond(), time.UTC)
}
