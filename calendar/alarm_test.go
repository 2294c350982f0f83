package calendar

import (
	"strings"
	"testing"
	"time"
)

const alarmFeed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//alarms//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:brk@test\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:20261019T080000Z\r\nDTEND:20261019T081500Z\r\nSUMMARY:Break\r\n" +
	"RRULE:FREQ=DAILY;COUNT=2\r\n" +
	"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Break\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\n" +
	"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Back\r\nTRIGGER;RELATED=END:-PT1M\r\nEND:VALARM\r\n" +
	"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Fixed\r\nTRIGGER;VALUE=DATE-TIME:20261019T070000Z\r\nEND:VALARM\r\n" +
	"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Broken\r\nTRIGGER:soon\r\nEND:VALARM\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:shift@test\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:20261019T060000Z\r\nDTEND:20261019T150000Z\r\nSUMMARY:Shift\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestVALARMTriggers(t *testing.T) {
	f, err := Parse(strings.NewReader(alarmFeed), ParseOptions{Source: "alarms.ics"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].String(), `"brk@test"`) || !strings.Contains(f.Warnings[0].Reason, "TRIGGER") {
		t.Fatalf("warnings %v", f.Warnings)
	}
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC)
	occ, _ := f.Expand(from, from.AddDate(0, 0, 3), ExpandOptions{Zone: time.UTC})
	var got []string
	for _, o := range occ {
		for _, a := range o.Alarms {
			got = append(got, o.Summary+" "+a.When(o).UTC().Format("01-02 15:04"))
		}
	}
	want := "Break 10-19 07:55|Break 10-19 08:14|Break 10-19 07:00|Break 10-20 07:55|Break 10-20 08:14|Break 10-19 07:00"
	if strings.Join(got, "|") != want {
		t.Fatalf("alarms\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}
