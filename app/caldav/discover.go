package caldav

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"path"
	"sort"
	"strings"
)

// DefaultCalendarName is the display name of the calendar Shiftdesk
// creates for availability when the account URL is a server.
const DefaultCalendarName = "Shiftdesk availability"

// Calendar is a calendar collection on the server.
type Calendar struct {
	Href string // absolute path, ending in "/"
	Name string // display name; may be empty
}

// Title is the calendar's display name, or its last path segment.
func (c Calendar) Title() string {
	if c.Name != "" {
		return c.Name
	}
	return c.segment()
}

func (c Calendar) segment() string { return path.Base(strings.TrimSuffix(c.Href, "/")) }

// Is reports whether name (case-insensitive) is the calendar's display
// name or its last path segment.
func (c Calendar) Is(name string) bool {
	return name != "" && (strings.EqualFold(c.Name, name) || strings.EqualFold(c.segment(), name))
}

// probe asks the account URL what it is (RFC 4918 §15.9 resourcetype):
// a calendar collection (returned), or something else with the
// current-user-principal (RFC 5397) it names, if any.
func (c *Client) probe(ctx context.Context) (*Calendar, string, error) {
	ms, err := c.propfind(ctx, c.base.Path, "0",
		`<d:resourcetype/><d:displayname/><d:current-user-principal/>`)
	if err != nil {
		return nil, "", err
	}
	if len(ms.Responses) == 0 {
		return nil, "", &Error{Op: "PROPFIND", URL: redact(c.base.String()), Err: ErrNotCalDAV}
	}
	p := ms.Responses[0].prop()
	if p.ResourceType.Calendar != nil {
		return &Calendar{Href: dirPath(c.base.Path), Name: p.DisplayName}, "", nil
	}
	return nil, p.Principal.Href, nil
}

// Calendars lists the calendars of the account: the account URL itself
// when it is a calendar collection (isCalendar true), else the calendars
// in the user's calendar home, found through current-user-principal and,
// when the URL does not name one, RFC 6764 /.well-known/caldav.
func (c *Client) Calendars(ctx context.Context) (cals []Calendar, home string, isCalendar bool, err error) {
	self, principal, err := c.probe(ctx)
	if err != nil {
		return nil, "", false, err
	}
	if self != nil {
		return []Calendar{*self}, "", true, nil
	}
	if principal == "" {
		if principal, err = c.wellKnownPrincipal(ctx); err != nil {
			return nil, "", false, err
		}
	}
	home, err = c.dav.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		return nil, "", false, c.wrap("PROPFIND", principal, err)
	}
	found, err := c.dav.FindCalendars(ctx, home)
	if err != nil {
		return nil, "", false, c.wrap("PROPFIND", home, err)
	}
	for _, f := range found {
		cals = append(cals, Calendar{Href: dirPath(f.Path), Name: f.Name})
	}
	sort.Slice(cals, func(i, j int) bool { return cals[i].Href < cals[j].Href })
	return cals, home, false, nil
}

// wellKnownPrincipal follows /.well-known/caldav (RFC 6764 §5) on the
// account's host, with at most a few redirects on that same host, and
// asks there for the current-user-principal.
func (c *Client) wellKnownPrincipal(ctx context.Context) (string, error) {
	href := "/.well-known/caldav"
	for hops := 0; hops < 5; hops++ {
		resp, b, err := c.do(ctx, "PROPFIND", href, []byte(propfindHead+`<d:current-user-principal/></d:prop></d:propfind>`),
			map[string]string{"Depth": "0", "Content-Type": `application/xml; charset="utf-8"`})
		if err != nil {
			return "", err
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
			next := c.resolve(loc)
			if next.Host != c.base.Host {
				return "", &Error{Op: "discover", URL: redact(c.base.String()),
					Err: fmt.Errorf("the server sends CalDAV to another host, %s: use that address", next.Host)}
			}
			href = next.Path
			continue
		}
		var ms multistatus
		if resp.StatusCode != http.StatusMultiStatus || xml.Unmarshal(b, &ms) != nil || len(ms.Responses) == 0 {
			st := resp.StatusCode
			if st == http.StatusNotFound || st/100 == 2 || st == http.StatusMethodNotAllowed {
				return "", &Error{Op: "discover", URL: redact(c.base.String()), Err: ErrNotCalDAV}
			}
			return "", &Error{Op: "discover", URL: redact(c.resolve(href).String()), Status: st}
		}
		if p := ms.Responses[0].prop().Principal.Href; p != "" {
			return p, nil
		}
		break
	}
	return "", &Error{Op: "discover", URL: redact(c.base.String()), Err: ErrNotCalDAV}
}

// Find returns the calendar to use: the account URL when it is a calendar
// collection; else the account's calendar whose display name (or last
// path segment) is name, case-insensitive. With name "" it is the only
// calendar there is. When none matches and create is set, it creates one
// named name with MKCALENDAR.
func (c *Client) Find(ctx context.Context, name string, create bool) (Calendar, error) {
	cals, home, isCal, err := c.Calendars(ctx)
	if err != nil {
		return Calendar{}, err
	}
	if isCal {
		return cals[0], nil
	}
	for _, cal := range cals {
		if cal.Is(name) {
			return cal, nil
		}
	}
	if name == "" && len(cals) == 1 {
		return cals[0], nil
	}
	if create && name != "" {
		return c.MakeCalendar(ctx, home, name)
	}
	var names []string
	for _, cal := range cals {
		names = append(names, fmt.Sprintf("%q", cal.Title()))
	}
	what := "the account has no calendars"
	if len(names) > 0 {
		what = "the account's calendars are " + strings.Join(names, ", ")
	}
	if name == "" {
		return Calendar{}, fmt.Errorf("caldav: %w: %s: pick one by name", ErrNoCalendar, what)
	}
	return Calendar{}, fmt.Errorf("caldav: %w named %q: %s", ErrNoCalendar, name, what)
}

// MakeCalendar creates a calendar for events named name in the calendar
// home with MKCALENDAR (RFC 4791 §5.3.1).
func (c *Client) MakeCalendar(ctx context.Context, home, name string) (Calendar, error) {
	var esc bytes.Buffer
	if err := xml.EscapeText(&esc, []byte(name)); err != nil {
		return Calendar{}, fmt.Errorf("caldav: %w", err)
	}
	body := `<?xml version="1.0" encoding="utf-8"?>` +
		`<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>` +
		`<d:displayname>` + esc.String() + `</d:displayname>` +
		`<c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>` +
		`</d:prop></d:set></c:mkcalendar>`
	href := dirPath(home) + slug(name) + "/"
	resp, _, err := c.do(ctx, "MKCALENDAR", href, []byte(body), map[string]string{"Content-Type": `application/xml; charset="utf-8"`})
	if err != nil {
		return Calendar{}, err
	}
	if resp.StatusCode != http.StatusCreated {
		e := &Error{Op: "MKCALENDAR", URL: redact(c.resolve(href).String()), Status: resp.StatusCode}
		if resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotImplemented {
			e.Status = 0
			e.Err = fmt.Errorf("the server does not let Shiftdesk create calendar %q (%d): create it on the server and give its address", name, resp.StatusCode)
		}
		return Calendar{}, e
	}
	return Calendar{Href: href, Name: name}, nil
}

// slug is name in lower case with runs of other characters than letters
// and digits replaced by one dash.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "calendar"
	}
	return s
}

// dirPath is the path p with one trailing slash.
func dirPath(p string) string {
	return strings.TrimSuffix(p, "/") + "/"
}

// CanMakeCalendar reports whether the server lists MKCALENDAR (RFC 4791
// §5.3.1) in the Allow header of its OPTIONS answer for the calendar home.
func (c *Client) CanMakeCalendar(ctx context.Context, home string) bool {
	if home == "" {
		return false
	}
	resp, _, err := c.do(ctx, http.MethodOptions, home, nil, nil)
	if err != nil || resp.StatusCode/100 != 2 {
		return false
	}
	for _, v := range resp.Header.Values("Allow") {
		for _, m := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(m), "MKCALENDAR") {
				return true
			}
		}
	}
	return false
}
