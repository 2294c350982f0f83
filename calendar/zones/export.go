package zones

import (
	"fmt"
	"sort"
	"time"

	"github.com/emersion/go-ical"
)

// maxExportTransitions bounds the transitions VTimezone writes (ranges are
// meant to be months or a few years, not centuries).
const maxExportTransitions = 5000

// change is one transition of a location, as VTimezone sees it.
type change struct {
	at   time.Time // the instant
	from int       // offset before, seconds east of UTC
	to   zoneType  // local time type after
}

// wall is the local clock reading at the change, in the old offset, which
// is how DTSTART and RDATE are written in a VTIMEZONE (RFC 5545 §3.6.5).
func (c change) wall() time.Time {
	return c.at.Add(time.Duration(c.from) * time.Second).UTC()
}

// VTimezone builds a VTIMEZONE component (RFC 5545 §3.6.5) for loc that is
// correct for every instant in [from, to): TZID loc.String(), and one
// STANDARD or DAYLIGHT sub-component per run of transitions, with
// TZOFFSETFROM, TZOFFSETTO, TZNAME and DTSTART (local time in the
// TZOFFSETFROM offset). Transitions that recur yearly on the nth or last
// weekday of a month become an RRULE (FREQ=YEARLY;BYMONTH;BYDAY, §3.3.10),
// with a COUNT when loc stops following it; the others are listed as
// RDATEs (§3.8.5.2), one per property and repeating DTSTART, which is how
// ical.js reads them too. Changes in the year after to are included, so the
// result also suits importers that expect a STANDARD and a DAYLIGHT. The sub-component in effect at
// from starts at loc's last transition before from. For UTC or a fixed zone
// the result is one STANDARD with equal offsets. A nil loc means UTC. loc
// should be a named zone such as time.LoadLocation gives (time.Local is named
// "Local", which other programs do not know; the VTIMEZONE still describes
// it correctly).
func VTimezone(loc *time.Location, from, to time.Time) *ical.Component {
	if loc == nil {
		loc = time.UTC
	}
	c := ical.NewComponent(ical.CompTimezone)
	c.Props.SetText(ical.PropTimezoneID, loc.String())
	changes, peek := transitions(loc, from, to)

	groups := map[change][]change{} // key: from and to, at zero
	var keys []change
	for _, ch := range changes {
		k := change{from: ch.from, to: ch.to}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], ch)
	}
	var subs []*ical.Component
	for _, k := range keys {
		var next *change
		for i := range peek {
			if peek[i].from == k.from && peek[i].to == k.to {
				next = &peek[i]
				break
			}
		}
		subs = append(subs, observances(groups[k], next)...)
	}
	sort.SliceStable(subs, func(i, j int) bool {
		return subs[i].Props.Get(ical.PropDateTimeStart).Value < subs[j].Props.Get(ical.PropDateTimeStart).Value
	})
	c.Children = subs
	return c
}

// transitions lists loc's changes that matter for [from, to): the one that
// started the period containing from (for a zone that never changes, a
// pseudo-change with equal offsets), every change before to and in the year
// after it, and in peek the changes of the year after that, which decide
// whether a rule goes on.
func transitions(loc *time.Location, from, to time.Time) (changes, peek []change) {
	z := zoneAt(loc, from)
	if start, ok := prevChange(loc, from); ok {
		changes = append(changes, change{at: start, from: zoneAt(loc, start.Add(-time.Second)).offset, to: z})
	} else {
		at := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(z.offset) * time.Second)
		if from.Before(at) {
			at = from.Add(-24 * time.Hour)
		}
		changes = append(changes, change{at: at, from: z.offset, to: z})
	}
	// Changes up to a year after to are written too, so that importers
	// that expect both STANDARD and DAYLIGHT see them; the year after that
	// is the peek.
	until := to.AddDate(1, 0, 0)
	horizon := until.AddDate(1, 1, 0)
	t := from
	for n := 0; n < maxExportTransitions; n++ {
		next, ok := nextChange(loc, t, horizon)
		if !ok {
			break
		}
		nz := zoneAt(loc, next)
		ch := change{at: next, from: z.offset, to: nz}
		if next.Before(until) {
			changes = append(changes, ch)
		} else {
			peek = append(peek, ch)
		}
		t, z = next, nz
	}
	return changes, peek
}

// pattern is how a yearly rule names a day: nth (1–4) or last (-1) weekday
// of a month.
type pattern struct {
	month time.Month
	day   time.Weekday
	clock int // seconds after local midnight
}

// ordinals returns the BYDAY ordinals that pick w's day: its nth in the
// month (1–4) and -1 when it is the last such weekday.
func ordinals(w time.Time) map[int]bool {
	o := map[int]bool{}
	if n := (w.Day()-1)/7 + 1; n <= 4 {
		o[n] = true
	}
	if w.Day()+7 > daysIn(w.Year(), w.Month()) {
		o[-1] = true
	}
	return o
}

func patternOf(w time.Time) pattern {
	h, m, s := w.Clock()
	return pattern{w.Month(), w.Weekday(), h*3600 + m*60 + s}
}

// observances turns the changes of one kind (same offsets and name) into
// sub-components: runs in consecutive years on one yearly pattern become
// RRULEs; what is left becomes one sub-component with RDATEs. next is the
// first change of this kind after the range, if any.
func observances(chs []change, next *change) []*ical.Component {
	var out []*ical.Component
	var singles []change
	for i := 0; i < len(chs); {
		p := patternOf(chs[i].wall())
		ords := ordinals(chs[i].wall())
		j := i + 1
		for ; j < len(chs); j++ {
			w, prev := chs[j].wall(), chs[j-1].wall()
			if w.Year() != prev.Year()+1 || patternOf(w) != p || !intersect(ords, ordinals(w)) {
				break
			}
		}
		continues := false
		if j == len(chs) && next != nil {
			w := next.wall()
			if w.Year() == chs[j-1].wall().Year()+1 && patternOf(w) == p && intersect(ords, ordinals(w)) {
				continues = true
			}
		}
		if j-i >= 2 || continues {
			out = append(out, ruleObservance(chs[i:j], p, ords, continues))
		} else {
			singles = append(singles, chs[i])
		}
		i = j
	}
	if len(singles) > 0 {
		sub := observance0(singles[0])
		if len(singles) > 1 {
			// One RDATE per value, starting with DTSTART's own: RFC 5545
			// counts DTSTART anyway, but ical.js (Thunderbird) ignores
			// DTSTART when there are RDATEs and reads only the first value
			// of a comma list.
			for _, ch := range singles {
				p := ical.NewProp(ical.PropRecurrenceDates)
				p.Value = ch.wall().Format(localFormat)
				sub.Props.Add(p)
			}
		}
		out = append(out, sub)
	}
	return out
}

// intersect keeps in a the ordinals also in b, if any; it reports whether
// there were any (a is left unchanged when there were none).
func intersect(a, b map[int]bool) bool {
	common := 0
	for k := range a {
		if b[k] {
			common++
		}
	}
	if common == 0 {
		return false
	}
	for k := range a {
		if !b[k] {
			delete(a, k)
		}
	}
	return true
}

const localFormat = "20060102T150405"

// observance0 writes the sub-component for one change.
func observance0(ch change) *ical.Component {
	name := ical.CompTimezoneStandard
	if ch.to.dst {
		name = ical.CompTimezoneDaylight
	}
	sub := ical.NewComponent(name)
	set := func(prop, v string) {
		p := ical.NewProp(prop)
		p.Value = v
		sub.Props.Set(p)
	}
	set(ical.PropDateTimeStart, ch.wall().Format(localFormat))
	set(ical.PropTimezoneOffsetFrom, formatOffset(ch.from))
	set(ical.PropTimezoneOffsetTo, formatOffset(ch.to.offset))
	if ch.to.name != "" {
		sub.Props.SetText(ical.PropTimezoneName, ch.to.name)
	}
	return sub
}

// ruleObservance writes a run of yearly changes as DTSTART plus RRULE.
func ruleObservance(run []change, p pattern, ords map[int]bool, continues bool) *ical.Component {
	sub := observance0(run[0])
	n := -1
	if !ords[-1] {
		for k := range ords {
			n = k
		}
	}
	rule := fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(p.month), n, weekdayCode(p.day))
	if !continues {
		// COUNT rather than UNTIL: both are RFC 5545, but python-icalendar
		// (4.0.3, Debian) fails on a UTC UNTIL with a local DTSTART, which
		// is the only form §3.6.5 allows.
		rule += fmt.Sprintf(";COUNT=%d", len(run))
	}
	r := ical.NewProp(ical.PropRecurrenceRule)
	r.Value = rule
	sub.Props.Set(r)
	return sub
}

// weekdayCode returns the RFC 5545 §3.3.10 weekday code ("SU", "MO", …).
func weekdayCode(d time.Weekday) string {
	return "SUMOTUWETHFRSA"[2*d : 2*d+2]
}

// formatOffset writes a UTC-OFFSET value (RFC 5545 §3.3.14).
func formatOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
