package app

import (
	"fmt"
	"time"

	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// runChanges prints "What changed" in the next 14 days at the last sync of
// each feed, one change per line. It reads the cache only.
func runChanges(env Env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(env.Stderr, "shiftdesk changes: takes no arguments (got %q)\n", args[0])
		return 2
	}
	m, err := openFeeds(env, secrets.NewKeyring())
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	changes := m.Changes()
	if len(changes) == 0 {
		fmt.Fprintln(env.Stdout, "No changes in the next 14 days at the last sync.")
		return 0
	}
	several := len(m.Feeds()) > 1
	for _, c := range changes {
		if several {
			fmt.Fprintf(env.Stdout, "%s  [%s]\n", c.Line, c.Feed)
		} else {
			fmt.Fprintln(env.Stdout, c.Line)
		}
	}
	for _, line := range shortRestLines(m, changes, time.Now()) {
		fmt.Fprintln(env.Stdout, line)
	}
	return 0
}
