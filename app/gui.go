package app

import (
	"fmt"
	"os"
	"runtime"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// hasDisplay reports whether a window can be opened: on Linux and the BSDs
// an X11 or Wayland display must be named.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// runGUI opens the main window and returns when it is closed.
func runGUI(env Env) int {
	if !hasDisplay() {
		fmt.Fprintln(env.Stderr, "shiftdesk: no display: set DISPLAY or use a subcommand (shiftdesk help)")
		return 1
	}
	a := fyneapp.NewWithID(env.Info.ID)
	w := a.NewWindow(env.Info.Name)
	w.SetContent(widget.NewLabel("Demo schedule — add your feed"))
	w.ShowAndRun()
	return 0
}
