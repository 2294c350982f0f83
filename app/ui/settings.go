package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// SettingsScreen edits feeds (credentials go to the keyring; a stored
// secret is never shown), the agent's zone, customer regions, reminder lead
// times, the refresh interval, kind keyword rules, language and theme.
type SettingsScreen struct {
	u *UI

	feedList *fyne.Container
	feedForm *feedForm

	zone    *widget.SelectEntry
	zoneMsg *widget.Label

	regionList *fyne.Container
	region     *regionForm
	// regionBox holds the region form, replaced by a fresh one after each
	// added region (a cleared entry would still show its error).
	regionBox *fyne.Container

	leads      reminderRows
	onChanges  *widget.Check
	refreshSel *widget.Select
	hours      hoursForm

	ruleList    *fyne.Container
	ruleKeyword *widget.Entry
	ruleKind    *widget.Select

	language *widget.Select
	theme    *widget.RadioGroup
	textSize *widget.Select
	msg      *widget.Label

	pub *publishPart // nil when the feeds cannot publish availability
}

func newSettingsScreen(u *UI) *SettingsScreen { return &SettingsScreen{u: u} }

// commonZones are offered in the zone pickers; any IANA name can be typed.
var commonZones = []string{
	"Europe/Stockholm", "Europe/Amsterdam", "Europe/Paris", "Europe/London", "Europe/Berlin",
	"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo",
	"Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney", "Africa/Johannesburg", "UTC",
}

// validateZone accepts an IANA zone name.
func validateZone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" || s == "Local" {
		return errors.New(lang.L("Enter a time zone such as Europe/Stockholm"))
	}
	if _, err := time.LoadLocation(s); err != nil {
		return errors.New(lang.L("Unknown time zone: {{.Zone}}", map[string]any{"Zone": s}))
	}
	return nil
}

// splitCountry reads "jp" or "AU-NSW" as country and subdivision.
func splitCountry(s string) (country, sub string) {
	country, sub, _ = strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "-")
	return country, sub
}

// validateCountry accepts "" or a country (and subdivision) whose public
// holidays are known (calendar/holidays).
func validateCountry(s string) error {
	c, sub := splitCountry(s)
	if err := holidays.Check(c, sub); err != nil {
		return errors.New(lang.L("No public holidays known for {{.Country}}", map[string]any{"Country": strings.TrimSpace(s)}))
	}
	return nil
}

// validateHolidayFeed accepts "" or a public web address of a holiday
// feed (feeds.CheckHolidayURL, as the CLI's "regions add --holidays").
func validateHolidayFeed(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	switch err := feeds.CheckHolidayURL(s); {
	case err == nil:
		return nil
	case errors.Is(err, feeds.ErrHolidaySecret):
		return errors.New(lang.L("The address holds a secret; holiday feeds must be public"))
	case errors.Is(err, feeds.ErrHolidayNotWeb):
		return errors.New(lang.L("A holiday feed is a web address (https, http, webcal or webcals)"))
	}
	return errors.New(lang.L("Not a valid address"))
}

// validateClosedDates accepts a list calendar.ParseClosedDates reads
// (as the CLI's --closed), naming the item that is not a date.
func validateClosedDates(s string) error {
	_, err := calendar.ParseClosedDates(s)
	var bad *calendar.DateError
	if errors.As(err, &bad) {
		return errors.New(lang.L("{{.Date}} is not a date (YYYY-MM-DD)", map[string]any{"Date": bad.Text}))
	}
	return err
}

// validateFeedURL accepts http(s), webcal and file URLs and absolute paths;
// anything else is refused before any request is made.
func validateFeedURL(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New(lang.L("Enter the feed's address"))
	}
	if filepath.IsAbs(s) {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return errors.New(lang.L("Not a valid address"))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "webcal", "webcals":
		if u.Host == "" {
			return errors.New(lang.L("The address has no server name"))
		}
		return nil
	case "file":
		return nil
	}
	return errors.New(lang.L("Use an http(s), webcal or file address"))
}

func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard(title, "", container.NewVBox(objs...))
}

func (s *SettingsScreen) buildUI() fyne.CanvasObject {
	u := s.u
	cfg := u.cfg
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Importance = widget.DangerImportance
	s.msg.Hide()

	s.feedList = container.NewVBox()
	addFeed := widget.NewButtonWithIcon(lang.L("Add feed"), theme.ContentAddIcon(), s.onAddFeedTapped)

	s.zone = widget.NewSelectEntry(commonZones)
	s.zone.SetText(cfg.Zone)
	// time.Local is always named "Local": show its abbreviation and offset.
	s.zone.SetPlaceHolder(lang.L("System zone ({{.Zone}})", map[string]any{"Zone": zoneOffsetText(time.Local, u.deps.Clock())}))
	s.zone.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		return validateZone(v)
	}
	s.zoneMsg = widget.NewLabel("")
	applyZone := widget.NewButton(lang.L("Apply"), s.onZoneChanged)

	s.regionList = container.NewVBox()
	s.region = newRegionForm(s.onRegionAdded)
	s.regionBox = container.NewVBox(s.region.form, s.region.msg)

	s.onChanges = widget.NewCheck(lang.L("Notify me when a sync finds changes"), nil)
	s.onChanges.SetChecked(cfg.Reminders.OnChanges)
	reminders := s.leads.build(cfg.Reminders)
	reminders.Append("", s.onChanges)
	reminders.SubmitText = lang.L("Save")
	reminders.OnSubmit = s.onRemindersChanged

	refresh := []string{"15", "30", "60", "120", "240"}
	s.refreshSel = widget.NewSelect(refresh, s.onRefreshChanged)
	s.refreshSel.SetSelected(strconv.Itoa(cfg.RefreshMinutes))

	s.ruleList = container.NewVBox()
	s.ruleKeyword = widget.NewEntry()
	s.ruleKeyword.SetPlaceHolder(lang.L("Keyword, e.g. coaching"))
	kinds := make([]string, 0, len(calendar.Kinds()))
	for _, k := range calendar.Kinds() {
		kinds = append(kinds, kindName(k))
	}
	s.ruleKind = widget.NewSelect(kinds, nil)
	s.ruleKind.SetSelectedIndex(0)
	addRule := widget.NewButtonWithIcon(lang.L("Add rule"), theme.ContentAddIcon(), s.onRuleAdded)

	langs := []string{lang.L("System language"), "English", "Svenska", "Nederlands", "Français"}
	s.language = widget.NewSelect(langs, nil)
	s.language.SetSelectedIndex(max(0, slices.Index(Languages(), cfg.Language)+1))
	s.language.OnChanged = s.onLanguageChanged

	s.theme = widget.NewRadioGroup([]string{lang.L("System"), lang.L("Light"), lang.L("Dark"),
		lang.L("High contrast, light"), lang.L("High contrast, dark")}, nil)
	s.theme.SetSelected(themeLabel(cfg.Theme))
	s.theme.OnChanged = s.onThemeChanged
	s.textSize = widget.NewSelect(textSizes(), nil)
	s.textSize.SetSelected(textSizeLabel(cfg.TextScale))
	s.textSize.OnChanged = s.onTextSizeChanged

	s.refreshLists()
	box := container.NewVBox(
		s.msg,
		section(lang.L("Feeds"), s.feedList, container.NewHBox(addFeed)),
		section(lang.L("Your time zone"), container.NewBorder(nil, nil, nil, applyZone, s.zone), s.zoneMsg),
		section(lang.L("Customer regions"), s.regionList, s.regionBox),
		section(lang.L("Reminders"), reminders),
		section(lang.L("Hours and rest"), s.hours.build(cfg.Hours, s.onHoursChanged)),
		section(lang.L("Sync"), container.NewHBox(widget.NewLabel(lang.L("Download feeds every (minutes)")), s.refreshSel)),
		section(lang.L("Activity keywords"), s.ruleList,
			container.NewBorder(nil, nil, nil, container.NewHBox(s.ruleKind, addRule), s.ruleKeyword)),
		section(lang.L("Language and theme"), s.language, s.theme,
			container.NewHBox(widget.NewLabel(lang.L("Text size")), s.textSize)),
	)
	if pub := s.publishSection(); pub != nil {
		box.Add(pub)
	}
	return container.NewVScroll(box)
}

// zoneOffsetText names zone at t by its abbreviation and UTC offset,
// "CET, UTC+01:00" ("UTC" for UTC itself).
func zoneOffsetText(zone *time.Location, t time.Time) string {
	abbr, off := t.In(zone).Zone()
	if off == 0 && abbr == "UTC" {
		return abbr
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s, UTC%s%02d:%02d", abbr, sign, off/3600, off%3600/60)
}

func validateMinutes(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > 240 {
		return errors.New(lang.L("Enter minutes between 0 and 240"))
	}
	return nil
}

func themeLabel(name string) string {
	switch name {
	case "light":
		return lang.L("Light")
	case "dark":
		return lang.L("Dark")
	case "contrast-light":
		return lang.L("High contrast, light")
	case "contrast-dark":
		return lang.L("High contrast, dark")
	}
	return lang.L("System")
}

// textSizes are the text sizes offered, as percentages.
func textSizes() []string { return []string{"100%", "125%", "150%", "175%", "200%"} }

// textSizeLabel is the percentage of a TextScale ("100%" for unset).
func textSizeLabel(scale float64) string {
	if scale <= 0 {
		scale = 1
	}
	return strconv.Itoa(int(math.Round(scale*100))) + "%"
}

func (s *SettingsScreen) onTextSizeChanged(v string) {
	n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
	if err != nil {
		return
	}
	scale := float64(n) / 100
	if scale == 1 {
		scale = 0 // the default: follow Fyne's own scale
	}
	if scale == s.u.cfg.TextScale {
		return
	}
	cfg := s.u.cfg
	cfg.TextScale = scale
	s.save(cfg)
}

// refreshLists redraws the feed, region and rule lists from the settings.
func (s *SettingsScreen) refreshLists() {
	u := s.u
	s.feedList.RemoveAll()
	var list []feeds.State
	if u.deps.Feeds != nil {
		list = u.deps.Feeds.Status()
	}
	for _, f := range list {
		f := f
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.onEditFeedTapped(f) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRemoveFeedTapped(f) })
		shown := widget.NewCheck(lang.L("Shown"), nil)
		shown.SetChecked(f.Enabled)
		shown.OnChanged = func(on bool) { s.onFeedEnabledChanged(f.ID, on) }
		alarms := widget.NewCheck(lang.L("Its alarms"), nil)
		alarms.SetChecked(u.cfg.HonoursAlarms(f.ID))
		alarms.OnChanged = func(on bool) { s.onFeedAlarmsChanged(f.ID, on) }
		label := widget.NewLabel(f.Name + " — " + f.URL)
		label.Truncation = fyne.TextTruncateEllipsis
		s.feedList.Add(container.NewBorder(nil, nil, nil, container.NewHBox(shown, alarms, edit, remove), label))
	}
	if len(list) == 0 {
		s.feedList.Add(widget.NewLabel(lang.L("No feed yet: the demo week is shown.")))
	}
	s.regionList.RemoveAll()
	for i, r := range u.cfg.Regions {
		i := i
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRegionRemoved(i) })
		s.regionList.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(regionText(r, u.loc))))
	}
	s.ruleList.RemoveAll()
	for i, r := range u.cfg.KindRules {
		i := i
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRuleRemoved(i) })
		s.ruleList.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(fmt.Sprintf("“%s”: %s", r.Keyword, kindName(r.Kind)))))
	}
}

// regionText is "Japan, Asia/Tokyo, Mon–Fri 09:00–18:00" (", JP" when
// the region has a country's public holidays).
func regionText(r calendar.Region, loc Locale) string {
	text := fmt.Sprintf("%s, %s, %s %s–%s", r.Name, r.Zone, daysText(r.Days, loc), r.Open, r.Close)
	if r.Country != "" {
		text += ", " + strings.Trim(r.Country+"-"+r.Subdivision, "-")
	}
	return text
}

// daysText writes weekdays compactly: "Mon–Fri", "Mon, Wed, Sat".
func daysText(days []time.Weekday, loc Locale) string {
	on := [7]bool{}
	for _, d := range days {
		on[d] = true
	}
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var parts []string
	for i := 0; i < len(order); {
		if !on[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && on[order[j+1]] {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, loc.Weekday(order[i])+"–"+loc.Weekday(order[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, loc.Weekday(order[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func (s *SettingsScreen) showError(err error) {
	if err == nil {
		s.msg.Hide()
		return
	}
	s.msg.SetText(err.Error())
	s.msg.Show()
}

func (s *SettingsScreen) save(cfg settings.Settings) {
	s.showError(s.u.saveSettings(cfg))
	s.refreshLists()
}

func (s *SettingsScreen) onZoneChanged() {
	v := strings.TrimSpace(s.zone.Text)
	if err := s.zone.Validate(); err != nil {
		s.zoneMsg.SetText(err.Error())
		return
	}
	cfg := s.u.cfg
	cfg.Zone = v
	s.zoneMsg.SetText("")
	s.save(cfg)
}

// onRegionAdded saves r and, once saved, puts an empty form in place of
// the filled one: Fyne has no way to clear an entry without it showing its
// validation error ("Give the region a name") at once.
func (s *SettingsScreen) onRegionAdded(r calendar.Region) {
	cfg := s.u.cfg
	cfg.Regions = append(slices.Clone(cfg.Regions), r)
	err := s.u.saveSettings(cfg)
	s.showError(err)
	s.refreshLists()
	if err != nil {
		return
	}
	s.region = newRegionForm(s.onRegionAdded)
	s.regionBox.Objects = []fyne.CanvasObject{s.region.form, s.region.msg}
	s.regionBox.Refresh()
}

func (s *SettingsScreen) onRegionRemoved(i int) {
	cfg := s.u.cfg
	if i < 0 || i >= len(cfg.Regions) {
		return
	}
	cfg.Regions = slices.Delete(slices.Clone(cfg.Regions), i, i+1)
	s.save(cfg)
}

func (s *SettingsScreen) onRemindersChanged() {
	r, ok := s.leads.read(s.u.cfg.Reminders)
	if !ok {
		return
	}
	cfg := s.u.cfg
	r.OnChanges = s.onChanges.Checked
	cfg.Reminders = r
	s.save(cfg)
}

func (s *SettingsScreen) onRefreshChanged(v string) {
	n, err := strconv.Atoi(v)
	if err != nil || n == s.u.cfg.RefreshMinutes {
		return
	}
	cfg := s.u.cfg
	cfg.RefreshMinutes = n
	s.save(cfg)
}

func (s *SettingsScreen) onRuleAdded() {
	kw := strings.TrimSpace(s.ruleKeyword.Text)
	idx := s.ruleKind.SelectedIndex()
	if kw == "" || idx < 0 {
		return
	}
	cfg := s.u.cfg
	cfg.KindRules = append(slices.Clone(cfg.KindRules), calendar.KindRule{Keyword: kw, Kind: calendar.Kinds()[idx]})
	s.ruleKeyword.SetText("")
	s.save(cfg)
}

func (s *SettingsScreen) onRuleRemoved(i int) {
	cfg := s.u.cfg
	if i < 0 || i >= len(cfg.KindRules) {
		return
	}
	cfg.KindRules = slices.Delete(slices.Clone(cfg.KindRules), i, i+1)
	s.save(cfg)
}

func (s *SettingsScreen) onLanguageChanged(string) {
	i := s.language.SelectedIndex()
	code := ""
	if i > 0 {
		code = Languages()[i-1]
	}
	if code == s.u.cfg.Language {
		return
	}
	cfg := s.u.cfg
	cfg.Language = code
	s.save(cfg)
}

func (s *SettingsScreen) onThemeChanged(v string) {
	name := "system"
	switch v {
	case lang.L("Light"):
		name = "light"
	case lang.L("Dark"):
		name = "dark"
	case lang.L("High contrast, light"):
		name = "contrast-light"
	case lang.L("High contrast, dark"):
		name = "contrast-dark"
	}
	if name == s.u.cfg.Theme {
		return
	}
	cfg := s.u.cfg
	cfg.Theme = name
	s.save(cfg)
}

// feedForm is the add/edit form of a feed. The secret field always starts
// empty: a stored secret is never read back into it.
type feedForm struct {
	form   *widget.Form
	id     string
	name   *widget.Entry
	url    *widget.Entry
	auth   *widget.Select
	user   *widget.Entry
	secret *widget.Entry
	status *widget.Label
	dlg    dialog.Dialog
	cals   *calendarPick  // a CalDAV server's calendars; nil when editing
	find   *widget.Button // nil when editing
}

var authKinds = []settings.AuthKind{settings.AuthNone, settings.AuthBasic, settings.AuthBearer}

func (s *SettingsScreen) onAddFeedTapped() {
	s.openFeedForm(feeds.State{Feed: settings.Feed{Auth: settings.AuthNone, Enabled: true}})
}

func (s *SettingsScreen) onEditFeedTapped(f feeds.State) { s.openFeedForm(f) }

// openFeedForm shows the feed form for f (an empty ID adds a feed).
func (s *SettingsScreen) openFeedForm(f feeds.State) {
	ff := &feedForm{id: f.ID}
	ff.name = widget.NewEntry()
	ff.name.SetText(f.Name)
	ff.name.SetPlaceHolder(lang.L("e.g. Work schedule"))
	ff.name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.L("Give the feed a name"))
		}
		return nil
	}
	ff.url = widget.NewEntry()
	ff.url.SetText(f.URL)
	ff.url.SetPlaceHolder("https://…/schedule.ics")
	ff.url.Validator = validateFeedURL
	if f.ID != "" {
		ff.url.Disable() // the address of a subscribed feed does not change
	}
	ff.auth = widget.NewSelect([]string{lang.L("No sign-in"), lang.L("User name and password"), lang.L("Access token")}, nil)
	ff.auth.SetSelectedIndex(max(0, slices.Index(authKinds, f.Auth)))
	ff.user = widget.NewEntry()
	ff.user.SetText(f.User)
	ff.secret = widget.NewPasswordEntry()
	ff.auth.OnChanged = func(string) { ff.onAuthChanged() }
	defer ff.onAuthChanged()
	if f.ID != "" && f.Auth != settings.AuthNone && f.Auth != "" {
		ff.secret.SetPlaceHolder(lang.L("Stored in the keyring — leave empty to keep"))
	}
	ff.status = widget.NewLabel("")
	ff.status.Wrapping = fyne.TextWrapWord
	ff.form = widget.NewForm(
		widget.NewFormItem(lang.L("Name"), ff.name),
		widget.NewFormItem(lang.L("Address"), ff.url),
		widget.NewFormItem(lang.L("Sign-in"), ff.auth),
		widget.NewFormItem(lang.L("User name"), ff.user),
		widget.NewFormItem(lang.L("Password or token"), ff.secret),
	)
	if f.ID == "" {
		s.addCalendarChoice(ff)
	}
	ff.form.SubmitText = lang.L("Save")
	ff.form.CancelText = lang.L("Cancel")
	ff.form.OnSubmit = func() { s.onFeedSubmitted(ff) }
	ff.form.OnCancel = func() {
		if ff.dlg != nil {
			ff.dlg.Hide()
		}
	}
	s.feedForm = ff
	if s.u.win == nil {
		return
	}
	title := lang.L("Add feed")
	if f.ID != "" {
		title = lang.L("Edit feed")
	}
	ff.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(ff.form, ff.status), s.u.win)
	ff.dlg.Resize(fyne.NewSize(560, 420))
	ff.dlg.Show()
}

// onAuthChanged enables the fields the chosen sign-in needs: a user for
// a password, a secret for a password or token.
func (ff *feedForm) onAuthChanged() {
	switch authKinds[max(0, ff.auth.SelectedIndex())] {
	case settings.AuthBasic:
		ff.user.Enable()
		ff.secret.Enable()
	case settings.AuthBearer:
		ff.user.Disable()
		ff.secret.Enable()
	default:
		ff.user.Disable()
		ff.secret.Disable()
	}
}

// onFeedSubmitted saves the feed off the UI goroutine (the keyring may
// block on an unlock prompt) and redraws when done.
func (s *SettingsScreen) onFeedSubmitted(ff *feedForm) {
	if s.u.deps.Feeds == nil {
		ff.status.SetText(lang.L("Feeds cannot be saved in this session."))
		return
	}
	edit := FeedEdit{
		ID:     ff.id,
		Name:   strings.TrimSpace(ff.name.Text),
		URL:    ff.calendarURL(),
		Auth:   authKinds[max(0, ff.auth.SelectedIndex())],
		User:   strings.TrimSpace(ff.user.Text),
		Secret: ff.secret.Text,
	}
	ff.secret.SetText("")
	ff.status.SetText(lang.L("Saving…"))
	feeds := s.u.deps.Feeds
	s.u.async(func() {
		err := feeds.Save(context.Background(), edit)
		fyne.Do(func() {
			if err != nil {
				ff.status.SetText(lang.L("Could not save the feed: {{.Err}}", map[string]any{"Err": err.Error()}))
				return
			}
			ff.status.SetText("")
			if ff.dlg != nil {
				ff.dlg.Hide()
			}
			s.refreshLists()
			s.u.Refresh()
			s.u.SyncNow()
		})
	})
}

// onFeedEnabledChanged shows or hides a feed (off the UI goroutine: the
// manager saves its settings).
func (s *SettingsScreen) onFeedEnabledChanged(id string, on bool) {
	feeds := s.u.deps.Feeds
	s.u.async(func() {
		err := feeds.SetEnabled(context.Background(), id, on)
		fyne.Do(func() {
			s.showError(err)
			s.u.Refresh()
		})
	})
}

func (s *SettingsScreen) onRemoveFeedTapped(f feeds.State) {
	remove := func() {
		feeds := s.u.deps.Feeds
		s.u.async(func() {
			err := feeds.Remove(context.Background(), f.ID)
			fyne.Do(func() {
				s.showError(err)
				s.refreshLists()
				s.u.Refresh()
			})
		})
	}
	if s.u.win == nil {
		remove()
		return
	}
	dialog.ShowConfirm(lang.L("Remove feed"), lang.L("Remove {{.Name}} and its offline copy?", map[string]any{"Name": f.Name}),
		func(ok bool) {
			if ok {
				remove()
			}
		}, s.u.win)
}

// regionForm adds a customer region; an unknown zone or an end before the
// start is refused at the field.
type regionForm struct {
	form        *widget.Form
	zone        *widget.SelectEntry
	days        *widget.CheckGroup
	open, close *widget.Entry
	// country is "JP" or "AU-NSW": whose public holidays close the region.
	country *widget.Entry
	// feed is the region's public iCalendar holiday feed ("" none).
	feed *widget.Entry
	// closed lists the region's own closing days, as the CLI's --closed
	// ("2026-12-24, 2026-12-31=Company day").
	closed    *widget.Entry
	onAdded   func(calendar.Region)
	nameEntry *widget.Entry
	weekdays  []time.Weekday
	dayLabels []string
	msg       *widget.Label
}

func newRegionForm(onAdded func(calendar.Region)) *regionForm {
	f := &regionForm{onAdded: onAdded}
	f.nameEntry = widget.NewEntry()
	f.nameEntry.SetPlaceHolder(lang.L("e.g. Japan"))
	f.nameEntry.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.L("Give the region a name"))
		}
		return nil
	}
	f.zone = widget.NewSelectEntry(commonZones)
	f.zone.SetPlaceHolder("Asia/Tokyo")
	f.zone.Validator = validateZone
	f.weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var loc Locale
	for _, d := range f.weekdays {
		f.dayLabels = append(f.dayLabels, loc.Weekday(d))
	}
	f.days = widget.NewCheckGroup(f.dayLabels, nil)
	f.days.Horizontal = true
	f.days.SetSelected(f.dayLabels[:5])
	f.open = widget.NewEntry()
	f.open.SetText("09:00")
	f.open.Validator = func(v string) error {
		if _, err := calendar.ParseClock(strings.TrimSpace(v)); err != nil {
			return errors.New(lang.L("Enter a time as HH:MM"))
		}
		return nil
	}
	f.close = widget.NewEntry()
	f.close.SetText("17:00")
	f.close.Validator = func(v string) error {
		c, err := calendar.ParseClock(strings.TrimSpace(v))
		if err != nil {
			return errors.New(lang.L("Enter a time as HH:MM"))
		}
		if o, err := calendar.ParseClock(strings.TrimSpace(f.open.Text)); err == nil && c <= o {
			return errors.New(lang.L("Must be after the opening time"))
		}
		return nil
	}
	f.open.OnChanged = func(string) { _ = f.close.Validate() }
	f.country = widget.NewEntry()
	f.country.SetPlaceHolder(lang.L("e.g. JP or AU-NSW (optional)"))
	f.country.Validator = validateCountry
	f.feed = widget.NewEntry()
	f.feed.SetPlaceHolder("webcal://…")
	f.feed.Validator = validateHolidayFeed
	f.closed = widget.NewEntry()
	f.closed.SetPlaceHolder(lang.L("e.g. 2026-12-24, 2026-12-31=Company day"))
	f.closed.Validator = validateClosedDates
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("Name"), f.nameEntry),
		widget.NewFormItem(lang.L("Time zone"), f.zone),
		widget.NewFormItem(lang.L("Open days"), f.days),
		widget.NewFormItem(lang.L("Opens"), f.open),
		widget.NewFormItem(lang.L("Closes"), f.close),
		widget.NewFormItem(lang.L("Public holidays of"), f.country),
		widget.NewFormItem(lang.L("Holiday feed (optional)"), f.feed),
		widget.NewFormItem(lang.L("Closed dates"), f.closed),
	)
	f.msg = widget.NewLabel("")
	f.msg.Importance = widget.DangerImportance
	f.msg.Hide()
	f.form.SubmitText = lang.L("Add region")
	f.form.OnSubmit = f.onSubmitted
	return f
}

func (f *regionForm) onSubmitted() {
	open, err1 := calendar.ParseClock(strings.TrimSpace(f.open.Text))
	closes, err2 := calendar.ParseClock(strings.TrimSpace(f.close.Text))
	if err1 != nil || err2 != nil {
		return
	}
	r := calendar.Region{Name: strings.TrimSpace(f.nameEntry.Text), Zone: strings.TrimSpace(f.zone.Text), Open: open, Close: closes}
	if validateCountry(f.country.Text) != nil {
		return
	}
	r.Country, r.Subdivision = splitCountry(f.country.Text)
	if validateHolidayFeed(f.feed.Text) != nil {
		return
	}
	r.HolidaysURL = strings.TrimSpace(f.feed.Text)
	var err error
	if r.ClosedDates, err = calendar.ParseClosedDates(f.closed.Text); err != nil {
		return // the field shows what is wrong
	}
	for i, label := range f.dayLabels {
		if slices.Contains(f.days.Selected, label) {
			r.Days = append(r.Days, f.weekdays[i])
		}
	}
	if len(r.Days) == 0 {
		f.msg.SetText(lang.L("Tick at least one open day"))
		f.msg.Show()
		return
	}
	if r.Validate() != nil {
		return // the fields show what is wrong
	}
	f.msg.Hide()
	f.onAdded(r)
}
