package calendar

import (
	"strings"
	"testing"
	"time"
)

// ics wraps VEVENT lines (or any calendar content) in a VCALENDAR with CRLF
// line ends.
func ics(lines ...string) string {
	all := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shiftdesk//Test//EN"}, lines...)
	all = append(all, "END:VCALENDAR", "")
	return strings.Join(all, "\r\n")
}

// vevent builds one VEVENT from property lines.
func vevent(props ...string) string {
	return strings.Join(append(append([]string{"BEGIN:VEVENT"}, props...), "END:VEVENT"), "\r\n")
}

// expandText parses feed and expands it in [from, to) midnight in zone,
// returning "START END SUMMARY" lines (UTC instants, or dates when all-day).
func expandText(t *testing.T, feed, from, to, zone string) ([]string, []Warning) {
	t.Helper()
	f, err := Parse(strings.NewReader(feed), ParseOptions{Source: "test.ics"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	a, b, loc := window(t, from, to, zone)
	occ, warns := f.Expand(a, b, ExpandOptions{Zone: loc})
	var out []string
	for _, e := range toExpected(occ) {
		out = append(out, e.Start+" "+e.End+" "+e.Summary)
	}
	return out, append(f.Warnings, warns...)
}

type expandCase struct {
	name     string
	events   []string // VEVENTs and other calendar lines
	from, to string
	zone     string
	want     []string
	wantWarn string // substring of the only warning, "" for none
}

func runExpandCases(t *testing.T, cases []expandCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			zone := c.zone
			if zone == "" {
				zone = "UTC"
			}
			got, warns := expandText(t, ics(c.events...), c.from, c.to, zone)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
			switch {
			case c.wantWarn == "" && len(warns) > 0:
				t.Errorf("unexpected warnings: %v", warns)
			case c.wantWarn != "" && (len(warns) != 1 || !strings.Contains(warns[0].Reason, c.wantWarn)):
				t.Errorf("warnings = %v, want one containing %q", warns, c.wantWarn)
			}
		})
	}
}

func TestExpandDST(t *testing.T) {
	runExpandCases(t, []expandCase{
		{name: "Europe weekly keeps wall clock over DST end",
			events: []string{vevent("UID:a", "SUMMARY:Pass", "DTSTART;TZID=Europe/Stockholm:20261019T090000",
				"DTEND;TZID=Europe/Stockholm:20261019T170000", "RRULE:FREQ=WEEKLY;COUNT=3")},
			from: "2026-10-01", to: "2026-12-01", zone: "Europe/Stockholm",
			want: []string{
				"2026-10-19T07:00:00Z 2026-10-19T15:00:00Z Pass",
				"2026-10-26T08:00:00Z 2026-10-26T16:00:00Z Pass",
				"2026-11-02T08:00:00Z 2026-11-02T16:00:00Z Pass",
			}},
		{name: "Europe nonexistent time moves forward",
			events: []string{vevent("UID:a", "SUMMARY:Gap", "DTSTART;TZID=Europe/Stockholm:20270328T023000",
				"DTEND;TZID=Europe/Stockholm:20270328T043000")},
			from: "2027-03-27", to: "2027-03-30", zone: "Europe/Stockholm",
			want: []string{"2027-03-28T01:30:00Z 2027-03-28T02:30:00Z Gap"}},
		{name: "Europe ambiguous time is the first occurrence",
			events: []string{vevent("UID:a", "SUMMARY:Twice", "DTSTART;TZID=Europe/Stockholm:20261025T023000",
				"DURATION:PT1H")},
			from: "2026-10-24", to: "2026-10-27", zone: "Europe/Stockholm",
			want: []string{"2026-10-25T00:30:00Z 2026-10-25T01:30:00Z Twice"}},
		{name: "Europe daily rule through the spring gap",
			events: []string{vevent("UID:a", "SUMMARY:Early", "DTSTART;TZID=Europe/Stockholm:20270327T023000",
				"DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3")},
			from: "2027-03-20", to: "2027-04-01", zone: "Europe/Stockholm",
			want: []string{
				"2027-03-27T01:30:00Z 2027-03-27T02:30:00Z Early",
				"2027-03-28T01:30:00Z 2027-03-28T02:30:00Z Early",
				"2027-03-29T00:30:00Z 2027-03-29T01:30:00Z Early",
			}},
		{name: "US daily rule through the repeated hour",
			events: []string{vevent("UID:a", "SUMMARY:Night", "DTSTART;TZID=America/New_York:20261031T013000",
				"RRULE:FREQ=DAILY;COUNT=3")},
			from: "2026-10-30", to: "2026-11-05", zone: "America/New_York",
			want: []string{
				"2026-10-31T05:30:00Z 2026-10-31T05:30:00Z Night",
				"2026-11-01T05:30:00Z 2026-11-01T05:30:00Z Night",
				"2026-11-02T06:30:00Z 2026-11-02T06:30:00Z Night",
			}},
		{name: "US nonexistent time moves forward",
			events: []string{vevent("UID:a", "SUMMARY:Gap", "DTSTART;TZID=America/New_York:20270314T023000",
				"DTEND;TZID=America/New_York:20270314T040000")},
			from: "2027-03-13", to: "2027-03-15", zone: "America/New_York",
			want: []string{"2027-03-14T07:30:00Z 2027-03-14T08:00:00Z Gap"}},
		{name: "Australia weekly rule into the spring gap and exact night length",
			events: []string{
				vevent("UID:a", "SUMMARY:Sunday early", "DTSTART;TZID=Australia/Sydney:20260927T023000",
					"DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3"),
				vevent("UID:b", "SUMMARY:Night", "DTSTART;TZID=Australia/Sydney:20260926T220000",
					"DTEND;TZID=Australia/Sydney:20260927T060000", "RRULE:FREQ=WEEKLY;COUNT=2"),
			},
			from: "2026-09-26", to: "2026-10-12", zone: "Australia/Sydney",
			want: []string{
				"2026-09-26T12:00:00Z 2026-09-26T20:00:00Z Night",
				"2026-09-26T16:30:00Z 2026-09-26T17:30:00Z Sunday early",
				"2026-10-03T12:00:00Z 2026-10-03T20:00:00Z Night",
				"2026-10-03T16:30:00Z 2026-10-03T17:30:00Z Sunday early",
				"2026-10-10T15:30:00Z 2026-10-10T16:30:00Z Sunday early",
			}},
		{name: "Australia ambiguous time is the first occurrence",
			events: []string{vevent("UID:a", "SUMMARY:Twice", "DTSTART;TZID=Australia/Sydney:20270404T023000")},
			from:   "2027-04-03", to: "2027-04-06", zone: "Australia/Sydney",
			want: []string{"2027-04-03T15:30:00Z 2027-04-03T15:30:00Z Twice"}},
		{name: "DURATION days are nominal, hours exact",
			events: []string{
				vevent("UID:a", "SUMMARY:P1D", "DTSTART;TZID=Europe/Stockholm:20261024T180000", "DURATION:P1D"),
				vevent("UID:b", "SUMMARY:PT24H", "DTSTART;TZID=Europe/Stockholm:20261024T180000", "DURATION:PT24H"),
			},
			from: "2026-10-24", to: "2026-10-26", zone: "Europe/Stockholm",
			want: []string{
				"2026-10-24T16:00:00Z 2026-10-25T17:00:00Z P1D",
				"2026-10-24T16:00:00Z 2026-10-25T16:00:00Z PT24H",
			}},
		{name: "DTEND gives every instance the exact first length",
			events: []string{vevent("UID:a", "SUMMARY:Late", "DTSTART;TZID=Europe/Stockholm:20261017T200000",
				"DTEND;TZID=Europe/Stockholm:20261018T040000", "RRULE:FREQ=WEEKLY;COUNT=2")},
			from: "2026-10-17", to: "2026-10-27", zone: "Europe/Stockholm",
			want: []string{
				"2026-10-17T18:00:00Z 2026-10-18T02:00:00Z Late",
				"2026-10-24T18:00:00Z 2026-10-25T02:00:00Z Late",
			}},
	})
}

func TestExpandRules(t *testing.T) {
	runExpandCases(t, []expandCase{
		{name: "UNTIL date with DATE start is inclusive",
			events: []string{vevent("UID:a", "SUMMARY:Off", "DTSTART;VALUE=DATE:20270104", "RRULE:FREQ=DAILY;UNTIL=20270106")},
			from:   "2027-01-01", to: "2027-02-01",
			want: []string{
				"2027-01-04 2027-01-05 Off", "2027-01-05 2027-01-06 Off", "2027-01-06 2027-01-07 Off",
			}},
		{name: "UNTIL local, UTC and DATE with a zoned start",
			events: []string{
				vevent("UID:a", "SUMMARY:local", "DTSTART;TZID=Europe/Berlin:20270301T090000", "RRULE:FREQ=DAILY;UNTIL=20270302T090000"),
				vevent("UID:b", "SUMMARY:utc", "DTSTART;TZID=Europe/Paris:20270301T090000", "RRULE:FREQ=DAILY;UNTIL=20270302T080000Z"),
				vevent("UID:c", "SUMMARY:date", "DTSTART;TZID=Europe/Paris:20270301T090000", "RRULE:FREQ=DAILY;UNTIL=20270302"),
			},
			from: "2027-03-01", to: "2027-03-10", zone: "Europe/Paris",
			want: []string{
				"2027-03-01T08:00:00Z 2027-03-01T08:00:00Z date",
				"2027-03-01T08:00:00Z 2027-03-01T08:00:00Z local",
				"2027-03-01T08:00:00Z 2027-03-01T08:00:00Z utc",
				"2027-03-02T08:00:00Z 2027-03-02T08:00:00Z date",
				"2027-03-02T08:00:00Z 2027-03-02T08:00:00Z local",
				"2027-03-02T08:00:00Z 2027-03-02T08:00:00Z utc",
			}},
		{name: "COUNT counts before EXDATE",
			events: []string{vevent("UID:a", "SUMMARY:S", "DTSTART:20270301T090000Z", "DURATION:PT1H",
				"RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20270302T090000Z")},
			from: "2027-03-01", to: "2027-03-31",
			want: []string{
				"2027-03-01T09:00:00Z 2027-03-01T10:00:00Z S",
				"2027-03-03T09:00:00Z 2027-03-03T10:00:00Z S",
				"2027-03-04T09:00:00Z 2027-03-04T10:00:00Z S",
			}},
		{name: "WKST changes INTERVAL=2 weeks (RFC 5545 example)",
			events: []string{
				vevent("UID:a", "SUMMARY:MO", "DTSTART:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
				vevent("UID:b", "SUMMARY:SU", "DTSTART:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
			},
			from: "1997-08-01", to: "1997-09-30",
			want: []string{
				"1997-08-05T09:00:00Z 1997-08-05T09:00:00Z MO",
				"1997-08-05T09:00:00Z 1997-08-05T09:00:00Z SU",
				"1997-08-10T09:00:00Z 1997-08-10T09:00:00Z MO",
				"1997-08-17T09:00:00Z 1997-08-17T09:00:00Z SU",
				"1997-08-19T09:00:00Z 1997-08-19T09:00:00Z MO",
				"1997-08-19T09:00:00Z 1997-08-19T09:00:00Z SU",
				"1997-08-24T09:00:00Z 1997-08-24T09:00:00Z MO",
				"1997-08-31T09:00:00Z 1997-08-31T09:00:00Z SU",
			}},
		{name: "BYDAY ordinals, negative BYMONTHDAY, BYSETPOS",
			events: []string{
				vevent("UID:a", "SUMMARY:2nd Tue", "DTSTART:20270112T100000Z", "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3"),
				vevent("UID:b", "SUMMARY:last Fri", "DTSTART:20270129T110000Z", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"),
				vevent("UID:c", "SUMMARY:last day", "DTSTART:20270131T120000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"),
				vevent("UID:d", "SUMMARY:last weekday", "DTSTART:20270129T130000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"),
			},
			from: "2027-01-01", to: "2027-04-01",
			want: []string{
				"2027-01-12T10:00:00Z 2027-01-12T10:00:00Z 2nd Tue",
				"2027-01-29T11:00:00Z 2027-01-29T11:00:00Z last Fri",
				"2027-01-29T13:00:00Z 2027-01-29T13:00:00Z last weekday",
				"2027-01-31T12:00:00Z 2027-01-31T12:00:00Z last day",
				"2027-02-09T10:00:00Z 2027-02-09T10:00:00Z 2nd Tue",
				"2027-02-26T11:00:00Z 2027-02-26T11:00:00Z last Fri",
				"2027-02-26T13:00:00Z 2027-02-26T13:00:00Z last weekday",
				"2027-02-28T12:00:00Z 2027-02-28T12:00:00Z last day",
				"2027-03-09T10:00:00Z 2027-03-09T10:00:00Z 2nd Tue",
				"2027-03-26T11:00:00Z 2027-03-26T11:00:00Z last Fri",
				"2027-03-31T12:00:00Z 2027-03-31T12:00:00Z last day",
				"2027-03-31T13:00:00Z 2027-03-31T13:00:00Z last weekday",
			}},
		{name: "INTERVAL=2 weekly with two days",
			events: []string{vevent("UID:a", "SUMMARY:S", "DTSTART:20270104T080000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE")},
			from:   "2027-01-01", to: "2027-01-25",
			want: []string{
				"2027-01-04T08:00:00Z 2027-01-04T08:00:00Z S",
				"2027-01-06T08:00:00Z 2027-01-06T08:00:00Z S",
				"2027-01-18T08:00:00Z 2027-01-18T08:00:00Z S",
				"2027-01-20T08:00:00Z 2027-01-20T08:00:00Z S",
			}},
		{name: "a series from years ago skips ahead to the window",
			events: []string{vevent("UID:a", "SUMMARY:Old", "DTSTART;TZID=Europe/Stockholm:20000103T080000",
				"DTEND;TZID=Europe/Stockholm:20000103T160000", "RRULE:FREQ=WEEKLY;BYDAY=MO")},
			from: "2026-10-19", to: "2026-11-03", zone: "Europe/Stockholm",
			want: []string{
				"2026-10-19T06:00:00Z 2026-10-19T14:00:00Z Old",
				"2026-10-26T07:00:00Z 2026-10-26T15:00:00Z Old",
				"2026-11-02T07:00:00Z 2026-11-02T15:00:00Z Old",
			}},
		{name: "a simple COUNT series skips ahead and keeps its count",
			events: []string{vevent("UID:a", "SUMMARY:C", "DTSTART:20200101T080000Z", "RRULE:FREQ=DAILY;COUNT=2500")},
			from:   "2026-11-01", to: "2026-11-10",
			want: []string{
				"2026-11-01T08:00:00Z 2026-11-01T08:00:00Z C",
				"2026-11-02T08:00:00Z 2026-11-02T08:00:00Z C",
				"2026-11-03T08:00:00Z 2026-11-03T08:00:00Z C",
				"2026-11-04T08:00:00Z 2026-11-04T08:00:00Z C",
			}},
	})
}

func TestExpandSets(t *testing.T) {
	runExpandCases(t, []expandCase{
		{name: "RDATE DATE, DATE-TIME and PERIOD, and RDATE without RRULE",
			events: []string{
				vevent("UID:a", "SUMMARY:Overtime", "DTSTART;TZID=Europe/London:20261017T090000",
					"DTEND;TZID=Europe/London:20261017T130000",
					"RDATE;TZID=Europe/London:20261024T090000,20261031T100000"),
				vevent("UID:b", "SUMMARY:Period", "DTSTART:20261018T080000Z", "DURATION:PT1H",
					"RDATE;VALUE=PERIOD:20261019T080000Z/20261019T120000Z,20261020T080000Z/PT2H"),
				vevent("UID:c", "SUMMARY:Days", "DTSTART;VALUE=DATE:20261018", "RDATE;VALUE=DATE:20261025"),
			},
			from: "2026-10-17", to: "2026-11-01", zone: "Europe/London",
			want: []string{
				"2026-10-17T08:00:00Z 2026-10-17T12:00:00Z Overtime",
				"2026-10-18 2026-10-19 Days",
				"2026-10-18T08:00:00Z 2026-10-18T09:00:00Z Period",
				"2026-10-19T08:00:00Z 2026-10-19T12:00:00Z Period",
				"2026-10-20T08:00:00Z 2026-10-20T10:00:00Z Period",
				"2026-10-24T08:00:00Z 2026-10-24T12:00:00Z Overtime",
				"2026-10-25 2026-10-26 Days",
				"2026-10-31T10:00:00Z 2026-10-31T14:00:00Z Overtime",
			}},
		{name: "EXDATE comma list and several lines, in another zone",
			events: []string{vevent("UID:a", "SUMMARY:S", "DTSTART;TZID=America/Chicago:20261102T090000",
				"RRULE:FREQ=DAILY;COUNT=6",
				"EXDATE;TZID=America/Chicago:20261103T090000,20261104T090000",
				"EXDATE:20261106T150000Z")},
			from: "2026-11-01", to: "2026-11-10", zone: "America/Chicago",
			want: []string{
				"2026-11-02T15:00:00Z 2026-11-02T15:00:00Z S",
				"2026-11-05T15:00:00Z 2026-11-05T15:00:00Z S",
				"2026-11-07T15:00:00Z 2026-11-07T15:00:00Z S",
			}},
		{name: "RECURRENCE-ID moves into and out of the window, cancels one, changes the rest",
			events: []string{
				vevent("UID:s", "SUMMARY:Shift", "DTSTART:20270104T080000Z", "DTEND:20270104T160000Z", "RRULE:FREQ=DAILY;COUNT=10"),
				// the 02nd-day instance (outside the window) moves into it
				vevent("UID:s", "SUMMARY:Shift (moved in)", "RECURRENCE-ID:20270105T080000Z", "DTSTART:20270110T180000Z", "DTEND:20270110T200000Z"),
				// an instance in the window moves out of it
				vevent("UID:s", "SUMMARY:Shift (moved out)", "RECURRENCE-ID:20270109T080000Z", "DTSTART:20270201T080000Z", "DTEND:20270201T160000Z"),
				vevent("UID:s", "SUMMARY:Shift", "RECURRENCE-ID:20270110T080000Z", "DTSTART:20270110T080000Z", "DTEND:20270110T160000Z", "STATUS:CANCELLED"),
				// from the 12th on, an hour later and shorter
				vevent("UID:s", "SUMMARY:Shift (new hours)", "RECURRENCE-ID;RANGE=THISANDFUTURE:20270112T080000Z", "DTSTART:20270112T090000Z", "DTEND:20270112T150000Z"),
			},
			from: "2027-01-08", to: "2027-01-15",
			want: []string{
				"2027-01-08T08:00:00Z 2027-01-08T16:00:00Z Shift",
				"2027-01-10T18:00:00Z 2027-01-10T20:00:00Z Shift (moved in)",
				"2027-01-11T08:00:00Z 2027-01-11T16:00:00Z Shift",
				"2027-01-12T09:00:00Z 2027-01-12T15:00:00Z Shift (new hours)",
				"2027-01-13T09:00:00Z 2027-01-13T15:00:00Z Shift (new hours)",
			}},
		{name: "a DATE RECURRENCE-ID replaces that day's instance of a timed series",
			events: []string{
				vevent("UID:d", "SUMMARY:Shift", "DTSTART;TZID=Europe/Stockholm:20270104T080000", "DURATION:PT8H", "RRULE:FREQ=DAILY;COUNT=3"),
				vevent("UID:d", "SUMMARY:Shift (late)", "RECURRENCE-ID;VALUE=DATE:20270105", "DTSTART;TZID=Europe/Stockholm:20270105T120000", "DURATION:PT8H"),
			},
			from: "2027-01-04", to: "2027-01-07", zone: "Europe/Stockholm",
			want: []string{
				"2027-01-04T07:00:00Z 2027-01-04T15:00:00Z Shift",
				"2027-01-05T11:00:00Z 2027-01-05T19:00:00Z Shift (late)",
				"2027-01-06T07:00:00Z 2027-01-06T15:00:00Z Shift",
			}},
		{name: "a cancelled series shows nothing",
			events: []string{
				vevent("UID:x", "SUMMARY:Gone", "DTSTART:20270104T080000Z", "RRULE:FREQ=DAILY", "STATUS:CANCELLED"),
				vevent("UID:y", "SUMMARY:Gone too", "DTSTART:20270105T080000Z", "STATUS:CANCELLED"),
			},
			from: "2027-01-01", to: "2027-01-15"},
		{name: "defaults: all-day one day, timed zero; window edges",
			events: []string{
				vevent("UID:a", "SUMMARY:Day", "DTSTART;VALUE=DATE:20270105"),
				vevent("UID:b", "SUMMARY:Point", "DTSTART:20270105T120000Z"),
				vevent("UID:c", "SUMMARY:Ends at from", "DTSTART:20270104T220000Z", "DTEND:20270105T000000Z"),
				vevent("UID:d", "SUMMARY:Starts at to", "DTSTART:20270106T000000Z", "DTEND:20270106T010000Z"),
				vevent("UID:e", "SUMMARY:Over from", "DTSTART:20270104T230000Z", "DTEND:20270105T010000Z"),
				vevent("UID:f", "SUMMARY:Day before", "DTSTART;VALUE=DATE:20270104", "DTEND;VALUE=DATE:20270105"),
				vevent("UID:g", "SUMMARY:Point at from", "DTSTART:20270105T000000Z"),
				vevent("UID:h", "SUMMARY:Point at to", "DTSTART:20270106T000000Z"),
			},
			from: "2027-01-05", to: "2027-01-06",
			want: []string{
				"2027-01-04T23:00:00Z 2027-01-05T01:00:00Z Over from",
				"2027-01-05 2027-01-06 Day",
				"2027-01-05T00:00:00Z 2027-01-05T00:00:00Z Point at from",
				"2027-01-05T12:00:00Z 2027-01-05T12:00:00Z Point",
			}},
		{name: "floating times: X-WR-TIMEZONE, else the agent zone",
			events: []string{"X-WR-TIMEZONE:Europe/Berlin",
				vevent("UID:a", "SUMMARY:Float", "DTSTART:20270105T090000", "DTEND:20270105T170000")},
			from: "2027-01-05", to: "2027-01-06", zone: "America/New_York",
			want: []string{"2027-01-05T08:00:00Z 2027-01-05T16:00:00Z Float"}},
	})
	got, _ := expandText(t, ics(vevent("UID:a", "SUMMARY:Float", "DTSTART:20270105T090000")), "2027-01-05", "2027-01-06", "America/New_York")
	if len(got) != 1 || got[0] != "2027-01-05T14:00:00Z 2027-01-05T14:00:00Z Float" {
		t.Errorf("floating in agent zone: %v", got)
	}
}

func TestExpandAllDayIsDates(t *testing.T) {
	f, err := Parse(strings.NewReader(ics(vevent("UID:a", "SUMMARY:Semester", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270304"))), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	occ, _ := f.Expand(time.Date(2027, 3, 1, 0, 0, 0, 0, tokyo), time.Date(2027, 3, 10, 0, 0, 0, 0, tokyo), ExpandOptions{Zone: tokyo})
	if len(occ) != 1 {
		t.Fatalf("occ = %v", occ)
	}
	o := occ[0]
	if !o.AllDay || o.StartDate != (Date{2027, 3, 1}) || o.EndDate != (Date{2027, 3, 4}) ||
		!o.Start.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, tokyo)) || !o.End.Equal(time.Date(2027, 3, 4, 0, 0, 0, 0, tokyo)) {
		t.Errorf("occurrence = %+v", o)
	}
	if o.Kind != KindTimeOff {
		t.Errorf("kind = %s", o.Kind)
	}
}
