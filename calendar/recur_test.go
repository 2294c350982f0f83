package calendar

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// ruleStarts expands one event (DTSTART line, then any other lines) in
// [from, to) UTC and returns its starts as "2006-01-02T15:04" (timed) or
// "2006-01-02" (all-day), and the warnings.
func ruleStarts(t *testing.T, from, to string, props ...string) ([]string, []Warning) {
	t.Helper()
	f, err := Parse(strings.NewReader(ics(vevent(append([]string{"UID:r", "SUMMARY:R"}, props...)...))), ParseOptions{Source: "rule.ics"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	a, _ := time.Parse("2006-01-02", from)
	b, _ := time.Parse("2006-01-02", to)
	occ, warns := f.Expand(a, b, ExpandOptions{Zone: time.UTC})
	var out []string
	for _, o := range occ {
		if o.AllDay {
			out = append(out, o.StartDate.String())
		} else {
			out = append(out, o.Start.UTC().Format("2006-01-02T15:04"))
		}
	}
	return out, append(f.Warnings, warns...)
}

type ruleCase struct {
	name     string
	props    []string // DTSTART, RRULE and other lines
	from, to string
	want     string // space-separated starts
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from, to := c.from, c.to
			if from == "" {
				from, to = "1990-01-01", "2030-01-01"
			}
			got, warns := ruleStarts(t, from, to, c.props...)
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
			if len(warns) > 0 {
				t.Errorf("unexpected warnings: %v", warns)
			}
		})
	}
}

// TestRuleWrongAnswers holds the repros of issue 12 (several RRULEs, WEEKLY
// with BYSETPOS, duplicate candidates, BYxxx time parts with a DATE
// DTSTART).
func TestRuleWrongAnswers(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "several RRULEs are a union (§3.8.5.3)",
			props: []string{"DTSTART:20240701T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240709T000000Z", "RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20240709T000000Z"},
			want:  "2024-07-01T09:00 2024-07-03T09:00 2024-07-08T09:00"},
		{name: "several RRULEs: an instance both give is one occurrence, each COUNT is its own",
			props: []string{"DTSTART:20240701T090000Z", "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"},
			want:  "2024-07-01T09:00 2024-07-02T09:00 2024-07-03T09:00 2024-07-08T09:00 2024-07-10T09:00"},
		{name: "WEEKLY with BYSETPOS takes the whole WKST week",
			props: []string{"DTSTART:20240703T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3"},
			want:  "2024-07-03T09:00 2024-07-10T09:00 2024-07-17T09:00"},
		{name: "WEEKLY BYSETPOS with WKST=SU: the first of the week is before DTSTART, which still counts",
			props: []string{"DTSTART:20240701T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=SU,MO,SA;BYSETPOS=1;WKST=SU;COUNT=3"},
			want:  "2024-07-01T09:00 2024-07-07T09:00 2024-07-14T09:00"},
		{name: "a BYHOUR given twice is one candidate and does not use up COUNT",
			props: []string{"DTSTART:20240702T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,9;COUNT=2"},
			want:  "2024-07-02T09:00 2024-07-03T09:00"},
		{name: "BYMONTHDAY 1 and -31 in a 31-day month are one day",
			props: []string{"DTSTART:20240101T090000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,-31;COUNT=3"},
			want:  "2024-01-01T09:00 2024-02-01T09:00 2024-03-01T09:00"},
		{name: "BYSETPOS naming one candidate twice",
			props: []string{"DTSTART:20240701T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,-5,1;COUNT=3"},
			want:  "2024-07-01T09:00 2024-08-05T09:00 2024-09-02T09:00"},
		{name: "an all-day DTSTART ignores BYMINUTE (§3.3.10)",
			props: []string{"DTSTART;VALUE=DATE:20240702", "RRULE:FREQ=DAILY;BYMINUTE=1,2;COUNT=3"},
			want:  "2024-07-02 2024-07-03 2024-07-04"},
		{name: "an all-day DTSTART ignores BYHOUR and BYSECOND",
			props: []string{"DTSTART;VALUE=DATE:20240702", "RRULE:FREQ=WEEKLY;BYHOUR=8,20;BYSECOND=5;COUNT=2"},
			want:  "2024-07-02 2024-07-09"},
		{name: "DTSTART is the first instance even when the rule does not give it",
			props: []string{"DTSTART:20240702T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240716T090000Z"},
			want:  "2024-07-02T09:00 2024-07-08T09:00 2024-07-15T09:00"},
		{name: "DTSTART counts as the first of COUNT when the rule does not give it",
			props: []string{"DTSTART:20240702T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"},
			want:  "2024-07-02T09:00 2024-07-08T09:00 2024-07-15T09:00"},
		{name: "UNTIL is inclusive",
			props: []string{"DTSTART:20240701T090000Z", "RRULE:FREQ=DAILY;UNTIL=20240703T090000Z"},
			want:  "2024-07-01T09:00 2024-07-02T09:00 2024-07-03T09:00"},
	})
}

// TestRuleRFC5545Examples checks the examples of RFC 5545 §3.8.5.3 (read
// in UTC, which leaves the dates as the RFC lists them).
func TestRuleRFC5545Examples(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "daily for 10 occurrences", props: []string{"DTSTART:19970902T090000Z", "RRULE:FREQ=DAILY;COUNT=10"},
			want: days("1997-09-", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)},
		{name: "monthly on the first Friday for 10 occurrences", props: []string{"DTSTART:19970905T090000Z", "RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR"},
			want: "1997-09-05T09:00 1997-10-03T09:00 1997-11-07T09:00 1997-12-05T09:00 1998-01-02T09:00 1998-02-06T09:00 1998-03-06T09:00 1998-04-03T09:00 1998-05-01T09:00 1998-06-05T09:00"},
		{name: "every month on the second-to-last Monday for 6 months", props: []string{"DTSTART:19970922T090000Z", "RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"},
			want: "1997-09-22T09:00 1997-10-20T09:00 1997-11-17T09:00 1997-12-22T09:00 1998-01-19T09:00 1998-02-16T09:00"},
		{name: "monthly on the third-to-the-last day", props: []string{"DTSTART:19970928T090000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-3"},
			from: "1997-09-01", to: "1998-03-01",
			want: "1997-09-28T09:00 1997-10-29T09:00 1997-11-28T09:00 1997-12-29T09:00 1998-01-29T09:00 1998-02-26T09:00"},
		{name: "monthly on the 2nd and 15th for 10 occurrences", props: []string{"DTSTART:19970902T090000Z", "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"},
			want: "1997-09-02T09:00 1997-09-15T09:00 1997-10-02T09:00 1997-10-15T09:00 1997-11-02T09:00 1997-11-15T09:00 1997-12-02T09:00 1997-12-15T09:00 1998-01-02T09:00 1998-01-15T09:00"},
		{name: "monthly on the first and last day for 10 occurrences", props: []string{"DTSTART:19970930T090000Z", "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"},
			want: "1997-09-30T09:00 1997-10-01T09:00 1997-10-31T09:00 1997-11-01T09:00 1997-11-30T09:00 1997-12-01T09:00 1997-12-31T09:00 1998-01-01T09:00 1998-01-31T09:00 1998-02-01T09:00"},
		{name: "every 18 months on the 10th to 15th for 10 occurrences", props: []string{"DTSTART:19970910T090000Z", "RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"},
			want: days("1997-09-", 10, 11, 12, 13, 14, 15) + " " + days("1999-03-", 10, 11, 12, 13)},
		{name: "every Tuesday, every other month", props: []string{"DTSTART:19970902T090000Z", "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"},
			from: "1997-09-01", to: "1998-02-01",
			want: days("1997-09-", 2, 9, 16, 23, 30) + " " + days("1997-11-", 4, 11, 18, 25) + " " + days("1998-01-", 6, 13, 20, 27)},
		{name: "yearly in June and July for 10 occurrences", props: []string{"DTSTART:19970610T090000Z", "RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7"},
			want: "1997-06-10T09:00 1997-07-10T09:00 1998-06-10T09:00 1998-07-10T09:00 1999-06-10T09:00 1999-07-10T09:00 2000-06-10T09:00 2000-07-10T09:00 2001-06-10T09:00 2001-07-10T09:00"},
		{name: "every 3rd year on the 1st, 100th and 200th day for 10 occurrences", props: []string{"DTSTART:19970101T090000Z", "RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"},
			want: "1997-01-01T09:00 1997-04-10T09:00 1997-07-19T09:00 2000-01-01T09:00 2000-04-09T09:00 2000-07-18T09:00 2003-01-01T09:00 2003-04-10T09:00 2003-07-19T09:00 2006-01-01T09:00"},
		{name: "every 20th Monday of the year", props: []string{"DTSTART:19970519T090000Z", "RRULE:FREQ=YEARLY;BYDAY=20MO"},
			from: "1997-01-01", to: "2000-01-01", want: "1997-05-19T09:00 1998-05-18T09:00 1999-05-17T09:00"},
		{name: "Monday of week number 20", props: []string{"DTSTART:19970512T090000Z", "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"},
			from: "1997-01-01", to: "2000-01-01", want: "1997-05-12T09:00 1998-05-11T09:00 1999-05-17T09:00"},
		{name: "every Thursday in March", props: []string{"DTSTART:19970313T090000Z", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH"},
			from: "1997-01-01", to: "2000-01-01",
			want: days("1997-03-", 13, 20, 27) + " " + days("1998-03-", 5, 12, 19, 26) + " " + days("1999-03-", 4, 11, 18, 25)},
		{name: "every Friday the 13th", props: []string{"DTSTART:19970902T090000Z", "EXDATE:19970902T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"},
			from: "1997-01-01", to: "2001-01-01",
			want: "1998-02-13T09:00 1998-03-13T09:00 1998-11-13T09:00 1999-08-13T09:00 2000-10-13T09:00"},
		{name: "the first Saturday that follows the first Sunday", props: []string{"DTSTART:19970913T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"},
			from: "1997-01-01", to: "1998-07-01",
			want: "1997-09-13T09:00 1997-10-11T09:00 1997-11-08T09:00 1997-12-13T09:00 1998-01-10T09:00 1998-02-07T09:00 1998-03-07T09:00 1998-04-11T09:00 1998-05-09T09:00 1998-06-13T09:00"},
		{name: "U.S. Presidential Election day", props: []string{"DTSTART:19961105T090000Z", "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"},
			from: "1996-01-01", to: "2005-01-01", want: "1996-11-05T09:00 2000-11-07T09:00 2004-11-02T09:00"},
		{name: "the third of Tuesday, Wednesday or Thursday for 3 months", props: []string{"DTSTART:19970904T090000Z", "RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"},
			want: "1997-09-04T09:00 1997-10-07T09:00 1997-11-06T09:00"},
		{name: "the second-to-last weekday of the month", props: []string{"DTSTART:19970929T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"},
			from: "1997-09-01", to: "1998-04-01",
			want: "1997-09-29T09:00 1997-10-30T09:00 1997-11-27T09:00 1997-12-30T09:00 1998-01-29T09:00 1998-02-26T09:00 1998-03-30T09:00"},
		{name: "every 15 minutes for 6 occurrences", props: []string{"DTSTART:19970902T090000Z", "RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6"},
			want: "1997-09-02T09:00 1997-09-02T09:15 1997-09-02T09:30 1997-09-02T09:45 1997-09-02T10:00 1997-09-02T10:15"},
		{name: "every hour and a half for 4 occurrences", props: []string{"DTSTART:19970902T090000Z", "RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4"},
			want: "1997-09-02T09:00 1997-09-02T10:30 1997-09-02T12:00 1997-09-02T13:30"},
		{name: "every other week on MO, WE, FR until 24 December", props: []string{"DTSTART:19970901T090000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"},
			want: days("1997-09-", 1, 3, 5, 15, 17, 19, 29) + " " + days("1997-10-", 1, 3, 13, 15, 17, 27, 29, 31) + " " + days("1997-11-", 10, 12, 14, 24, 26, 28) + " " + days("1997-12-", 8, 10, 12, 22)},
		{name: "WKST changes the weeks: MO", props: []string{"DTSTART:19970805T090000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"},
			want: days("1997-08-", 5, 10, 19, 24)},
		{name: "WKST changes the weeks: SU", props: []string{"DTSTART:19970805T090000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"},
			want: days("1997-08-", 5, 17, 19, 31)},
		{name: "BYWEEKNO=1 across a year boundary (a week-1 Monday in December counts in its own year's period)",
			props: []string{"DTSTART:20260101T090000Z", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;COUNT=5"},
			want:  "2026-01-01T09:00 2027-01-04T09:00 2028-01-03T09:00 2029-01-01T09:00 2029-12-31T09:00"},
		{name: "BYWEEKNO=53 only in years that have a week 53", props: []string{"DTSTART:20261228T090000Z", "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;COUNT=3"},
			from: "2026-01-01", to: "2040-01-01", want: "2026-12-28T09:00 2032-12-27T09:00 2037-12-28T09:00"},
		{name: "BYWEEKNO with WKST=SU", props: []string{"DTSTART:20260104T090000Z", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU;WKST=SU;COUNT=3"},
			want: "2026-01-04T09:00 2027-01-03T09:00 2028-01-02T09:00"},
		{name: "YEARLY with only BYMONTHDAY takes every month", props: []string{"DTSTART:20260315T090000Z", "RRULE:FREQ=YEARLY;BYMONTHDAY=15;COUNT=4"},
			want: "2026-03-15T09:00 2026-04-15T09:00 2026-05-15T09:00 2026-06-15T09:00"},
		{name: "BYMONTH limits MONTHLY", props: []string{"DTSTART:20260315T090000Z", "RRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;COUNT=4"},
			want: "2026-03-15T09:00 2026-06-15T09:00 2026-09-15T09:00 2026-12-15T09:00"},
		{name: "last day of February, -1 in a leap year", props: []string{"DTSTART:20240229T090000Z", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1;COUNT=3"},
			want: "2024-02-29T09:00 2025-02-28T09:00 2026-02-28T09:00"},
		{name: "the 53rd Monday of the year is in years that have one", props: []string{"DTSTART:20180101T090000Z", "RRULE:FREQ=YEARLY;BYDAY=53MO;COUNT=3"},
			want: "2018-01-01T09:00 2018-12-31T09:00 2024-12-30T09:00"},
		{name: "-53SU is the first Sunday of a year with 53", props: []string{"DTSTART:20230101T090000Z", "RRULE:FREQ=YEARLY;BYDAY=-53SU;COUNT=2"},
			want: "2023-01-01T09:00 2028-01-02T09:00"},
		{name: "an invalid date (30 February) is ignored", props: []string{"DTSTART:20070115T090000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"},
			want: "2007-01-15T09:00 2007-01-30T09:00 2007-02-15T09:00 2007-03-15T09:00 2007-03-30T09:00"},
	})
}

// TestRuleSubDailyLimits checks BYHOUR/BYMINUTE limiting HOURLY and
// MINUTELY rules, and the equal DAILY rule that expands them (the RFC's
// "every 20 minutes from 9:00 to 16:40" pair).
func TestRuleSubDailyLimits(t *testing.T) {
	a, wa := ruleStarts(t, "1997-09-02", "1997-09-04", "DTSTART:19970902T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40")
	b, wb := ruleStarts(t, "1997-09-02", "1997-09-04", "DTSTART:19970902T090000Z", "RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16")
	if len(wa)+len(wb) > 0 {
		t.Fatalf("warnings: %v %v", wa, wb)
	}
	if len(a) != 48 || a[0] != "1997-09-02T09:00" || a[23] != "1997-09-02T16:40" || a[24] != "1997-09-03T09:00" {
		t.Errorf("DAILY gave %d: %v", len(a), a)
	}
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("MINUTELY differs from DAILY:\n%v\n%v", b, a)
	}
}

// days lists the days of one month as starts at 09:00.
func days(prefix string, ds ...int) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = prefix + twoDigits(d) + "T09:00"
	}
	return strings.Join(out, " ")
}

func twoDigits(d int) string {
	return string([]byte{byte('0' + d/10), byte('0' + d%10)})
}

// TestRuleCrashAndHangRepros holds the rules of issue 12 that crashed
// (rrule-go's iterInfo.rebuild, index out of range) or hung (a BYSETPOS a
// sub-daily period never reaches): each becomes one warning on its event,
// and the rest of the feed is kept.
func TestRuleCrashAndHangRepros(t *testing.T) {
	shift := vevent("UID:shift", "SUMMARY:Shift", "DTSTART:20261021T060000Z", "DTEND:20261021T150000Z")
	for _, c := range []struct{ rule, warn string }{
		{"FREQ=MONTHLY;BYDAY=53MO", "never occurs"},
		{"FREQ=MONTHLY;BYDAY=-6MO", "never occurs"},
		{"FREQ=MONTHLY;BYDAY=-7MO", "never occurs"},
		{"FREQ=MONTHLY;BYDAY=-53SU", "never occurs"},
		{"FREQ=YEARLY;BYMONTH=2;BYDAY=53MO", "never occurs"},
		{"FREQ=MONTHLY;BYDAY=6MO", "never occurs"},
		{"FREQ=MONTHLY;BYDAY=99TU", "cannot be read"},
		{"FREQ=MINUTELY;BYSETPOS=2", "never occurs"},
		{"FREQ=SECONDLY;BYSETPOS=-366", "never occurs"},
		{"FREQ=HOURLY;BYSETPOS=2,3", "never occurs"},
		{"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=23;BYMINUTE=59;BYSECOND=59", "never occurs"},
		{"FREQ=MINUTELY;BYDAY=MO;BYMONTHDAY=31;BYMONTH=2;BYHOUR=23;BYMINUTE=59", "never occurs"},
		{"FREQ=YEARLY;BYEASTER=300", "BYEASTER"},
		{"FREQ=WEEKLY;INTERVAL=9223372036854775807", "INTERVAL"},
	} {
		t.Run(c.rule, func(t *testing.T) {
			feed := ics(shift, vevent("UID:bad", "SUMMARY:Bad", "DTSTART:20261020T060000Z", "DURATION:PT8H", "RRULE:"+c.rule))
			var got []string
			var warns []Warning
			noHang(t, func() { got, warns = expandText(t, feed, "2026-10-01", "2027-04-01", "UTC") })
			want := "2026-10-20T06:00:00Z 2026-10-20T14:00:00Z Bad|2026-10-21T06:00:00Z 2026-10-21T15:00:00Z Shift"
			if strings.Join(got, "|") != want {
				t.Errorf("got %v, want %s", got, want)
			}
			if len(warns) != 1 || warns[0].UID != "bad" || !strings.Contains(warns[0].Reason, c.warn) {
				t.Errorf("warnings = %v, want one on UID bad about %q", warns, c.warn)
			}
		})
	}
}

// TestRuleWalkBudget checks that a walk stops with errBudget once it has
// done its work, instead of running on, and that the expansion turns that
// into a warning.
func TestRuleWalkBudget(t *testing.T) {
	start := stamp{wall: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), utc: true}
	r, err := parseRecurrence("FREQ=SECONDLY;BYSECOND=7", start, &probeBudget{})
	if err != nil {
		t.Fatal(err)
	}
	it := r.iter(r.opt.Dtstart, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 5000)
	n := 0
	for {
		if _, ok := it.Next(); !ok {
			break
		}
		n++
	}
	if it.Err() == nil || it.Work() > 5100 || n > 5000 {
		t.Errorf("after %d instances and %d work: err = %v, want errBudget near 5000 work", n, it.Work(), it.Err())
	}
}

// TestRuleSkipsFilteredDays checks that a sub-daily rule limited to a few
// days walks day by day (month by month) where its filters rule a whole
// day out: a leap-day-Monday SECONDLY rule is found within the probe's
// budget, and gives its instances.
func TestRuleSkipsFilteredDays(t *testing.T) {
	got, warns := ruleStarts(t, "2044-02-29", "2044-03-01", "DTSTART:20261020T060000Z",
		"RRULE:FREQ=SECONDLY;BYSETPOS=1;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=10;BYMINUTE=0,30;BYSECOND=0")
	if len(warns) > 0 || strings.Join(got, " ") != "2044-02-29T10:00 2044-02-29T10:30" {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// TestDayArithmetic checks the integer calendar arithmetic of the rule
// evaluator against the time package over ±2,700 years around 1970.
func TestDayArithmetic(t *testing.T) {
	for n := int64(-1_000_000); n < 1_000_000; n += 13 {
		tm := time.Unix(n*86400, 0).UTC()
		d := dayAt(n)
		if d.year != tm.Year() || d.month != int(tm.Month()) || d.mday != tm.Day() || d.yday != tm.YearDay() || d.wday != int(tm.Weekday()) {
			t.Fatalf("day %d: got %+v, want %v", n, d, tm)
		}
		if back := daysFromCivil(int64(d.year), d.month, d.mday); back != n {
			t.Fatalf("daysFromCivil(%d-%d-%d) = %d, want %d", d.year, d.month, d.mday, back, n)
		}
		if nx := d.next(); nx != dayAt(n+1) {
			t.Fatalf("day %d: next() = %+v, want %+v", n, nx, dayAt(n+1))
		}
	}
}

// TestRuleAllDaySubDaily checks that an all-day event with an HOURLY,
// MINUTELY or SECONDLY rule (86,400 instances a day that all fall on one
// date) is refused with a warning and shows its first day.
func TestRuleAllDaySubDaily(t *testing.T) {
	got, warns := ruleStarts(t, "2026-10-01", "2027-04-01", "DTSTART;VALUE=DATE:20261020", "RRULE:FREQ=SECONDLY;BYDAY=MO")
	if strings.Join(got, " ") != "2026-10-20" || len(warns) != 1 || !strings.Contains(warns[0].Reason, "more often than daily") {
		t.Errorf("got %v, warnings %v", got, warns)
	}
}

// TestRuleMonthEdges covers the classes public suites (ical.js, libical)
// test around month ends and positions: fifth weekdays, last days named
// twice (-1 and 31), BYMONTHDAY in any order, INTERVAL skipping the months
// that lack a day. DTSTART is always the first instance.
func TestRuleMonthEdges(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "the fifth Saturday", props: []string{"DTSTART:20150204T080000Z", "RRULE:FREQ=MONTHLY;BYDAY=5SA"},
			from: "2015-01-01", to: "2016-02-01",
			want: "2015-02-04T08:00 2015-05-30T08:00 2015-08-29T08:00 2015-10-31T08:00 2016-01-30T08:00"},
		{name: "the fifth Wednesday every other month", props: []string{"DTSTART:20150101T080000Z", "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=5WE"},
			from: "2015-01-01", to: "2016-12-01",
			want: "2015-01-01T08:00 2015-07-29T08:00 2015-09-30T08:00 2016-03-30T08:00 2016-11-30T08:00"},
		{name: "-1 and 31 are one day in long months", props: []string{"DTSTART:20220101T080000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1,31"},
			from: "2022-01-01", to: "2022-05-01",
			want: "2022-01-01T08:00 2022-01-31T08:00 2022-02-28T08:00 2022-03-31T08:00 2022-04-30T08:00"},
		{name: "BYMONTHDAY in any order gives instances in time order", props: []string{"DTSTART:20220101T080000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=28,-4,11"},
			from: "2022-01-01", to: "2022-03-01",
			want: "2022-01-01T08:00 2022-01-11T08:00 2022-01-28T08:00 2022-02-11T08:00 2022-02-25T08:00 2022-02-28T08:00"},
		{name: "the 31st every other month skips the short ones", props: []string{"DTSTART:20220601T080000Z", "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31"},
			from: "2022-06-01", to: "2023-09-01",
			want: "2022-06-01T08:00 2022-08-31T08:00 2022-10-31T08:00 2022-12-31T08:00 2023-08-31T08:00"},
		{name: "BYDAY and BYMONTHDAY intersect, COUNT from a DTSTART outside the set", props: []string{"DTSTART:20150301T080000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,FR;BYMONTHDAY=1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31;COUNT=5"},
			want: "2015-03-01T08:00 2015-03-09T08:00 2015-03-13T08:00 2015-03-23T08:00 2015-03-27T08:00"},
	})
	got, warns := ruleStarts(t, "2022-01-01", "2030-01-01", "DTSTART:20220201T080000Z", "RRULE:FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31")
	if strings.Join(got, " ") != "2022-02-01T08:00" || len(warns) != 1 || !strings.Contains(warns[0].Reason, "never occurs") {
		t.Errorf("31 February every 12 months: got %v, warnings %v", got, warns)
	}
}

// TestSortOccurrencesOddStarts checks the sort's other paths against a
// stable sort by (Start, Summary): starts with fractions of a second, and
// starts thousands of years apart.
func TestSortOccurrencesOddStarts(t *testing.T) {
	for _, step := range []time.Duration{1500 * time.Millisecond, 24 * 365 * 40 * time.Hour} {
		base := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
		occ := make([]Occurrence, 3000)
		for i := range occ {
			n := (i * 7919) % 211
			occ[i] = Occurrence{Start: base.Add(time.Duration(n%53) * step), Summary: fmt.Sprintf("s%d", n%7), UID: fmt.Sprint(i)}
		}
		want := slices.Clone(occ)
		slices.SortStableFunc(want, func(a, b Occurrence) int { return compareOcc(&a, &b) })
		SortOccurrences(occ)
		for i := range occ {
			if occ[i].UID != want[i].UID {
				t.Fatalf("step %v, position %d: got %+v, want %+v", step, i, occ[i], want[i])
			}
		}
	}
}

// TestRuleSeveralOneBad checks that of two RRULEs a bad one is a warning
// and the good one is still used.
func TestRuleSeveralOneBad(t *testing.T) {
	got, warns := ruleStarts(t, "2024-07-01", "2024-07-20", "DTSTART:20240701T090000Z",
		"RRULE:FREQ=MONTHLY;BYDAY=-7MO", "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3")
	if strings.Join(got, " ") != "2024-07-01T09:00 2024-07-03T09:00 2024-07-10T09:00" {
		t.Errorf("got %v", got)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Reason, "-7MO") || !strings.Contains(warns[0].Reason, "that rule is not used") {
		t.Errorf("warnings = %v", warns)
	}
}

// TestExpandConcurrently expands one parsed feed from several goroutines at
// once (run with -race): rule walks share nothing mutable.
func TestExpandConcurrently(t *testing.T) {
	f, err := Parse(strings.NewReader(ics(
		vevent("UID:a", "DTSTART:20240701T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2"),
		vevent("UID:b", "DTSTART:20240701T090000Z", "RRULE:FREQ=MINUTELY;INTERVAL=7;BYHOUR=9;BYDAY=TU"))), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	want, _ := f.Expand(from, from.AddDate(0, 2, 0), ExpandOptions{Zone: time.UTC})
	done := make(chan []Occurrence)
	for range 4 {
		go func() {
			occ, _ := f.Expand(from, from.AddDate(0, 2, 0), ExpandOptions{Zone: time.UTC})
			done <- occ
		}()
	}
	for range 4 {
		if got := <-done; len(got) != len(want) || len(want) < 50 {
			t.Errorf("got %d occurrences, want %d (more than 50)", len(got), len(want))
		}
	}
}
