package caldavtest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/emersion/go-webdav"
	gocaldav "github.com/emersion/go-webdav/caldav"
)

// Mem is an in-memory backend for go-webdav's own CalDAV server: one
// user "/u/" with calendar home "/u/cals/", the calendars Cals (by
// default one, "Work" at MemCal), and ETags that enforce If-Match and
// If-None-Match on PUT. Objects are shared by all calendars.
type Mem struct {
	mu   sync.Mutex
	Objs map[string]gocaldav.CalendarObject // by path
	Cals []gocaldav.Calendar                // nil: one, "Work"
	seq  int
}

// MemCal is the path of the default calendar "Work".
const MemCal = "/u/cals/work/"

func notFound(p string) error {
	return webdav.NewHTTPError(http.StatusNotFound, fmt.Errorf("%s not found", p))
}

func (b *Mem) calendars() []gocaldav.Calendar {
	if b.Cals == nil {
		return []gocaldav.Calendar{{Path: MemCal, Name: "Work", SupportedComponentSet: []string{"VEVENT"}}}
	}
	return b.Cals
}

// CurrentUserPrincipal is "/u/".
func (b *Mem) CurrentUserPrincipal(context.Context) (string, error) { return "/u/", nil }

// CalendarHomeSetPath is "/u/cals/".
func (b *Mem) CalendarHomeSetPath(context.Context) (string, error) { return "/u/cals/", nil }

// CreateCalendar is refused (403): the server does not allow MKCALENDAR.
func (b *Mem) CreateCalendar(context.Context, *gocaldav.Calendar) error {
	return webdav.NewHTTPError(http.StatusForbidden, errors.New("no"))
}

// ListCalendars lists Cals.
func (b *Mem) ListCalendars(context.Context) ([]gocaldav.Calendar, error) {
	return b.calendars(), nil
}

// GetCalendar is the calendar at p.
func (b *Mem) GetCalendar(_ context.Context, p string) (*gocaldav.Calendar, error) {
	for _, c := range b.calendars() {
		if strings.TrimSuffix(p, "/")+"/" == c.Path {
			return &c, nil
		}
	}
	return nil, notFound(p)
}

// GetCalendarObject is the object at p.
func (b *Mem) GetCalendarObject(_ context.Context, p string, _ *gocaldav.CalendarCompRequest) (*gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o, ok := b.Objs[p]
	if !ok {
		return nil, notFound(p)
	}
	return &o, nil
}

// ListCalendarObjects lists every object.
func (b *Mem) ListCalendarObjects(context.Context, string, *gocaldav.CalendarCompRequest) ([]gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []gocaldav.CalendarObject
	for _, o := range b.Objs {
		out = append(out, o)
	}
	return out, nil
}

// QueryCalendarObjects filters every object by q.
func (b *Mem) QueryCalendarObjects(ctx context.Context, p string, q *gocaldav.CalendarQuery) ([]gocaldav.CalendarObject, error) {
	all, _ := b.ListCalendarObjects(ctx, p, nil)
	return gocaldav.Filter(q, all)
}

// PutCalendarObject stores an object, honouring If-Match and If-None-Match.
func (b *Mem) PutCalendarObject(_ context.Context, p string, cal *ical.Calendar, opts *gocaldav.PutCalendarObjectOptions) (*gocaldav.CalendarObject, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	old, exists := b.Objs[p]
	if opts.IfNoneMatch.IsWildcard() && exists {
		return nil, webdav.NewHTTPError(http.StatusPreconditionFailed, errors.New("exists"))
	}
	if opts.IfMatch.IsSet() {
		if ok, _ := opts.IfMatch.MatchETag(old.ETag); !exists || !ok {
			return nil, webdav.NewHTTPError(http.StatusPreconditionFailed, errors.New("changed"))
		}
	}
	b.seq++
	o := gocaldav.CalendarObject{Path: p, Data: cal, ETag: fmt.Sprintf("v%d", b.seq), ModTime: time.Now()}
	if b.Objs == nil {
		b.Objs = map[string]gocaldav.CalendarObject{}
	}
	b.Objs[p] = o
	return &o, nil
}

// DeleteCalendarObject removes the object at p.
func (b *Mem) DeleteCalendarObject(_ context.Context, p string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.Objs[p]; !ok {
		return notFound(p)
	}
	delete(b.Objs, p)
	return nil
}

// Touch changes the object at p on the server (a new ETag and summary).
func (b *Mem) Touch(p string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	o := b.Objs[p]
	b.seq++
	o.ETag = fmt.Sprintf("v%d", b.seq)
	o.Data.Events()[0].Props.SetText(ical.PropSummary, "Edited")
	b.Objs[p] = o
}

// ServeMem serves b with go-webdav's own CalDAV server on httptest for
// the test's duration and returns its URL.
func ServeMem(t *testing.T, b *Mem) string {
	t.Helper()
	srv := httptest.NewServer(&gocaldav.Handler{Backend: b})
	t.Cleanup(srv.Close)
	return srv.URL
}
