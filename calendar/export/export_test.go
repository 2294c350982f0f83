package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var stamp = time.Date(2026, 10, 18, 12, 0, 0, 0, time.UTC)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// checkContentLines asserts RFC 5545 §3.1 framing: CRLF line ends, no line
// longer than 75 octets, every physical line valid UTF-8 (no split
// sequences).
func checkContentLines(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("output does not end in CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
	}
}

func decode(t *testing.T, b []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the export: %v\n%s", err, b)
	}
	return cal
}

func TestWeekGolden(t *testing.T) {
	w := newDSTWeek(t)
	ws := w.windows(t)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, c := range []struct {
		name   string
		format Format
		opts   Options
		ws     []availability.Interval
	}{
		{"week_stockholm.ics", FormatICS, Options{Zone: w.loc, From: w.from, To: w.to, Now: stamp}, ws},
		{"week_freebusy.ics", FormatFreeBusy, Options{Zone: w.loc, From: w.from, To: w.to, Now: stamp}, ws},
		{"week_busy.ics", FormatFreeBusy, Options{Zone: w.loc, From: w.from, To: w.to, Now: stamp, Busy: true}, ws},
		{"week_stockholm_sv.txt", FormatText, Options{Zone: w.loc, Lang: "sv"}, ws},
		{"week_japan_en.txt", FormatText, Options{Zone: tokyo, Lang: "en"}, w.windows(t, japan())},
		{"week_japan.ics", FormatICS, Options{Zone: tokyo, From: w.from, To: w.to, Now: stamp, Scope: "Japan", Summary: "Available – Japan support"}, w.windows(t, japan())},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, c.format, c.ws, c.opts); err != nil {
				t.Fatal(err)
			}
			if c.format != FormatText {
				checkContentLines(t, buf.Bytes())
				decode(t, buf.Bytes())
			}
			golden(t, c.name, buf.Bytes())
		})
	}
}

func TestICSParsesBackToTheWindows(t *testing.T) {
	w := newDSTWeek(t)
	ws := w.windows(t)
	var buf bytes.Buffer
	if err := WriteICS(&buf, ws, Options{Zone: w.loc, From: w.from, To: w.to, Now: stamp}); err != nil {
		t.Fatal(err)
	}
	cal := decode(t, buf.Bytes())
	if got := cal.Props.Get(ical.PropProductID); got == nil || got.Value != DefaultProdID {
		t.Errorf("PRODID = %v", got)
	}
	var tzids []string
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			tzids = append(tzids, c.Props.Get(ical.PropTimezoneID).Value)
		}
	}
	if len(tzids) != 1 || tzids[0] != "Europe/Stockholm" {
		t.Errorf("VTIMEZONEs %v, want one for Europe/Stockholm", tzids)
	}
	events := cal.Events()
	if len(events) != len(ws) {
		t.Fatalf("%d VEVENTs for %d windows", len(events), len(ws))
	}
	// 02:00–03:00 happens twice on 25 October 2026 in Stockholm.
	repeatFrom, repeatTo := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	for i, ev := range events {
		for j, name := range []string{ical.PropDateTimeStart, ical.PropDateTimeEnd} {
			p := ev.Props.Get(name)
			tz := p.Params.Get(ical.PropTimezoneID)
			inst := [2]time.Time{ws[i].Start, ws[i].End}[j]
			// Times in the repeated hour go out in UTC, the rest in local time.
			if repeated := !inst.Before(repeatFrom) && inst.Before(repeatTo); repeated {
				if tz != "" || !strings.HasSuffix(p.Value, "Z") {
					t.Errorf("event %d %s in the repeated hour: %s TZID=%q, want UTC", i, name, p.Value, tz)
				}
			} else if tz != "Europe/Stockholm" {
				t.Errorf("event %d %s TZID = %q", i, name, tz)
			}
		}
		s, err := ev.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		e, err := ev.DateTimeEnd(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Equal(ws[i].Start) || !e.Equal(ws[i].End) {
			t.Errorf("event %d is %v–%v, want %v–%v", i, s, e, ws[i].Start, ws[i].End)
		}
		uid := ev.Props.Get(ical.PropUID).Value
		if seen[uid] {
			t.Errorf("UID %s repeats", uid)
		}
		seen[uid] = true
		if v := ev.Props.Get(ical.PropTransparency).Value; v != "TRANSPARENT" {
			t.Errorf("TRANSP = %q", v)
		}
		if v, _ := ev.Props.Text(ical.PropSummary); v != DefaultSummary {
			t.Errorf("SUMMARY = %q", v)
		}
		if v := ev.Props.Get(ical.PropDateTimeStamp).Value; v != "20261018T120000Z" {
			t.Errorf("DTSTAMP = %q", v)
		}
	}
}

func TestUIDsAreStable(t *testing.T) {
	w := newDSTWeek(t)
	ws := w.windows(t)
	uids := func(ws []availability.Interval, now time.Time, scope string) []string {
		var buf bytes.Buffer
		if err := WriteICS(&buf, ws, Options{Zone: w.loc, From: w.from, To: w.to, Now: now, Scope: scope}); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, ev := range decode(t, buf.Bytes()).Events() {
			out = append(out, ev.Props.Get(ical.PropUID).Value)
		}
		return out
	}
	a := uids(ws, stamp, "")
	b := uids(ws, stamp.Add(48*time.Hour), "")
	// The first window ends later in a new export: it keeps its UID.
	moved := append([]availability.Interval(nil), ws...)
	moved[0].End = moved[0].End.Add(30 * time.Minute)
	c := uids(moved, stamp, "")
	if strings.Join(a, ",") != strings.Join(b, ",") || strings.Join(a, ",") != strings.Join(c, ",") {
		t.Errorf("UIDs changed between exports:\n%v\n%v\n%v", a, b, c)
	}
	if d := uids(ws, stamp, "Japan"); d[0] == a[0] || !strings.Contains(d[0], "japan") {
		t.Errorf("scoped UID %q should differ from %q and name the scope", d[0], a[0])
	}
}

func TestSummaryIsEscapedAndFolded(t *testing.T) {
	w := newDSTWeek(t)
	ws := w.windows(t)[:1]
	long := "Tillgänglig för kunder i Sverige, Norge; Danmark – ring 08-123 45 67 eller chatta på webben ✓✓✓"
	var buf bytes.Buffer
	if err := WriteICS(&buf, ws, Options{Zone: w.loc, Now: stamp, Summary: long}); err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, buf.Bytes())
	ev := decode(t, buf.Bytes()).Events()[0]
	if got, _ := ev.Props.Text(ical.PropSummary); got != long {
		t.Errorf("SUMMARY round trip:\n got %q\nwant %q", got, long)
	}
}

func TestICSInUTCHasNoVTimezone(t *testing.T) {
	w := newDSTWeek(t)
	var buf bytes.Buffer
	if err := WriteICS(&buf, w.windows(t), Options{Now: stamp}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("VTIMEZONE")) || bytes.Contains(buf.Bytes(), []byte("TZID")) {
		t.Error("a UTC export carries a VTIMEZONE or TZID")
	}
	if !bytes.Contains(buf.Bytes(), []byte("DTSTART:20261019T060000Z\r\n")) {
		t.Errorf("first window not in UTC:\n%s", buf.Bytes())
	}
}

func TestICSRefusesTheUnnamedLocalZone(t *testing.T) {
	if err := WriteICS(&bytes.Buffer{}, nil, Options{Zone: time.Local}); err == nil {
		t.Error("time.Local accepted as a TZID")
	}
}

func TestEmptyExportIsAValidCalendar(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Stockholm")
	var buf bytes.Buffer
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, loc)
	if err := WriteICS(&buf, nil, Options{Zone: loc, From: from, To: from.AddDate(0, 0, 7), Now: stamp}); err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, buf.Bytes())
	cal := decode(t, buf.Bytes())
	if len(cal.Events()) != 0 || cal.Props.Get(ical.PropProductID) == nil {
		t.Errorf("empty export:\n%s", buf.Bytes())
	}
}

func TestFreeBusyPeriods(t *testing.T) {
	w := newDSTWeek(t)
	ws := w.windows(t)
	read := func(busy bool) (string, []availability.Interval) {
		var buf bytes.Buffer
		if err := WriteFreeBusy(&buf, ws, Options{Zone: w.loc, From: w.from, To: w.to, Now: stamp, Busy: busy}); err != nil {
			t.Fatal(err)
		}
		checkContentLines(t, buf.Bytes())
		cal := decode(t, buf.Bytes())
		if len(cal.Children) != 1 || cal.Children[0].Name != ical.CompFreeBusy {
			t.Fatalf("want one VFREEBUSY:\n%s", buf.Bytes())
		}
		fb := cal.Children[0]
		if s := fb.Props.Get(ical.PropDateTimeStart).Value; s != w.from.UTC().Format(utcStamp) {
			t.Errorf("DTSTART %s", s)
		}
		var types []string
		var out []availability.Interval
		for _, p := range fb.Props.Values(ical.PropFreeBusy) {
			types = append(types, p.Params.Get(ical.ParamFreeBusyType))
			a, b, ok := strings.Cut(p.Value, "/")
			s, err1 := time.Parse(utcStamp, a)
			e, err2 := time.Parse(utcStamp, b)
			if !ok || err1 != nil || err2 != nil {
				t.Fatalf("period %q is not UTC start/end", p.Value)
			}
			out = append(out, availability.Interval{Start: s, End: e})
		}
		types = compact(types)
		if len(types) != 1 {
			t.Fatalf("FBTYPEs %v", types)
		}
		return types[0], out
	}
	typ, free := read(false)
	if typ != "FREE" || len(free) != len(ws) {
		t.Fatalf("%s periods %d, want FREE and %d", typ, len(free), len(ws))
	}
	for i := range ws {
		if !free[i].Start.Equal(ws[i].Start) || !free[i].End.Equal(ws[i].End) {
			t.Errorf("period %d %v, want %v", i, free[i], ws[i])
		}
	}
	typ, busy := read(true)
	if typ != "BUSY" {
		t.Fatalf("FBTYPE %s", typ)
	}
	if n := availability.Overlap(busy, free); n != 0 {
		t.Errorf("busy and free overlap by %v", n)
	}
	if tot := availability.Total(availability.Union(busy, free)); tot != w.to.Sub(w.from) {
		t.Errorf("busy ∪ free = %v, want the whole range %v", tot, w.to.Sub(w.from))
	}
}

func compact(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

func TestFreeBusyNeedsARange(t *testing.T) {
	if err := WriteFreeBusy(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("no range, no windows: no error")
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("ParseFormat(pdf) error %v should name the format", err)
	}
}

func TestUnambiguous(t *testing.T) {
	sto, _ := time.LoadLocation("Europe/Stockholm")
	lhi, _ := time.LoadLocation("Australia/Lord_Howe") // 30-minute DST
	for _, c := range []struct {
		t    time.Time
		want bool // written in UTC
	}{
		{time.Date(2026, 10, 25, 0, 59, 0, 0, time.UTC).In(sto), true},   // 02:59 CEST, first of two
		{time.Date(2026, 10, 24, 23, 59, 0, 0, time.UTC).In(sto), false}, // 01:59 CEST, once
		{time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC).In(sto), true},    // 02:00 CEST, first of two
		{time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC).In(sto), true},   // 02:30 CET, second of two
		{time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC).In(sto), false},   // 03:00 CET, once
		{time.Date(2027, 3, 28, 1, 0, 0, 0, time.UTC).In(sto), false},    // 03:00 CEST after the gap
		{time.Date(2026, 4, 4, 14, 45, 0, 0, time.UTC).In(lhi), true},    // 01:45 on Lord Howe, twice
		{time.Date(2026, 4, 4, 15, 30, 0, 0, time.UTC).In(lhi), false},   // 02:00+, once
	} {
		got := unambiguous(c.t)
		if utc := got.Location() == time.UTC; utc != c.want || !got.Equal(c.t) {
			t.Errorf("%v: UTC %v, want %v", c.t, utc, c.want)
		}
	}
}
