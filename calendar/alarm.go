package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// Alarm is when an event's own VALARM (RFC 5545 §3.6.6) goes off, from its
// TRIGGER (§3.8.6.3): Offset after (negative: before) the start of the
// occurrence, or after its end when FromEnd (RELATED=END). A trigger given
// as an absolute DATE-TIME is kept as At. Days in a trigger count as 24 h.
type Alarm struct {
	Offset  time.Duration
	FromEnd bool
	// At is an absolute trigger (zero for a relative one).
	At time.Time
}

// When is the instant the alarm goes off for an occurrence.
func (a Alarm) When(o Occurrence) time.Time {
	switch {
	case !a.At.IsZero():
		return a.At
	case a.FromEnd:
		return o.End.Add(a.Offset)
	}
	return o.Start.Add(a.Offset)
}

// alarms reads the TRIGGERs of the VALARMs under an event; a trigger that
// cannot be read is skipped with a problem for the event's warning.
func alarms(children []*ical.Component) ([]Alarm, []string) {
	var out []Alarm
	var problems []string
	for _, c := range children {
		if c == nil || !strings.EqualFold(c.Name, "VALARM") {
			continue
		}
		pr := c.Props.Get("TRIGGER")
		if pr == nil {
			problems = append(problems, "VALARM without TRIGGER; ignored")
			continue
		}
		a, err := trigger(pr)
		if err != nil {
			problems = append(problems, "VALARM TRIGGER "+err.Error()+"; ignored")
			continue
		}
		out = append(out, a)
	}
	return out, problems
}

// trigger reads one TRIGGER: a DURATION (RELATED=START by default) or,
// with VALUE=DATE-TIME, a UTC instant.
func trigger(pr *ical.Prop) (Alarm, error) {
	if strings.EqualFold(pr.Params.Get("VALUE"), "DATE-TIME") {
		t, err := time.Parse("20060102T150405Z", strings.TrimSpace(pr.Value))
		if err != nil {
			return Alarm{}, fmt.Errorf("%q is not a UTC DATE-TIME", clip(pr.Value))
		}
		return Alarm{At: t}, nil
	}
	d, err := parseDuration(pr.Value)
	if err != nil {
		return Alarm{}, err
	}
	return Alarm{Offset: time.Duration(d.days)*24*time.Hour + d.exact,
		FromEnd: strings.EqualFold(pr.Params.Get("RELATED"), "END")}, nil
}
