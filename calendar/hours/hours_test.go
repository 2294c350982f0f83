package hours

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shiftdesk/shiftdesk/calendar"
)

func stockholm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// load parses testdata feeds and expands them in [from, to) widened by
// Margin, the way the command and the window do.
func load(t *testing.T, zone *time.Location, from, to time.Time, names ...string) []calendar.Occurrence {
	t.Helper()
	var lists [][]calendar.Occurrence
	mf, mt := Margin(from, to)
	for _, n := range names {
		f, err := os.Open(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := calendar.Parse(f, calendar.ParseOptions{Source: n})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		occ, warns := feed.Expand(mf, mt, calendar.ExpandOptions{Zone: zone})
		if len(warns) > 0 || len(feed.Warnings) > 0 {
			t.Fatalf("%s: warnings %v %v", n, feed.Warnings, warns)
		}
		lists = append(lists, occ)
	}
	return calendar.Merge(lists...)
}

// weekRow is a week's ledger in minutes, with its warnings as
// "kind local-from local-to minutes".
type weekRow struct {
	key                                string
	work, over, night, timeOff, unpaid int
	meeting, training, timeOffDays     int
	warnings                           []string
}

func rowOf(p Period, zone *time.Location) weekRow {
	m := func(d time.Duration) int { return int(d / time.Minute) }
	r := weekRow{key: p.Key, work: m(p.Work), over: m(p.Overtime), night: m(p.Night), timeOff: m(p.TimeOff),
		unpaid: m(p.Unpaid), meeting: m(p.Meeting), training: m(p.Training), timeOffDays: p.TimeOffDays}
	for _, w := range p.Warnings {
		r.warnings = append(r.warnings, fmt.Sprintf("%s %s %s %d", w.Kind,
			w.From.In(zone).Format("Mon 01-02 15:04"), w.To.In(zone).Format("Mon 01-02 15:04"), m(w.Length)))
	}
	return r
}

func TestWeeks(t *testing.T) {
	zone := stockholm(t)
	contract := func(h float64) func(*Rules) {
		return func(r *Rules) { r.Contract = time.Duration(h * float64(time.Hour)) }
	}
	tests := []struct {
		name     string
		feeds    []string
		from, to string
		rules    func(*Rules)
		want     []weekRow
	}{
		{
			name: "DST spring night is 7 h", feeds: []string{"dst_nights.ics"}, from: "2026-03-23", to: "2026-03-30",
			want: []weekRow{{key: "2026-W13", work: 420, night: 420}},
		},
		{
			name: "DST autumn night (25-hour night) is 9 h", feeds: []string{"dst_nights.ics"}, from: "2026-10-19", to: "2026-10-26",
			want: []weekRow{{key: "2026-W43", work: 540, night: 540}},
		},
		{
			name: "Sunday–Monday night counts in each week", feeds: []string{"sunday_monday.ics"}, from: "2026-10-12", to: "2026-10-26",
			want: []weekRow{{key: "2026-W42", work: 120, night: 120}, {key: "2026-W43", work: 360, night: 360}},
		},
		{
			name: "unpaid breaks are taken off", feeds: []string{"sunday_monday.ics"}, from: "2026-10-19", to: "2026-10-26",
			rules: func(r *Rules) { r.Unpaid = []calendar.Kind{calendar.KindBreak, calendar.KindLunch} },
			want:  []weekRow{{key: "2026-W43", work: 345, night: 345, unpaid: 15}},
		},
		{
			name: "split shift is one working day; 10 h rest before Wednesday", feeds: []string{"split_shift.ics"}, from: "2026-10-19", to: "2026-10-26",
			want: []weekRow{{key: "2026-W43", work: 8*60 + 8*60 + 5*60, night: 0,
				warnings: []string{"daily_rest Tue 10-20 20:00 Wed 10-21 06:00 600"}}},
		},
		{
			name: "week with a short rest, lunch unpaid, doctor inside a shift, contract 37.5 h", feeds: []string{"short_rest.ics"},
			from: "2026-10-19", to: "2026-10-26", rules: contract(37.5),
			want: []weekRow{{key: "2026-W43", work: 2310, over: 60, night: 60, timeOff: 60, unpaid: 240, training: 120,
				warnings: []string{"daily_rest Tue 10-20 23:00 Wed 10-21 07:00 480"}}},
		},
		{
			name: "no contract, no overtime", feeds: []string{"short_rest.ics"}, from: "2026-10-19", to: "2026-10-26",
			want: []weekRow{{key: "2026-W43", work: 2310, night: 60, timeOff: 60, unpaid: 240, training: 120,
				warnings: []string{"daily_rest Tue 10-20 23:00 Wed 10-21 07:00 480"}}},
		},
		{
			name: "seven days without 35 h rest, then a 50 h week", feeds: []string{"seven_days.ics"}, from: "2026-10-26", to: "2026-11-09",
			rules: contract(40),
			want: []weekRow{
				{key: "2026-W44", work: 7 * 360, over: 7*360 - 2400, warnings: []string{"weekly_rest Mon 10-26 08:00 Mon 11-02 08:00 1080"}},
				{key: "2026-W45", work: 5 * 600, over: 600, unpaid: 150, warnings: []string{"max_week Mon 11-02 00:00 Mon 11-09 00:00 3000"}},
			},
		},
		{
			name: "night window 23:00–07:00", feeds: []string{"split_shift.ics"}, from: "2026-10-19", to: "2026-10-26",
			rules: func(r *Rules) { r.NightStart, r.NightEnd = 23*time.Hour, 7*time.Hour },
			want: []weekRow{{key: "2026-W43", work: 1260, night: 60,
				warnings: []string{"daily_rest Tue 10-20 20:00 Wed 10-21 06:00 600"}}},
		},
		{
			name: "rules off", feeds: []string{"seven_days.ics", "short_rest.ics"}, from: "2026-10-19", to: "2026-11-02",
			rules: func(r *Rules) { r.DailyRest, r.WeeklyRest, r.MaxWeek = 0, 0, 0 },
			want: []weekRow{{key: "2026-W43", work: 2310, night: 60, timeOff: 60, unpaid: 240, training: 120},
				{key: "2026-W44", work: 7 * 360}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, _ := time.ParseInLocation("2006-01-02", tc.from, zone)
			to, _ := time.ParseInLocation("2006-01-02", tc.to, zone)
			r := DefaultRules()
			if tc.rules != nil {
				tc.rules(&r)
			}
			l := Weeks(load(t, zone, from, to, tc.feeds...), from, to, zone, r)
			var got []weekRow
			for _, p := range l.Periods {
				got = append(got, rowOf(p, zone))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(tc.want))
			}
		})
	}
}

func dump(rows []weekRow) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %+v\n", r)
	}
	return b.String()
}

func TestSixDaysLeaveTheWeeklyRest(t *testing.T) {
	zone := stockholm(t)
	var occ []calendar.Occurrence
	for d := 0; d < 6; d++ { // Mon–Sat 08:00–17:00, then Sunday off
		s := time.Date(2026, 10, 19+d, 8, 0, 0, 0, zone)
		occ = append(occ, calendar.Occurrence{Kind: calendar.KindShift, Start: s, End: s.Add(9 * time.Hour)})
	}
	if w := Rest(occ, DefaultRules()); len(w) != 0 {
		t.Fatalf("Mon–Sat with Sunday off (39 h rest): %+v", w)
	}
	s := time.Date(2026, 10, 25, 8, 0, 0, 0, zone) // and Sunday too (16 h rest across the end of DST)
	occ = append(occ, calendar.Occurrence{Kind: calendar.KindShift, Start: s, End: s.Add(9 * time.Hour)})
	w := Rest(occ, DefaultRules())
	if len(w) != 1 || w[0].Kind != WeeklyRest || w[0].Length != 16*time.Hour || WeekKey(w[0].At.In(zone)) != "2026-W43" {
		t.Fatalf("seven days on: %+v", w)
	}
}

func TestTouchingShiftsMerge(t *testing.T) {
	zone := stockholm(t)
	at := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, zone) }
	occ := []calendar.Occurrence{
		{Kind: calendar.KindShift, Start: at(20, 15), End: at(20, 19)},
		{Kind: calendar.KindMeeting, Start: at(20, 19), End: at(20, 23)}, // touches: one period to 23:00
		{Kind: calendar.KindShift, Start: at(21, 7), End: at(21, 15)},
	}
	w := Rest(occ, DefaultRules())
	if len(w) != 1 || !w[0].From.Equal(at(20, 23)) || !w[0].To.Equal(at(21, 7)) || w[0].Length != 8*time.Hour {
		t.Fatalf("got %+v", w)
	}
}

func TestMonthsProRata(t *testing.T) {
	zone := stockholm(t)
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, zone)
	to := time.Date(2026, 11, 1, 0, 0, 0, 0, zone)
	r := DefaultRules()
	r.Contract = 7 * time.Hour // 31 days → 31 h
	l := Months(load(t, zone, from, to, "seven_days.ics", "sunday_monday.ics"), from, to, zone, r)
	if len(l.Periods) != 1 {
		t.Fatalf("periods %+v", l.Periods)
	}
	p := l.Periods[0]
	// October: the Sunday–Monday night (8 h) and six of the 6-hour days
	// (Oct 26–31; Nov 1 is in November).
	if p.Key != "2026-10" || p.Work != 44*time.Hour || p.Overtime != 13*time.Hour {
		t.Fatalf("got %s work %v overtime %v", p.Key, p.Work, p.Overtime)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != WeeklyRest {
		t.Fatalf("warnings %+v", p.Warnings)
	}
}

func TestAllDayTimeOffDays(t *testing.T) {
	zone := stockholm(t)
	occ := []calendar.Occurrence{{Kind: calendar.KindTimeOff, AllDay: true,
		StartDate: calendar.Date{Year: 2026, Month: 10, Day: 23}, EndDate: calendar.Date{Year: 2026, Month: 10, Day: 28}}}
	from := time.Date(2026, 10, 19, 0, 0, 0, 0, zone)
	l := Weeks(occ, from, from.AddDate(0, 0, 14), zone, DefaultRules())
	if len(l.Periods) != 2 || l.Periods[0].TimeOffDays != 3 || l.Periods[1].TimeOffDays != 2 || !l.Periods[0].Scheduled() {
		t.Fatalf("got %+v", l.Periods)
	}
}

func TestNightsAcrossDST(t *testing.T) {
	zone := stockholm(t)
	r := DefaultRules()
	from := time.Date(2026, 10, 24, 12, 0, 0, 0, zone)
	n := r.Nights(from, from.Add(24*time.Hour), zone)
	var sum time.Duration
	for _, iv := range n {
		if iv.End.After(from) && iv.Start.Before(from.Add(30*time.Hour)) {
			sum += iv.Duration()
		}
	}
	if sum != 9*time.Hour {
		t.Fatalf("the night of 24–25 Oct 2026 holds %v of night window, want 9h (%v)", sum, n)
	}
}
