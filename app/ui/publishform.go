package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/caldav"
)

// PublishSetup is the agent's choice of a CalDAV calendar (or server) to
// publish availability to after each sync.
type PublishSetup struct {
	URL, User, Password string
	Days                int
	Busy                bool   // busy blocks titled "Busy" instead of windows
	Region              string // "" none, "all", or a region's name (as --region)
}

// Publisher is implemented by a Feeds that can publish availability to a
// CalDAV calendar: the Settings screen then offers it.
type Publisher interface {
	PublishStatusSource
	// SetUpPublish finds (or creates) the calendar, keeps the password in
	// the keyring and publishes once.
	SetUpPublish(ctx context.Context, p PublishSetup) error
	// StopPublish turns publishing off; what was published stays.
	StopPublish(ctx context.Context) error
}

// publishDays are the ranges offered, with their labels' keys.
var publishDays = []int{7, 14, 30}

func publishDaysLabels() []string {
	return []string{lang.L("7 days"), lang.L("14 days"), lang.L("30 days")}
}

// publishPart is the Settings screen's "Publish availability" section.
type publishPart struct {
	state *widget.Label
	stop  *widget.Button
	form  *publishForm
}

// publishForm sets up publishing to a CalDAV calendar.
type publishForm struct {
	url, user, password *widget.Entry
	days                *widget.Select
	region              *widget.Select // nil without regions
	busy                *widget.Check
	find                *widget.Button
	cals                *calendarPick
	form                *widget.Form
	status              *widget.Label
	dlg                 dialog.Dialog
}

// publishSection is the section, or nil when the feeds cannot publish.
func (s *SettingsScreen) publishSection() fyne.CanvasObject {
	if _, ok := s.u.deps.Feeds.(Publisher); !ok {
		return nil
	}
	s.pub = &publishPart{state: widget.NewLabel("")}
	s.pub.state.Wrapping = fyne.TextWrapWord
	setup := widget.NewButton(lang.L("Publish to a calendar…"), s.onPublishSetupTapped)
	s.pub.stop = widget.NewButton(lang.L("Stop publishing"), s.onStopPublishingTapped)
	s.refreshPublish()
	return section(lang.L("Publish availability"), s.pub.state, container.NewHBox(setup, s.pub.stop))
}

// refreshPublish shows whether and where availability is published.
func (s *SettingsScreen) refreshPublish() {
	p, ok := s.u.deps.Feeds.(Publisher)
	if !ok || s.pub == nil {
		return
	}
	st := p.PublishStatus()
	text := publishStatusText(st, s.u.loc)
	if text == "" {
		text = lang.L("Your availability is not published to a calendar.")
		s.pub.stop.Disable()
	} else {
		s.pub.stop.Enable()
	}
	s.pub.state.SetText(text)
}

func (s *SettingsScreen) onPublishSetupTapped() {
	pf := &publishForm{url: widget.NewEntry(), user: widget.NewEntry(), password: widget.NewPasswordEntry()}
	pf.url.SetPlaceHolder("https://cloud.example.com/remote.php/dav")
	pf.url.Validator = func(v string) error {
		v = strings.ToLower(strings.TrimSpace(v))
		if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
			return errors.New(lang.L("Use the http(s) address of a CalDAV calendar or server"))
		}
		return nil
	}
	pf.days = widget.NewSelect(publishDaysLabels(), nil)
	pf.days.SetSelectedIndex(1)
	pf.busy = widget.NewCheck(lang.L("Only busy blocks (titled Busy), no windows"), nil)
	pf.status = widget.NewLabel("")
	pf.status.Wrapping = fyne.TextWrapWord
	pf.cals = newCalendarPick(true)
	pf.find = widget.NewButton(lang.L("Find calendars"), func() { s.onFindPublishCalendars(pf) })
	pf.form = widget.NewForm(
		widget.NewFormItem(lang.L("Address"), pf.url),
		widget.NewFormItem(lang.L("User name"), pf.user),
		widget.NewFormItem(lang.L("Password"), pf.password),
		widget.NewFormItem(lang.L("Calendar"), container.NewBorder(nil, nil, nil, pf.find, pf.cals.sel)),
		widget.NewFormItem(lang.L("Days"), pf.days),
	)
	if pf.region = s.publishRegionSelect(); pf.region != nil {
		pf.form.AppendItem(widget.NewFormItem(lang.L("Region"), pf.region))
	}
	pf.form.AppendItem(widget.NewFormItem("", pf.busy))
	pf.form.SubmitText = lang.L("Publish")
	pf.form.CancelText = lang.L("Cancel")
	pf.form.OnSubmit = func() { s.onPublishSubmitted(pf) }
	pf.form.OnCancel = func() {
		if pf.dlg != nil {
			pf.dlg.Hide()
		}
	}
	s.pub.form = pf
	if s.u.win == nil {
		return
	}
	pf.dlg = dialog.NewCustomWithoutButtons(lang.L("Publish availability"), container.NewVBox(pf.form, pf.status), s.u.win)
	pf.dlg.Resize(fyne.NewSize(560, 440))
	pf.dlg.Show()
}

// onPublishSubmitted sets publishing up off the UI goroutine (network and
// keyring) and says how it went.
func (s *SettingsScreen) onPublishSubmitted(pf *publishForm) {
	p := s.u.deps.Feeds.(Publisher)
	setup := PublishSetup{URL: pf.cals.url(strings.TrimSpace(pf.url.Text)), User: strings.TrimSpace(pf.user.Text),
		Password: pf.password.Text, Days: publishDays[max(0, pf.days.SelectedIndex())], Busy: pf.busy.Checked,
		Region: s.publishRegion(pf.region)}
	pf.password.SetText("")
	pf.status.SetText(lang.L("Publishing…"))
	s.u.async(func() {
		err := p.SetUpPublish(context.Background(), setup)
		fyne.Do(func() {
			if err != nil {
				pf.status.SetText(lang.L("Could not publish: {{.Err}}", map[string]any{"Err": err.Error()}))
				return
			}
			pf.status.SetText("")
			if pf.dlg != nil {
				pf.dlg.Hide()
			}
			s.refreshPublish()
			s.u.Refresh()
		})
	})
}

func (s *SettingsScreen) onStopPublishingTapped() {
	p := s.u.deps.Feeds.(Publisher)
	s.u.async(func() {
		err := p.StopPublish(context.Background())
		fyne.Do(func() {
			s.showError(err)
			s.refreshPublish()
			s.u.Refresh()
		})
	})
}

// publishRegionSelect offers "All regions" and the configured regions'
// names, on the one saved (or all); nil when there are no regions.
func (s *SettingsScreen) publishRegionSelect() *widget.Select {
	if len(s.u.cfg.Regions) == 0 {
		return nil
	}
	opts := []string{lang.L("All regions")}
	at := 0
	for i, r := range s.u.cfg.Regions {
		opts = append(opts, r.Name)
		if strings.EqualFold(r.Name, s.u.cfg.CalDAV.Region) {
			at = i + 1
		}
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelectedIndex(at)
	return sel
}

// publishRegion is the region chosen, as the CLI's --region writes it.
func (s *SettingsScreen) publishRegion(sel *widget.Select) string {
	if sel == nil {
		return ""
	}
	if i := sel.SelectedIndex(); i > 0 && i <= len(s.u.cfg.Regions) {
		return s.u.cfg.Regions[i-1].Name
	}
	return "all"
}

// onFindPublishCalendars lists the calendars at the address off the UI
// goroutine and offers them.
func (s *SettingsScreen) onFindPublishCalendars(pf *publishForm) {
	acct := caldav.Account{URL: strings.TrimSpace(pf.url.Text), User: strings.TrimSpace(pf.user.Text), Password: pf.password.Text}
	s.findCalendars(acct, pf.cals, pf.find, pf.status)
}
