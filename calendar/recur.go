package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Bounds on recurrence work, so that a hostile rule cannot hang or exhaust
// the app.
const (
	// maxRuleSteps is the most rule instances one expansion of one series
	// walks through (before and inside the window).
	maxRuleSteps = 100_000
	// maxRuleInWindow is the most occurrences one series may put in one
	// window; a series with more is not shown (it would flood the agenda).
	maxRuleInWindow = 2_000
	// maxFeedOccurrences and maxFeedSteps bound one Expand of one feed.
	maxFeedOccurrences = 250_000
	maxFeedSteps       = 500_000
	// probeTime is how long one Parse may spend checking that unusual rules
	// occur at all.
	probeTime = 250 * time.Millisecond
)

// recurrence is a parsed RRULE (RFC 5545 §3.3.10), evaluated by rrule-go in
// wall-clock time: the rule runs on DTSTART's local clock reading (kept in
// UTC, where no day is 23 or 25 hours long), and each instance is placed in
// DTSTART's zone afterwards with the §3.3.5 rules for skipped and repeated
// local times. That keeps the wall clock across DST changes.
type recurrence struct {
	opt   rrule.ROption // Dtstart = DTSTART's wall clock; implied BYxxx explicit
	count int
	// UNTIL (inclusive): a wall-clock reading (DATE, or local time) or an
	// instant (UTC, "Z").
	untilWall    time.Time
	untilInstant time.Time
	// simple: exactly one instance per FREQ×INTERVAL period, starting at
	// DTSTART, so a COUNT rule can skip whole periods too.
	simple bool
	// never: the rule has no instance after DTSTART.
	never bool
}

// probeBudget limits the time one Parse spends probing rules.
type probeBudget struct {
	spent time.Duration
	cache map[string]error
}

var (
	errNever   = errors.New("never occurs")
	errTooMuch = errors.New("is too costly to check (the feed has too many unusual rules)")
)

// parseRecurrence reads an RRULE value for an event starting at start.
func parseRecurrence(value string, start stamp, budget *probeBudget) (*recurrence, error) {
	parts := make([]string, 0, 8)
	var until string
	hasCount := false
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(value)), ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("cannot be read: %q is not NAME=VALUE", clip(part))
		}
		if k == "UNTIL" {
			until = v
			continue
		}
		hasCount = hasCount || k == "COUNT"
		parts = append(parts, part)
	}
	opt, err := rrule.StrToROptionInLocation(strings.Join(parts, ";"), time.UTC)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	// rrule-go reads COUNT=0 as no COUNT at all: a one-off would repeat
	// forever.
	if opt.Interval < 0 || opt.Count < 0 || hasCount && opt.Count == 0 {
		return nil, errors.New("cannot be read: INTERVAL and COUNT must be positive")
	}
	if opt.Interval == 0 {
		opt.Interval = 1
	}
	opt.Dtstart = start.wall
	r := &recurrence{count: opt.Count}
	if until != "" {
		u, err := parseStamp(until, "", "")
		if err != nil {
			return nil, fmt.Errorf("cannot be read: UNTIL %v", err)
		}
		switch {
		case u.date && !start.date:
			// A DATE UNTIL with a DATE-TIME DTSTART: the whole day counts.
			r.untilWall = u.wall.AddDate(0, 0, 1).Add(-time.Second)
		case u.utc && !start.date && !start.floating() && start.loc != time.UTC:
			r.untilInstant = u.wall
		default:
			r.untilWall = u.wall
		}
	}
	opt.Count = 0 // counted here, after the DTSTART-as-instance rule
	if _, err := rrule.NewRRule(*opt); err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	makeImplicit(opt)
	r.opt = *opt
	r.simple = isSimple(opt, value)
	if err := checkTimeFilters(opt); err != nil {
		r.never = true
		return r, err
	}
	if !r.simple {
		if err := budget.occurs(r.opt, value); err != nil {
			r.never = true
			return r, err
		}
	}
	return r, nil
}

// makeImplicit writes down the BYxxx values rrule-go derives from DTSTART,
// so that DTSTART can later be moved forward without changing the rule.
func makeImplicit(o *rrule.ROption) {
	d := o.Dtstart
	if len(o.Byweekno) == 0 && len(o.Byyearday) == 0 && len(o.Bymonthday) == 0 &&
		len(o.Byweekday) == 0 && len(o.Byeaster) == 0 {
		switch o.Freq {
		case rrule.YEARLY:
			if len(o.Bymonth) == 0 {
				o.Bymonth = []int{int(d.Month())}
			}
			o.Bymonthday = []int{d.Day()}
		case rrule.MONTHLY:
			o.Bymonthday = []int{d.Day()}
		case rrule.WEEKLY:
			o.Byweekday = []rrule.Weekday{weekdays[d.Weekday()]}
		}
	}
	if len(o.Byhour) == 0 && o.Freq < rrule.HOURLY {
		o.Byhour = []int{d.Hour()}
	}
	if len(o.Byminute) == 0 && o.Freq < rrule.MINUTELY {
		o.Byminute = []int{d.Minute()}
	}
	if len(o.Bysecond) == 0 && o.Freq < rrule.SECONDLY {
		o.Bysecond = []int{d.Second()}
	}
}

var weekdays = [7]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// isSimple reports whether every period of the rule has exactly one
// instance, at DTSTART's place in the period.
func isSimple(o *rrule.ROption, value string) bool {
	v := strings.ToUpper(value)
	if strings.Contains(v, "BY") {
		return false
	}
	return (o.Freq != rrule.MONTHLY && o.Freq != rrule.YEARLY) || o.Dtstart.Day() <= 28
}

// checkTimeFilters rejects sub-daily rules whose BYHOUR/BYMINUTE/BYSECOND
// can never be reached from DTSTART in steps of INTERVAL: rrule-go loops
// forever on them (e.g. FREQ=HOURLY;INTERVAL=4;BYHOUR=6,10,14,18,22 from an
// odd hour).
func checkTimeFilters(o *rrule.ROption) error {
	var unit, span int
	switch o.Freq {
	case rrule.HOURLY:
		unit, span = 3600, 86400
	case rrule.MINUTELY:
		unit, span = 60, 86400
	case rrule.SECONDLY:
		unit, span = 1, 86400
	default:
		return nil
	}
	if len(o.Byhour) == 0 && len(o.Byminute) == 0 && len(o.Bysecond) == 0 {
		return nil
	}
	g := gcd(o.Interval*unit, span)
	d := o.Dtstart
	phase := (d.Hour()*3600 + d.Minute()*60 + d.Second()) % g
	hours, minutes, seconds := o.Byhour, o.Byminute, o.Bysecond
	if len(hours) == 0 {
		hours = rangeInts(24)
	}
	if len(minutes) == 0 {
		if o.Freq == rrule.HOURLY {
			minutes = []int{d.Minute()}
		} else {
			minutes = rangeInts(60)
		}
	}
	if len(seconds) == 0 {
		if o.Freq != rrule.SECONDLY {
			seconds = []int{d.Second()}
		} else {
			seconds = rangeInts(60)
		}
	}
	for _, h := range hours {
		for _, m := range minutes {
			for _, s := range seconds {
				if (h*3600+m*60+s)%g == phase {
					return nil
				}
			}
		}
	}
	return errNever
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func rangeInts(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// occurs reports whether a rule has any instance at all, by running it from
// DTSTART moved forward by whole 400-year Gregorian cycles (which keeps
// weekdays, leap years and the rule's phase) to a few centuries before
// rrule-go's year limit: a rule that never matches then stops within a few
// hundred years of work instead of running to year 9999 on every call.
func (b *probeBudget) occurs(o rrule.ROption, value string) error {
	key := value + "@" + o.Dtstart.Format("20060102T150405")
	if v, ok := b.cache[key]; ok {
		return v
	}
	if b.spent > probeTime {
		return errTooMuch
	}
	began := time.Now()
	cycles := (9500 - o.Dtstart.Year()) / 400
	if cycles > 0 {
		o.Dtstart = o.Dtstart.AddDate(400*cycles, 0, 0)
	}
	o.Count, o.Until = 0, time.Time{}
	var res error = errNever
	if r, err := rrule.NewRRule(o); err == nil {
		if _, ok := r.Iterator()(); ok {
			res = nil
		}
	}
	b.spent += time.Since(began)
	if b.cache == nil {
		b.cache = map[string]error{}
	}
	b.cache[key] = res
	return res
}

// periodIndex numbers FREQ periods: years, months, WKST weeks, days,
// hours, minutes or seconds since a fixed origin (wall-clock time).
func periodIndex(o *rrule.ROption, w time.Time) int64 {
	const day = 86400
	secs := w.Unix()
	days := floorDiv(secs, day)
	switch o.Freq {
	case rrule.YEARLY:
		return int64(w.Year())
	case rrule.MONTHLY:
		return int64(w.Year())*12 + int64(w.Month()) - 1
	case rrule.WEEKLY:
		// 1970-01-01 was a Thursday; rrule-go weekdays count from Monday = 0.
		wkst := int64(o.Wkst.Day())
		return floorDiv(days+3-wkst, 7)
	case rrule.DAILY:
		return days
	case rrule.HOURLY:
		return floorDiv(secs, 3600)
	case rrule.MINUTELY:
		return floorDiv(secs, 60)
	}
	return secs
}

// periodStart is the wall-clock start of period n.
func periodStart(o *rrule.ROption, n int64) time.Time {
	switch o.Freq {
	case rrule.YEARLY:
		return time.Date(int(n), 1, 1, 0, 0, 0, 0, time.UTC)
	case rrule.MONTHLY:
		return time.Date(int(floorDiv(n, 12)), time.Month(n-floorDiv(n, 12)*12+1), 1, 0, 0, 0, 0, time.UTC)
	case rrule.WEEKLY:
		wkst := int64(o.Wkst.Day())
		return time.Unix((n*7-3+wkst)*86400, 0).UTC()
	case rrule.DAILY:
		return time.Unix(n*86400, 0).UTC()
	case rrule.HOURLY:
		return time.Unix(n*3600, 0).UTC()
	case rrule.MINUTELY:
		return time.Unix(n*60, 0).UTC()
	}
	return time.Unix(n, 0).UTC()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ruleIter walks the instances of a rule in wall-clock time.
type ruleIter struct {
	next  rrule.Next
	count int // instances still allowed by COUNT (0: no COUNT)
	r     *recurrence
	steps int
}

// iter starts the rule at the first period that can hold an instance at or
// after wall-clock time lo. Periods before it are skipped arithmetically
// when the rule allows (no COUNT, or one instance per period).
func (r *recurrence) iter(lo time.Time) (*ruleIter, error) {
	o := r.opt
	count := r.count
	if count == 0 || r.simple {
		p0 := periodIndex(&o, o.Dtstart)
		pt := periodIndex(&o, lo)
		if n := (pt - p0) / int64(o.Interval); pt > p0 && n >= 1 {
			if count > 0 {
				if n >= int64(count) {
					return &ruleIter{r: r, next: func() (time.Time, bool) { return time.Time{}, false }}, nil
				}
				count -= int(n)
			}
			o.Dtstart = periodStart(&o, p0+n*int64(o.Interval))
		}
	}
	if !r.untilWall.IsZero() {
		o.Until = r.untilWall
	} else if !r.untilInstant.IsZero() {
		o.Until = r.untilInstant.Add(15 * time.Hour) // exact check after placing
	}
	rr, err := rrule.NewRRule(o)
	if err != nil {
		return nil, err
	}
	return &ruleIter{next: rr.Iterator(), count: count, r: r}, nil
}

// Next returns the next instance's wall-clock start.
func (it *ruleIter) Next() (time.Time, bool) {
	if it.r.never {
		return time.Time{}, false
	}
	w, ok := it.next()
	if !ok {
		return time.Time{}, false
	}
	it.steps++
	if it.count > 0 {
		it.count--
		if it.count == 0 {
			it.next = func() (time.Time, bool) { return time.Time{}, false }
		}
	}
	return w, true
}

// countIn counts, without walking them, the instances of a simple sub-daily
// rule whose wall-clock start is after lo and before hi. ok is false for
// other rules.
func (r *recurrence) countIn(lo, hi time.Time, loc *time.Location) (n int, ok bool) {
	var unit int64
	switch r.opt.Freq {
	case rrule.HOURLY:
		unit = 3600
	case rrule.MINUTELY:
		unit = 60
	case rrule.SECONDLY:
		unit = 1
	default:
		return 0, false
	}
	if !r.simple {
		return 0, false
	}
	p := unit * int64(r.opt.Interval)
	d0 := r.opt.Dtstart.Unix()
	k0 := max(floorDiv(lo.Unix()-d0, p)+1, 0)
	k1 := floorDiv(hi.Unix()-1-d0, p)
	if !r.untilWall.IsZero() {
		k1 = min(k1, floorDiv(r.untilWall.Unix()-d0, p))
	}
	if !r.untilInstant.IsZero() {
		k1 = min(k1, floorDiv(wallOf(r.untilInstant, loc).Unix()-d0, p))
	}
	if r.count > 0 {
		k1 = min(k1, int64(r.count)-1)
	}
	return int(max(k1-k0+1, 0)), true
}

// estimate is a rough upper bound of the rule's instances in [from, to),
// to size the result once.
func (r *recurrence) estimate(from, to time.Time) int {
	period := [...]time.Duration{
		rrule.YEARLY: 365 * 24 * time.Hour, rrule.MONTHLY: 28 * 24 * time.Hour, rrule.WEEKLY: 7 * 24 * time.Hour,
		rrule.DAILY: 24 * time.Hour, rrule.HOURLY: time.Hour, rrule.MINUTELY: time.Minute, rrule.SECONDLY: time.Second,
	}[r.opt.Freq] * time.Duration(r.opt.Interval)
	n := int(to.Sub(from)/period) + 2
	per := max(1, len(r.opt.Byweekday)) * max(1, len(r.opt.Bymonthday)) * max(1, len(r.opt.Byhour))
	n = min(n*per, maxRuleInWindow)
	if r.count > 0 {
		n = min(n, r.count)
	}
	return n
}
