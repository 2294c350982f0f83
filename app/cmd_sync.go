package app

import "fmt"

// runSync is a placeholder until the sync command lands.
func runSync(env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "shiftdesk: sync is not available yet")
	return 1
}
