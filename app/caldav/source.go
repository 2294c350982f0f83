package caldav

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-ical"
	gocaldav "github.com/emersion/go-webdav/caldav"
)

// Source range defaults: what a schedule source reads around today.
const (
	DefaultDaysBack  = 30
	DefaultDaysAhead = 180
)

// multigetBatch is how many objects one calendar-multiget asks for.
const multigetBatch = 200

// SourceObject is one calendar object of a source as last read.
type SourceObject struct {
	ETag string `json:"etag"`
	Data string `json:"data"` // the object's iCalendar text
}

// SourceState is what Read keeps between syncs of one calendar: its ctag,
// the range read, and each object's ETag and text, so that only changed
// objects are downloaded. It holds no credentials.
type SourceState struct {
	Calendar string                  `json:"calendar"`
	CTag     string                  `json:"ctag,omitempty"`
	From     time.Time               `json:"from"`
	To       time.Time               `json:"to"`
	Objects  map[string]SourceObject `json:"objects"`
}

// ReadResult is what one Read found.
type ReadResult struct {
	// Body is the calendar as one iCalendar object (RFC 5545 §3.4), like
	// an ICS feed's body; nil when NotModified.
	Body []byte
	// NotModified is set when the calendar's ctag and the range are the
	// same as last time: nothing was downloaded.
	NotModified bool
	// Objects is the number of objects in the range; Fetched how many of
	// them were downloaded (new or changed).
	Objects, Fetched int
}

// Read reads the events of the calendar overlapping [from, to) as a
// schedule source: a calendar-query (RFC 4791 §7.8) for the objects'
// ETags in the range, then a calendar-multiget (§7.9) of only those that
// are new or changed since prev. When the calendar's getctag (a
// CalendarServer extension most servers have) and the range did not
// change, it stops after one PROPFIND.
func (c *Client) Read(ctx context.Context, cal Calendar, from, to time.Time, prev SourceState) (ReadResult, SourceState, error) {
	calURL := c.resolve(cal.Href).String()
	if prev.Calendar != calURL {
		prev = SourceState{}
	}
	ms, err := c.propfind(ctx, dirPath(cal.Href), "0", `<cs:getctag/><d:resourcetype/>`)
	if err != nil {
		return ReadResult{}, prev, err
	}
	var ctag string
	if len(ms.Responses) > 0 {
		p := ms.Responses[0].prop()
		if p.ResourceType.Calendar == nil {
			return ReadResult{}, prev, &Error{Op: "PROPFIND", URL: redact(calURL), Err: fmt.Errorf("%w: not a calendar collection", ErrNotCalDAV)}
		}
		ctag = p.CTag
	}
	if ctag != "" && ctag == prev.CTag && from.Equal(prev.From) && to.Equal(prev.To) && prev.Objects != nil {
		return ReadResult{NotModified: true, Objects: len(prev.Objects)}, prev, nil
	}
	etags, err := c.queryETags(ctx, cal.Href, from, to)
	if err != nil {
		return ReadResult{}, prev, err
	}
	st := SourceState{Calendar: calURL, CTag: ctag, From: from, To: to, Objects: map[string]SourceObject{}}
	var changed []string
	for _, href := range sortedKeys(etags) {
		if old, ok := prev.Objects[href]; ok && sameETag(old.ETag, etags[href]) {
			st.Objects[href] = old
		} else {
			changed = append(changed, href)
		}
	}
	fetched, err := c.multiget(ctx, cal.Href, changed, st.Objects)
	if err != nil {
		return ReadResult{}, prev, err
	}
	body, err := assemble(st.Objects, cal.Title())
	if err != nil {
		return ReadResult{}, prev, err
	}
	return ReadResult{Body: body, Objects: len(st.Objects), Fetched: fetched}, st, nil
}

// queryETags lists the hrefs and ETags of the calendar's events that
// overlap [from, to), with a calendar-query asking for getetag only.
func (c *Client) queryETags(ctx context.Context, calHref string, from, to time.Time) (map[string]string, error) {
	const stamp = "20060102T150405Z"
	body := `<?xml version="1.0" encoding="utf-8"?>` +
		`<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/></d:prop>` +
		`<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">` +
		`<c:time-range start="` + from.UTC().Format(stamp) + `" end="` + to.UTC().Format(stamp) + `"/>` +
		`</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`
	ms, err := c.report(ctx, "REPORT", dirPath(calHref), "1", body)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range ms.Responses {
		if p := r.prop(); p.ETag != "" {
			out[hrefPath(r.Href)] = p.ETag
		}
	}
	return out, nil
}

// multiget downloads the objects at hrefs into objs, in batches, and
// returns how many it got.
func (c *Client) multiget(ctx context.Context, calHref string, hrefs []string, objs map[string]SourceObject) (int, error) {
	n := 0
	for len(hrefs) > 0 {
		batch := hrefs[:min(len(hrefs), multigetBatch)]
		hrefs = hrefs[len(batch):]
		got, err := c.dav.MultiGetCalendar(ctx, dirPath(calHref), &gocaldav.CalendarMultiGet{
			Paths:       batch,
			CompRequest: gocaldav.CalendarCompRequest{Name: "VCALENDAR", AllProps: true, AllComps: true},
		})
		if err != nil {
			return n, c.wrap("REPORT", calHref, err)
		}
		for _, o := range got {
			var buf bytes.Buffer
			if err := ical.NewEncoder(&buf).Encode(o.Data); err != nil {
				return n, fmt.Errorf("caldav: object %s: %w", o.Path, err)
			}
			objs[o.Path] = SourceObject{ETag: o.ETag, Data: buf.String()}
			n++
		}
	}
	return n, nil
}

// assemble makes one VCALENDAR of the objects, in href order: each
// VTIMEZONE once (by TZID), then every other component.
func assemble(objs map[string]SourceObject, name string) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, "-//Shiftdesk//CalDAV source//EN")
	cal.Props.SetText(ical.PropVersion, "2.0")
	if name != "" {
		cal.Props.SetText("X-WR-CALNAME", name)
	}
	zones := map[string]bool{}
	var rest []*ical.Component
	for _, href := range sortedKeys(objs) {
		dec, err := ical.NewDecoder(bytes.NewReader([]byte(objs[href].Data))).Decode()
		if err != nil {
			return nil, fmt.Errorf("caldav: object %s: %w", href, err)
		}
		for _, child := range dec.Children {
			if child.Name != ical.CompTimezone {
				rest = append(rest, child)
				continue
			}
			if id, _ := child.Props.Text(ical.PropTimezoneID); !zones[id] {
				zones[id] = true
				cal.Children = append(cal.Children, child)
			}
		}
	}
	cal.Children = append(cal.Children, rest...)
	if len(cal.Children) == 0 {
		return []byte("BEGIN:VCALENDAR\r\nPRODID:-//Shiftdesk//CalDAV source//EN\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"), nil
	}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, fmt.Errorf("caldav: %w", err)
	}
	return buf.Bytes(), nil
}
