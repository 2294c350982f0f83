package app

import "fmt"

// runAgenda is a placeholder until the agenda command lands.
func runAgenda(env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "shiftdesk: agenda is not available yet")
	return 1
}
