package app

import "fmt"

// runExport is a placeholder until the export command lands.
func runExport(env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "shiftdesk: export is not available yet")
	return 1
}
