// Package benchfeed writes large synthetic feeds for the benchmarks: an
// Outlook-style export of many recurring series (Windows-named VTIMEZONEs,
// EXDATE lists, moved and cancelled overrides), the recurring-heavy
// counterpart of ../shared/bench/gen_team_feed.py's one-off shifts.
package benchfeed

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// zone is a Windows time zone name with its rules as Outlook writes them.
type zone struct {
	name               string
	std, dst           string // UTC offsets, +hhmm
	stdRule, dstRule   string // RRULEs; "" for a zone without DST
	stdStart, dstStart string
}

var zones = []zone{
	{"W. Europe Standard Time", "+0100", "+0200", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "16011028T030000", "16010325T020000"},
	{"Romance Standard Time", "+0100", "+0200", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "16011028T030000", "16010325T020000"},
	{"GMT Standard Time", "+0000", "+0100", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "16011028T020000", "16010325T010000"},
	{"Eastern Standard Time", "-0500", "-0400", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "16011104T020000", "16010311T020000"},
	{"Pacific Standard Time", "-0800", "-0700", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "16011104T020000", "16010311T020000"},
	{"AUS Eastern Standard Time", "+1000", "+1100", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", "16010401T030000", "16011007T020000"},
	{"India Standard Time", "+0530", "", "", "", "16010101T000000", ""},
}

// writeZones writes the VTIMEZONEs the way Outlook does (rules from 1601).
func writeZones(w *bufio.Writer) {
	for _, z := range zones {
		fmt.Fprintf(w, "BEGIN:VTIMEZONE\r\nTZID:%s\r\n", z.name)
		if z.dst == "" {
			fmt.Fprintf(w, "BEGIN:STANDARD\r\nDTSTART:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\nEND:STANDARD\r\n", z.stdStart, z.std, z.std)
		} else {
			fmt.Fprintf(w, "BEGIN:STANDARD\r\nDTSTART:%s\r\nRRULE:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\nEND:STANDARD\r\n", z.stdStart, z.stdRule, z.dst, z.std)
			fmt.Fprintf(w, "BEGIN:DAYLIGHT\r\nDTSTART:%s\r\nRRULE:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\nEND:DAYLIGHT\r\n", z.dstStart, z.dstRule, z.std, z.dst)
		}
		w.WriteString("END:VTIMEZONE\r\n")
	}
}

// series is one generated recurring event.
type series struct {
	uid, summary, desc, location, busy string
	zone                               string
	start                              time.Time // wall clock
	length                             time.Duration
	rule                               string
	step                               int // days between instances, for EXDATEs and overrides
}

var kinds = []struct {
	summary, busy, desc string
	hour                []int
	length              time.Duration
	rule                func(r *rand.Rand, start time.Time) (string, int)
}{
	{"Service client – poste", "BUSY", "File : Particuliers – téléphone\\, puis e-mails.\\n", []int{7, 8, 9, 10}, 8*time.Hour + 30*time.Minute, weekdays},
	{"Lunch", "OOF", "\\n", []int{11, 12, 13}, 45 * time.Minute, weekdays},
	{"Break", "FREE", "\\n", []int{10, 15}, 15 * time.Minute, weekdays},
	{"Team huddle", "BUSY", "Daily numbers and queue status.\\n", []int{8, 9}, 15 * time.Minute, daily},
	{"Coaching 1:1", "BUSY", "Review of calls\\; bring your notes.\\n", []int{14, 15, 16}, 30 * time.Minute, weekly},
	{"Team meeting", "BUSY", "Agenda: KPIs\\, planning\\; other business.\\n", []int{13, 14}, time.Hour, monthly},
}

func weekdays(r *rand.Rand, start time.Time) (string, int) {
	until := start.AddDate(0, 5+r.IntN(8), 0)
	if r.IntN(3) == 0 {
		return fmt.Sprintf("FREQ=WEEKLY;COUNT=%d;BYDAY=MO,TU,WE,TH,FR", 60+r.IntN(200)), 1
	}
	return "FREQ=WEEKLY;UNTIL=" + until.UTC().Format("20060102T150405Z") + ";BYDAY=MO,TU,WE,TH,FR", 1
}

func daily(r *rand.Rand, start time.Time) (string, int) {
	if r.IntN(2) == 0 {
		return fmt.Sprintf("FREQ=DAILY;COUNT=%d", 60+r.IntN(200)), 1
	}
	return "FREQ=DAILY;INTERVAL=1;UNTIL=" + start.AddDate(0, 5+r.IntN(8), 0).UTC().Format("20060102T150405Z"), 1
}

func weekly(r *rand.Rand, start time.Time) (string, int) {
	n := 1 + r.IntN(2)
	return fmt.Sprintf("FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s;WKST=SU", n, strings.ToUpper(start.Weekday().String()[:2])), 7 * n
}

func monthly(r *rand.Rand, start time.Time) (string, int) {
	return fmt.Sprintf("FREQ=MONTHLY;COUNT=%d;BYDAY=%d%s", 6+r.IntN(12), (start.Day()-1)/7+1, strings.ToUpper(start.Weekday().String()[:2])), 28
}

// Outlook writes a feed of n recurring series, deterministic for a seed.
// With n = 3000 it is about 4.4 MB and gives about 200,000 occurrences from
// October 2026 to March 2027.
func Outlook(out io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 12))
	w := bufio.NewWriterSize(out, 1<<16)
	w.WriteString("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n" +
		"X-WR-CALNAME:Team – customer service\r\nX-PRIMARY-CALENDAR:TRUE\r\n")
	writeZones(w)
	base := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	for i := range n {
		k := kinds[r.IntN(len(kinds))]
		day := base.AddDate(0, 0, r.IntN(200))
		start := day.Add(time.Duration(k.hour[r.IntN(len(k.hour))])*time.Hour + time.Duration(15*r.IntN(4))*time.Minute)
		if strings.Contains(k.summary, "poste") || k.summary == "Lunch" || k.summary == "Break" {
			for start.Weekday() == time.Saturday || start.Weekday() == time.Sunday {
				start = start.AddDate(0, 0, 1)
			}
		}
		rule, step := k.rule(r, start)
		s := series{
			uid:     fmt.Sprintf("040000008200E00074C5B7101A82E00800000000%08X24ADC01000000000000000010000000%032X", i, uint64(i)*2654435761+seed),
			summary: k.summary, desc: k.desc, busy: k.busy, location: fmt.Sprintf("Plateau %c – floor %d", 'A'+rune(i%6), 1+i%4),
			zone: zones[r.IntN(len(zones))].name, start: start, length: k.length, rule: rule, step: step,
		}
		writeSeries(w, r, &s)
	}
	w.WriteString("END:VCALENDAR\r\n")
	return w.Flush()
}

// writeSeries writes the master VEVENT and its overrides.
func writeSeries(w *bufio.Writer, r *rand.Rand, s *series) {
	var ex []string
	if r.IntN(5) < 2 {
		for j, k := 0, 1+r.IntN(8); j < k; j++ {
			ex = append(ex, s.start.AddDate(0, 0, s.step*(3+r.IntN(120))).Format("20060102T150405"))
		}
	}
	extra := ""
	if len(ex) > 0 {
		extra = fold(fmt.Sprintf("EXDATE;TZID=\"%s\":%s", s.zone, strings.Join(ex, ",")))
	}
	extra += "RRULE:" + s.rule + "\r\n"
	writeEvent(w, s, s.start, s.start, false, extra)
	if r.IntN(10) < 3 {
		for j, k := 0, 1+r.IntN(3); j < k; j++ {
			orig := s.start.AddDate(0, 0, s.step*(2+r.IntN(100)))
			moved := orig.Add(time.Duration(1+r.IntN(3)) * time.Hour)
			writeEvent(w, s, orig, moved, false, "")
		}
	}
	if r.IntN(10) == 0 {
		orig := s.start.AddDate(0, 0, s.step*(1+r.IntN(60)))
		writeEvent(w, s, orig, orig, true, "")
	}
}

// writeEvent writes one VEVENT: the master (with extra, its RRULE and
// EXDATE lines), or without extra an override with RECURRENCE-ID orig.
func writeEvent(w *bufio.Writer, s *series, orig, start time.Time, cancelled bool, extra string) {
	master := extra != ""
	zone := "TZID=\"" + s.zone + "\""
	w.WriteString("BEGIN:VEVENT\r\nCLASS:PUBLIC\r\nCREATED:20260422T091544Z\r\n")
	w.WriteString(fold("DESCRIPTION:" + s.desc))
	fmt.Fprintf(w, "DTEND;%s:%s\r\nDTSTAMP:20260930T162210Z\r\nDTSTART;%s:%s\r\n", zone, start.Add(s.length).Format("20060102T150405"), zone, start.Format("20060102T150405"))
	if master {
		w.WriteString(extra)
	}
	fmt.Fprintf(w, "LAST-MODIFIED:20260926T162210Z\r\nLOCATION:%s\r\nPRIORITY:5\r\n", s.location)
	if !master {
		fmt.Fprintf(w, "RECURRENCE-ID;%s:%s\r\n", zone, orig.Format("20060102T150405"))
	}
	status := ""
	if cancelled {
		status = "STATUS:CANCELLED\r\n"
	}
	fmt.Fprintf(w, "SEQUENCE:0\r\n%sSUMMARY;LANGUAGE=fr:%s\r\nTRANSP:OPAQUE\r\n", status, s.summary)
	w.WriteString(fold("UID:" + s.uid))
	fmt.Fprintf(w, "X-MICROSOFT-CDO-APPT-SEQUENCE:0\r\nX-MICROSOFT-CDO-OWNERAPPTID:%d\r\nX-MICROSOFT-CDO-BUSYSTATUS:%s\r\n"+
		"X-MICROSOFT-CDO-ALLDAYEVENT:FALSE\r\nX-MICROSOFT-CDO-IMPORTANCE:1\r\n"+
		"X-MICROSOFT-CDO-INSTTYPE:%d\r\nX-MICROSOFT-DISALLOW-COUNTER:FALSE\r\nX-MS-OLK-AUTOFILLLOCATION:FALSE\r\n"+
		"X-MS-OLK-CONFTYPE:0\r\nEND:VEVENT\r\n", 2120304561+len(s.uid), s.busy, map[bool]int{true: 1, false: 3}[master])
}

// fold writes a content line folded at 75 octets (RFC 5545 §3.1), with
// its CRLF.
func fold(line string) string {
	var b strings.Builder
	for len(line) > 75 {
		b.WriteString(line[:75])
		b.WriteString("\r\n ")
		line = line[75:]
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
