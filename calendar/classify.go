package calendar

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Activity is what Classify reads from an event.
type Activity struct {
	Summary    string
	Categories []string
	// BusyStatus is X-MICROSOFT-CDO-BUSYSTATUS (FREE, TENTATIVE, BUSY, OOF).
	BusyStatus string
	// Transparent is TRANSP:TRANSPARENT (the event does not block time).
	Transparent bool
}

// Classify gives an activity its kind, in this order:
//
//  1. the user's rules (keyword → kind), on SUMMARY and CATEGORIES;
//  2. built-in keywords in SUMMARY (English, Swedish, Dutch, French, German);
//  3. the same keywords in CATEGORIES;
//  4. X-MICROSOFT-CDO-BUSYSTATUS:OOF (Outlook's "out of office") → time off;
//  5. an event that blocks time (not TRANSP:TRANSPARENT) and that Outlook
//     marks BUSY or TENTATIVE → meeting;
//  6. otherwise other.
//
// Words come before the busy status because Outlook and Exchange WFM
// exports mark every absence from the queue OOF, lunch and breaks
// included: "Lunch" marked OOF is a lunch. OOF alone means time off only
// for an activity outside the agent's shifts; Feed.Expand and Merge make a
// timed OOF activity that lies inside a shift a break (see oofInShifts).
//
// When several built-in keywords match, the most specific kind wins: time
// off, lunch, break, training, meeting, then shift ("Pause déjeuner" is a
// lunch, "Time off – winter break" is time off).
func Classify(a Activity, rules []KindRule) Kind {
	k, _ := classifyWith(a, rules, keywordKind(a.Summary))
	return k
}

// classifyWith is Classify with the summary's built-in kind already known.
// oof reports that the kind comes from the OOF busy status alone (step 4).
func classifyWith(a Activity, rules []KindRule, summaryKind Kind) (k Kind, oof bool) {
	if len(rules) > 0 {
		if k, ok := userKind(a, rules); ok {
			return k, false
		}
	}
	if summaryKind != "" {
		return summaryKind, false
	}
	if k := keywordKind(strings.Join(a.Categories, " , ")); k != "" {
		return k, false
	}
	if strings.EqualFold(a.BusyStatus, "OOF") {
		return KindTimeOff, true
	}
	if !a.Transparent && (strings.EqualFold(a.BusyStatus, "BUSY") || strings.EqualFold(a.BusyStatus, "TENTATIVE")) {
		return KindMeeting, false
	}
	return KindOther, false
}

// kindOf is an event's kind under the user's rules.
type kindOf struct {
	k   Kind
	oof bool // from the OOF status alone
}

// kindWithRules classifies ev with the user's rules, once per event.
func (x *expander) kindWithRules(ev *event) (Kind, bool) {
	ko, ok := x.kinds[ev]
	if !ok {
		ko.k, ko.oof = classifyWith(ev.activity(), x.rules, keywordKind(ev.summary))
		x.kinds[ev] = ko
	}
	return ko.k, ko.oof
}

// oofInShifts gives the timed occurrences whose kind came from Outlook's
// OOF status alone (no keyword) and that lie wholly inside a timed shift
// the kind break: an agent out of the queue during a shift is on a break,
// not off work (time off would take the hours out of the shift). An OOF
// activity outside every shift, partly outside one, or all-day stays time
// off. occ must be sorted by start.
func oofInShifts(occ []Occurrence) {
	if !slices.ContainsFunc(occ, func(o Occurrence) bool { return o.oof }) {
		return
	}
	var shifts []int
	for i := range occ {
		if occ[i].Kind == KindShift && !occ[i].AllDay {
			shifts = append(shifts, i)
		}
	}
	if len(shifts) == 0 {
		return
	}
	next := 0
	var reach time.Time // the latest end of the shifts started so far
	for i := range occ {
		o := &occ[i]
		if !o.oof || o.AllDay || o.Kind != KindTimeOff {
			continue
		}
		for next < len(shifts) && !occ[shifts[next]].Start.After(o.Start) {
			if e := occ[shifts[next]].End; e.After(reach) {
				reach = e
			}
			next++
		}
		if !reach.IsZero() && !reach.Before(o.End) {
			o.Kind = KindBreak
		}
	}
}

// userKind applies the user's rules: the first whose keyword occurs as a
// word (or phrase) in SUMMARY or a category wins.
func userKind(a Activity, rules []KindRule) (Kind, bool) {
	text := " " + normalize(a.Summary) + " , " + normalize(strings.Join(a.Categories, " , ")) + " "
	for _, r := range rules {
		kw := normalize(r.Keyword)
		if kw == "" || !validKind(r.Kind) {
			continue
		}
		if strings.Contains(text, " "+kw+" ") {
			return r.Kind, true
		}
	}
	return "", false
}

func validKind(k Kind) bool {
	for _, x := range Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// normalize lower-cases s and reduces it to words separated by single
// spaces (punctuation becomes a space, so "on-call" reads "on call").
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// keyword is a built-in keyword. Germanic languages write compounds as one
// word with the head last ("Kvällspass", "Nachtdienst", "Kerstverlof"), so
// most keywords also match as the end of a word; a few match as the start
// ("Sjukdag", "Mittagspause").
type keyword struct {
	word   string
	suffix bool // also matches at the end of a word
	prefix bool // also matches at the start of a word
}

// builtinKeywords lists the keywords per kind, in priority order.
var builtinKeywords = []struct {
	kind  Kind
	words []keyword
}{
	{KindTimeOff, []keyword{
		{word: "time off"}, {word: "day off"}, {word: "days off"}, {word: "out of office"}, {word: "ooo"},
		{word: "vacation"}, {word: "holiday"}, {word: "holidays"}, {word: "pto"}, {word: "leave"},
		{word: "sick", prefix: true}, {word: "absence"}, {word: "absent"}, {word: "bank holiday"},
		{word: "semester", suffix: true}, {word: "ledig", suffix: true}, {word: "ledighet", suffix: true},
		{word: "sjuk", prefix: true}, {word: "vab"}, {word: "frånvaro", suffix: true}, {word: "komp"},
		{word: "läkarbesök"}, {word: "helgdag", suffix: true},
		{word: "verlof", suffix: true}, {word: "vakantie", suffix: true}, {word: "vrij"}, {word: "vrije dag"},
		{word: "ziek", prefix: true}, {word: "feestdag", suffix: true},
		{word: "congé"}, {word: "congés"}, {word: "conge"}, {word: "vacances"}, {word: "férié"}, {word: "ferie"},
		{word: "maladie"}, {word: "rtt"},
		{word: "urlaub", suffix: true}, {word: "feiertag", suffix: true}, {word: "frei"}, {word: "krank", prefix: true},
		{word: "abwesend"}, {word: "abwesenheit"},
	}},
	{KindLunch, []keyword{
		{word: "lunch", prefix: true, suffix: true}, {word: "déjeuner"}, {word: "dejeuner"},
		{word: "mittag", prefix: true}, {word: "middagpauze"},
	}},
	{KindBreak, []keyword{
		{word: "break", suffix: true}, {word: "rast", suffix: true}, {word: "paus", suffix: true},
		{word: "pauze", suffix: true}, {word: "pause", suffix: true}, {word: "fika", suffix: true},
		{word: "coffee"},
	}},
	{KindTraining, []keyword{
		{word: "training", suffix: true}, {word: "coaching"}, {word: "course"}, {word: "workshop"},
		{word: "onboarding"}, {word: "e learning"}, {word: "webinar"}, {word: "utbildning", suffix: true},
		{word: "kurs", suffix: true}, {word: "opleiding", suffix: true}, {word: "cursus"}, {word: "formation"},
		{word: "schulung", suffix: true}, {word: "fortbildung"}, {word: "weiterbildung"}, {word: "coachning"},
	}},
	{KindMeeting, []keyword{
		{word: "meeting", suffix: true}, {word: "standup"}, {word: "stand up"}, {word: "one on one"},
		{word: "1 1"}, {word: "review"}, {word: "huddle"}, {word: "briefing"}, {word: "sync"},
		{word: "möte", suffix: true}, {word: "avstämning"}, {word: "overleg", suffix: true},
		{word: "vergadering", suffix: true}, {word: "réunion"}, {word: "reunion"},
		{word: "besprechung", suffix: true}, {word: "teamrunde"}, {word: "sitzung", suffix: true},
	}},
	{KindShift, []keyword{
		{word: "shift", suffix: true}, {word: "rota"}, {word: "on call"}, {word: "oncall"}, {word: "overtime"},
		{word: "duty"}, {word: "standby"}, {word: "cover"},
		{word: "pass", suffix: true}, {word: "skift", suffix: true}, {word: "jour", suffix: true},
		{word: "beredskap"},
		{word: "dienst", suffix: true}, {word: "ploeg"},
		{word: "poste"}, {word: "service client"}, {word: "permanence"}, {word: "astreinte"},
		{word: "schicht", suffix: true}, {word: "bereitschaft", prefix: true},
	}},
}

// keywordKind finds the built-in kind of a text, "" when no keyword occurs.
func keywordKind(text string) Kind {
	if text == "" {
		return ""
	}
	norm := normalize(text)
	if norm == "" {
		return ""
	}
	padded := " " + norm + " "
	words := strings.Fields(norm)
	for _, group := range builtinKeywords {
		for _, kw := range group.words {
			if strings.Contains(padded, " "+kw.word+" ") {
				return group.kind
			}
			if !kw.suffix && !kw.prefix {
				continue
			}
			for _, w := range words {
				if len(w) <= len(kw.word) {
					continue
				}
				if kw.suffix && strings.HasSuffix(w, kw.word) || kw.prefix && strings.HasPrefix(w, kw.word) {
					return group.kind
				}
			}
		}
	}
	return ""
}
