package app

import "fmt"

// runFeeds is a placeholder until the feeds command lands.
func runFeeds(env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "shiftdesk: feeds is not available yet")
	return 1
}
