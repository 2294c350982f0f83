package export

import (
	"fmt"
	"io"

	"github.com/emersion/go-ical"

	"github.com/shiftdesk/shiftdesk/calendar/availability"
)

// WriteFreeBusy writes an iCalendar object with one VFREEBUSY (RFC 5545
// §3.6.4) for the range [opts.From, opts.To): DTSTART/DTEND and every
// period in UTC, as §3.8.2.6 requires, one FREEBUSY property per period in
// ascending order. With opts.Busy the periods are the busy complement of
// the windows within the range (FBTYPE=BUSY), otherwise the windows
// themselves (FBTYPE=FREE).
func WriteFreeBusy(w io.Writer, windows []availability.Interval, opts Options) error {
	from, to := opts.span(windows)
	if from.IsZero() || !to.After(from) {
		return fmt.Errorf("export: free/busy needs a range (From before To)")
	}
	rng := []availability.Interval{{Start: from, End: to}}
	periods := availability.Intersect(windows, rng)
	fbtype := "FREE"
	if opts.Busy {
		periods = availability.Subtract(rng, windows)
		fbtype = "BUSY"
	}
	cal := newCalendar(opts)
	fb := ical.NewComponent(ical.CompFreeBusy)
	tag := opts.scopeTag()
	if tag != "" {
		tag += "-"
	}
	fb.Props.SetText(ical.PropUID, "freebusy-"+tag+from.UTC().Format(utcStamp)+"-"+to.UTC().Format(utcStamp)+"@shiftdesk")
	fb.Props.SetDateTime(ical.PropDateTimeStamp, opts.now().UTC())
	fb.Props.SetDateTime(ical.PropDateTimeStart, from.UTC())
	fb.Props.SetDateTime(ical.PropDateTimeEnd, to.UTC())
	for _, p := range periods {
		prop := ical.NewProp(ical.PropFreeBusy)
		prop.Params.Set(ical.ParamFreeBusyType, fbtype)
		prop.Value = p.Start.UTC().Format(utcStamp) + "/" + p.End.UTC().Format(utcStamp)
		fb.Props.Add(prop)
	}
	cal.Children = append(cal.Children, fb)
	return encode(w, cal)
}
