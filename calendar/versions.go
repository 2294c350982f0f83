package calendar

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"time"
)

// setVersion reads SEQUENCE, DTSTAMP or LAST-MODIFIED. A value that
// cannot be read counts as absent (SEQUENCE 0, no time).
func (ev *event) setVersion(name, value string) {
	value = strings.TrimSpace(value)
	switch name {
	case "SEQUENCE":
		if n, err := strconv.ParseInt(value, 10, 32); err == nil && n > 0 {
			ev.seq = int32(n)
		}
	case "DTSTAMP":
		ev.dtstamp = versionTime(value)
	default:
		ev.lastMod = versionTime(value)
	}
}

// versionTime reads a UTC DATE-TIME ("20240701T093000Z", RFC 5545
// §3.3.5 form 2, which DTSTAMP and LAST-MODIFIED must use) as the number
// 20240701093000: it orders like the instants, and reading it costs no
// calendar arithmetic on every event of a large feed. 0 when unreadable.
func versionTime(v string) int64 {
	v = strings.TrimSuffix(v, "Z")
	if len(v) != 15 || v[8] != 'T' {
		return 0
	}
	var n int64
	for i := 0; i < len(v); i++ {
		if i == 8 {
			continue
		}
		c := v[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// newer compares the versions of two copies of one component: > 0 when a
// is the newer. The higher SEQUENCE wins (RFC 5545 §3.8.7.4), then the
// later DTSTAMP (§3.8.7.2: the time the copy was made), then the later
// LAST-MODIFIED (§3.8.7.3). 0 means nothing tells them apart.
func newer(a, b *event) int {
	if c := cmp.Compare(a.seq, b.seq); c != 0 {
		return c
	}
	if c := cmp.Compare(a.dtstamp, b.dtstamp); c != 0 {
		return c
	}
	return cmp.Compare(a.lastMod, b.lastMod)
}

// sameContent reports whether two copies give the same instances and
// words, so that showing both would only show the same thing twice.
func sameContent(a, b *event) bool {
	return a.start.wall.Equal(b.start.wall) && a.start.tzid == b.start.tzid && a.start.date == b.start.date &&
		a.hasEnd == b.hasEnd && a.end.wall.Equal(b.end.wall) && a.hasDur == b.hasDur && a.dur == b.dur &&
		a.rrule == b.rrule && len(a.rdates) == len(b.rdates) && len(a.exdates) == len(b.exdates) &&
		a.summary == b.summary && a.cancelled == b.cancelled
}

// latestSeries keeps, of several copies of one UID without RECURRENCE-ID,
// the newest version (see newer): a feed that carries an event twice after
// a change shows it once, as changed. Copies that nothing tells apart are
// all kept when they differ (two events that share a UID by mistake; a
// warning says so) and kept once when they are the same. Feed order is
// kept. (Overrides made for an older version: see dropStale.)
func (p *parser) latestSeries(events []*event) []*event {
	if !sharedUIDs(events) {
		return events
	}
	best := newestCopies(events)
	if len(best) == 0 {
		return events
	}
	out := events[:0]
	kept := map[string][]*event{}
	for _, ev := range events {
		w, dup := best[ev.uid]
		switch {
		case !dup || ev == w:
			out = append(out, ev)
		case newer(ev, w) == 0:
			out = p.keepTie(out, ev, w, kept)
		}
	}
	return out
}

// newestCopies returns, for each UID that several events share, the newest
// copy (the first of equally new ones).
func newestCopies(events []*event) map[string]*event {
	first := make(map[string]*event, len(events))
	best := map[string]*event{}
	for _, ev := range events {
		if ev.uid == "" {
			continue
		}
		w, ok := first[ev.uid]
		if !ok {
			first[ev.uid] = ev
			continue
		}
		if b, ok := best[ev.uid]; ok {
			w = b
		}
		if newer(ev, w) > 0 {
			w = ev
		}
		best[ev.uid] = w
	}
	return best
}

// sharedUIDs reports whether two events may share a UID: it compares
// sorted hashes only (several times cheaper than a set of the UID strings
// on a large feed), so a collision also says yes.
func sharedUIDs(events []*event) bool {
	seed := maphash.MakeSeed()
	hashes := make([]uint64, 0, len(events))
	for _, ev := range events {
		if ev.uid != "" {
			hashes = append(hashes, maphash.String(seed, ev.uid))
		}
	}
	slices.Sort(hashes)
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			return true
		}
	}
	return false
}

// keepTie keeps ev, a copy of w's UID that no version tells apart from w,
// unless it is the same as w or as another copy kept already.
func (p *parser) keepTie(out []*event, ev, w *event, kept map[string][]*event) []*event {
	if sameContent(ev, w) {
		return out
	}
	for _, k := range kept[ev.uid] {
		if sameContent(ev, k) {
			return out
		}
	}
	if len(kept[ev.uid]) == 0 {
		p.warnEvent(ev, fmt.Sprintf("UID %q is shared with the event at line %d, with the same SEQUENCE and DTSTAMP; both are shown", clip(ev.uid), w.line))
	}
	kept[ev.uid] = append(kept[ev.uid], ev)
	return append(out, ev)
}

// overrideKey names one instance of one series: UID and RECURRENCE-ID
// (RFC 5545 §3.8.4.4), an instant, a date, or a floating wall clock.
type overrideKey struct {
	uid  string
	form byte // 'T' instant, 'D' date, 'F' floating
	at   int64
}

func keyOf(o *event) overrideKey {
	r := o.recurID
	switch {
	case r.date:
		return overrideKey{o.uid, 'D', r.wall.Unix()}
	case r.floating():
		return overrideKey{o.uid, 'F', r.wall.Unix()}
	}
	return overrideKey{o.uid, 'T', r.in(time.UTC).Unix()}
}

// latestOverrides keeps one override per instance, the newest version (a
// feed that carries a moved instance twice shows it once). Feed order is
// kept.
func latestOverrides(overrides []*event) []*event {
	best := make(map[overrideKey]*event, len(overrides))
	for _, o := range overrides {
		k := keyOf(o)
		if w, ok := best[k]; !ok || newer(o, w) >= 0 {
			best[k] = o // the later one wins a tie
		}
	}
	if len(best) == len(overrides) {
		return overrides
	}
	out := overrides[:0]
	for _, o := range overrides {
		if best[keyOf(o)] == o {
			out = append(out, o)
		}
	}
	return out
}

// maxInstanceSteps bounds the rule instances hasInstance looks at.
const maxInstanceSteps = 10000

// dropStale returns the overrides of series ev without those of a lower
// SEQUENCE than the series (RFC 5545 §3.8.7.4: made for an older version of
// it) that replace an instance the series no longer has: the series was cut
// short or the instance excluded since. Overrides of instances the series
// still has stay, whatever their SEQUENCE, and so do newer ones.
func dropStale(ev *event, overrides []*event) []*event {
	if !slices.ContainsFunc(overrides, func(o *event) bool { return o.seq < ev.seq }) {
		return overrides
	}
	fz := time.UTC // floating values compare as wall clocks
	if ev.cal != nil && ev.cal.floating != nil {
		fz = ev.cal.floating
	}
	x := expander{zone: fz}
	loc := ev.start.zone(fz)
	key := func(s stamp) time.Time { // as in series
		if ev.start.date || s.date {
			return time.Date(s.wall.Year(), s.wall.Month(), s.wall.Day(), 0, 0, 0, 0, time.UTC)
		}
		return x.instant(s, loc)
	}
	kept := overrides[:0]
	for _, o := range overrides {
		if o.seq >= ev.seq || x.hasInstance(ev, o, loc, key) {
			kept = append(kept, o)
		}
	}
	return kept
}

// hasInstance reports whether series ev has the instance override o
// replaces: its DTSTART, an RDATE or an RRULE instance, not excluded by
// EXDATE (RFC 5545 §3.8.5). key places a value as series does; loc is the
// series' zone.
func (x *expander) hasInstance(ev, o *event, loc *time.Location, key func(stamp) time.Time) bool {
	k := key(o.recurID)
	day := time.Date(k.In(loc).Year(), k.In(loc).Month(), k.In(loc).Day(), 0, 0, 0, 0, time.UTC)
	for _, e := range ev.exdates {
		if key(e).Equal(k) || (e.date && !ev.start.date && key(e).Equal(day)) {
			return false
		}
	}
	if key(ev.start).Equal(k) {
		return true
	}
	for _, r := range ev.rdates {
		if key(r.at).Equal(k) {
			return true
		}
	}
	if ev.rule == nil {
		return false
	}
	w := k
	if !ev.start.date {
		w = wallOf(k, loc)
	}
	for _, r := range append([]*recurrence{ev.rule}, ev.moreRules...) {
		if x.ruleGives(r, w, k, ev.start.date, loc) {
			return true
		}
	}
	return false
}

// ruleGives reports whether rule r has an instance at instant k, whose
// wall-clock time is w; the walk is bounded by maxInstanceSteps.
func (x *expander) ruleGives(r *recurrence, w, k time.Time, date bool, loc *time.Location) bool {
	it := r.iter(w.Add(-48*time.Hour), w.Add(48*time.Hour), maxInstanceSteps)
	for {
		next, ok := it.Next()
		if !ok || next.After(w.Add(48*time.Hour)) {
			return false
		}
		at := next
		if !date {
			at = x.at(next, loc)
		}
		if at.Equal(k) {
			return true
		}
	}
}
