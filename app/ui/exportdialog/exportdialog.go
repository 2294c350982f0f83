// Package exportdialog is the "Export availability…" dialog: the agent
// picks a range, a customer region and a format, sees a preview of the
// available windows, and saves them to a file or copies them as text for
// chat or e-mail. The computing and writing live in calendar/availability
// and calendar/export; this package is only the Fyne form around them.
package exportdialog

import (
	"bytes"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
	"github.com/shiftdesk/shiftdesk/calendar/holidays"
)

// Source returns the occurrences overlapping [from, to) (the synced feeds,
// expanded in the agent's zone). It is called on the UI goroutine whenever
// the range changes, so it must read offline data only.
type Source func(from, to time.Time) ([]calendar.Occurrence, error)

// Config is what the dialog needs from the settings.
type Config struct {
	// Zone is the agent's zone: the range's days and all-day time off are
	// in it, and windows are shown in it unless one region is picked. It
	// must be a named IANA zone for the .ics export (nil: time.Local,
	// exported in UTC).
	Zone *time.Location
	// Regions are the customer regions offered in the region picker.
	Regions []calendar.Region
	// Blocking are the kinds that make the agent unavailable (nil: the
	// defaults of availability.DefaultBlocking).
	Blocking []calendar.Kind
	// Now gives the current time (nil: time.Now); the range starts today.
	Now func() time.Time
	// Lang is the language of the text format: en, sv, nl or fr ("": en).
	Lang string
	// Holidays gives the regions' days off between from and to, by region
	// name, from offline data only (the app passes the CLI export's
	// function, so holiday feeds count in both). nil: each region's
	// library holidays and closed dates.
	Holidays func(regions []calendar.Region, from, to time.Time) map[string]*holidays.Calendar
}

// rangeDays are the lengths offered by the range picker, in days.
func rangeDays() [4]int { return [4]int{1, 7, 14, 30} }

// Show opens the dialog over win.
func Show(win fyne.Window, src Source, cfg Config) {
	p := newPanel(win, src, cfg)
	d := dialog.NewCustom(lang.L("Export availability"), lang.L("Close"), p.buildUI(), win)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}

// panel is the dialog's content and state.
type panel struct {
	win fyne.Window
	src Source
	cfg Config

	from    *widget.Entry
	length  *widget.Select
	region  *widget.Select
	format  *widget.Select
	summary *widget.Label
	preview *widget.Label
	status  *widget.Label
	save    *widget.Button
	copy    *widget.Button

	// windows and outZone are the current result, shown in preview.
	windows []availability.Interval
	outZone *time.Location
	fromT   time.Time
	toT     time.Time
	ok      bool
}

func newPanel(win fyne.Window, src Source, cfg Config) *panel {
	if cfg.Zone == nil {
		cfg.Zone = time.Local
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &panel{win: win, src: src, cfg: cfg}
}

func (p *panel) lengthOptions() []string {
	// One key per choice keeps the translation files free of plural rules.
	return []string{lang.L("1 day"), lang.L("7 days"), lang.L("14 days"), lang.L("30 days")}
}

func (p *panel) regionOptions() []string {
	opts := []string{lang.L("Any time (no region)")}
	if len(p.cfg.Regions) > 1 {
		opts = append(opts, lang.L("All regions"))
	}
	for _, r := range p.cfg.Regions {
		opts = append(opts, r.Name)
	}
	return opts
}

func formatLabels() []string {
	return []string{lang.L("Calendar events (.ics)"), lang.L("Free/busy (.ics)"), lang.L("Text")}
}

// buildUI makes the form and computes the first preview.
func (p *panel) buildUI() fyne.CanvasObject {
	p.from = widget.NewEntry()
	p.from.SetPlaceHolder("YYYY-MM-DD")
	p.from.SetText(calendar.DateOf(p.cfg.Now().In(p.cfg.Zone)).String())
	p.from.OnChanged = func(string) { p.onRangeChanged() }
	p.length = widget.NewSelect(p.lengthOptions(), func(string) { p.onRangeChanged() })
	p.region = widget.NewSelect(p.regionOptions(), func(string) { p.onRegionChanged() })
	p.format = widget.NewSelect(formatLabels(), func(string) { p.onFormatChanged() })
	p.summary = widget.NewLabel("")
	p.preview = widget.NewLabel("")
	p.preview.TextStyle = fyne.TextStyle{Monospace: true}
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.save = widget.NewButton(lang.L("Save…"), p.onSaveTapped)
	p.copy = widget.NewButton(lang.L("Copy as text"), p.onCopyTapped)

	// Set the initial choices before the handlers can see half a form.
	p.length.Selected = p.length.Options[1]
	p.region.Selected = p.region.Options[0]
	p.format.Selected = p.format.Options[0]

	form := widget.NewForm(
		widget.NewFormItem(lang.L("From"), p.from),
		widget.NewFormItem(lang.L("Range"), p.length),
		widget.NewFormItem(lang.L("Customers"), p.region),
		widget.NewFormItem(lang.L("Format"), p.format),
	)
	p.refresh()
	return container.NewBorder(
		container.NewVBox(form, p.summary),
		container.NewVBox(p.status, container.NewHBox(p.copy, p.save)),
		nil, nil,
		container.NewVScroll(p.preview),
	)
}

func (p *panel) onRangeChanged()  { p.refresh() }
func (p *panel) onRegionChanged() { p.refresh() }
func (p *panel) onFormatChanged() { p.status.SetText("") }

// selectedRegions is the region picker's choice as a region list and the
// export scope.
func (p *panel) selectedRegions() ([]calendar.Region, string) {
	i := p.region.SelectedIndex()
	switch {
	case i <= 0:
		return nil, ""
	case len(p.cfg.Regions) > 1 && i == 1:
		return p.cfg.Regions, "all-regions"
	}
	r := p.cfg.Regions[i-len(p.regionOptions())+len(p.cfg.Regions)]
	return []calendar.Region{r}, r.Name
}

func (p *panel) selectedFormat() export.Format {
	if i := p.format.SelectedIndex(); i >= 0 {
		return export.Formats()[i]
	}
	return export.FormatICS
}

// refresh recomputes the windows from the form and shows them.
func (p *panel) refresh() {
	p.ok = false
	p.windows = nil
	p.save.Disable()
	p.copy.Disable()
	from, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(p.from.Text), p.cfg.Zone)
	if err != nil {
		p.showProblem(lang.L("The start date must be written as YYYY-MM-DD."))
		return
	}
	days := rangeDays()[max(0, p.length.SelectedIndex())]
	to := from.AddDate(0, 0, days)
	regions, _ := p.selectedRegions()
	p.outZone = p.cfg.Zone
	if len(regions) == 1 {
		if loc, err := regions[0].Location(); err == nil {
			p.outZone = loc
		}
	}
	occs, err := p.src(from, to)
	if err != nil {
		p.showProblem(lang.L("The schedule could not be read: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	opts := availability.Options{Zone: p.cfg.Zone, Blocking: p.cfg.Blocking, Regions: regions}
	if p.cfg.Holidays != nil && len(regions) > 0 {
		opts.Holidays = p.cfg.Holidays(regions, from, to)
	}
	windows, err := availability.Compute(occs, from, to, opts)
	if err != nil {
		p.showProblem(err.Error())
		return
	}
	p.windows, p.fromT, p.toT, p.ok = windows, from, to, true
	text, err := p.text()
	if err != nil {
		p.showProblem(err.Error())
		return
	}
	total := availability.Total(windows)
	p.summary.SetText(lang.L("{{.Count}} windows, {{.Hours}} h {{.Minutes}} min in total, times in {{.Zone}}", map[string]any{
		"Count": len(windows), "Hours": int(total.Hours()), "Minutes": int(total.Minutes()) % 60, "Zone": p.outZone.String()}))
	if len(windows) == 0 {
		text = lang.L("No available time in this range.")
	}
	p.preview.SetText(strings.TrimSuffix(text, "\n"))
	p.status.SetText("")
	p.save.Enable()
	if len(windows) > 0 {
		p.copy.Enable()
	}
}

func (p *panel) showProblem(msg string) {
	p.summary.SetText("")
	p.preview.SetText("")
	p.status.SetText(msg)
}

// text is the windows as chat/e-mail lines in the output zone.
func (p *panel) text() (string, error) {
	var buf bytes.Buffer
	if err := export.WriteText(&buf, p.windows, export.Options{Zone: p.outZone, Lang: p.cfg.Lang}); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// options are the export options of the current choice.
func (p *panel) options() export.Options {
	_, scope := p.selectedRegions()
	zone := p.outZone
	if zone == time.Local || zone.String() == "Local" {
		zone = time.UTC // no TZID for an unnamed zone; UTC is exact
	}
	return export.Options{Zone: zone, From: p.fromT, To: p.toT, Summary: lang.L("Available"),
		Lang: p.cfg.Lang, Scope: scope, Now: p.cfg.Now()}
}

// render writes the current windows in the chosen format.
func (p *panel) render(w io.Writer) error {
	return export.Write(w, p.selectedFormat(), p.windows, p.options())
}

func (p *panel) onCopyTapped() {
	if !p.ok {
		return
	}
	text, err := p.text()
	if err != nil {
		p.status.SetText(err.Error())
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(text)
	p.status.SetText(lang.L("Copied {{.Count}} windows as text.", map[string]any{"Count": len(p.windows)}))
}

func (p *panel) onSaveTapped() {
	if !p.ok {
		return
	}
	d := dialog.NewFileSave(p.onSaveChosen, p.win)
	d.SetFileName("availability" + p.selectedFormat().Ext())
	d.Show()
}

// onSaveChosen writes the export to the file the agent chose. A local file
// is replaced atomically (export.WriteFile); other URIs get the bytes
// through the writer the dialog opened.
func (p *panel) onSaveChosen(w fyne.URIWriteCloser, err error) {
	if err != nil {
		p.status.SetText(lang.L("The file could not be opened: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	if w == nil {
		return // cancelled
	}
	var buf bytes.Buffer
	if err := p.render(&buf); err != nil {
		w.Close()
		p.status.SetText(err.Error())
		return
	}
	uri := w.URI()
	if uri.Scheme() == "file" {
		w.Close()
		err = export.WriteFile(uri.Path(), func(out io.Writer) error {
			_, err := out.Write(buf.Bytes())
			return err
		})
	} else {
		_, err = w.Write(buf.Bytes())
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		p.status.SetText(lang.L("The file could not be saved: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	p.status.SetText(lang.L("Saved {{.Count}} windows to {{.File}}.", map[string]any{"Count": len(p.windows), "File": uri.Name()}))
}
