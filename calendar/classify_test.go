package calendar

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestClassifyBuiltIn(t *testing.T) {
	cases := []struct {
		a    Activity
		want Kind
	}{
		{Activity{Summary: "Pass – Kundtjänst"}, KindShift},
		{Activity{Summary: "Kvällspass"}, KindShift},
		{Activity{Summary: "Skift B"}, KindShift},
		{Activity{Summary: "Rast"}, KindBreak},
		{Activity{Summary: "Kaffepaus"}, KindBreak},
		{Activity{Summary: "Lunch"}, KindLunch},
		{Activity{Summary: "Semester (sportlov)"}, KindTimeOff},
		{Activity{Summary: "Kompledig, varannan fredag"}, KindTimeOff},
		{Activity{Summary: "Möte: Teammöte, vecka 43"}, KindMeeting},
		{Activity{Summary: "Nachtdienst, team Zuid"}, KindShift},
		{Activity{Summary: "Pauze"}, KindBreak},
		{Activity{Summary: "Kerstverlof"}, KindTimeOff},
		{Activity{Summary: "Service client – poste"}, KindShift},
		{Activity{Summary: "Pause déjeuner"}, KindLunch},
		{Activity{Summary: "Congé"}, KindTimeOff},
		{Activity{Summary: "Réunion d'équipe, plateau B"}, KindMeeting},
		{Activity{Summary: "Frühschicht"}, KindShift},
		{Activity{Summary: "Kaffeepause"}, KindBreak},
		{Activity{Summary: "Mittagspause"}, KindLunch},
		{Activity{Summary: "Urlaub"}, KindTimeOff},
		{Activity{Summary: "Ostermontag (Feiertag)"}, KindTimeOff},
		{Activity{Summary: "Schulung CRM"}, KindTraining},
		{Activity{Summary: "Coaching – agent 7"}, KindTraining},
		{Activity{Summary: "Time off – winter break"}, KindTimeOff},
		{Activity{Summary: "Weekend on-call (escalations)"}, KindShift},
		{Activity{Summary: "Kick-off meeting"}, KindMeeting},
		// CATEGORIES when the summary says nothing.
		{Activity{Summary: "Queue A", Categories: []string{"Shift"}}, KindShift},
		{Activity{Summary: "Nap", Categories: []string{"Time off", "Komp"}}, KindTimeOff},
		// The summary is more specific than a category.
		{Activity{Summary: "Lunch", Categories: []string{"Break"}}, KindLunch},
		// The words win over Outlook's out of office; OOF alone is time off.
		{Activity{Summary: "Support shift", BusyStatus: "OOF"}, KindShift},
		{Activity{Summary: "Lunch", BusyStatus: "OOF"}, KindLunch},
		{Activity{Summary: "Errand", Categories: []string{"Break"}, BusyStatus: "OOF"}, KindBreak},
		{Activity{Summary: "Away", BusyStatus: "OOF"}, KindTimeOff},
		// A busy Outlook block with no keyword is a meeting; free or
		// transparent time is other.
		{Activity{Summary: "Q3 planning", BusyStatus: "BUSY"}, KindMeeting},
		{Activity{Summary: "Q3 planning", BusyStatus: "BUSY", Transparent: true}, KindOther},
		{Activity{Summary: "Kontrollera kön", Categories: []string{"Reminder"}}, KindOther},
		{Activity{}, KindOther},
	}
	for _, c := range cases {
		if got := Classify(c.a, nil); got != c.want {
			t.Errorf("Classify(%+v) = %s, want %s", c.a, got, c.want)
		}
	}
}

func TestClassifyUserRulesFirst(t *testing.T) {
	rules := []KindRule{
		{Keyword: "Backlog", Kind: KindTraining},
		{Keyword: "team sync", Kind: KindBreak},
		{Keyword: "ignored", Kind: Kind("nonsense")},
	}
	cases := []struct {
		a    Activity
		want Kind
	}{
		{Activity{Summary: "Overtime – Saturday backlog"}, KindTraining},
		{Activity{Summary: "Daily Team-Sync"}, KindBreak},
		{Activity{Summary: "Shift", Categories: []string{"backlog"}}, KindTraining},
		{Activity{Summary: "Backlogs"}, KindOther}, // a whole word only
		{Activity{Summary: "ignored shift"}, KindShift},
		{Activity{Summary: "Shift", BusyStatus: "OOF"}, KindShift},
		{Activity{Summary: "Backlog", BusyStatus: "OOF"}, KindTraining},
	}
	for _, c := range cases {
		if got := Classify(c.a, rules); got != c.want {
			t.Errorf("Classify(%+v) = %s, want %s", c.a, got, c.want)
		}
	}
}

func TestExpandAppliesUserRules(t *testing.T) {
	f := mustParse(t, ics(vevent("UID:a", "SUMMARY:Backlog grooming", "DTSTART:20270105T090000Z")))
	a, b, loc := window(t, "2027-01-05", "2027-01-06", "UTC")
	occ, _ := f.Expand(a, b, ExpandOptions{Zone: loc})
	if len(occ) != 1 || occ[0].Kind != KindOther {
		t.Fatalf("without rules: %+v", occ)
	}
	occ, _ = f.Expand(a, b, ExpandOptions{Zone: loc, Rules: []KindRule{{Keyword: "grooming", Kind: KindMeeting}}})
	if len(occ) != 1 || occ[0].Kind != KindMeeting {
		t.Fatalf("with rules: %+v", occ)
	}
}

func TestMerge(t *testing.T) {
	one := mustParse(t, ics(vevent("UID:a", "SUMMARY:B", "DTSTART:20270105T090000Z"), vevent("UID:c", "SUMMARY:C", "DTSTART:20270105T070000Z")))
	two := mustParse(t, ics(vevent("UID:b", "SUMMARY:A", "DTSTART:20270105T090000Z")))
	a, b, loc := window(t, "2027-01-05", "2027-01-06", "UTC")
	o1, _ := one.Expand(a, b, ExpandOptions{Zone: loc})
	o2, _ := two.Expand(a, b, ExpandOptions{Zone: loc})
	got := Merge(o1, o2)
	if len(got) != 3 || got[0].Summary != "C" || got[1].Summary != "A" || got[2].Summary != "B" {
		t.Errorf("Merge = %+v", got)
	}
}

// TestSortOccurrencesMatchesComparison checks the key sort against a
// stable sort by (Start, Summary).
func TestSortOccurrencesMatchesComparison(t *testing.T) {
	base := time.Date(2027, 1, 5, 8, 0, 0, 0, time.UTC)
	occ := make([]Occurrence, 5000)
	for i := range occ {
		n := (i * 7919) % 613
		occ[i] = Occurrence{
			Start:   base.Add(time.Duration(n%37) * 15 * time.Minute),
			End:     base.Add(time.Duration(n%37+n%3) * 15 * time.Minute),
			Summary: []string{"Break", "Lunch", "Shift"}[n%3],
			UID:     fmt.Sprintf("u%03d", n),
		}
	}
	want := append([]Occurrence(nil), occ...)
	slices.SortStableFunc(want, func(a, b Occurrence) int { return compareOcc(&a, &b) })
	SortOccurrences(occ)
	for i := range occ {
		if occ[i].UID != want[i].UID || !occ[i].Start.Equal(want[i].Start) || occ[i].Summary != want[i].Summary {
			t.Fatalf("position %d: got %+v, want %+v", i, occ[i], want[i])
		}
	}
}

// TestOutlookOOFKinds: in an Outlook/Exchange WFM export every absence
// from the queue is OOF. The words decide first; OOF alone is a break
// inside a shift and time off outside one (or all day, or partly outside).
func TestOutlookOOFKinds(t *testing.T) {
	f, err := parseFile(t, "testdata/outlook_wfm_oof.ics")
	if err != nil {
		t.Fatal(err)
	}
	a, b, loc := window(t, "2026-10-19", "2026-10-24", "Europe/Stockholm")
	occ, warns := f.Expand(a, b, ExpandOptions{Zone: loc})
	if len(warns) != 0 || len(f.Warnings) != 0 {
		t.Fatalf("warnings %v %v", f.Warnings, warns)
	}
	got := map[string]Kind{}
	for _, o := range occ {
		got[o.Start.In(loc).Format("Mon 15:04")+" "+o.Summary] = o.Kind
	}
	want := map[string]Kind{
		"Mon 12:00 Lunch":                    KindLunch,
		"Tue 08:00 Kundtjänst – skift":       KindShift,
		"Tue 14:30 Ej tillgänglig":           KindBreak,    // inside the shift
		"Wed 16:00 Ej tillgänglig":           KindTimeOff,  // past the shift's end
		"Thu 10:00 Coachning med teamledare": KindTraining, // the word wins
		"Fri 00:00 Ej tillgänglig":           KindTimeOff,  // all day
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: kind %q, want %q", k, got[k], w)
		}
	}
	if len(occ) != 14 {
		t.Errorf("%d occurrences, want 14", len(occ))
	}
	// With user rules that do not match, the same.
	occ, _ = f.Expand(a, b, ExpandOptions{Zone: loc, Rules: []KindRule{{Keyword: "nothing here", Kind: KindMeeting}}})
	for _, o := range occ {
		if k := o.Start.In(loc).Format("Mon 15:04") + " " + o.Summary; want[k] != "" && o.Kind != want[k] {
			t.Errorf("with rules: %s: kind %q, want %q", k, o.Kind, want[k])
		}
	}
	// Across feeds: an OOF block alone in its feed is time off; merged
	// with the feed whose shift it lies in, it is a break.
	other := mustParse(t, ics(vevent("UID:x", "SUMMARY:Away", "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
		"DTSTART:20261019T130000Z", "DTEND:20261019T133000Z")))
	alone, _ := other.Expand(a, b, ExpandOptions{Zone: loc})
	if len(alone) != 1 || alone[0].Kind != KindTimeOff {
		t.Fatalf("alone: %+v", alone)
	}
	occ, _ = f.Expand(a, b, ExpandOptions{Zone: loc})
	for _, o := range Merge(occ, alone) {
		if o.Summary == "Away" && o.Kind != KindBreak {
			t.Errorf("merged: Away is %s, want break", o.Kind)
		}
	}
}
