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
	// maxRuleWork bounds the work (days and candidates looked at, about
	// 30 ns each) of one walk of one rule; maxFeedWork plus
	// feedWorkPerSeries for each recurring series bounds the walks of one
	// Expand of one feed (an ordinary series needs a few hundred).
	maxRuleWork       = 1_000_000
	maxFeedWork       = 2_500_000
	feedWorkPerSeries = 1_000
	// maxProbeWork bounds one check that an unusual rule occurs at all,
	// maxParseProbeWork all such checks of one Parse.
	maxProbeWork      = 250_000
	maxParseProbeWork = 1_500_000
	// maxInterval is the largest INTERVAL read; larger ones are refused.
	maxInterval = 1_000_000
)

// recurrence is a parsed RRULE (RFC 5545 §3.3.10), evaluated by rrule-go in
// wall-clock time: the rule runs on DTSTART's local clock reading (kept in
// UTC, where no day is 23 or 25 hours long), and each instance is placed in
// DTSTART's zone afterwards with the §3.3.5 rules for skipped and repeated
// local times. That keeps the wall clock across DST changes.
type recurrence struct {
	opt   rrule.ROption // Dtstart = DTSTART's wall clock; implied BYxxx explicit
	eval  *evalRule     // the rule ready for walking
	text  string        // the RRULE value as written
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

// probeBudget limits the work one Parse spends probing rules.
type probeBudget struct {
	spent int
	cache map[string]error
}

var (
	errNever   = errors.New("never occurs")
	errTooMuch = errors.New("is too costly to check (it needs too much work to find an instance)")
	errSpent   = errors.New("is too costly to check (the feed has too many unusual rules)")
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
	if err := checkRule(opt, start.date); err != nil {
		return nil, fmt.Errorf("cannot be read: %w", err)
	}
	makeImplicit(opt)
	r.opt = *opt
	r.eval = newEvalRule(opt)
	r.simple = isSimple(opt, value)
	if err := checkTimeFilters(opt); err != nil {
		r.never = true
		return r, err
	}
	if !r.eval.setposCanMatch() || !r.eval.byDayCanMatch() {
		r.never = true
		return r, errNever
	}
	if !r.simple {
		if err := budget.occurs(r, value); err != nil {
			r.never = true
			return r, err
		}
	}
	return r, nil
}

// checkRule refuses what the rule evaluator must not see: values out of
// the ranges of §3.3.10 (rrule-go's own bounds check; BYSECOND=60, a leap
// second, is among them), BYEASTER (an rrule-go extension, not iCalendar),
// an INTERVAL beyond maxInterval. Values the RFC allows but that can never
// match (BYDAY=53MO in a month) are not refused here: the probe finds that
// the rule never occurs. With an all-day DTSTART, BYHOUR, BYMINUTE and
// BYSECOND are ignored (§3.3.10), and every BYxxx list becomes a set.
func checkRule(o *rrule.ROption, allDay bool) error {
	if len(o.Byeaster) > 0 {
		return errors.New("BYEASTER is not an iCalendar rule part")
	}
	if o.Interval > maxInterval {
		return fmt.Errorf("INTERVAL %d is too large (at most %d)", o.Interval, maxInterval)
	}
	if allDay {
		if o.Freq > rrule.DAILY {
			return errors.New("an all-day event cannot repeat more often than daily")
		}
		o.Byhour, o.Byminute, o.Bysecond = nil, nil, nil
	}
	if _, err := rrule.NewRRule(*o); err != nil { // bounds only; never iterated
		return err
	}
	for _, l := range []*[]int{&o.Bysetpos, &o.Bymonth, &o.Bymonthday, &o.Byyearday, &o.Byweekno, &o.Byhour, &o.Byminute, &o.Bysecond} {
		*l = uniqueInts(*l)
	}
	return nil
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

// occurs reports whether a rule has any instance at all: some day of a
// 400-year Gregorian cycle must pass its day filters, and a walk from
// DTSTART over one whole cycle of the rule (400 years and INTERVAL both
// come round; after that everything repeats) must find an instance within
// a budget in work. A rule that needs more work than that is refused as
// too costly.
func (b *probeBudget) occurs(r *recurrence, value string) error {
	key := value + "@" + r.opt.Dtstart.Format("20060102T150405")
	if v, ok := b.cache[key]; ok {
		return v
	}
	if b.spent > maxParseProbeWork {
		return errSpent
	}
	e := r.eval
	var res error = errNever
	ok, days := e.anyDayPasses()
	b.spent += days / 16 // a day check is much cheaper than a walk's work
	if ok {
		w := e.walk(e.p0, maxWall, maxProbeWork)
		w.left = e.cyclePeriods()
		if _, ok := w.next(); ok {
			res = nil
		} else if w.err != nil {
			res = errTooMuch
		}
		b.spent += w.work
	}
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

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ruleIter walks the instances of a rule in wall-clock time.
type ruleIter struct {
	w     *ruleWalker
	count int // instances still allowed by COUNT (0: no COUNT)
	r     *recurrence
	steps int
}

// iter starts the rule at the first period that can hold an instance at or
// after wall-clock time lo, and stops it after hi (or UNTIL, if earlier).
// Periods before lo are skipped arithmetically when the rule allows (no
// COUNT, or one instance per period). The walk may do at most budget work.
func (r *recurrence) iter(lo, hi time.Time, budget int) *ruleIter {
	o := &r.opt
	count := r.count
	p := r.eval.p0
	if count > 0 && !r.eval.gives(r.eval.start) {
		// DTSTART always counts as the first occurrence (§3.3.10, COUNT),
		// also when the rule itself does not give it.
		if count--; count == 0 {
			return &ruleIter{r: r, w: &ruleWalker{done: true}}
		}
	}
	if count == 0 || r.simple {
		pt := periodIndex(o, lo)
		if n := (pt - p) / int64(o.Interval); pt > p && n >= 1 {
			if count > 0 {
				if n >= int64(count) {
					return &ruleIter{r: r, w: &ruleWalker{done: true}}
				}
				count -= int(n)
			}
			p += n * int64(o.Interval)
		}
	}
	stop := hi.Unix()
	if !r.untilWall.IsZero() {
		stop = min(stop, r.untilWall.Unix())
	} else if !r.untilInstant.IsZero() {
		stop = min(stop, r.untilInstant.Add(15*time.Hour).Unix()) // exact check after placing
	}
	return &ruleIter{w: r.eval.walk(p, stop, budget), count: count, r: r}
}

// Next returns the next instance's wall-clock start.
func (it *ruleIter) Next() (time.Time, bool) {
	if it.r.never || it.w.done && len(it.w.cur) == 0 {
		return time.Time{}, false
	}
	v, ok := it.w.next()
	if !ok {
		return time.Time{}, false
	}
	it.steps++
	if it.count > 0 {
		it.count--
		if it.count == 0 {
			it.w.cur, it.w.done = nil, true
		}
	}
	return time.Unix(v, 0).UTC(), true
}

// Err reports why the walk stopped early (errBudget), or nil.
func (it *ruleIter) Err() error { return it.w.err }

// Work is the work the walk has done so far.
func (it *ruleIter) Work() int { return it.w.work }

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

// readRules reads ev's RRULEs: ev.rule is the first usable one, the other
// usable ones go to ev.moreRules. Each unusable one is a warning.
func (p *parser) readRules(ev *event) {
	for _, value := range append([]string{ev.rrule}, ev.moreRRules...) {
		rule, err := guardedParse(value, ev.start, &p.probe)
		if err != nil {
			what := "only the first occurrence is shown"
			if len(ev.moreRRules) > 0 {
				what = "that rule is not used"
			}
			p.warnEvent(ev, fmt.Sprintf("RRULE %q %v; %s", clip(value), err, what))
			continue
		}
		rule.text = value
		if ev.rule == nil {
			ev.rule, ev.rrule = rule, value
		} else {
			ev.moreRules = append(ev.moreRules, rule)
		}
	}
}

// guardedParse is parseRecurrence with a last line of defence: a panic in
// reading or probing one rule (every rule is checked before it is walked,
// so this is a bug) becomes an error on that rule, not a crash of the
// process.
func guardedParse(value string, start stamp, budget *probeBudget) (r *recurrence, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("cannot be used (internal error: %v)", p)
		}
	}()
	return parseRecurrence(value, start, budget)
}
