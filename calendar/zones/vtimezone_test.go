package zones

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The VTIMEZONEs of real feeds give the offsets of the IANA zone they stand
// for, at every hour of 2020–2035 and around every change.
func TestFromVTimezoneCorpus(t *testing.T) {
	cases := []struct{ file, iana string }{
		{"outlook_pacific_vtimezone.ics", "America/Los_Angeles"}, // 1601 DTSTARTs
		{"outlook_romance_fr.ics", "Europe/Paris"},
		{"google_rotation_newyork.ics", "America/New_York"},
		{"evolution_rota_london.ics", "Europe/London"},
		{"nextcloud_nachtdienst_amsterdam.ics", "Europe/Amsterdam"},
		{"hr_absence_stockholm.ics", "Europe/Stockholm"},
		{"icloud_shifts_chicago.ics", "America/Chicago"}, // DTSTART in 2007
		{"outlook_aus_eastern.ics", "Australia/Sydney"},  // southern hemisphere
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			vtz := feedZones(t, c.file)
			if len(vtz) != 1 {
				t.Fatalf("%d VTIMEZONEs, want 1", len(vtz))
			}
			loc, err := FromVTimezone(vtz[0])
			if err != nil {
				t.Fatal(err)
			}
			if want := vtz[0].Props.Get("TZID").Value; loc.String() != want {
				t.Errorf("location named %q, want the TZID %q", loc, want)
			}
			compareOffsets(t, loc, mustLoad(t, c.iana), year(2020), year(2036))
		})
	}
}

// newYorkHistory is how Apple Calendar and tzurl.org write America/New_York:
// the 1987–2006 rules end with UNTIL, the 2007 rules follow.
const newYorkHistory = `BEGIN:VTIMEZONE
TZID:US Eastern (history)
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU
DTSTART:19870405T020000
TZNAME:EDT
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU
DTSTART:19671029T020000
TZNAME:EST
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
DTSTART:20070311T020000
TZNAME:EDT
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
DTSTART:20071104T020000
TZNAME:EST
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
`

// customized is an Outlook "Customized Time Zone": a made-up name, rules of
// Central European time written the RFC 2445 way ("the Sunday among days
// 25–31"), and a DTSTART on 1601-01-01.
const customized = `BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31
END:DAYLIGHT
END:VTIMEZONE
`

func TestFromVTimezoneRules(t *testing.T) {
	cases := []struct {
		name, text, iana string
		from, to         int
	}{
		{"UNTIL then new rules", newYorkHistory, "America/New_York", 1988, 2036},
		{"BYMONTHDAY with BYDAY", customized, "Europe/Stockholm", 2020, 2036},
		{"BYDAY=5SU meaning the last", strings.NewReplacer("BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31", "BYDAY=5SU").Replace(customized), "Europe/Stockholm", 2020, 2036},
		{"BYSETPOS", strings.NewReplacer("BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31", "BYDAY=SU;BYSETPOS=-1").Replace(customized), "Europe/Stockholm", 2020, 2036},
		{"UTC DTSTART", strings.NewReplacer("DTSTART:16010101T030000", "DTSTART:19701025T010000Z", "DTSTART:16010101T020000", "DTSTART:19700329T010000Z").Replace(customized), "Europe/Stockholm", 1996, 2036},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc, err := FromVTimezone(decode(t, c.text)[0])
			if err != nil {
				t.Fatal(err)
			}
			compareOffsets(t, loc, mustLoad(t, c.iana), year(c.from), year(c.to))
		})
	}
}

// An RDATE-only VTIMEZONE (one value per line and comma lists) gives Berlin's
// offsets for the years it lists.
func TestFromVTimezoneRDate(t *testing.T) {
	loc, err := FromVTimezone(feedZones(t, "rdate_berlin.ics")[0])
	if err != nil {
		t.Fatal(err)
	}
	compareOffsets(t, loc, mustLoad(t, "Europe/Berlin"), year(2018), year(2041))
	if name, _ := time.Date(2030, 7, 1, 12, 0, 0, 0, loc).Zone(); name != "CEST" {
		t.Errorf("summer 2030 is %q, want the TZNAME CEST", name)
	}
}

// Names, DST flags, instants before the first change and after 2100.
func TestFromVTimezoneEdges(t *testing.T) {
	paris := mustLoad(t, "Europe/Paris")
	loc, err := FromVTimezone(feedZones(t, "outlook_romance_fr.ics")[0])
	if err != nil {
		t.Fatal(err)
	}
	// After 2100 the POSIX footer continues the yearly rules.
	compareOffsets(t, loc, paris, year(2099), year(2106))
	compareOffsets(t, loc, paris, year(2200), year(2201))
	// Wall-clock times: the gap and the overlap resolve like the real zone.
	for _, wall := range []time.Time{
		time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC),  // does not exist
		time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), // happens twice
	} {
		got := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, loc)
		want := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, paris)
		if !got.Equal(want) {
			t.Errorf("%s local is %s, Europe/Paris says %s", wall.Format("2006-01-02 15:04"), got.UTC(), want.UTC())
		}
	}
	ny, err := FromVTimezone(feedZones(t, "google_rotation_newyork.ics")[0])
	if err != nil {
		t.Fatal(err)
	}
	summer := time.Date(2027, 7, 1, 12, 0, 0, 0, ny)
	if name, off := summer.Zone(); name != "EDT" || off != -4*3600 || !summer.IsDST() {
		t.Errorf("July 2027 in the Google New York zone: %s %d dst=%v, want EDT -14400 dst=true", name, off, summer.IsDST())
	}
	winter := time.Date(2027, 1, 1, 12, 0, 0, 0, ny)
	if name, off := winter.Zone(); name != "EST" || off != -5*3600 || winter.IsDST() {
		t.Errorf("January 2027 in the Google New York zone: %s %d dst=%v, want EST -18000 dst=false", name, off, winter.IsDST())
	}
	// Before the first DTSTART (1970) the first TZOFFSETFROM applies.
	if _, off := time.Date(1950, 1, 1, 0, 0, 0, 0, ny).Zone(); off != -5*3600 {
		t.Errorf("1950 offset %d, want -18000", off)
	}
}

// A STANDARD without rules is a fixed offset, at any instant.
func TestFromVTimezoneFixed(t *testing.T) {
	for _, text := range []string{
		"BEGIN:VTIMEZONE\nTZID:India Standard Time (custom)\nBEGIN:STANDARD\nDTSTART:16010101T000000\nTZOFFSETFROM:+0530\nTZOFFSETTO:+0530\nEND:STANDARD\nEND:VTIMEZONE\n",
		"BEGIN:VTIMEZONE\nTZID:India Standard Time (custom)\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETTO:+0530\nTZNAME:IST\nEND:STANDARD\nEND:VTIMEZONE\n",
	} {
		loc, err := FromVTimezone(decode(t, text)[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range []int{1900, 1970, 2026, 2100, 2300} {
			if _, off := time.Date(y, 6, 1, 0, 0, 0, 0, loc).Zone(); off != 5*3600+1800 {
				t.Errorf("%d: offset %d, want +05:30", y, off)
			}
		}
	}
}

// Bad and hostile VTIMEZONEs give a clear error naming the zone and what is
// wrong, quickly.
func TestFromVTimezoneErrors(t *testing.T) {
	std := func(props string) string {
		return "BEGIN:VTIMEZONE\nTZID:Bad\nBEGIN:STANDARD\n" + props + "END:STANDARD\nEND:VTIMEZONE\n"
	}
	manyRDates := "DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRDATE:" +
		strings.TrimSuffix(strings.Repeat("20200101T000000,", 2500), ",") + "\n"
	var many strings.Builder
	many.WriteString("BEGIN:VTIMEZONE\nTZID:Bad\n")
	for i := 0; i < 300; i++ {
		many.WriteString("BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\n")
	}
	many.WriteString("END:VTIMEZONE\n")
	everyDay := "BEGIN:VTIMEZONE\nTZID:Bad\n" +
		"BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTHDAY=1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31\nEND:STANDARD\n" +
		"BEGIN:DAYLIGHT\nDTSTART:19700102T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYMONTHDAY=2,4,6,8,10,12,14,16,18,20,22,24,26,28,30\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
	var names strings.Builder
	names.WriteString("BEGIN:VTIMEZONE\nTZID:Bad\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&names, "BEGIN:STANDARD\nDTSTART:%04d0101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+%02d00\nTZNAME:Name%d\nEND:STANDARD\n", 1970+i, i%2, i)
	}
	names.WriteString("END:VTIMEZONE\n")
	cases := []struct{ name, text, want string }{
		{"too many names", names.String(), "the TZNAMEs take more than 255 bytes together"},
		{"absurd offset", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+9900\n"), `VTIMEZONE "Bad": STANDARD #1: TZOFFSETTO: offset "+9900" is out of range`},
		{"not an offset", std("DTSTART:19700101T000000\nTZOFFSETFROM:CET\nTZOFFSETTO:+0100\n"), `TZOFFSETFROM: "CET" is not a UTC offset`},
		{"no TZOFFSETTO", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\n"), "STANDARD #1: no TZOFFSETTO"},
		{"bad DTSTART", std("DTSTART:19701345T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\n"), `DTSTART: "19701345T000000" is not a date-time`},
		{"no DTSTART", std("TZOFFSETFROM:+0100\nTZOFFSETTO:+0100\n"), "no DTSTART"},
		{"secondly", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=SECONDLY\n"), "FREQ=SECONDLY: time zone rules must be FREQ=YEARLY"},
		{"BYWEEKNO", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYWEEKNO=20\n"), "BYWEEKNO is not supported"},
		{"bad BYDAY", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=9XX\n"), `BYDAY "9XX" is not a weekday`},
		{"too many RDATEs", std(manyRDates), "more than 2000 RDATE values"},
		{"huge BYMONTHDAY list", std("DTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTHDAY=" + strings.TrimSuffix(strings.Repeat("1,", 100000), ",") + "\n"), "BYMONTHDAY: more than 800 values"},
		{"too many sub-components", many.String(), "more than 200 STANDARD/DAYLIGHT"},
		{"a change every day", everyDay, "more than 10000 transitions"},
		{"no observance", "BEGIN:VTIMEZONE\nTZID:Bad\nX-FOO:bar\nEND:VTIMEZONE\n", "no STANDARD or DAYLIGHT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc, err := FromVTimezone(decode(t, c.text)[0])
			if err == nil {
				t.Fatalf("no error; location %v", loc)
			}
			if !strings.HasPrefix(err.Error(), `zones: VTIMEZONE "Bad": `) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
		})
	}
}

// Rules that never fire or need many steps finish with a sensible zone or an
// error; they never hang.
func TestFromVTimezoneBounded(t *testing.T) {
	never := "BEGIN:VTIMEZONE\nTZID:Odd\n" +
		"BEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\n" +
		"BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
	loc, err := FromVTimezone(decode(t, never)[0])
	if err != nil {
		t.Fatal(err)
	}
	for y := 1970; y <= 2100; y += 13 {
		for _, m := range []time.Month{1, 4, 7, 10} {
			if _, off := time.Date(y, m, 15, 0, 0, 0, 0, loc).Zone(); off != 3600 {
				t.Fatalf("%d-%02d: offset %d, want +0100 (daylight never starts)", y, m, off)
			}
		}
	}
	// Rules counting every day since year 1: each is cut by COUNT, but ten
	// of them need more steps than the bound allows.
	var costly strings.Builder
	costly.WriteString("BEGIN:VTIMEZONE\nTZID:Costly\n")
	for i := 0; i < 10; i++ {
		costly.WriteString("BEGIN:STANDARD\nDTSTART:00010101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\n" +
			"RRULE:FREQ=YEARLY;COUNT=100000;BYDAY=SU,MO,TU,WE,TH,FR,SA\nEND:STANDARD\n")
	}
	costly.WriteString("END:VTIMEZONE\n")
	if _, err := FromVTimezone(decode(t, costly.String())[0]); err == nil || !strings.Contains(err.Error(), "too much work") {
		t.Errorf("error %v, want one about too much work", err)
	}
	// Rules that look at every day of every year but pick none (BYSETPOS
	// past the end): the days looked at count too.
	var picky strings.Builder
	picky.WriteString("BEGIN:VTIMEZONE\nTZID:Picky\n")
	for i := 0; i < 200; i++ {
		picky.WriteString("BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\n" +
			"RRULE:FREQ=YEARLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31;BYSETPOS=366\nEND:STANDARD\n")
	}
	picky.WriteString("END:VTIMEZONE\n")
	if _, err := FromVTimezone(decode(t, picky.String())[0]); err == nil || !strings.Contains(err.Error(), "too much work") {
		t.Errorf("error %v, want one about too much work", err)
	}
}
