package caldav

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// HrefPrefix starts the name of every object Publish writes; Publish
// never touches an object whose name does not start with it.
const HrefPrefix = "shiftdesk-"

// Object is one calendar object to publish: a VCALENDAR with one VEVENT.
type Object struct {
	UID  string // RFC 5545 §3.8.4.7; also names the object's href
	Body []byte
	// Hash is what the object says, DTSTAMP aside: an object whose hash
	// did not change is not written again.
	Hash string
}

// Published is what Publish remembers of an object it wrote.
type Published struct {
	UID  string `json:"uid"`
	ETag string `json:"etag"`
	Hash string `json:"hash"`
}

// State is what Publish wrote into one calendar: hrefs, ETags and hashes,
// never credentials. Keep it between runs (LoadState, SaveState).
type State struct {
	Calendar string               `json:"calendar"` // the calendar's URL
	Objects  map[string]Published `json:"objects"`  // by href
	Last     time.Time            `json:"last,omitzero"`
}

// Conflict is an object Publish left alone because it changed on the
// server since Shiftdesk wrote it (or was there before it).
type Conflict struct {
	Href, UID string
}

// Report says what one Publish did.
type Report struct {
	Calendar                             string // the calendar's URL
	Created, Updated, Unchanged, Removed int
	Conflicts                            []Conflict
}

// String is the report in one line, for the command line.
func (r Report) String() string {
	s := fmt.Sprintf("%d created, %d updated, %d unchanged, %d removed", r.Created, r.Updated, r.Unchanged, r.Removed)
	if n := len(r.Conflicts); n > 0 {
		s += fmt.Sprintf("; %d changed on the server and left alone", n)
	}
	return s
}

// Href is the path of the object with uid in the calendar at calHref.
func Href(calHref, uid string) string {
	name := strings.TrimSuffix(uid, "@shiftdesk")
	var b strings.Builder
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return dirPath(calHref) + HrefPrefix + b.String() + ".ics"
}

// Publish makes the calendar hold exactly objs among the objects Shiftdesk
// wrote there (prev): new ones are created with If-None-Match: * (RFC 7232
// §3.2), changed ones replaced with If-Match on the ETag written last time
// (§3.1), and the ones no longer in objs deleted with If-Match. An object
// changed or deleted on the server in between is reported as a conflict
// and not overwritten (a deleted one is written again). It returns what it
// did and the new state, also after an error (the state then holds what
// was done), so that the caller can save it.
func (c *Client) Publish(ctx context.Context, cal Calendar, objs []Object, prev State) (Report, State, error) {
	calURL := c.resolve(cal.Href).String()
	rep := Report{Calendar: calURL}
	st := State{Calendar: calURL, Objects: map[string]Published{}}
	if prev.Calendar == calURL {
		for k, v := range prev.Objects {
			st.Objects[k] = v
		}
	}
	server, err := c.ETags(ctx, cal.Href)
	if err != nil {
		return rep, st, err
	}
	want := map[string]bool{}
	for _, o := range objs {
		href := Href(cal.Href, o.UID)
		want[href] = true
		if err := c.publishOne(ctx, href, o, server, &st, &rep); err != nil {
			return rep, st, err
		}
	}
	for _, href := range sortedKeys(st.Objects) {
		if !want[href] {
			if err := c.unpublishOne(ctx, href, server, &st, &rep); err != nil {
				return rep, st, err
			}
		}
	}
	st.Last = time.Now()
	return rep, st, nil
}

// publishOne creates, replaces or leaves alone the object o at href.
func (c *Client) publishOne(ctx context.Context, href string, o Object, server map[string]string, st *State, rep *Report) error {
	mine, had := st.Objects[href]
	onServer, exists := server[href]
	hdr := map[string]string{"If-None-Match": "*"}
	switch {
	case exists && (!had || !sameETag(onServer, mine.ETag)):
		rep.Conflicts = append(rep.Conflicts, Conflict{Href: href, UID: o.UID})
		return nil
	case exists && mine.Hash == o.Hash:
		rep.Unchanged++
		return nil
	case exists:
		hdr = map[string]string{"If-Match": mine.ETag}
	}
	etag, ok, err := c.put(ctx, href, o.Body, hdr)
	if err != nil || !ok {
		if !ok && err == nil {
			rep.Conflicts = append(rep.Conflicts, Conflict{Href: href, UID: o.UID})
		}
		return err
	}
	st.Objects[href] = Published{UID: o.UID, ETag: etag, Hash: o.Hash}
	if exists {
		rep.Updated++
	} else {
		rep.Created++
	}
	return nil
}

// unpublishOne deletes the object at href that Shiftdesk wrote, unless it
// changed on the server since.
func (c *Client) unpublishOne(ctx context.Context, href string, server map[string]string, st *State, rep *Report) error {
	mine := st.Objects[href]
	onServer, exists := server[href]
	switch {
	case !exists:
		delete(st.Objects, href) // already gone
		return nil
	case !sameETag(onServer, mine.ETag):
		rep.Conflicts = append(rep.Conflicts, Conflict{Href: href, UID: mine.UID})
		return nil
	}
	resp, _, err := c.do(ctx, http.MethodDelete, href, nil, map[string]string{"If-Match": mine.ETag})
	if err != nil {
		return err
	}
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		rep.Conflicts = append(rep.Conflicts, Conflict{Href: href, UID: mine.UID})
		return nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode/100 == 2:
		delete(st.Objects, href)
		if resp.StatusCode/100 == 2 {
			rep.Removed++
		}
		return nil
	}
	return &Error{Op: "DELETE", URL: redact(c.resolve(href).String()), Status: resp.StatusCode}
}

// put writes body to href with the conditional headers hdr and returns
// the new ETag; ok is false when the condition failed (412).
func (c *Client) put(ctx context.Context, href string, body []byte, hdr map[string]string) (etag string, ok bool, err error) {
	hdr["Content-Type"] = "text/calendar; charset=utf-8"
	resp, _, err := c.do(ctx, http.MethodPut, href, body, hdr)
	if err != nil {
		return "", false, err
	}
	if resp.StatusCode == http.StatusPreconditionFailed {
		return "", false, nil
	}
	if resp.StatusCode/100 != 2 {
		return "", false, &Error{Op: "PUT", URL: redact(c.resolve(href).String()), Status: resp.StatusCode}
	}
	if etag = resp.Header.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		return etag, true, nil
	}
	// No strong ETag in the answer (RFC 4791 §5.3.4 allows that when the
	// server changed the data): ask for it.
	ms, err := c.propfind(ctx, href, "0", `<d:getetag/>`)
	if err != nil {
		return "", true, err
	}
	if len(ms.Responses) > 0 {
		etag = ms.Responses[0].prop().ETag
	}
	return etag, true, nil
}

// ETags lists the objects in the calendar at calHref with their ETags,
// by href (RFC 4918 §15.6 getetag, PROPFIND depth 1).
func (c *Client) ETags(ctx context.Context, calHref string) (map[string]string, error) {
	ms, err := c.propfind(ctx, dirPath(calHref), "1", `<d:getetag/><d:resourcetype/>`)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	self := dirPath(hrefPath(c.resolve(calHref).Path))
	for _, r := range ms.Responses {
		p := hrefPath(r.Href)
		if dirPath(p) == self {
			continue
		}
		if prop := r.prop(); prop.ResourceType.Collection == nil && prop.ETag != "" {
			out[p] = prop.ETag
		}
	}
	return out, nil
}

// sameETag compares two entity tags, weakly (RFC 7232 §2.3.2).
func sameETag(a, b string) bool {
	norm := func(s string) string { return strings.Trim(strings.TrimPrefix(strings.TrimSpace(s), "W/"), `"`) }
	return norm(a) == norm(b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
