package zones

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// yearlyRule is the part of RFC 5545 §3.3.10 that time zone observances use:
// FREQ=YEARLY with INTERVAL, COUNT or UNTIL, BYMONTH, BYDAY (with or without
// an ordinal), BYMONTHDAY, BYSETPOS and single BYHOUR/BYMINUTE/BYSECOND.
type yearlyRule struct {
	interval   int
	count      int // 0: no COUNT
	until      *wallTime
	untilDate  bool // UNTIL is a DATE
	months     []time.Month
	days       []weekdayNum
	monthDays  []int
	setPos     []int
	hour       int // -1: DTSTART's
	minute     int
	second     int
	hasByParts bool
}

// weekdayNum is a BYDAY value: an optional ordinal (0 = every) and a weekday.
type weekdayNum struct {
	n   int
	day time.Weekday
}

// parseWeekday reads an RFC 5545 §3.3.10 weekday code.
func parseWeekday(code string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if code == weekdayCode(d) {
			return d, true
		}
	}
	return 0, false
}

// maxListValues bounds each BYxxx list (a real one has at most 53×2×7
// BYDAY values).
const maxListValues = 800

// errRuleSteps is returned when rules need more work than maxRuleSteps.
var errRuleSteps = errors.New("RRULE needs too much work to evaluate")

func parseRule(v string, start wallTime) (*yearlyRule, error) {
	r := &yearlyRule{interval: 1, hour: -1, minute: -1, second: -1}
	freq := ""
	for _, part := range strings.Split(strings.TrimSpace(v), ";") {
		if part == "" {
			continue
		}
		k, val, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("part %q has no '='", clip(part))
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		val = strings.ToUpper(strings.TrimSpace(val))
		var err error
		switch k {
		case "FREQ":
			freq = val
		case "INTERVAL":
			r.interval, err = atoiIn(val, 1, 1000)
		case "COUNT":
			r.count, err = atoiIn(val, 1, 100000)
		case "UNTIL":
			var w wallTime
			w, err = parseWall(val)
			r.until, r.untilDate = &w, len(strings.TrimSuffix(val, "Z")) == 8
		case "BYMONTH":
			err = eachInt(val, 1, 12, false, func(n int) { r.months = append(r.months, time.Month(n)) })
		case "BYMONTHDAY":
			err = eachInt(val, 1, 31, true, func(n int) { r.monthDays = append(r.monthDays, n) })
		case "BYSETPOS":
			err = eachInt(val, 1, 366, true, func(n int) { r.setPos = append(r.setPos, n) })
		case "BYDAY":
			if strings.Count(val, ",") >= maxListValues {
				return nil, fmt.Errorf("BYDAY: more than %d values", maxListValues)
			}
			for _, d := range strings.Split(val, ",") {
				if len(d) < 2 {
					return nil, fmt.Errorf("BYDAY %q is not a weekday", clip(d))
				}
				wd, ok := parseWeekday(d[len(d)-2:])
				if !ok {
					return nil, fmt.Errorf("BYDAY %q is not a weekday", clip(d))
				}
				n := 0
				if num := d[:len(d)-2]; num != "" {
					if n, err = strconv.Atoi(num); err != nil || n == 0 || n < -53 || n > 53 {
						return nil, fmt.Errorf("BYDAY %q has a bad ordinal", clip(d))
					}
				}
				r.days = append(r.days, weekdayNum{n, wd})
			}
		case "BYHOUR":
			r.hour, err = atoiIn(val, 0, 23)
		case "BYMINUTE":
			r.minute, err = atoiIn(val, 0, 59)
		case "BYSECOND":
			r.second, err = atoiIn(val, 0, 60)
		case "WKST":
			// Only matters for weekly rules and BYWEEKNO.
		default:
			return nil, fmt.Errorf("%s is not supported in a time zone rule", k)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	if freq != "YEARLY" {
		return nil, fmt.Errorf("FREQ=%s: time zone rules must be FREQ=YEARLY", clip(freq))
	}
	if r.count > 0 && r.until != nil {
		return nil, fmt.Errorf("both COUNT and UNTIL (RFC 5545 §3.3.10 allows one)")
	}
	r.hasByParts = len(r.months)+len(r.days)+len(r.monthDays) > 0
	return r, nil
}

func atoiIn(s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a number from %d to %d", clip(s), lo, hi)
	}
	return n, nil
}

// eachInt reads a comma list of integers with lo ≤ |n| ≤ hi (negatives only
// when neg is true).
func eachInt(s string, lo, hi int, neg bool, f func(int)) error {
	if strings.Count(s, ",") >= maxListValues {
		return fmt.Errorf("more than %d values", maxListValues)
	}
	for _, p := range strings.Split(s, ",") {
		n, err := strconv.Atoi(p)
		a := n
		if a < 0 && neg {
			a = -a
		}
		if err != nil || a < lo || a > hi {
			return fmt.Errorf("%q is not a number from %d to %d", clip(p), lo, hi)
		}
		f(n)
	}
	return nil
}

// each calls f with every occurrence of r after start (RFC 5545 §3.3.10:
// DTSTART is the first instance and is not passed again), through lastYear,
// in order. from is the observance's TZOFFSETFROM, used to compare a local
// occurrence with a UTC UNTIL. steps counts candidate days against
// maxRuleSteps.
func (r *yearlyRule) each(start wallTime, from int, steps *int, f func(wallTime) error) error {
	if start.utc {
		// A UTC DTSTART: rules still run on the local clock.
		start = wallTime{t: start.t.Add(time.Duration(from) * time.Second)}
	}
	y0 := start.t.Year()
	if r.count == 0 && y0 < firstYear-2 {
		// Skip whole intervals before the years that are kept.
		y0 += (firstYear - 2 - y0) / r.interval * r.interval
	}
	emitted := 1 // DTSTART
	h, mi, s := start.t.Clock()
	if r.hour >= 0 {
		h = r.hour
	}
	if r.minute >= 0 {
		mi = r.minute
	}
	if r.second >= 0 {
		s = r.second
	}
	for y := y0; y <= lastYear; y += r.interval {
		days, tried := r.daysOf(y, start.t)
		*steps += tried + 1
		if *steps > maxRuleSteps {
			return errRuleSteps
		}
		for _, d := range days {
			w := wallTime{t: time.Date(y, d.Month(), d.Day(), h, mi, s, 0, time.UTC)}
			if !w.t.After(start.t) {
				continue
			}
			if r.until != nil && r.past(w, from) {
				return nil
			}
			if r.count > 0 && emitted >= r.count {
				return nil
			}
			emitted++
			if err := f(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// past reports whether w is after UNTIL (inclusive bound, RFC 5545 §3.3.10).
func (r *yearlyRule) past(w wallTime, from int) bool {
	switch {
	case r.untilDate:
		return w.t.Truncate(24 * time.Hour).After(r.until.t)
	case r.until.utc:
		return w.instant(from).After(r.until.t)
	}
	return w.t.After(r.until.t)
}

// daysOf returns the sorted dates (at midnight, in time.UTC) the rule picks
// in year y, after BYSETPOS, and how many candidate days it looked at.
func (r *yearlyRule) daysOf(y int, start time.Time) ([]time.Time, int) {
	var days []time.Time
	switch {
	case !r.hasByParts:
		if start.Day() <= daysIn(y, start.Month()) {
			days = append(days, time.Date(y, start.Month(), start.Day(), 0, 0, 0, 0, time.UTC))
		}
	case len(r.months) == 0 && len(r.monthDays) == 0:
		// BYDAY alone: weekdays of the whole year, ordinals within the year.
		days = r.weekdaysIn(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), false)
	default:
		months := r.months
		if len(months) == 0 {
			months = []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
		}
		for _, m := range months {
			first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			n := daysIn(y, m)
			if len(r.monthDays) == 0 {
				days = append(days, r.weekdaysIn(first, first.AddDate(0, 1, 0), true)...)
				continue
			}
			for _, md := range r.monthDays {
				if md < 0 {
					md = n + 1 + md
				}
				if md < 1 || md > n {
					continue
				}
				d := time.Date(y, m, md, 0, 0, 0, 0, time.UTC)
				if len(r.days) == 0 || r.matchesDay(d, first, n) {
					days = append(days, d)
				}
			}
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	days = dedupe(days)
	tried := len(days)
	if len(r.setPos) == 0 {
		return days, tried
	}
	var picked []time.Time
	for _, p := range r.setPos {
		i := p - 1
		if p < 0 {
			i = len(days) + p
		}
		if i >= 0 && i < len(days) {
			picked = append(picked, days[i])
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].Before(picked[j]) })
	return dedupe(picked), tried
}

// weekdaysIn lists the days in [first, end) that BYDAY picks, ordinals
// counted within that span. In a month (inMonth), an ordinal of 5 on a
// weekday the month has only four of picks the fourth, the last: Windows
// time zone rules say "week 5" for the last week, and Exchange writes it as
// BYDAY=5SU; a zone rule that skips years is never what a producer means.
func (r *yearlyRule) weekdaysIn(first, end time.Time, inMonth bool) []time.Time {
	var days []time.Time
	n := int(end.Sub(first).Hours()/24 + 0.5)
	for _, wd := range r.days {
		off := (int(wd.day) - int(first.Weekday()) + 7) % 7
		count := (n - off + 6) / 7 // how many such weekdays in the span
		k := wd.n
		if inMonth && k == 5 && count == 4 {
			k = 4
		}
		switch {
		case k == 0:
			for i := 0; i < count; i++ {
				days = append(days, first.AddDate(0, 0, off+7*i))
			}
		case k > 0 && k <= count:
			days = append(days, first.AddDate(0, 0, off+7*(k-1)))
		case k < 0 && -k <= count:
			days = append(days, first.AddDate(0, 0, off+7*(count+k)))
		}
	}
	return days
}

// matchesDay reports whether d (in the month starting at first, n days
// long) is one of the BYDAY days, ordinals counted within the month.
func (r *yearlyRule) matchesDay(d, first time.Time, n int) bool {
	for _, wd := range r.days {
		if d.Weekday() != wd.day {
			continue
		}
		k := (d.Day()-1)/7 + 1       // 1st, 2nd, … in the month
		last := -((n-d.Day())/7 + 1) // -1 for the last, …
		if wd.n == 0 || wd.n == k || wd.n == last || wd.n == 5 && last == -1 {
			return true // 5 as "last": see weekdaysIn
		}
	}
	return false
}

func dedupe(days []time.Time) []time.Time {
	out := days[:0]
	for i, d := range days {
		if i == 0 || !d.Equal(days[i-1]) {
			out = append(out, d)
		}
	}
	return out
}
