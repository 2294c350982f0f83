package app

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/settings"
	"github.com/shiftdesk/shiftdesk/calendar"
	"github.com/shiftdesk/shiftdesk/calendar/availability"
	"github.com/shiftdesk/shiftdesk/calendar/export"
)

// occurrencesFunc reads occurrences of the synced feeds from the offline
// cache, as (*feeds.Manager).Occurrences does.
type occurrencesFunc func(from, to time.Time, opts calendar.ExpandOptions) ([]calendar.Occurrence, []calendar.Warning)

// publishAvailability is auto-publish: it rewrites, atomically, the file
// chosen in st.Export with the availability of the next st.Export.Days
// days read from occ, so that a calendar app subscribed to that file stays
// current offline. It does nothing (0, nil) when no file is chosen, and
// returns the number of windows written.
func publishAvailability(st settings.Settings, occ occurrencesFunc, now time.Time) (int, error) {
	if st.Export.Path == "" {
		return 0, nil
	}
	agent, err := agentZone(st)
	if err != nil {
		return 0, fmt.Errorf("shiftdesk: auto-publish: %w", err)
	}
	regions, scope, err := pickRegions(st.Regions, st.Export.Region)
	if err != nil {
		return 0, fmt.Errorf("shiftdesk: auto-publish: %w", err)
	}
	outZone, err := exportZone("", agent, regions, scope)
	if err != nil {
		return 0, fmt.Errorf("shiftdesk: auto-publish: %w", err)
	}
	format := export.FormatICS
	if st.Export.Format != "" {
		if format, err = export.ParseFormat(st.Export.Format); err != nil {
			return 0, fmt.Errorf("shiftdesk: auto-publish: %w", err)
		}
	}
	if format == export.FormatICS {
		// As "shiftdesk export" does, minus the warning: a system zone
		// without an IANA name (Windows) gives UTC times, not a failed
		// publish after every sync. Free/busy and text need no TZID.
		outZone, _ = icsZone(outZone)
	}
	src := func(from, to time.Time) ([]calendar.Occurrence, error) {
		o, _ := occ(from, to, calendar.ExpandOptions{Zone: agent, Rules: st.KindRules})
		return o, nil
	}
	windows, err := export.Publish(st.Export.Path, src, export.PublishOptions{
		Days:   st.Export.Days,
		Now:    now,
		Format: format,
		Availability: availability.Options{Zone: agent, Blocking: st.BlockingKinds,
			Regions: regions, Holidays: cachedHolidays(regions, now, now.AddDate(1, 0, 0))},
		Export: export.Options{Zone: outZone, Lang: st.Language, Scope: scope},
	})
	if err != nil {
		return 0, fmt.Errorf("shiftdesk: auto-publish to %s: %w", st.Export.Path, err)
	}
	return len(windows), nil
}

// configurePublish is "shiftdesk export --publish FILE": it stores the
// auto-publish choice (file, days, region, format) in the settings and
// publishes once from the synced feeds (occ), or, with occ nil (no feed
// synced yet), leaves the file to the first sync. "--publish off" stops
// it.
func configurePublish(env Env, m *feeds.Manager, path string, days int, region, format string, occ occurrencesFunc) error {
	st := m.Settings()
	if path == "off" {
		if err := m.UpdateSettings(func(s *settings.Settings) error { s.Export.Path = ""; return nil }); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Auto-publish is off.")
		return nil
	}
	if days <= 0 {
		return badUsage("--days %d: want a number of days above 0", days)
	}
	if _, _, err := pickRegions(st.Regions, region); err != nil {
		return err
	}
	if _, err := export.ParseFormat(format); err != nil {
		return badUsage("unknown format %q for --publish (want ics, freebusy or text)", format)
	}
	if err := checkOutFile("--publish", path); err != nil {
		return err
	}
	// Every later sync rewrites the file, from whatever folder it runs in
	// (the window's is not the shell's): store where it is now.
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("--publish %s: %w", path, err)
	}
	choice := settings.Export{Path: abs, Days: days, Region: region, Format: format}
	store := func() error {
		// Merged into the settings on disk: a running window's edits stay.
		return m.UpdateSettings(func(s *settings.Settings) error { s.Export = choice; return nil })
	}
	if occ == nil {
		if err := store(); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Auto-publish is on: %s is written after the first sync (no feed is synced yet).\n", abs)
		return nil
	}
	st.Export = choice
	n, err := publishAvailability(st, occ, time.Now())
	if err != nil {
		return err
	}
	if err := store(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %d windows to %s; it is rewritten after each sync (shiftdesk export --publish off stops it).\n", n, abs)
	return nil
}
