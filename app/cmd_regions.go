package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

const regionsUsage = `usage: shiftdesk regions add NAME --zone IANA [--days Mon-Fri] [--hours 09:00-18:00] [--country CC[-SUB]] [--subdivision SUB] [--holidays URL] [--closed YYYY-MM-DD[=NAME]]...
       shiftdesk regions list
       shiftdesk regions remove NAME`

// runRegions manages the customer regions: add, list, remove. Bad input
// (unknown zone, country or day, closing before opening) is one line on
// stderr, exit 2, and nothing is saved.
func runRegions(env Env, args []string) int {
	err := regionsCmd(env, args)
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "shiftdesk regions: %s\n", ue.msg)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "shiftdesk regions: %v\n", err)
		return 1
	}
}

func regionsCmd(env Env, args []string) error {
	if len(args) == 0 {
		return badUsage("say what to do (add, list or remove)")
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(env.Stdout, regionsUsage)
		return nil
	case "add":
		return regionsAdd(env, args[1:])
	case "list":
		if len(args) != 1 {
			return badUsage("list takes no arguments")
		}
		return regionsList(env.Stdout)
	case "remove":
		if len(args) != 2 {
			return badUsage("remove takes one region name")
		}
		return regionsRemove(env.Stdout, args[1])
	}
	return badUsage("unknown action %q (add, list or remove)", args[0])
}

// regionArgs is the parsed command line of "regions add".
type regionArgs struct {
	zone, days, hours, country, sub, feed string
	closed                                stringList
}

func regionsAdd(env Env, args []string) error {
	var a regionArgs
	fs := flag.NewFlagSet("regions add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.zone, "zone", "", "IANA time zone")
	fs.StringVar(&a.days, "days", "Mon-Fri", "open days")
	fs.StringVar(&a.hours, "hours", "09:00-17:00", "business hours")
	fs.StringVar(&a.country, "country", "", "ISO 3166 country code for public holidays")
	fs.StringVar(&a.sub, "subdivision", "", "ISO 3166-2 subdivision")
	fs.StringVar(&a.feed, "holidays", "", "iCalendar holiday feed URL")
	fs.Var(&a.closed, "closed", "a closed date YYYY-MM-DD[=NAME]")
	name, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return badUsage("%v", err)
	}
	if fs.NArg() > 0 {
		return badUsage("unexpected argument %q", fs.Arg(0))
	}
	r, err := a.region(name)
	if err != nil {
		return err
	}
	st, err := settings.Load("")
	if err != nil {
		return err
	}
	for _, x := range st.Regions {
		if strings.EqualFold(x.Name, r.Name) {
			return badUsage("a region named %q exists already", x.Name)
		}
	}
	st.Regions = append(st.Regions, r)
	if err := settings.Save("", st); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "added %s\n", regionLine(r))
	if r.HolidaysURL != "" {
		cache, err := holidayCacheDir()
		if err == nil {
			err = syncHolidayFeed(context.Background(), cache, r, env.Info.UserAgent())
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "shiftdesk regions: holiday feed not downloaded yet (%v); it is tried again at the next sync\n", err)
		}
	}
	return nil
}

// region builds and checks the region from the flags, as the Settings
// form does.
func (a regionArgs) region(name string) (calendar.Region, error) {
	r := calendar.Region{Name: strings.TrimSpace(name), Zone: a.zone, HolidaysURL: a.feed}
	if r.Name == "" {
		return r, badUsage("give the region a name: regions add NAME --zone IANA")
	}
	if a.zone == "" {
		return r, badUsage("region %q: --zone is required (an IANA name such as Asia/Tokyo)", r.Name)
	}
	if _, err := loadZone(a.zone); err != nil {
		return r, err
	}
	var err error
	if r.Days, err = parseDays(a.days); err != nil {
		return r, err
	}
	if r.Open, r.Close, err = parseHours(a.hours); err != nil {
		return r, err
	}
	if err := r.Validate(); err != nil {
		return r, badUsage("%s", strings.TrimPrefix(err.Error(), "calendar: "))
	}
	country, sub, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(a.country)), "-")
	if a.sub != "" {
		sub = strings.ToUpper(strings.TrimSpace(a.sub))
	}
	if err := holidays.Check(country, sub); err != nil {
		return r, badUsage("%s", strings.TrimPrefix(err.Error(), "holidays: "))
	}
	r.Country, r.Subdivision = country, sub
	if r.HolidaysURL != "" {
		if err := feeds.CheckHolidayURL(r.HolidaysURL); err != nil {
			return r, badUsage("--holidays: %s", strings.TrimPrefix(err.Error(), "feeds: "))
		}
	}
	for _, c := range a.closed {
		d, err := calendar.ParseClosedDate(c)
		if err != nil {
			return r, badUsage("--closed: %s", strings.TrimPrefix(err.Error(), "calendar: "))
		}
		r.ClosedDates = append(r.ClosedDates, d)
	}
	return r, nil
}

// parseDays reads "Mon-Fri", "Mon,Wed,Fri" or "Sat-Sun,Wed" (English
// three-letter names, a range may wrap past Sunday).
func parseDays(s string) ([]time.Weekday, error) {
	names := map[string]time.Weekday{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
	day := func(x string) (time.Weekday, error) {
		x = strings.ToLower(strings.TrimSpace(x))
		if len(x) > 3 {
			x = x[:3]
		}
		d, ok := names[x]
		if !ok {
			return 0, badUsage("--days %q: unknown day %q (want Mon, Tue, … Sun, or a range Mon-Fri)", s, x)
		}
		return d, nil
	}
	on := [7]bool{}
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-")
		first, err := day(a)
		if err != nil {
			return nil, err
		}
		last := first
		if isRange {
			if last, err = day(b); err != nil {
				return nil, err
			}
		}
		for d := first; ; d = (d + 1) % 7 {
			on[d] = true
			if d == last {
				break
			}
		}
	}
	var out []time.Weekday
	for _, d := range []time.Weekday{1, 2, 3, 4, 5, 6, 0} {
		if on[d] {
			out = append(out, d)
		}
	}
	return out, nil
}

// daysSpec writes days as parseDays reads them, runs as ranges:
// "Mon-Fri", "Mon,Wed,Fri", "Mon-Wed,Sat".
func daysSpec(days []time.Weekday) string {
	on := [7]bool{}
	for _, d := range days {
		on[d] = true
	}
	order := []time.Weekday{1, 2, 3, 4, 5, 6, 0}
	var parts []string
	for i := 0; i < 7; i++ {
		if !on[order[i]] {
			continue
		}
		j := i
		for j+1 < 7 && on[order[j+1]] {
			j++
		}
		part := order[i].String()[:3]
		if j > i+1 {
			part += "-" + order[j].String()[:3]
		} else if j == i+1 {
			part += "," + order[j].String()[:3]
		}
		parts = append(parts, part)
		i = j
	}
	return strings.Join(parts, ",")
}

// parseHours reads "09:00-18:00".
func parseHours(s string) (calendar.Clock, calendar.Clock, error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if !ok {
		return 0, 0, badUsage("--hours %q: want OPEN-CLOSE such as 09:00-18:00", s)
	}
	open, err := calendar.ParseClock(strings.TrimSpace(a))
	if err != nil {
		return 0, 0, badUsage("--hours %q: %s", s, strings.TrimPrefix(err.Error(), "calendar: "))
	}
	closing, err := calendar.ParseClock(strings.TrimSpace(b))
	if err != nil {
		return 0, 0, badUsage("--hours %q: %s", s, strings.TrimPrefix(err.Error(), "calendar: "))
	}
	return open, closing, nil
}

func regionsList(w io.Writer) error {
	st, err := settings.Load("")
	if err != nil {
		return err
	}
	if len(st.Regions) == 0 {
		fmt.Fprintln(w, "No customer regions yet (shiftdesk regions add NAME --zone IANA).")
	}
	for _, r := range st.Regions {
		fmt.Fprintln(w, regionLine(r))
	}
	return nil
}

func regionsRemove(w io.Writer, name string) error {
	st, err := settings.Load("")
	if err != nil {
		return err
	}
	for i, r := range st.Regions {
		if strings.EqualFold(r.Name, name) {
			st.Regions = append(st.Regions[:i:i], st.Regions[i+1:]...)
			if err := settings.Save("", st); err != nil {
				return err
			}
			if cache, err := holidayCacheDir(); err == nil {
				removeHolidayCopy(cache, r)
			}
			fmt.Fprintf(w, "removed %s\n", r.Name)
			return nil
		}
	}
	return badUsage("unknown region %q", name)
}

// regionLine is "Japan  Asia/Tokyo  Mon-Fri 09:00-18:00  holidays JP".
func regionLine(r calendar.Region) string {
	line := fmt.Sprintf("%s\t%s\t%s %s-%s", r.Name, r.Zone, daysSpec(r.Days), r.Open, r.Close)
	if r.Country != "" {
		line += "\tholidays " + r.Country
		if r.Subdivision != "" {
			line += "-" + r.Subdivision
		}
	}
	if r.HolidaysURL != "" {
		line += "\tfeed " + r.HolidaysURL
	}
	for _, c := range r.ClosedDates {
		line += "\tclosed " + c.Date.String()
	}
	return line
}
