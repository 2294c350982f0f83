package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/zones"
)

// calInfo is what events share from their VCALENDAR.
type calInfo struct {
	tzid     string         // X-WR-TIMEZONE as written
	floating *time.Location // its zone; nil: floating times use the agent's zone
}

// event is one VEVENT, converted from go-ical's tree into the values the
// expansion needs.
type event struct {
	uid, summary, location, description string
	categories                          []string
	line                                int
	cal                                 *calInfo

	kind        Kind   // built-in classification (no user rules)
	busy        string // X-MICROSOFT-CDO-BUSYSTATUS, upper case
	transparent bool
	cancelled   bool
	oof         bool  // kind comes from the OOF busy status alone
	seq         int32 // SEQUENCE: see newer (with the bools: no padding)

	start  stamp
	end    stamp // DTEND, when hasEnd
	hasEnd bool
	dur    duration // DURATION, when hasDur
	hasDur bool

	rrule   string      // RRULE value as written
	rule    *recurrence // nil without a usable RRULE
	rdates  []rdate
	exdates []stamp

	// Further RRULEs (RFC 5545 §3.8.5.3 allows several; the instances are
	// their union), as written and as read (the usable ones).
	moreRRules []string
	moreRules  []*recurrence

	// DTSTAMP and LAST-MODIFIED (see versionTime, 0 when absent): with
	// seq, the version of this copy of the component (RFC 5545 §3.8.7.2–4).
	dtstamp, lastMod int64

	hasRecurID    bool
	recurID       stamp
	thisAndFuture bool     // RANGE=THISANDFUTURE (RFC 5545 §3.8.4.4)
	overrides     []*event // on a series: its RECURRENCE-ID events

	alarms []Alarm // its VALARMs (RFC 5545 §3.6.6)
}

// rdate is one RDATE value (RFC 5545 §3.8.5.2): a DATE, a DATE-TIME, or a
// PERIOD with its own end or duration.
type rdate struct {
	at     stamp
	end    stamp
	hasEnd bool
	dur    duration
	hasDur bool
}

// convert reads one VEVENT. It returns nil (with a warning) when the event
// cannot be used at all.
func (p *parser) convert(c *ical.Component, line int) *event {
	ev := &event{line: line}
	var dtstart, dtend, recur *ical.Prop
	var problems []string
	for name, props := range c.Props {
		if len(props) == 0 {
			continue
		}
		pr := &props[0]
		switch name {
		case "UID":
			ev.uid = strings.TrimSpace(pr.Value)
		case "SUMMARY":
			ev.summary = unescapeText(pr.Value)
		case "LOCATION":
			ev.location = unescapeText(pr.Value)
		case "DESCRIPTION":
			ev.description = unescapeText(pr.Value)
		case "CATEGORIES":
			for i := range props {
				ev.categories = splitText(props[i].Value, ev.categories)
			}
		case "STATUS":
			ev.cancelled = strings.EqualFold(strings.TrimSpace(pr.Value), "CANCELLED")
		case "TRANSP":
			ev.transparent = strings.EqualFold(strings.TrimSpace(pr.Value), "TRANSPARENT")
		case "X-MICROSOFT-CDO-BUSYSTATUS":
			ev.busy = strings.ToUpper(strings.TrimSpace(pr.Value))
		case "SEQUENCE", "DTSTAMP", "LAST-MODIFIED":
			ev.setVersion(name, pr.Value)
		case "DTSTART":
			dtstart = pr
		case "DTEND":
			dtend = pr
		case "RECURRENCE-ID":
			recur = pr
		case "DURATION":
			d, err := parseDuration(pr.Value)
			if err != nil {
				problems = append(problems, "DURATION "+err.Error()+"; ignored")
				continue
			}
			ev.dur, ev.hasDur = d, true
		case "RRULE":
			ev.rrule = strings.TrimSpace(pr.Value)
			for i := 1; i < len(props); i++ { // several RRULEs: their union (§3.8.5.3)
				ev.moreRRules = append(ev.moreRRules, strings.TrimSpace(props[i].Value))
			}
		case "RDATE":
			for i := range props {
				if err := ev.addRDates(&props[i]); err != nil {
					problems = append(problems, "RDATE "+err.Error()+"; ignored")
				}
			}
		case "EXDATE":
			for i := range props {
				if err := ev.addExDates(&props[i]); err != nil {
					problems = append(problems, "EXDATE "+err.Error()+"; ignored")
				}
			}
		}
	}
	var alarmProblems []string
	ev.alarms, alarmProblems = alarms(c.Children)
	problems = append(problems, alarmProblems...)
	c.Props, c.Children = nil, nil // release the decoded tree early
	for _, pr := range problems {
		p.warnEvent(ev, pr)
	}
	if dtstart == nil {
		p.warnEvent(ev, "no DTSTART: the event has no start; event skipped")
		return nil
	}
	s, err := propStamp(dtstart)
	if err != nil {
		p.warnEvent(ev, fmt.Sprintf("DTSTART %v; event skipped", err))
		return nil
	}
	ev.start = s
	if dtend != nil {
		e, err := propStamp(dtend)
		if err != nil {
			p.warnEvent(ev, fmt.Sprintf("DTEND %v; the default length is used", err))
		} else {
			ev.end, ev.hasEnd = e, true
			ev.hasDur = false // DTEND and DURATION must not both occur; DTEND wins
		}
	}
	if recur != nil {
		r, err := propStamp(recur)
		if err != nil {
			p.warnEvent(ev, fmt.Sprintf("RECURRENCE-ID %v; event skipped", err))
			return nil
		}
		ev.recurID, ev.hasRecurID = r, true
		ev.thisAndFuture = strings.EqualFold(recur.Params.Get("RANGE"), "THISANDFUTURE")
	}
	return ev
}

// propStamp reads a DATE or DATE-TIME property.
func propStamp(pr *ical.Prop) (stamp, error) {
	return parseStamp(pr.Value, pr.Params.Get("VALUE"), tzidParam(pr))
}

func tzidParam(pr *ical.Prop) string {
	return strings.TrimSpace(pr.Params.Get("TZID"))
}

// addRDates reads one RDATE property (several values, comma separated).
func (ev *event) addRDates(pr *ical.Prop) error {
	vt, tzid := pr.Params.Get("VALUE"), tzidParam(pr)
	for _, v := range strings.Split(pr.Value, ",") {
		if strings.TrimSpace(v) == "" {
			continue
		}
		var r rdate
		if a, b, ok := strings.Cut(v, "/"); ok || strings.EqualFold(vt, "PERIOD") {
			at, err := parseStamp(a, "DATE-TIME", tzid)
			if err != nil {
				return err
			}
			r.at = at
			if strings.HasPrefix(strings.TrimSpace(b), "P") || strings.HasPrefix(strings.TrimSpace(b), "+P") {
				d, err := parseDuration(b)
				if err != nil {
					return err
				}
				r.dur, r.hasDur = d, true
			} else {
				e, err := parseStamp(b, "DATE-TIME", tzid)
				if err != nil {
					return err
				}
				r.end, r.hasEnd = e, true
			}
		} else {
			at, err := parseStamp(v, vt, tzid)
			if err != nil {
				return err
			}
			r.at = at
		}
		ev.rdates = append(ev.rdates, r)
	}
	return nil
}

// addExDates reads one EXDATE property (several values, comma separated).
func (ev *event) addExDates(pr *ical.Prop) error {
	vt, tzid := pr.Params.Get("VALUE"), tzidParam(pr)
	for _, v := range strings.Split(pr.Value, ",") {
		if strings.TrimSpace(v) == "" {
			continue
		}
		s, err := parseStamp(v, vt, tzid)
		if err != nil {
			return err
		}
		ev.exdates = append(ev.exdates, s)
	}
	return nil
}

// resolve places every zoned value of ev in its zone. It returns a reason
// when the event cannot be placed (never a silent fallback to UTC).
func (p *parser) resolve(ev *event, res *zones.Resolver) string {
	one := func(s *stamp, what string) string {
		if s.tzid == "" || s.utc || s.date {
			return ""
		}
		loc, err := res.Resolve(s.tzid)
		if err != nil {
			// The resolver says why: no such zone, or the feed's VTIMEZONE
			// for it is unusable (and how).
			return fmt.Sprintf("%s: time zone %q is unknown (%s); event skipped", what, s.tzid, zoneReason(err))
		}
		s.loc = loc
		return ""
	}
	if r := one(&ev.start, "DTSTART"); r != "" {
		return r
	}
	if ev.hasEnd {
		if r := one(&ev.end, "DTEND"); r != "" {
			return r
		}
	}
	if ev.hasRecurID {
		if r := one(&ev.recurID, "RECURRENCE-ID"); r != "" {
			return r
		}
	}
	for i := range ev.rdates {
		if r := one(&ev.rdates[i].at, "RDATE"); r != "" {
			return r
		}
		if ev.rdates[i].hasEnd {
			if r := one(&ev.rdates[i].end, "RDATE"); r != "" {
				return r
			}
		}
	}
	for i := range ev.exdates {
		if r := one(&ev.exdates[i], "EXDATE"); r != "" {
			return r
		}
	}
	return ""
}

// finishEvent checks the timing of a resolved event, reads its RRULE and
// classifies it.
func (p *parser) finishEvent(ev *event) {
	if ev.hasEnd {
		// Floating times are compared as wall clocks; mixed with zoned
		// ones they are read in UTC here (Expand never lets an end come
		// before its start).
		switch {
		case ev.start.date && ev.end.date && ev.end.wall.Before(ev.start.wall),
			!ev.start.date && ev.end.in(time.UTC).Before(ev.start.in(time.UTC)):
			p.warnEvent(ev, fmt.Sprintf("DTEND %s is before DTSTART %s; the default length is used", stampText(ev.end), stampText(ev.start)))
			ev.hasEnd = false
		}
	}
	if ev.hasDur && ev.dur.negative() {
		p.warnEvent(ev, "DURATION is negative; the default length is used")
		ev.hasDur = false
	}
	if ev.rrule != "" {
		p.readRules(ev)
	}
	ev.kind, ev.oof = p.classify(ev)
}

// classify gives ev its built-in kind, caching keyword matches per summary.
func (p *parser) classify(ev *event) (Kind, bool) {
	if p.summaryKinds == nil {
		p.summaryKinds = map[string]Kind{}
	}
	sk, ok := p.summaryKinds[ev.summary]
	if !ok {
		sk = keywordKind(ev.summary)
		if len(p.summaryKinds) < 10000 {
			p.summaryKinds[ev.summary] = sk
		}
	}
	return classifyWith(ev.activity(), nil, sk)
}

// activity is what Classify looks at for ev.
func (ev *event) activity() Activity {
	return Activity{Summary: ev.summary, Categories: ev.categories, BusyStatus: ev.busy, Transparent: ev.transparent}
}

func stampText(s stamp) string {
	switch {
	case s.date:
		return s.wall.Format("2006-01-02")
	case s.utc:
		return s.wall.Format("2006-01-02 15:04:05Z")
	case s.tzid != "":
		return s.wall.Format("2006-01-02 15:04:05") + " " + s.tzid
	}
	return s.wall.Format("2006-01-02 15:04:05")
}

// zoneReason is the resolver's explanation without its package prefix and
// the repeated TZID: "no VTIMEZONE in the feed", "its VTIMEZONE is
// unusable: …".
func zoneReason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "("); i >= 0 && strings.HasSuffix(msg, ")") {
		return msg[i+1 : len(msg)-1]
	}
	return msg
}
