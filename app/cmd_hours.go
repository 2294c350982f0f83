package app

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/hours"
)

// hoursDefaultWeeks is the window of "shiftdesk hours" without --to.
const hoursDefaultWeeks = 4

// hoursArgs is the parsed command line of "shiftdesk hours".
type hoursArgs struct {
	from, to, zone, contract string
	json, month              bool
	feeds                    []string
}

// runHours is "shiftdesk hours": the agent's scheduled hours per ISO week
// (or month) with the rest warnings, from FEEDs or the synced feeds. Exit
// code 0 when the feeds were read, 1 when a feed could not be read, 2 for
// bad usage.
func runHours(env Env, args []string) int {
	a, err := parseHoursArgs(env, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(env.Stderr, "shiftdesk hours: %v\n", err)
		return 2
	}
	m, st, err := openAgent(env, secrets.NewKeyring())
	if err != nil {
		fmt.Fprintln(env.Stderr, err) // defaults are used
	}
	zone, from, to, rules, code := hoursSetup(env, a, st)
	if code != 0 {
		return code
	}
	mf, mt := hours.Margin(from, to)
	occ, failed, fatal := commandOccurrences(env, "hours", m, a.feeds, mf, mt, calendar.ExpandOptions{Zone: zone, Rules: st.KindRules})
	if fatal {
		return 1
	}
	var l hours.Ledger
	if a.month {
		l = hours.Months(occ, from, to, zone, rules)
	} else {
		l = hours.Weeks(occ, from, to, zone, rules)
	}
	if a.json {
		err = writeHoursJSON(env.Stdout, l, a.month, zone)
	} else {
		err = writeHoursText(env.Stdout, l, rules, zone)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk hours: %v\n", err)
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

// hoursSetup resolves the zone, the window and the rules; code is the exit
// code when something was wrong (already said on stderr).
func hoursSetup(env Env, a hoursArgs, st settings.Settings) (zone *time.Location, from, to time.Time, r hours.Rules, code int) {
	fail := func(c int, err error) (*time.Location, time.Time, time.Time, hours.Rules, int) {
		fmt.Fprintf(env.Stderr, "shiftdesk hours: %v\n", err)
		return nil, time.Time{}, time.Time{}, r, c
	}
	zone, code, err := commandZone(a.zone, st)
	if err != nil {
		return fail(code, err)
	}
	if from, to, err = hoursRange(a.from, a.to, zone, time.Now()); err != nil {
		return fail(2, err)
	}
	r = st.Hours.Rules()
	if a.contract != "" {
		h, err := strconv.ParseFloat(a.contract, 64)
		if err != nil || h < 0 || h > 168 {
			return fail(2, badUsage("--contract %q is not a number of hours per week (0–168)", a.contract))
		}
		r.Contract = time.Duration(h * float64(time.Hour)).Round(time.Minute)
	}
	return zone, from, to, r, 0
}

// hoursRange is [from, to) in zone: by default this ISO week and the next
// three; --from alone gives four weeks from its week.
func hoursRange(fromArg, toArg string, zone *time.Location, now time.Time) (time.Time, time.Time, error) {
	if fromArg == "" {
		fromArg = hours.MondayOf(now.In(zone)).String()
	}
	if toArg == "" {
		d, err := time.ParseInLocation("2006-01-02", fromArg, zone)
		if err != nil {
			return time.Time{}, time.Time{}, badUsage("--from %q is not a date (YYYY-MM-DD)", fromArg)
		}
		toArg = hours.MondayOf(d).AddDays(7 * hoursDefaultWeeks).String()
	}
	return exportRange(fromArg, toArg, zone, now)
}

// parseHoursArgs reads the flags, which may come before or after FEEDs.
func parseHoursArgs(env Env, args []string) (hoursArgs, error) {
	var a hoursArgs
	fs := flag.NewFlagSet("hours", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&a.from, "from", "", "a day of the first week, YYYY-MM-DD in the zone (default today)")
	fs.StringVar(&a.to, "to", "", "day after the last one, YYYY-MM-DD (default four weeks)")
	fs.StringVar(&a.zone, "zone", "", "IANA time zone (default the agent's zone)")
	fs.StringVar(&a.contract, "contract", "", "contract hours per week (default the setting)")
	fs.BoolVar(&a.json, "json", false, "print a JSON array instead of text")
	fs.BoolVar(&a.month, "month", false, "one line per month instead of per ISO week")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: shiftdesk hours [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--zone IANA] [--contract HOURS] [--month] [--json] [FEED...]")
		fmt.Fprintln(fs.Output(), "FEED is a file or an http(s)/webcal(s) URL; without FEEDs the synced feeds are used.")
		fs.PrintDefaults()
	}
	var err error
	a.feeds, err = parseFlagsAndFeeds(fs, args)
	return a, err
}

// hoursWarningJSON is one rest warning of "shiftdesk hours --json".
type hoursWarningJSON struct {
	Kind    string `json:"kind"`
	From    string `json:"from"`
	To      string `json:"to"`
	Minutes int    `json:"minutes"`
	Text    string `json:"text"`
}

// hoursJSON is one period of "shiftdesk hours --json".
type hoursJSON struct {
	Week     string             `json:"week,omitempty"`
	Month    string             `json:"month,omitempty"`
	Work     int                `json:"work_minutes"`
	Overtime int                `json:"overtime_minutes"`
	Night    int                `json:"night_minutes"`
	TimeOff  int                `json:"time_off_minutes"`
	Warnings []hoursWarningJSON `json:"warnings"`
}

// writeHoursJSON writes one object per period that has scheduled time,
// instants in UTC.
func writeHoursJSON(w io.Writer, l hours.Ledger, month bool, zone *time.Location) error {
	out := []hoursJSON{}
	for _, p := range l.Periods {
		if !p.Scheduled() {
			continue
		}
		j := hoursJSON{Work: minutes(p.Work), Overtime: minutes(p.Overtime), Night: minutes(p.Night),
			TimeOff: minutes(p.TimeOff), Warnings: []hoursWarningJSON{}}
		if month {
			j.Month = p.Key
		} else {
			j.Week = p.Key
		}
		for _, wn := range p.Warnings {
			j.Warnings = append(j.Warnings, hoursWarningJSON{Kind: string(wn.Kind), From: utcText(wn.From),
				To: utcText(wn.To), Minutes: minutes(wn.Length), Text: warningText(wn, zone)})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func minutes(d time.Duration) int { return int(d / time.Minute) }

func utcText(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// writeHoursText writes one line per period, each warning indented below.
func writeHoursText(w io.Writer, l hours.Ledger, r hours.Rules, zone *time.Location) error {
	var b strings.Builder
	contract := "no contract hours set"
	if r.Contract > 0 {
		contract = "contract " + durationText(r.Contract) + " a week"
	}
	fmt.Fprintf(&b, "Hours (%s, %s)\n", zoneName(zone, time.Now()), contract)
	for _, p := range l.Periods {
		fmt.Fprintf(&b, "%-9s %s  %s\n", p.Key, p.Start.Format("Mon 2 Jan"), periodText(p, r))
		for _, wn := range p.Warnings {
			fmt.Fprintf(&b, "          ! %s\n", warningText(wn, zone))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// periodText is "work 38 h 30 min · overtime 1 h · night 1 h · time off 1 h".
func periodText(p hours.Period, r hours.Rules) string {
	if !p.Scheduled() {
		return "nothing scheduled"
	}
	parts := []string{"work " + durationText(p.Work)}
	if r.Contract > 0 {
		parts = append(parts, "overtime "+durationText(p.Overtime))
	}
	if p.Night > 0 {
		parts = append(parts, "night "+durationText(p.Night))
	}
	if p.Meeting+p.Training > 0 {
		parts = append(parts, "meetings and training "+durationText(p.Meeting+p.Training))
	}
	if p.TimeOff > 0 {
		parts = append(parts, "time off "+durationText(p.TimeOff))
	}
	if p.TimeOffDays > 0 {
		parts = append(parts, fmt.Sprintf("%d day(s) off", p.TimeOffDays))
	}
	return strings.Join(parts, " · ")
}

// durationText is "8 h", "7 h 30 min" or "45 min".
func durationText(d time.Duration) string {
	m := minutes(d)
	switch {
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	case m < 60:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// warningText words a rest warning in English, times in zone: "Only 8 h
// rest between Tue 23:00 and Wed 07:00".
func warningText(w hours.Warning, zone *time.Location) string {
	from, to := w.From.In(zone), w.To.In(zone)
	switch w.Kind {
	case hours.DailyRest:
		return fmt.Sprintf("Only %s rest between %s and %s (%s needed)", durationText(w.Length),
			from.Format("Mon 15:04"), to.Format("Mon 15:04"), durationText(w.Limit))
	case hours.WeeklyRest:
		return fmt.Sprintf("No %s weekly rest in week %s: 7 days from %s with %s rest at most",
			durationText(w.Limit), hours.WeekKey(w.At.In(zone)), from.Format("Mon 2 Jan 15:04"), durationText(w.Length))
	}
	return fmt.Sprintf("%s of work in week %s, over the %s maximum", durationText(w.Length), hours.WeekKey(from), durationText(w.Limit))
}

// shortRestLines words the coming daily-rest warnings that a change made:
// a rest too short next to a changed activity's new time (for "shiftdesk
// changes").
func shortRestLines(m *feeds.Manager, changes []feeds.Change, now time.Time) []string {
	st := m.Settings()
	zone, err := agentZone(st)
	if err != nil {
		return nil
	}
	parsed, _ := m.Parsed()
	occ := expandFeeds(io.Discard, parsed, now.AddDate(0, 0, -2), now.AddDate(0, 0, 16), calendar.ExpandOptions{Zone: zone, Rules: st.KindRules})
	var lines []string
	for _, w := range hours.Rest(occ, st.Hours.Rules()) {
		if w.Kind != hours.DailyRest || !w.To.After(now) {
			continue
		}
		for _, c := range changes {
			if c.Kind != feeds.ChangeRemoved && !c.NewStart.After(w.To) && !c.NewEnd.Before(w.From) {
				lines = append(lines, "This leaves a short rest: "+warningText(w, zone))
				break
			}
		}
	}
	return lines
}
