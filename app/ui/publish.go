package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
)

// PublishStatus is the state of publishing availability to a CalDAV
// calendar after each sync (app/caldav).
type PublishStatus struct {
	// Calendar is the calendar's address; "" when publishing is off.
	Calendar string
	// At is the last attempt; zero when none yet.
	At time.Time
	// Items is how many windows (or busy blocks) the calendar holds;
	// Created, Updated and Removed what the last publish changed.
	Items, Created, Updated, Removed int
	// Conflicts is how many objects changed on the server were left alone.
	Conflicts int
	// Err is the last publish's error in plain words; "" when it worked.
	Err string
}

// PublishStatusSource is implemented by a Feeds that also publishes
// availability: the Feeds & changes screen then shows its state.
type PublishStatusSource interface {
	PublishStatus() PublishStatus
}

// publishStatusText says in the window's language what the last publish
// did; "" when publishing is off.
func publishStatusText(p PublishStatus, loc Locale) string {
	if p.Calendar == "" {
		return ""
	}
	args := map[string]any{"Calendar": p.Calendar, "When": loc.DayTime(p.At), "Err": p.Err, "N": p.Items,
		"New": p.Created, "Changed": p.Updated, "Removed": p.Removed, "Conflicts": p.Conflicts}
	var s string
	switch {
	case p.At.IsZero():
		return lang.L("Availability is published to {{.Calendar}} after the next sync.", args)
	case p.Err != "":
		return lang.L("Publishing availability to {{.Calendar}} failed at {{.When}}: {{.Err}}", args)
	default:
		s = lang.L("Availability published to {{.Calendar}} at {{.When}}: {{.N}} windows ({{.New}} new, {{.Changed}} changed, {{.Removed}} removed).", args)
	}
	if p.Conflicts > 0 {
		s += " " + lang.L("{{.Conflicts}} changed on the server were left alone; delete them there to let Shiftdesk write them again.", args)
	}
	return s
}
