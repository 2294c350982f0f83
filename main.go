// Command shiftdesk is the Shiftdesk desktop app for customer-service
// agents: with no arguments it opens the window, with a subcommand it runs
// that command for scripts (see "shiftdesk help").
package main

import (
	_ "embed"
	"os"

	"github.com/shiftdesk/shiftdesk/app"
)

// fyneApp is the one source of truth for the name, ID and version.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	os.Exit(app.Main(app.Env{
		Args:   os.Args[1:],
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Info:   app.ParseInfo(fyneApp),
	}))
}
