package availability

import (
	"sort"
	"time"
)

// Interval is a half-open span of time [Start, End). Both ends are
// instants: lengths are exact elapsed time, so a night across a DST change
// has its real length.
type Interval struct {
	Start, End time.Time
}

// Duration is End − Start (elapsed time, not wall-clock difference).
func (i Interval) Duration() time.Duration { return i.End.Sub(i.Start) }

// Empty reports whether i holds no time.
func (i Interval) Empty() bool { return !i.End.After(i.Start) }

// Normalize returns the union of in as sorted, disjoint, non-empty
// intervals. Intervals that overlap or touch (one ends where the next
// starts) are merged into one. The input is not modified.
func Normalize(in []Interval) []Interval {
	s := make([]Interval, 0, len(in))
	for _, iv := range in {
		if !iv.Empty() {
			s = append(s, iv)
		}
	}
	sort.Slice(s, func(a, b int) bool {
		if !s[a].Start.Equal(s[b].Start) {
			return s[a].Start.Before(s[b].Start)
		}
		return s[a].End.Before(s[b].End)
	})
	out := s[:0]
	for _, iv := range s {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// Union is Normalize of a and b together.
func Union(a, b []Interval) []Interval {
	all := make([]Interval, 0, len(a)+len(b))
	all = append(all, a...)
	return Normalize(append(all, b...))
}

// Intersect returns the time that lies in both a and b, normalized.
func Intersect(a, b []Interval) []Interval {
	a, b = Normalize(a), Normalize(b)
	var out []Interval
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		s := later(a[i].Start, b[j].Start)
		e := earlier(a[i].End, b[j].End)
		if e.After(s) {
			out = append(out, Interval{s, e})
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return out
}

// Subtract returns the time in a that is not in b, normalized.
func Subtract(a, b []Interval) []Interval {
	a, b = Normalize(a), Normalize(b)
	var out []Interval
	j := 0
	for _, iv := range a {
		cur := iv.Start
		for j < len(b) && !b[j].End.After(cur) {
			j++
		}
		for k := j; k < len(b) && b[k].Start.Before(iv.End); k++ {
			if b[k].Start.After(cur) {
				out = append(out, Interval{cur, b[k].Start})
			}
			if b[k].End.After(cur) {
				cur = b[k].End
			}
		}
		if iv.End.After(cur) {
			out = append(out, Interval{cur, iv.End})
		}
	}
	return out
}

// Overlap is the total time that lies in both a and b. The Customers
// screen uses it for "minutes of a shift inside a region's business
// hours": Overlap([]Interval{shift}, hours).
func Overlap(a, b []Interval) time.Duration {
	var d time.Duration
	for _, iv := range Intersect(a, b) {
		d += iv.Duration()
	}
	return d
}

// Total is the summed length of the union of in.
func Total(in []Interval) time.Duration {
	var d time.Duration
	for _, iv := range Normalize(in) {
		d += iv.Duration()
	}
	return d
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Longest is the longest interval of in after Normalize (the earliest of
// equal ones); the zero Interval when in holds no time.
func Longest(in []Interval) Interval {
	var best Interval
	for _, iv := range Normalize(in) {
		if iv.Duration() > best.Duration() {
			best = iv
		}
	}
	return best
}
