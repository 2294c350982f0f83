package calendar

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"
)

// Expand returns the occurrences with start < to and end > from (and the
// zero-length ones with from ≤ start < to, which would otherwise fall in no
// window), sorted by (Start, Summary), cancelled ones left out, plus
// warnings for what was cut. Occurrences are not clipped to the window.
func (f *Feed) Expand(from, to time.Time, opts ExpandOptions) ([]Occurrence, []Warning) {
	x := expander{feed: f, from: from, to: to, zone: opts.Zone, rules: opts.Rules}
	if len(x.rules) > 0 {
		x.kinds = map[*event]kindOf{}
	}
	if x.zone == nil {
		x.zone = time.Local
	}
	if !to.After(from) {
		return nil, nil
	}
	// Events without a rule first, then rules from the sparsest frequency
	// to the densest: if a hostile rule exhausts the feed's budget, the
	// real schedule has already been placed.
	ruled := make([]*event, 0, f.series)
	need := len(f.events)
	for _, ev := range f.events {
		if ev.rule != nil {
			ruled = append(ruled, ev)
			need += ev.rule.estimate(from, to)
		}
	}
	x.out = make([]Occurrence, 0, min(need, maxFeedOccurrences))
	for _, ev := range f.events {
		if ev.rule == nil {
			x.series(ev)
		}
	}
	sort.SliceStable(ruled, func(i, j int) bool { return ruled[i].rule.opt.Freq < ruled[j].rule.opt.Freq })
	for i, ev := range ruled {
		if x.full {
			x.warnings = append(x.warnings, Warning{Feed: f.Source,
				Reason: fmt.Sprintf("%d recurring event(s) not expanded: the feed's occurrence limit was reached", len(ruled)-i)})
			break
		}
		x.series(ev)
	}
	SortOccurrences(x.out)
	oofInShifts(x.out)
	return x.out, x.warnings
}

// expander holds the state of one Expand call.
type expander struct {
	feed     *Feed
	from, to time.Time
	zone     *time.Location
	rules    []KindRule
	out      []Occurrence
	warnings []Warning
	steps    int
	work     int // rule-walking work, bounded by maxFeedWork
	full     bool
	zc       zoneCache
	// the last event whose length was computed (see length)
	lenOf  *event
	lenFz  *time.Location
	lenVal time.Duration
	kinds  map[*event]kindOf // with user rules: each event classified once
}

func (x *expander) warn(ev *event, reason string) {
	x.warnings = append(x.warnings, Warning{Feed: x.feed.Source, UID: ev.uid, Summary: ev.summary, Line: ev.line, Reason: reason})
}

// zoneCache remembers one zone period (from ZoneBounds) in which the UTC
// offset is fixed and no local time is skipped or repeated near by.
type zoneCache struct {
	loc    *time.Location
	off    int64 // seconds east of UTC
	lo, hi int64 // instants (Unix seconds) where the shortcut holds
}

// at is wallIn (the §3.3.5 placing of a local time) with a one-zone cache:
// most instances of a feed fall in the same DST period, where placing a
// wall clock is a subtraction.
func (x *expander) at(wall time.Time, loc *time.Location) time.Time {
	if loc == time.UTC || loc == nil {
		return wall
	}
	c := &x.zc
	if c.loc == loc {
		if u := wall.Unix() - c.off; u >= c.lo && u < c.hi {
			return time.Unix(u, int64(wall.Nanosecond())).In(loc)
		}
	}
	t := wallIn(wall, loc)
	start, end := t.ZoneBounds()
	_, off := t.Zone()
	const near = 26 * 3600
	c.loc, c.off, c.lo, c.hi = loc, int64(off), math.MinInt64, math.MaxInt64
	if !start.IsZero() {
		c.lo = start.Unix() + near
	}
	if !end.IsZero() {
		c.hi = end.Unix() - near
	}
	return t
}

// instant places a DATE-TIME value, floating ones in fz.
func (x *expander) instant(s stamp, fz *time.Location) time.Time {
	return x.at(s.wall, s.zone(fz))
}

// floatZone is where ev's floating times are read: the feed's
// X-WR-TIMEZONE, else the agent's zone.
func (x *expander) floatZone(ev *event) *time.Location {
	if ev.cal != nil && ev.cal.floating != nil {
		return ev.cal.floating
	}
	return x.zone
}

// inst is one instance of a series before it becomes an Occurrence.
type inst struct {
	ev         *event // where summary etc. come from
	start, end time.Time
	sd, ed     Date // all-day dates
	recurID    time.Time
}

// span gives an instance of ev starting at wall-clock w its start and end:
// DTEND gives every instance the exact length of the first one (RFC 5545
// §3.8.5.3), DURATION days are nominal and its time part exact (§3.3.6), and
// the default is one day for a DATE and zero for a DATE-TIME (§3.6.1).
func (x *expander) span(ev *event, w time.Time, fz *time.Location) (start, end time.Time) {
	if ev.start.date {
		days := 1
		switch {
		case ev.hasEnd:
			days = int(ev.end.wall.Sub(ev.start.wall).Hours()+12) / 24
		case ev.hasDur:
			days = ev.dur.days
		}
		if days < 1 && !(ev.hasEnd && days == 0) {
			days = 1
		}
		if ev.hasEnd && days == 0 {
			days = 1 // a DATE DTEND equal to DTSTART: one day, as most producers mean
		}
		return w, w.AddDate(0, 0, days)
	}
	loc := ev.start.zone(fz)
	start = x.at(w, loc)
	switch {
	case ev.hasEnd:
		end = start.Add(x.length(ev, loc, fz))
	case ev.hasDur:
		end = start
		if ev.dur.days != 0 {
			end = x.at(w.AddDate(0, 0, ev.dur.days), loc)
		}
		end = end.Add(ev.dur.exact)
	default:
		end = start
	}
	return start, end
}

// length is the exact length DTSTART–DTEND of ev's first instance, which
// every instance keeps (§3.8.5.3), computed once per event.
func (x *expander) length(ev *event, loc, fz *time.Location) time.Duration {
	if x.lenOf == ev && x.lenFz == fz {
		return x.lenVal
	}
	d := x.instant(ev.end, fz).Sub(x.instant(ev.start, fz))
	if ev.end.date {
		d = x.at(ev.end.wall, loc).Sub(x.instant(ev.start, fz))
	}
	x.lenOf, x.lenFz, x.lenVal = ev, fz, d
	return d
}

// emit adds an instance if it is in the window and not cancelled.
func (x *expander) emit(in inst, allDay bool) bool {
	ev := in.ev
	var occ Occurrence
	if allDay {
		occ.AllDay = true
		occ.StartDate, occ.EndDate = in.sd, in.ed
		occ.Start, occ.End = in.sd.In(x.zone), in.ed.In(x.zone)
	} else {
		occ.Start, occ.End = in.start, in.end
		if occ.End.Before(occ.Start) {
			// Only possible with mixed floating and zoned values whose
			// order depends on the agent's zone (warned at parse time in
			// the usual case): show the start.
			occ.End = occ.Start
		}
	}
	if !occ.Start.Before(x.to) || !occ.End.After(x.from) {
		// A zero-length instance at the window start is inside it.
		if !(occ.Start.Equal(occ.End) && !occ.Start.Before(x.from) && occ.Start.Before(x.to)) {
			return false
		}
	}
	if ev.cancelled {
		return false
	}
	if len(x.out) >= maxFeedOccurrences {
		if !x.full {
			x.full = true
			x.warnings = append(x.warnings, Warning{Feed: x.feed.Source,
				Reason: fmt.Sprintf("more than %d occurrences in the window; the rest are not shown", maxFeedOccurrences)})
		}
		return false
	}
	occ.UID, occ.Summary, occ.Location, occ.Description = ev.uid, ev.summary, ev.location, ev.description
	occ.Categories = ev.categories
	occ.Kind, occ.oof = ev.kind, ev.oof
	if len(x.rules) > 0 {
		occ.Kind, occ.oof = x.kindWithRules(ev)
	}
	occ.Source = x.feed.Source
	occ.RecurrenceID = in.recurID
	occ.Alarms = ev.alarms
	x.out = append(x.out, occ)
	return true
}

// series expands one event: a single event, or a recurring series with its
// RDATEs, EXDATEs and RECURRENCE-ID overrides.
func (x *expander) series(ev *event) {
	fz := x.floatZone(ev)
	allDay := ev.start.date
	if ev.rule == nil && len(ev.rdates) == 0 && len(ev.overrides) == 0 {
		x.single(ev, ev.start.wall, fz, time.Time{})
		return
	}
	if ev.cancelled {
		return // STATUS:CANCELLED on the series cancels every instance
	}
	// The instances of the series, by original start.
	loc := ev.start.zone(fz)
	// key is an instant (timed) or a date (all-day). A floating EXDATE or
	// RECURRENCE-ID of a zoned series is a wall clock in the series' zone.
	key := func(s stamp) time.Time {
		if allDay || s.date {
			return time.Date(s.wall.Year(), s.wall.Month(), s.wall.Day(), 0, 0, 0, 0, time.UTC)
		}
		return x.instant(s, loc)
	}
	excluded := make(map[int64]bool, len(ev.exdates)+len(ev.overrides))
	exDays := map[int64]bool{} // DATE EXDATEs on a timed series
	for _, e := range ev.exdates {
		if e.date && !allDay {
			exDays[key(e).Unix()] = true
		} else {
			excluded[key(e).Unix()] = true
		}
	}
	var future []*event // THISANDFUTURE overrides, by RECURRENCE-ID
	var shift time.Duration
	for _, o := range ev.overrides {
		if o.recurID.date && !allDay {
			exDays[key(o.recurID).Unix()] = true // a DATE RECURRENCE-ID names the day
		} else {
			excluded[key(o.recurID).Unix()] = true
		}
		if o.thisAndFuture {
			future = append(future, o)
			if d := absDur(key(o.start).Sub(key(o.recurID))); d > shift {
				shift = d
			}
		}
	}
	sort.Slice(future, func(i, j int) bool { return key(future[i].recurID).Before(key(future[j].recurID)) })
	isExcluded := func(w time.Time, k time.Time) bool {
		if excluded[k.Unix()] {
			return true
		}
		if len(exDays) > 0 {
			return exDays[time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC).Unix()]
		}
		return false
	}
	inWindow := 0
	// A rule with one time of day gives instants on different days, each
	// once; only DTSTART (remembered on its own), RDATEs, further rules and
	// several times a day (two wall clocks can meet in a DST gap, §3.3.5)
	// can repeat one, and only then is a map needed.
	var seen map[int64]bool
	if len(ev.rdates) > 0 || len(ev.moreRules) > 0 || ev.rule != nil && ev.rule.eval.severalADay() {
		seen = map[int64]bool{}
	}
	first, firstSeen := int64(0), false
	add := func(w time.Time, r *rdate) {
		var in inst
		in.ev = ev
		if allDay {
			s, e := x.span(ev, w, fz)
			in.sd, in.ed = DateOf(s), DateOf(e)
			in.recurID = time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
		} else {
			in.start, in.end = x.span(ev, w, fz)
			in.recurID = in.start
			if r != nil && !r.at.date {
				in.start = x.instant(r.at, fz)
				in.recurID = in.start
				in.end = in.start.Add(in.end.Sub(x.at(w, loc)))
			}
		}
		if r != nil && (r.hasEnd || r.hasDur) {
			if r.hasEnd {
				in.end = x.instant(r.end, fz)
			} else {
				in.end = in.start.Add(r.dur.exact)
				if r.dur.days != 0 {
					in.end = x.at(wallOf(in.start, loc).AddDate(0, 0, r.dur.days), loc).Add(r.dur.exact)
				}
			}
		}
		k := in.recurID
		ku := k.Unix()
		if firstSeen && ku == first || seen[ku] || isExcluded(w, k) {
			return
		}
		if !firstSeen {
			first, firstSeen = ku, true
		}
		if seen != nil {
			seen[ku] = true
		}
		// A THISANDFUTURE override changes every later instance.
		for i := len(future) - 1; i >= 0; i-- {
			o := future[i]
			if rk := key(o.recurID); k.After(rk) {
				d := key(o.start).Sub(rk)
				os, oe := x.span(o, o.start.wall, fz) // the override's own length
				if allDay {
					in.sd = DateOf(w.Add(d))
					in.ed = DateOf(w.Add(d).Add(oe.Sub(os)))
				} else {
					in.start = in.start.Add(d)
					in.end = in.start.Add(oe.Sub(os))
				}
				in.ev = o
				break
			}
		}
		if x.emit(in, allDay) {
			inWindow++
		}
	}
	// DTSTART is always the first instance (RFC 5545 §3.8.5.1).
	add(ev.start.wall, nil)
	for i := range ev.rdates {
		r := &ev.rdates[i]
		w := r.at.wall
		if !r.at.date && !allDay {
			w = wallOf(x.instant(r.at, fz), loc)
		}
		add(w, r)
	}
	if ev.rule != nil {
		for _, r := range append([]*recurrence{ev.rule}, ev.moreRules...) {
			x.rule(ev, r, loc, fz, shift, func(w time.Time) { add(w, nil) }, &inWindow)
		}
	}
	for _, o := range ev.overrides {
		x.single(o, o.start.wall, x.floatZone(o), key(o.recurID))
	}
}

// rule walks the RRULE instances that can reach the window.
func (x *expander) rule(ev *event, r *recurrence, loc, fz *time.Location, shift time.Duration, add func(time.Time), inWindow *int) {
	defer func() { // a last line of defence: rules are checked when read
		if p := recover(); p != nil {
			x.warn(ev, fmt.Sprintf("RRULE %q cannot be expanded (internal error: %v); the series may be incomplete", clip(r.text), p))
		}
	}()
	if ev.start.date {
		loc = x.zone // dates: the window's days in the agent's zone
	}
	// The longest an instance lasts, so that one starting before the window
	// but reaching into it is found; shift covers THISANDFUTURE moves.
	first, firstEnd := x.window(ev, ev.start.wall, fz)
	length := firstEnd.Sub(first)
	fromW, toW := wallOf(x.from, loc), wallOf(x.to, loc)
	lo := fromW.Add(-length - shift - 48*time.Hour)
	hi := toW.Add(shift + 48*time.Hour)
	days := int(toW.Sub(fromW).Hours()/24) + 1
	limit := max(maxRuleInWindow, 4*days)
	if n, ok := r.countIn(fromW.Add(-length), toW, loc); ok && n > limit {
		x.warn(ev, fmt.Sprintf("RRULE %q would give %d occurrences in the window (limit %d); the series is not shown", clip(r.text), n, limit))
		return
	}
	feedWork := maxFeedWork + feedWorkPerSeries*x.feed.series
	if x.work >= feedWork {
		x.warn(ev, fmt.Sprintf("RRULE %q not expanded: the feed's work limit was reached", clip(r.text)))
		return
	}
	it := r.iter(lo, hi, min(maxRuleWork, feedWork-x.work))
	defer func() { x.work += it.Work() }()
	before, start := *inWindow, len(x.out)
	for {
		w, ok := it.Next()
		if !ok && it.Err() != nil {
			x.out = x.out[:start]
			*inWindow = before
			x.warn(ev, fmt.Sprintf("RRULE %q %v (more than %d steps); the series is not shown", clip(r.text), it.Err(), min(maxRuleWork, feedWork)))
			return
		}
		if !ok || w.After(hi) {
			return
		}
		if !r.untilInstant.IsZero() && x.at(w, loc).After(r.untilInstant) {
			return
		}
		if w.Before(lo) {
			x.steps++ // work that shows nothing: bounded per rule and feed
			if it.steps > maxRuleSteps || x.steps > maxFeedSteps {
				x.warn(ev, fmt.Sprintf("RRULE %q needs more than %d steps to reach the window; the series is not shown", clip(r.text), min(maxRuleSteps, maxFeedSteps)))
				return
			}
			continue
		}
		add(w)
		if *inWindow-before > limit {
			x.out = x.out[:start]
			x.warn(ev, fmt.Sprintf("RRULE %q gives more than %d occurrences in the window; the series is not shown", clip(r.text), limit))
			return
		}
	}
}

// window returns the start and end of the instance of ev at wall-clock w
// as instants (all-day: midnight in the agent's zone).
func (x *expander) window(ev *event, w time.Time, fz *time.Location) (time.Time, time.Time) {
	s, e := x.span(ev, w, fz)
	if ev.start.date {
		return DateOf(s).In(x.zone), DateOf(e).In(x.zone)
	}
	return s, e
}

// single emits one event (or override) that has no recurrence of its own.
func (x *expander) single(ev *event, w time.Time, fz *time.Location, recurID time.Time) {
	in := inst{ev: ev, recurID: recurID}
	s, e := x.span(ev, w, fz)
	if ev.start.date {
		in.sd, in.ed = DateOf(s), DateOf(e)
	} else {
		in.start, in.end = s, e
	}
	x.emit(in, ev.start.date)
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// SortOccurrences sorts occurrences by (Start, Summary); equal ones keep
// their order (the order of the feeds and of the events in them), so the
// result is the same on every run. It sorts small integer keys and then
// moves each occurrence once, which is much faster than swapping the large
// structs while sorting.
func SortOccurrences(occ []Occurrence) {
	if isSorted(occ) {
		return
	}
	if keys, mask, ok := packedKeys(occ); ok {
		slices.Sort(keys) // by start, then summary, then index
		permute(occ, keys, mask)
		return
	}
	const indexBits = 22
	if len(occ) >= 1<<indexBits {
		slices.SortStableFunc(occ, func(a, b Occurrence) int { return compareOcc(&a, &b) })
		return
	}
	keys := make([]uint64, len(occ))
	for i := range occ {
		sec := occ[i].Start.Unix() + 1<<40 // years -32000..+36000 stay positive
		if sec < 0 || sec >= 1<<(64-indexBits) || occ[i].Start.Nanosecond() != 0 {
			slices.SortStableFunc(occ, func(a, b Occurrence) int { return compareOcc(&a, &b) })
			return
		}
		keys[i] = uint64(sec)<<indexBits | uint64(i)
	}
	slices.Sort(keys) // by start, then index
	const mask = 1<<indexBits - 1
	// Order each run of equal starts by summary, through the rank of each
	// distinct summary (few per feed), keeping the index order on ties.
	var rank []int32
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi]>>indexBits == keys[lo]>>indexBits {
			hi++
		}
		if hi-lo > 1 {
			if rank == nil {
				rank = summaryRanks(occ)
			}
			slices.SortFunc(keys[lo:hi], func(a, b uint64) int {
				if ra, rb := rank[a&mask], rank[b&mask]; ra != rb {
					return int(ra - rb)
				}
				return int(a&mask) - int(b&mask)
			})
		}
		lo = hi
	}
	permute(occ, keys, mask)
}

// isSorted reports whether occ is in (Start, Summary) order already.
func isSorted(occ []Occurrence) bool {
	for i := 1; i < len(occ); i++ {
		if compareOcc(&occ[i-1], &occ[i]) > 0 {
			return false
		}
	}
	return true
}

// packedKeys gives each occurrence one integer key that orders by start,
// then summary (its rank among the distinct summaries), then position in
// occ: possible when the span of the starts (whole seconds), the ranks and
// the positions fit in 64 bits together, as they do for any agenda window.
// mask extracts the position.
func packedKeys(occ []Occurrence) (keys []uint64, mask uint64, ok bool) {
	lo, hi := occ[0].Start.Unix(), occ[0].Start.Unix()
	for i := range occ {
		if occ[i].Start.Nanosecond() != 0 {
			return nil, 0, false
		}
		s := occ[i].Start.Unix()
		lo, hi = min(lo, s), max(hi, s)
	}
	rank := summaryRanks(occ)
	maxRank := int32(0)
	for _, r := range rank {
		maxRank = max(maxRank, r)
	}
	ib, rb := bits.Len(uint(len(occ)-1)), bits.Len(uint(maxRank))
	if hi-lo < 0 || ib+rb+bits.Len64(uint64(hi-lo)) > 64 {
		return nil, 0, false
	}
	keys = make([]uint64, len(occ))
	for i := range occ {
		keys[i] = uint64(occ[i].Start.Unix()-lo)<<(rb+ib) | uint64(rank[i])<<ib | uint64(i)
	}
	return keys, 1<<ib - 1, true
}

// permute moves each occurrence once to its place: keys, sorted, hold the
// old position of each in their low bits (mask).
func permute(occ []Occurrence, keys []uint64, mask uint64) {
	const done = ^uint64(0)
	for i := range keys {
		if keys[i] == done || int(keys[i]&mask) == i {
			continue
		}
		tmp := occ[i]
		j := i
		for {
			k := int(keys[j] & mask)
			keys[j] = done
			if k == i {
				occ[j] = tmp
				break
			}
			occ[j] = occ[k]
			j = k
		}
	}
}

// summaryRanks gives each occurrence the rank of its summary among the
// distinct summaries, in string order.
func summaryRanks(occ []Occurrence) []int32 {
	ids := make(map[string]int32)
	of := make([]int32, len(occ))
	for i := range occ {
		id, ok := ids[occ[i].Summary]
		if !ok {
			id = int32(len(ids))
			ids[occ[i].Summary] = id
		}
		of[i] = id
	}
	names := make([]string, len(ids))
	for s, id := range ids {
		names[id] = s
	}
	order := make([]int32, len(names))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(names[a], names[b]) })
	rankOf := make([]int32, len(names))
	for r, id := range order {
		rankOf[id] = int32(r)
	}
	for i, id := range of {
		of[i] = rankOf[id]
	}
	return of
}

// compareOcc orders two occurrences by Start, then Summary.
func compareOcc(a, b *Occurrence) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return strings.Compare(a.Summary, b.Summary)
}

// Merge combines the occurrences of several feeds (each already sorted or
// not) into one slice sorted by (Start, Summary). A single list is sorted
// in place and returned, not copied.
func Merge(lists ...[]Occurrence) []Occurrence {
	if len(lists) == 1 {
		SortOccurrences(lists[0])
		return lists[0]
	}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]Occurrence, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	SortOccurrences(out)
	oofInShifts(out) // a shift from one feed, an OOF block from another
	return out
}
