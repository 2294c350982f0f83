// Command shiftdesk is the Shiftdesk desktop app for customer-service
// agents: with no arguments it opens the window, with a subcommand it runs
// that command for scripts (see "shiftdesk help").
package main

import (
	_ "embed"
	"os"
	_ "time/tzdata" // zones must resolve on a PC without a zone database (Windows)

	"github.com/shiftdesk/shiftdesk/app"
)

// fyneApp is the one source of truth for the name, ID and version.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	args := os.Args[1:]
	stdout, stderr := consoleStreams(args)
	os.Exit(app.Main(app.Env{
		Args:   args,
		Stdin:  os.Stdin,
		Stdout: stdout,
		Stderr: stderr,
		Info:   app.ParseInfo(fyneApp),
	}))
}
