package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/settings"
)

// discoverTimeout bounds listing an account's calendars.
const discoverTimeout = 30 * time.Second

// calendarPick offers the calendars found at a CalDAV address, and for
// publishing a new "Shiftdesk availability" calendar where the server
// lets Shiftdesk make one.
type calendarPick struct {
	sel      *widget.Select
	offerNew bool     // publishing: offer to create the calendar
	urls     []string // per option; "" creates the calendar
}

func newCalendarPick(offerNew bool) *calendarPick {
	p := &calendarPick{offerNew: offerNew, sel: widget.NewSelect(nil, nil)}
	p.sel.PlaceHolder = lang.L("Find the calendars first")
	p.sel.Disable()
	return p
}

// found are the calendars one discovery turned up.
type found struct {
	cals       []caldav.Calendar
	urls       []string
	isCalendar bool
	canCreate  bool
}

// discover lists the account's calendars with app/caldav's discovery.
func discover(acct caldav.Account, create bool) (found, error) {
	c, err := caldav.Dial(acct)
	if err != nil {
		return found{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), discoverTimeout)
	defer cancel()
	cals, home, isCal, err := c.Calendars(ctx)
	if err != nil {
		return found{}, err
	}
	f := found{cals: cals, isCalendar: isCal}
	for _, cal := range cals {
		f.urls = append(f.urls, c.URL(cal))
	}
	f.canCreate = create && !isCal && c.CanMakeCalendar(ctx, home)
	return f, nil
}

// show offers what was found, on the first calendar (or on creating
// one when that is offered and none has the default name).
func (p *calendarPick) show(f found) {
	var opts []string
	p.urls = nil
	named, create := false, false
	for i, cal := range f.cals {
		opts = append(opts, cal.Title())
		p.urls = append(p.urls, f.urls[i])
		named = named || cal.Is(caldav.DefaultCalendarName)
	}
	if p.offerNew && f.canCreate && !named {
		opts = append(opts, lang.L("Create '{{.Name}}'", map[string]any{"Name": caldav.DefaultCalendarName}))
		p.urls = append(p.urls, "")
		create = true
	}
	p.sel.SetOptions(opts)
	if len(opts) == 0 {
		p.sel.ClearSelected()
		p.sel.Disable()
		return
	}
	p.sel.Enable()
	at := 0
	if create && len(f.cals) > 1 {
		at = len(opts) - 1
	}
	p.sel.SetSelectedIndex(at)
}

// url is the address to use: the chosen calendar's, or typed when
// nothing (or creating) is chosen.
func (p *calendarPick) url(typed string) string {
	if i := p.sel.SelectedIndex(); i >= 0 && i < len(p.urls) && p.urls[i] != "" {
		return p.urls[i]
	}
	return typed
}

// findCalendars runs discovery off the UI goroutine and offers the
// calendars found; find is disabled meanwhile and status says how it went.
func (s *SettingsScreen) findCalendars(acct caldav.Account, p *calendarPick, find *widget.Button, status *widget.Label) {
	find.Disable()
	status.SetText(lang.L("Looking for calendars…"))
	s.u.async(func() {
		f, err := discover(acct, p.offerNew)
		fyne.Do(func() {
			find.Enable()
			if err != nil {
				status.SetText(lang.L("Could not list the calendars: {{.Err}}", map[string]any{"Err": err.Error()}))
				return
			}
			p.show(f)
			status.SetText(foundText(f))
		})
	})
}

// foundText says what discovery found.
func foundText(f found) string {
	switch {
	case f.isCalendar:
		return lang.L("The address is a calendar.")
	case len(f.cals) == 0 && !f.canCreate:
		return lang.L("The account has no calendars.")
	}
	return lang.L("Pick the calendar.")
}

// addCalendarChoice adds "Find calendars" and the calendars found to the
// form adding a feed: a CalDAV server's calendar is picked, not pasted.
func (s *SettingsScreen) addCalendarChoice(ff *feedForm) {
	ff.cals = newCalendarPick(false)
	ff.find = widget.NewButton(lang.L("Find calendars"), func() { s.onFindFeedCalendars(ff) })
	ff.form.AppendItem(widget.NewFormItem(lang.L("Calendar"), container.NewBorder(nil, nil, nil, ff.find, ff.cals.sel)))
}

// onFindFeedCalendars lists the calendars at the feed's address (with
// its user name and password when it signs in with them).
func (s *SettingsScreen) onFindFeedCalendars(ff *feedForm) {
	acct := caldav.Account{URL: strings.TrimSpace(ff.url.Text)}
	if authKinds[max(0, ff.auth.SelectedIndex())] == settings.AuthBasic {
		acct.User, acct.Password = strings.TrimSpace(ff.user.Text), ff.secret.Text
	}
	s.findCalendars(acct, ff.cals, ff.find, ff.status)
}

// calendarURL is the feed's address: the calendar picked, else as typed.
func (ff *feedForm) calendarURL() string {
	typed := strings.TrimSpace(ff.url.Text)
	if ff.cals == nil {
		return typed
	}
	return ff.cals.url(typed)
}
