package calendar

import (
	"strings"
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
//  2. X-MICROSOFT-CDO-BUSYSTATUS:OOF (Outlook's "out of office") → time off;
//  3. built-in keywords in SUMMARY (English, Swedish, Dutch, French, German);
//  4. the same keywords in CATEGORIES;
//  5. an event that blocks time (not TRANSP:TRANSPARENT) and that Outlook
//     marks BUSY or TENTATIVE → meeting;
//  6. otherwise other.
//
// When several built-in keywords match, the most specific kind wins: time
// off, lunch, break, training, meeting, then shift ("Pause déjeuner" is a
// lunch, "Time off – winter break" is time off).
func Classify(a Activity, rules []KindRule) Kind {
	return classifyWith(a, rules, keywordKind(a.Summary))
}

// classifyWith is Classify with the summary's built-in kind already known.
func classifyWith(a Activity, rules []KindRule, summaryKind Kind) Kind {
	if len(rules) > 0 {
		if k, ok := userKind(a, rules); ok {
			return k
		}
	}
	if strings.EqualFold(a.BusyStatus, "OOF") {
		return KindTimeOff
	}
	if summaryKind != "" {
		return summaryKind
	}
	if k := keywordKind(strings.Join(a.Categories, " , ")); k != "" {
		return k
	}
	if !a.Transparent && (strings.EqualFold(a.BusyStatus, "BUSY") || strings.EqualFold(a.BusyStatus, "TENTATIVE")) {
		return KindMeeting
	}
	return KindOther
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
