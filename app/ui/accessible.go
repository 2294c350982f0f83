package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Fyne reads fyne.Accessible from the widgets of a window for screen
// readers (Windows and macOS, built with -tags accessibility). A timeline
// is drawn from rectangles a reader cannot see, so it says in words what
// it shows.
var _ fyne.Accessible = (*Timeline)(nil)

// AccessibilityLabel lists what the timeline shows, in time order: its
// name, then "Break, 10:00 to 10:15" for each activity and the rest
// warnings marked on it.
func (t *Timeline) AccessibilityLabel() string {
	if t.Ruler {
		return lang.L("Hours of the day")
	}
	parts := make([]string, 0, len(t.Segments)+len(t.Alerts)+1)
	if t.Name != "" {
		parts = append(parts, t.Name)
	}
	for _, s := range sortedByStart(t.Segments) {
		parts = append(parts, segmentLabel(s, t.Locale))
	}
	for _, a := range t.Alerts {
		parts = append(parts, a.Label)
	}
	if len(t.Segments) == 0 {
		parts = append(parts, lang.L("nothing scheduled"))
	}
	return strings.Join(parts, "; ")
}

// AccessibilityRole is text: the timeline is read, its segments open their
// details when tapped.
func (t *Timeline) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// segmentLabel is one activity in words: "Break, 10:00 to 10:15", "Shift
// EMEA queue, 08:00 to 17:00", "Time off Day off, all day".
func segmentLabel(s Segment, loc Locale) string {
	kind := kindName(s.Occ.Kind)
	what, summary := kind, strings.TrimSpace(s.Occ.Summary)
	english := strings.ReplaceAll(string(s.Occ.Kind), "_", " ")
	if summary != "" && !strings.EqualFold(summary, kind) && !strings.EqualFold(summary, english) {
		what = kind + " " + summary
	}
	if s.Occ.AllDay {
		return lang.L("{{.What}}, all day", map[string]any{"What": what})
	}
	return lang.L("{{.What}}, {{.From}} to {{.To}}", map[string]any{"What": what, "From": loc.Time(s.Start), "To": loc.Time(s.End)})
}

// sortedByStart returns the segments in time order (a timeline keeps them
// in drawing order).
func sortedByStart(segs []Segment) []Segment {
	out := slices.Clone(segs)
	slices.SortStableFunc(out, func(a, b Segment) int { return a.Start.Compare(b.Start) })
	return out
}

var _ fyne.Accessible = (*OverlapChart)(nil)

// AccessibilityLabel says, region by region, when the agent's day
// overlaps the region's business hours, in the agent's time ("Japan:
// overlap 07:00 to 09:00"), or that the region is closed for a holiday;
// the picture's cells and bands are rectangles a reader cannot see.
func (c *OverlapChart) AccessibilityLabel() string {
	d := c.day
	if len(d.Rows) == 0 {
		return lang.L("Overlap")
	}
	agent := d.Rows[0].Zone
	parts := []string{lang.L("Overlap")}
	for _, row := range d.Rows {
		if row.Agent {
			continue
		}
		parts = append(parts, overlapRowLabel(row, agent))
	}
	return strings.Join(parts, "; ")
}

// AccessibilityRole is text: the chart is read, not operated.
func (c *OverlapChart) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// overlapRowLabel is one region's line of the chart's label.
func overlapRowLabel(row overlapRow, agent *time.Location) string {
	if len(row.Closed) > 0 {
		return row.Title + ": " + row.Closed[0].Text
	}
	if len(row.Overlap) == 0 {
		return lang.L("{{.Region}}: no overlap", map[string]any{"Region": row.Title})
	}
	spans := make([]string, 0, len(row.Overlap))
	for _, iv := range row.Overlap {
		spans = append(spans, lang.L("{{.From}} to {{.To}}", map[string]any{
			"From": iv.Start.In(agent).Format("15:04"), "To": iv.End.In(agent).Format("15:04")}))
	}
	return lang.L("{{.Region}}: overlap {{.Spans}}", map[string]any{"Region": row.Title, "Spans": strings.Join(spans, ", ")})
}
