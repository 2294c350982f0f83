package calendar

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// fuzzRule is one generated recurrence: the event's DTSTART line and RRULE
// value, built from the fuzzer's numbers.
type fuzzRule struct {
	dtstart string // the whole DTSTART line
	start   time.Time
	rrule   string
	count   int
}

// fuzzParts are the BYxxx parts a spec byte pair can name, with how a
// signed byte becomes a value (out-of-range and negative values included).
var fuzzParts = [...]struct {
	name  string
	scale int
}{
	{"BYSECOND", 1}, {"BYMINUTE", 1}, {"BYHOUR", 1}, {"BYDAY", 0}, {"BYMONTHDAY", 1},
	{"BYYEARDAY", 3}, {"BYWEEKNO", 1}, {"BYMONTH", 1}, {"BYSETPOS", 3},
}

var fuzzFreqs = [...]string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"}
var fuzzDays = [...]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// buildFuzzRule turns the fuzzer's values into a rule. spec is read as
// pairs (part, value) and, for BYDAY, triples (part, position, weekday).
func buildFuzzRule(freq, wkst, dtKind uint8, interval, count int16, dtOffset, untilOffset int32, spec []byte) fuzzRule {
	base := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	start := base.Add(time.Duration(dtOffset) * time.Minute)
	var r fuzzRule
	switch dtKind % 4 {
	case 0:
		start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		r.dtstart = "DTSTART;VALUE=DATE:" + start.Format("20060102")
	case 1:
		r.dtstart = "DTSTART:" + start.Format("20060102T150405")
	case 2:
		r.dtstart = "DTSTART;TZID=Europe/Stockholm:" + start.Format("20060102T150405")
	default:
		r.dtstart = "DTSTART:" + start.Format("20060102T150405Z")
	}
	r.start = start
	parts := []string{"FREQ=" + fuzzFreqs[int(freq)%len(fuzzFreqs)]}
	if interval != 0 {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", interval))
	}
	if count != 0 {
		parts = append(parts, fmt.Sprintf("COUNT=%d", count))
		r.count = int(count)
	} else if untilOffset != 0 {
		u := start.Add(time.Duration(untilOffset) * time.Minute)
		if untilOffset%2 == 0 {
			parts = append(parts, "UNTIL="+u.Format("20060102"))
		} else {
			parts = append(parts, "UNTIL="+u.UTC().Format("20060102T150405Z"))
		}
	}
	if wkst%8 < 7 {
		parts = append(parts, "WKST="+fuzzDays[wkst%8])
	}
	lists := map[string][]string{}
	var order []string
	for i := 0; i+1 < len(spec) && i < 60; i += 2 {
		p := fuzzParts[int(spec[i])%len(fuzzParts)]
		v := int(int8(spec[i+1]))
		var item string
		if p.scale == 0 {
			wd := 0
			if i+2 < len(spec) {
				wd = int(spec[i+2])
				i++
			}
			item = fuzzDays[wd%7]
			if n := v % 60; n != 0 {
				item = fmt.Sprintf("%d%s", n, item)
			}
		} else {
			item = fmt.Sprint(v * p.scale)
		}
		if _, ok := lists[p.name]; !ok {
			order = append(order, p.name)
		}
		lists[p.name] = append(lists[p.name], item)
	}
	for _, name := range order {
		parts = append(parts, name+"="+strings.Join(lists[name], ","))
	}
	r.rrule = strings.Join(parts, ";")
	return r
}

// FuzzRecurrence generates recurrence rules from numbers (FREQ, INTERVAL,
// COUNT, UNTIL, WKST, BYxxx lists with out-of-range and negative values,
// BYSETPOS; DTSTART as a date, floating, zoned or UTC) and expands each in
// a feed with a real shift over six months. Whatever the rule: no panic,
// the shift is kept, the rule's occurrences start at or after DTSTART, no
// more than COUNT of them, and the feed takes less than a second. The seed
// corpus (the rules of issue 12 among them, and testdata/fuzz) runs in
// every "go test". With FUZZ_SLOW_LOG set, feeds over 50 ms are logged to
// that file.
func FuzzRecurrence(f *testing.F) {
	f.Add(uint8(1), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{3, 53, 0})   // MONTHLY;BYDAY=53MO
	f.Add(uint8(1), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{3, 0xfa, 0}) // MONTHLY;BYDAY=-6MO
	f.Add(uint8(1), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{3, 0xcb, 6}) // MONTHLY;BYDAY=-53SU
	f.Add(uint8(0), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{7, 2, 3, 53, 0})
	f.Add(uint8(5), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{8, 2})    // MINUTELY;BYSETPOS=6
	f.Add(uint8(6), uint8(7), uint8(3), int16(0), int16(0), int32(19*24*60+360), int32(0), []byte{8, 0x86}) // SECONDLY;BYSETPOS=-366
	f.Add(uint8(2), uint8(0), uint8(3), int16(0), int16(3), int32(-90*24*60), int32(0), []byte{3, 0, 0, 3, 0, 2, 3, 0, 4, 8, 2})
	f.Add(uint8(3), uint8(7), uint8(0), int16(0), int16(3), int32(0), int32(0), []byte{1, 1, 1, 2})
	f.Add(uint8(3), uint8(7), uint8(2), int16(2), int16(0), int32(-400*24*60), int32(900*24*60), []byte{2, 9, 2, 9})
	f.Add(uint8(6), uint8(1), uint8(1), int16(7), int16(0), int32(-20*365*24*60), int32(0), []byte{7, 2, 4, 29, 3, 0, 0, 2, 23})
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, stockholm)
	to := from.AddDate(0, 6, 0)
	slowLog := os.Getenv("FUZZ_SLOW_LOG")
	f.Fuzz(func(t *testing.T, freq, wkst, dtKind uint8, interval, count int16, dtOffset, untilOffset int32, spec []byte) {
		r := buildFuzzRule(freq, wkst, dtKind, interval, count, dtOffset, untilOffset, spec)
		feed := ics(vevent("UID:shift", "SUMMARY:Shift", "DTSTART:20261104T070000Z", "DTEND:20261104T150000Z"),
			vevent("UID:rule", "SUMMARY:Rule", r.dtstart, "DURATION:PT1H", "RRULE:"+r.rrule))
		began := time.Now()
		parsed, err := Parse(strings.NewReader(feed), ParseOptions{Source: "fuzz"})
		if err != nil {
			t.Fatalf("%s: Parse: %v", r.rrule, err)
		}
		occ, _ := parsed.Expand(from, to, ExpandOptions{Zone: stockholm})
		took := time.Since(began)
		if slowLog != "" && took > 50*time.Millisecond {
			logSlow(slowLog, took, r)
		}
		if took > time.Second {
			t.Errorf("%s from %s took %v", r.rrule, r.dtstart, took)
		}
		checkFuzzOccurrences(t, r, occ)
	})
}

// checkFuzzOccurrences checks the properties every expansion must have.
func checkFuzzOccurrences(t *testing.T, r fuzzRule, occ []Occurrence) {
	t.Helper()
	shift, rule := 0, 0
	earliest := r.start.Add(-15 * time.Hour) // the latest zone offset from a floating or zoned wall clock
	for i, o := range occ {
		if i > 0 && o.Start.Before(occ[i-1].Start) {
			t.Fatalf("%s: not sorted at %d", r.rrule, i)
		}
		switch o.UID {
		case "shift":
			shift++
		case "rule":
			rule++
			if o.Start.Before(earliest) {
				t.Errorf("%s: occurrence %v before DTSTART %s", r.rrule, o.Start, r.dtstart)
			}
		}
	}
	if shift != 1 {
		t.Errorf("%s: the shift shows %d times", r.rrule, shift)
	}
	if r.count > 0 && rule > r.count {
		t.Errorf("%s: %d occurrences, more than COUNT", r.rrule, rule)
	}
}

// logSlow appends one slow feed to the file at path.
func logSlow(path string, took time.Duration, r fuzzRule) {
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer fh.Close()
	fmt.Fprintf(fh, "%v\t%s\t%s\n", took, r.dtstart, r.rrule)
}
