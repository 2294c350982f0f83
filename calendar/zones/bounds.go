package zones

import "time"

// zoneAt is loc's local time type at instant t.
func zoneAt(loc *time.Location, t time.Time) zoneType {
	lt := t.In(loc)
	name, off := lt.Zone()
	return zoneType{off, lt.IsDST(), name}
}

// nextChange returns the first instant after t, and not after limit, at which
// loc's offset, name or DST flag changes.
//
// It does not trust time.Time.ZoneBounds alone: past the end of a zone's
// transition table (from 1997 for Europe in Go's embedded, "slim" database)
// ZoneBounds reports a boundary at each new year, and in leap years (Go
// 1.26) an end of 31 December 00:00 UTC even for instants after it. Such
// boundaries are skipped and a stuck one is stepped over by a search.
func nextChange(loc *time.Location, t, limit time.Time) (time.Time, bool) {
	z0 := zoneAt(loc, t)
	cur := t
	for i := 0; i < 1000 && !cur.After(limit); i++ {
		_, end := cur.In(loc).ZoneBounds()
		if end.IsZero() {
			return time.Time{}, false
		}
		if !end.After(cur) {
			// Stuck: look up to the next UTC midnight, then search.
			end = cur.Truncate(24 * time.Hour).Add(24 * time.Hour)
			if zoneAt(loc, end) != z0 {
				end = firstDifferent(loc, z0, cur, end)
			}
		}
		if end.After(limit) {
			return time.Time{}, false
		}
		if zoneAt(loc, end) != z0 {
			return end, true
		}
		cur = end
	}
	return time.Time{}, false
}

// prevChange returns the last instant at or before t at which loc's local
// time type became the one in effect at t, or false when it has always been.
func prevChange(loc *time.Location, t time.Time) (time.Time, bool) {
	z0 := zoneAt(loc, t)
	cur := t
	for i := 0; i < 1000; i++ {
		start, _ := cur.In(loc).ZoneBounds()
		if start.IsZero() {
			return time.Time{}, false
		}
		if start.After(cur) {
			start = cur // cannot happen with a sane ZoneBounds; stay safe
		}
		before := start.Add(-time.Second)
		if zoneAt(loc, before) != z0 {
			return firstDifferentBack(loc, z0, before, start), true
		}
		cur = before
	}
	return time.Time{}, false
}

// firstDifferent finds, by bisection to the second, the first instant in
// (lo, hi] whose type differs from z0 (z0 holds at lo, not at hi).
func firstDifferent(loc *time.Location, z0 zoneType, lo, hi time.Time) time.Time {
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if !mid.After(lo) {
			break
		}
		if zoneAt(loc, mid) != z0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// firstDifferentBack finds the instant in (lo, hi] where z0 began (z0
// does not hold at lo, holds at hi).
func firstDifferentBack(loc *time.Location, z0 zoneType, lo, hi time.Time) time.Time {
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if !mid.After(lo) {
			break
		}
		if zoneAt(loc, mid) == z0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
