// Package assets embeds what Shiftdesk ships inside its binary: the icon,
// the translations and the demo schedule shown before any feed is added.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// DemoFeed is the demo week: an iCalendar feed of weekly rules, so it always
// shows the current week.
//
//go:embed demo.ics
var DemoFeed []byte

// Translations holds translations/*.json for fyne's lang package.
//
//go:embed translations
var Translations embed.FS
