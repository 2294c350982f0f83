package calendar

import (
	"errors"
	"slices"
	"time"

	"github.com/teambition/rrule-go"
)

// This file evaluates recurrence rules (RFC 5545 §3.3.10) itself, period by
// period, instead of with rrule-go's iterator: rrule-go indexes fixed-size
// masks with BYDAY positions (index out of range on 53MO in a month or
// -53SU), and it walks period after period with no bound when a rule's
// BYSETPOS never matches. Here every period's candidates are computed
// arithmetically (nothing can index out of range) and every walk carries a
// budget in work, so no rule can crash or hang an expansion. rrule-go still
// reads the RRULE text into an ROption.

// errBudget reports that a rule needed more work than its budget allows.
var errBudget = errors.New("needs too much work to expand")

// evalRule is a rule ready for evaluation: the BYxxx parts as sets, times
// of day as seconds, and DTSTART (wall clock) as Unix seconds.
type evalRule struct {
	freq     rrule.Frequency
	interval int64
	wkst     int    // Go weekday (Sunday = 0) that starts a week
	months   uint16 // bit m: month m allowed; 0: any
	mdays    []int  // BYMONTHDAY, positive and negative
	ydays    []int  // BYYEARDAY
	weeknos  []int  // BYWEEKNO
	wdays    uint8  // bit w: weekday w (Go numbering) allowed in any position
	nth      []nthDay
	byDay    bool    // any BYDAY
	hours    uint32  // bit h: BYHOUR (limits sub-daily rules)
	minutes  uint64  // bit m: BYMINUTE
	seconds  uint64  // bit s: BYSECOND
	times    []int32 // daily and coarser: every time of day, sorted
	subTimes []int32 // HOURLY: minute×second offsets; MINUTELY: seconds
	setpos   []int   // BYSETPOS
	start    int64   // DTSTART wall clock, Unix seconds
	p0       int64   // DTSTART's period index
	unit     int64   // period length in seconds for sub-daily rules
	nthInMon bool    // BYDAY positions count within the month (else the year)
	buf      []int64 // scratch for one period's candidates
	// sub-daily rules: the day of the last step, and whether it passed
	day      dayRef
	dayKnown bool
	dayPass  bool
}

// nthDay is a BYDAY entry with a position: the n-th weekday wd.
type nthDay struct{ n, wd int }

// dayRef is one day of a period, with the calendar facts the filters need.
type dayRef struct {
	n                 int64 // days since 1970-01-01
	year, month, mday int
	yday, wday        int
	mlen, ylen        int
}

// newEvalRule prepares o (with its implicit BYxxx parts already explicit,
// see makeImplicit) for evaluation.
func newEvalRule(o *rrule.ROption) *evalRule {
	e := &evalRule{freq: o.Freq, interval: int64(max(o.Interval, 1)), setpos: uniqueInts(o.Bysetpos)}
	e.wkst = (o.Wkst.Day() + 1) % 7
	for _, m := range o.Bymonth {
		e.months |= 1 << uint(m)
	}
	e.mdays, e.ydays, e.weeknos = uniqueInts(o.Bymonthday), uniqueInts(o.Byyearday), uniqueInts(o.Byweekno)
	e.byDay = len(o.Byweekday) > 0
	for i := range o.Byweekday {
		w := &o.Byweekday[i]
		wd := (w.Day() + 1) % 7
		if w.N() == 0 || o.Freq > rrule.MONTHLY || len(o.Byweekno) > 0 {
			e.wdays |= 1 << uint(wd)
		} else if x := (nthDay{n: w.N(), wd: wd}); !slices.Contains(e.nth, x) {
			e.nth = append(e.nth, x)
		}
	}
	e.nthInMon = o.Freq == rrule.MONTHLY || len(o.Bymonth) > 0
	hours, minutes, seconds := uniqueInts(o.Byhour), uniqueInts(o.Byminute), uniqueInts(o.Bysecond)
	for _, h := range hours {
		e.hours |= 1 << uint(h)
	}
	for _, m := range minutes {
		e.minutes |= 1 << uint(m)
	}
	for _, s := range seconds {
		e.seconds |= 1 << uint(s)
	}
	switch o.Freq {
	case rrule.HOURLY:
		e.unit = 3600
		e.subTimes = crossTimes([]int{0}, minutes, seconds)
	case rrule.MINUTELY:
		e.unit = 60
		e.subTimes = crossTimes([]int{0}, []int{0}, seconds)
	case rrule.SECONDLY:
		e.unit = 1
	default:
		e.times = crossTimes(hours, minutes, seconds)
	}
	e.start = o.Dtstart.Unix()
	e.p0 = periodIndex(o, o.Dtstart)
	return e
}

// uniqueInts returns the values sorted, each once: a rule that names a
// value twice (BYHOUR=9,9) has one candidate for it, not two (§3.3.10
// defines a set).
func uniqueInts(v []int) []int {
	if len(v) == 0 {
		return nil
	}
	out := slices.Clone(v)
	slices.Sort(out)
	return slices.Compact(out)
}

// crossTimes lists every hour×minute×second as seconds of the day, sorted.
func crossTimes(hours, minutes, seconds []int) []int32 {
	out := make([]int32, 0, len(hours)*len(minutes)*len(seconds))
	for _, h := range hours {
		for _, m := range minutes {
			for _, s := range seconds {
				out = append(out, int32(h*3600+m*60+s))
			}
		}
	}
	return out
}

// dayAt returns the calendar facts of day n (days since 1970-01-01),
// computed with integer arithmetic on 400-year Gregorian cycles (146,097
// days each), which is much cheaper than going through time.Time.
func dayAt(n int64) dayRef {
	// Shift to 0000-03-01 so that the leap day ends each year.
	z := n + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // day of era, 0..146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of era, 0..399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of year from 1 March
	mp := (5*doy + 2) / 153                                // month from March, 0..11
	d := int(doy - (153*mp+2)/5 + 1)
	m := int(mp + 3)
	y := int(yoe + era*400)
	if m > 12 {
		m -= 12
		y++
	}
	r := dayRef{n: n, year: y, month: m, mday: d, wday: weekdayOf(n)}
	r.ylen = 365
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	if leap {
		r.ylen = 366
	}
	r.mlen = daysIn(y, time.Month(m))
	r.yday = cumDays[m-1] + d
	if leap && m > 2 {
		r.yday++
	}
	return r
}

// daysFromCivil is the day number (days since 1970-01-01) of y-m-d, the
// inverse of dayAt.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12) // month from March
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// cumDays[m] is the number of days before month m+1 in a common year.
var cumDays = [12]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// next returns the day after r, computed incrementally.
func (r dayRef) next() dayRef {
	r.n++
	r.wday = (r.wday + 1) % 7
	r.yday++
	r.mday++
	if r.mday <= r.mlen {
		return r
	}
	if r.month == 12 {
		return dayAt(r.n)
	}
	r.month++
	r.mday = 1
	r.mlen = daysIn(r.year, time.Month(r.month))
	return r
}

// dayOK reports whether day d passes the rule's day filters (BYMONTH,
// BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY). Expanding and limiting parts
// (the table in §3.3.10) both come down to keeping the days of the period
// that every given part allows.
func (e *evalRule) dayOK(d *dayRef) bool {
	if e.months != 0 && e.months&(1<<uint(d.month)) == 0 {
		return false
	}
	if len(e.ydays) > 0 && !matchPos(e.ydays, d.yday, d.ylen) {
		return false
	}
	if len(e.mdays) > 0 && !matchPos(e.mdays, d.mday, d.mlen) {
		return false
	}
	if e.byDay && e.wdays&(1<<uint(d.wday)) == 0 && !e.nthOK(d) {
		return false
	}
	return len(e.weeknos) == 0 || e.weekOK(d)
}

// matchPos reports whether position v (1-based) of n is in list, counting
// negative entries from the end (-1 is the last).
func matchPos(list []int, v, n int) bool {
	for _, x := range list {
		if x == v || x < 0 && n+x+1 == v {
			return true
		}
	}
	return false
}

// nthOK reports whether d is one of the BYDAY entries with a position,
// counted within its month (MONTHLY, or YEARLY with BYMONTH) or its year.
func (e *evalRule) nthOK(d *dayRef) bool {
	day, length := d.yday, d.ylen
	if e.nthInMon {
		day, length = d.mday, d.mlen
	}
	fromStart := (day-1)/7 + 1
	fromEnd := (length-day)/7 + 1
	for _, x := range e.nth {
		if x.wd == d.wday && (x.n == fromStart || x.n == -fromEnd) {
			return true
		}
	}
	return false
}

// weekOK reports whether d's week number (§3.3.10: weeks start on WKST,
// week 1 is the first with at least four days of the year) is in BYWEEKNO.
// A day in a week that belongs to the next or the previous year is numbered
// in that year.
func (e *evalRule) weekOK(d *dayRef) bool {
	y := d.year
	w1 := e.week1(y)
	if d.n < w1 {
		y--
		w1 = e.week1(y)
	} else if nx := e.week1(y + 1); d.n >= nx {
		y++
		w1 = nx
	}
	no := int((d.n-w1)/7) + 1
	weeks := int((e.week1(y+1) - w1) / 7)
	return matchPos(e.weeknos, no, weeks)
}

// week1 is the day week 1 of year y starts on.
func (e *evalRule) week1(y int) int64 {
	jan1 := daysFromCivil(int64(y), 1, 1)
	off := int64((weekdayOf(jan1) - e.wkst + 7) % 7) // days since WKST
	if off <= 3 {
		return jan1 - off
	}
	return jan1 + 7 - off
}

// weekdayOf is the weekday (Go numbering, Sunday = 0) of day n since
// 1970-01-01, a Thursday.
func weekdayOf(n int64) int {
	return int(((n+4)%7 + 7) % 7)
}

// maxWall is the last wall-clock second any walk looks at (the end of the
// year 9999, the last year iCalendar can write).
var maxWall = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - 1

// firstSec is the wall-clock Unix second period p starts at.
func (e *evalRule) firstSec(p int64) int64 {
	if e.unit != 0 {
		return p * e.unit
	}
	first, _ := e.dayRange(p)
	return first * 86400
}

// dayRange is the first and last day (days since 1970-01-01) of period p of
// a DAILY or coarser rule.
func (e *evalRule) dayRange(p int64) (first, last int64) {
	civil := func(y int64, m int) int64 {
		if m > 12 {
			y, m = y+1, m-12
		}
		return daysFromCivil(y, m, 1)
	}
	switch e.freq {
	case rrule.YEARLY:
		return civil(p, 1), civil(p+1, 1) - 1
	case rrule.MONTHLY:
		y := floorDiv(p, 12)
		m := int(p-y*12) + 1
		return civil(y, m), civil(y, m+1) - 1
	case rrule.WEEKLY:
		// Weeks counted as in periodIndex: day 0 was a Thursday.
		first = p*7 - 3 + int64((e.wkst+6)%7)
		return first, first + 6
	}
	return p, p
}

// period appends to e.buf the instances of period p: wall-clock Unix
// seconds, sorted, each once, BYSETPOS applied, not yet cut by DTSTART or
// UNTIL. It returns them, the work spent, and the earliest wall-clock
// second a later period can have an instance at (sub-daily rules skip the
// periods of a day, hour or minute their filters rule out).
func (e *evalRule) period(p int64) (out []int64, work int, skipTo int64) {
	e.buf = e.buf[:0]
	if e.unit != 0 {
		return e.subDaily(p)
	}
	first, last := e.dayRange(p)
	d := dayAt(first)
	for n := first; n <= last; n++ {
		if e.dayOK(&d) {
			for _, t := range e.times {
				e.buf = append(e.buf, n*86400+int64(t))
			}
		}
		d = d.next()
	}
	work = int(last-first+1) + len(e.buf)
	return e.applySetpos(), work, 0
}

// subDaily is period for HOURLY, MINUTELY and SECONDLY rules: BYHOUR,
// BYMINUTE and BYSECOND limit them (§3.3.10), the day filters too.
func (e *evalRule) subDaily(p int64) ([]int64, int, int64) {
	const stepWork = 3 // a sub-daily step costs about three days' checks
	secs := p * e.unit
	day := floorDiv(secs, 86400)
	if !e.dayKnown || e.day.n != day {
		e.day, e.dayKnown = dayAt(day), true
		e.dayPass = e.dayOK(&e.day)
	}
	if d := &e.day; !e.dayPass {
		if e.months != 0 && e.months&(1<<uint(d.month)) == 0 {
			return nil, stepWork, (day + int64(d.mlen-d.mday) + 1) * 86400 // next month
		}
		return nil, stepWork, (day + 1) * 86400
	}
	sod := secs - day*86400
	h, m, s := sod/3600, sod/60%60, sod%60
	if e.hours != 0 && e.hours&(1<<uint(h)) == 0 {
		return nil, stepWork, secs - sod%3600 + 3600
	}
	if e.freq != rrule.HOURLY && e.minutes != 0 && e.minutes&(1<<uint(m)) == 0 {
		return nil, stepWork, secs - sod%60 + 60
	}
	if e.freq == rrule.SECONDLY {
		if e.seconds != 0 && e.seconds&(1<<uint(s)) == 0 {
			return nil, stepWork, 0
		}
		e.buf = append(e.buf, secs)
	} else {
		for _, t := range e.subTimes {
			e.buf = append(e.buf, secs+int64(t))
		}
	}
	return e.applySetpos(), stepWork + len(e.buf), 0
}

// applySetpos keeps the BYSETPOS-th members of the period's set (§3.3.10:
// positions count the set after every other part, negative from the end).
func (e *evalRule) applySetpos() []int64 {
	if len(e.setpos) == 0 {
		return e.buf
	}
	n := len(e.buf)
	var picked [8]int64
	out := picked[:0]
	for _, pos := range e.setpos {
		i := pos - 1
		if pos < 0 {
			i = n + pos
		}
		if i >= 0 && i < n {
			out = append(out, e.buf[i])
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	e.buf = append(e.buf[:0], out...)
	return e.buf
}

// maxSetSize is the most candidates one period can have, for checking
// that some BYSETPOS can ever match.
func (e *evalRule) maxSetSize() int {
	switch e.freq {
	case rrule.YEARLY:
		return 366 * len(e.times)
	case rrule.MONTHLY:
		return 31 * len(e.times)
	case rrule.WEEKLY:
		return 7 * len(e.times)
	case rrule.DAILY:
		return len(e.times)
	case rrule.SECONDLY:
		return 1
	}
	return len(e.subTimes)
}

// setposCanMatch reports whether some BYSETPOS position fits in a period.
func (e *evalRule) setposCanMatch() bool {
	if len(e.setpos) == 0 {
		return true
	}
	n := e.maxSetSize()
	for _, pos := range e.setpos {
		if pos <= n && -pos <= n {
			return true
		}
	}
	return false
}

// byDayCanMatch reports whether some BYDAY entry can ever match: a
// position counts at most 5 weeks in a month and 53 in a year.
func (e *evalRule) byDayCanMatch() bool {
	if !e.byDay || e.wdays != 0 {
		return true
	}
	most := 53
	if e.nthInMon {
		most = 5
	}
	for _, x := range e.nth {
		if x.n <= most && -x.n <= most {
			return true
		}
	}
	return false
}

// ruleWalker walks the instances of a rule from one period on, up to a
// wall-clock bound, within a budget in work (days and candidates looked
// at). When the budget runs out it stops with errBudget.
type ruleWalker struct {
	e      *evalRule
	p      int64   // the next period to evaluate
	stop   int64   // last wall-clock second wanted
	cur    []int64 // instances of the current period not yet returned
	work   int
	budget int
	err    error
	done   bool
	left   int64 // periods still allowed (the probe's cycle); <0: no bound
}

// walk starts a walk at period p (on the rule's INTERVAL grid).
// The walker works on its own copy of e's scratch space, so that several
// walks (several Expand calls on one Feed) can run at once.
func (e *evalRule) walk(p, stop int64, budget int) *ruleWalker {
	return &ruleWalker{e: e.scratchCopy(), p: p, stop: min(stop, maxWall), budget: budget, left: -1}
}

// scratchCopy is e with scratch space of its own.
func (e *evalRule) scratchCopy() *evalRule {
	c := *e
	c.buf, c.dayKnown = nil, false
	return &c
}

// next returns the next instance's wall clock (Unix seconds).
func (w *ruleWalker) next() (int64, bool) {
	for len(w.cur) == 0 {
		if w.done {
			return 0, false
		}
		if w.left == 0 || w.e.firstSec(w.p) > w.stop {
			w.done = true
			return 0, false
		}
		if w.work > w.budget {
			w.err, w.done = errBudget, true
			return 0, false
		}
		c, work, skipTo := w.e.period(w.p)
		w.work += work
		for len(c) > 0 && c[0] < w.e.start {
			c = c[1:]
		}
		w.cur = c
		w.advance(skipTo)
	}
	v := w.cur[0]
	if v > w.stop {
		w.cur, w.done = nil, true
		return 0, false
	}
	w.cur = w.cur[1:]
	return v, true
}

// advance moves to the next period on the INTERVAL grid, at or after the
// period holding wall-clock second skipTo when that is later.
func (w *ruleWalker) advance(skipTo int64) {
	e := w.e
	next := w.p + e.interval
	if skipTo > 0 && e.unit != 0 {
		tp := floorDiv(skipTo, e.unit)
		k := floorDiv(tp-e.p0+e.interval-1, e.interval)
		next = max(next, e.p0+k*e.interval)
	}
	if w.left > 0 {
		w.left = max(w.left-(next-w.p)/e.interval, 0)
	}
	w.p = next
}

// cyclePeriods is how many periods of the rule's INTERVAL grid pass before
// everything repeats: 400 Gregorian years (146,097 days, a whole number of
// weeks) and INTERVAL both have to come round.
func (e *evalRule) cyclePeriods() int64 {
	var n int64
	switch e.freq {
	case rrule.YEARLY:
		n = 400
	case rrule.MONTHLY:
		n = 4800
	case rrule.WEEKLY:
		n = 20871
	case rrule.DAILY:
		n = 146097
	default:
		n = 146097 * 86400 / e.unit
	}
	return n / gcd64(n, e.interval)
}

func gcd64(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// anyDayPasses reports whether some day of a 400-year cycle passes the
// day filters (if none does, the rule never occurs, whatever its FREQ),
// and how many days it looked at.
func (e *evalRule) anyDayPasses() (bool, int) {
	d := dayAt(floorDiv(e.start, 86400))
	for i := 0; i < 146097; i++ {
		if e.dayOK(&d) {
			return true, i + 1
		}
		d = d.next()
	}
	return false, 146097
}

// gives reports whether wall-clock second v is an instance of the rule's
// period that holds it (not cut by DTSTART or UNTIL).
func (e *evalRule) gives(v int64) bool {
	var p int64
	if e.unit != 0 {
		p = floorDiv(v, e.unit)
	} else {
		p = e.periodOf(floorDiv(v, 86400))
	}
	if (p-e.p0)%e.interval != 0 {
		return false
	}
	c, _, _ := e.scratchCopy().period(p)
	_, found := slices.BinarySearch(c, v)
	return found
}

// periodOf is the period index of day n for a DAILY or coarser rule.
func (e *evalRule) periodOf(n int64) int64 {
	d := dayAt(n)
	switch e.freq {
	case rrule.YEARLY:
		return int64(d.year)
	case rrule.MONTHLY:
		return int64(d.year)*12 + int64(d.month) - 1
	case rrule.WEEKLY:
		return floorDiv(n+3-int64((e.wkst+6)%7), 7)
	}
	return n
}

// severalADay reports whether the rule can have more than one instance on
// one day.
func (e *evalRule) severalADay() bool {
	return e.unit != 0 || len(e.times) > 1
}
