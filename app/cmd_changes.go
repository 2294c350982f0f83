package app

import "fmt"

// runChanges is a placeholder until the changes command lands.
func runChanges(env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "shiftdesk: changes is not available yet")
	return 1
}
