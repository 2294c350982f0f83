package feeds

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

// ChangeWindow is how far ahead a sync looks for changes.
const ChangeWindow = 14 * 24 * time.Hour

// ChangeKind says what happened to an activity.
type ChangeKind string

// The kinds of change.
const (
	ChangeAdded   ChangeKind = "added"
	ChangeRemoved ChangeKind = "removed"
	ChangeMoved   ChangeKind = "moved" // start and/or end changed
)

// Change is one entry of "What changed".
type Change struct {
	FeedID   string        `json:"feed_id,omitempty"`
	Feed     string        `json:"feed,omitempty"`
	Kind     ChangeKind    `json:"kind"`
	Activity calendar.Kind `json:"activity"`
	Summary  string        `json:"summary"`
	// Date is the day of the change in the agent's zone (the new start,
	// or the old one for a removal).
	Date calendar.Date `json:"date"`
	// OldStart/OldEnd are zero for an addition; NewStart/NewEnd are zero
	// for a removal.
	OldStart time.Time `json:"old_start,omitzero"`
	OldEnd   time.Time `json:"old_end,omitzero"`
	NewStart time.Time `json:"new_start,omitzero"`
	NewEnd   time.Time `json:"new_end,omitzero"`
	AllDay   bool      `json:"all_day,omitempty"`
	// Line is the change in words: "Thu 27 Nov: shift moved 14:00 → 12:00".
	Line string `json:"line"`
}

// Diff compares the occurrences of the previous and the new copy of a feed
// and returns what was added, removed or moved, sorted by date, with
// dates and times in loc. Occurrences are matched by UID and recurrence;
// an unmatched removal and addition of the same activity and summary on
// the same day count as a move (exports that renumber their UIDs).
func Diff(old, new []calendar.Occurrence, loc *time.Location) []Change {
	if loc == nil {
		loc = time.Local
	}
	key := func(o calendar.Occurrence) string {
		return o.UID + "\x00" + o.RecurrenceID.UTC().Format(time.RFC3339)
	}
	newByKey := map[string][]int{}
	for i, o := range new {
		if o.UID != "" {
			newByKey[key(o)] = append(newByKey[key(o)], i)
		}
	}
	matched := make([]bool, len(new))
	var changes []Change
	var removed []calendar.Occurrence
	for _, o := range old {
		k := key(o)
		list := newByKey[k]
		if len(list) == 0 || o.UID == "" {
			removed = append(removed, o)
			continue
		}
		n := new[list[0]]
		matched[list[0]] = true
		newByKey[k] = list[1:]
		if !n.Start.Equal(o.Start) || !n.End.Equal(o.End) {
			changes = append(changes, makeChange(ChangeMoved, &o, &n, loc))
		}
	}
	var added []calendar.Occurrence
	for i, o := range new {
		if !matched[i] {
			added = append(added, o)
		}
	}
	// Pair leftovers: same activity, summary and day → moved.
	used := make([]bool, len(added))
	for _, r := range removed {
		paired := false
		for i, a := range added {
			if used[i] || a.Kind != r.Kind || a.Summary != r.Summary || a.AllDay != r.AllDay ||
				calendar.DateOf(a.Start.In(loc)) != calendar.DateOf(r.Start.In(loc)) {
				continue
			}
			used[i], paired = true, true
			if !a.Start.Equal(r.Start) || !a.End.Equal(r.End) {
				changes = append(changes, makeChange(ChangeMoved, &r, &a, loc))
			}
			break
		}
		if !paired {
			changes = append(changes, makeChange(ChangeRemoved, &r, nil, loc))
		}
	}
	for i, a := range added {
		if !used[i] {
			changes = append(changes, makeChange(ChangeAdded, nil, &a, loc))
		}
	}
	sort.SliceStable(changes, func(i, j int) bool {
		ti, tj := changeTime(changes[i]), changeTime(changes[j])
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return changes[i].Summary < changes[j].Summary
	})
	return changes
}

func changeTime(c Change) time.Time {
	if !c.NewStart.IsZero() {
		return c.NewStart
	}
	return c.OldStart
}

func makeChange(kind ChangeKind, old, new *calendar.Occurrence, loc *time.Location) Change {
	c := Change{Kind: kind}
	ref := new
	if ref == nil {
		ref = old
	}
	c.Activity, c.Summary, c.AllDay = ref.Kind, ref.Summary, ref.AllDay
	if old != nil {
		c.OldStart, c.OldEnd = old.Start.In(loc), old.End.In(loc)
	}
	if new != nil {
		c.NewStart, c.NewEnd = new.Start.In(loc), new.End.In(loc)
	}
	if ref.AllDay {
		c.Date = ref.StartDate
	} else {
		c.Date = calendar.DateOf(ref.Start.In(loc))
	}
	c.Line = formatChange(c, loc)
	return c
}

func activityName(k calendar.Kind) string {
	if k == "" {
		return "activity"
	}
	return strings.ReplaceAll(string(k), "_", " ")
}

func dayLabel(d calendar.Date) string {
	return d.In(time.UTC).Format("Mon 2 Jan")
}

func span(a, b time.Time) string { return a.Format("15:04") + "–" + b.Format("15:04") }

// formatChange writes a change as one line in English.
func formatChange(c Change, loc *time.Location) string {
	what := activityName(c.Activity)
	head := dayLabel(c.Date) + ": " + what
	if c.AllDay {
		switch c.Kind {
		case ChangeAdded:
			return head + " added"
		case ChangeRemoved:
			return head + " removed"
		}
		// The head already names the new first day: say what it was, and
		// the new last day when the length changed.
		line := head + " changed"
		if oldDay := calendar.DateOf(c.OldStart); oldDay != c.Date {
			line = head + " moved from " + dayLabel(oldDay)
		}
		if c.NewEnd.Sub(c.NewStart) != c.OldEnd.Sub(c.OldStart) || line == head+" changed" {
			line += ", now until " + dayLabel(calendar.DateOf(c.NewEnd).AddDays(-1))
		}
		return line
	}
	switch c.Kind {
	case ChangeAdded:
		return fmt.Sprintf("%s added %s", head, span(c.NewStart, c.NewEnd))
	case ChangeRemoved:
		return fmt.Sprintf("%s removed (was %s)", head, span(c.OldStart, c.OldEnd))
	}
	oldDay, newDay := calendar.DateOf(c.OldStart), calendar.DateOf(c.NewStart)
	if oldDay != newDay {
		return fmt.Sprintf("%s moved from %s %s → %s", head, dayLabel(oldDay), c.OldStart.Format("15:04"), c.NewStart.Format("15:04"))
	}
	if c.NewEnd.Sub(c.NewStart) == c.OldEnd.Sub(c.OldStart) {
		return fmt.Sprintf("%s moved %s → %s", head, c.OldStart.Format("15:04"), c.NewStart.Format("15:04"))
	}
	return fmt.Sprintf("%s changed %s → %s", head, span(c.OldStart, c.OldEnd), span(c.NewStart, c.NewEnd))
}
