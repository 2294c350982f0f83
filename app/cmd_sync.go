package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
)

// runSync downloads the named feeds (all enabled feeds when none are
// named) and prints one line per feed; it exits 1 when any failed.
func runSync(env Env, args []string) int {
	return runSyncWith(env, args, secrets.NewKeyring())
}

// runSyncWith is runSync with store as the keyring.
func runSyncWith(env Env, args []string, store secrets.Store) int {
	for _, a := range args {
		if len(a) > 1 && a[0] == '-' {
			fmt.Fprintf(env.Stderr, "shiftdesk sync: unknown flag %q\nusage: shiftdesk sync [NAME...]\n", a)
			return 2
		}
	}
	m, err := openFeeds(env, store)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	if len(m.Feeds()) == 0 {
		fmt.Fprintln(env.Stderr, "shiftdesk: no feeds subscribed yet (shiftdesk feeds add URL)")
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	failed := false
	results := m.Sync(ctx, func(r feeds.Result) {
		fmt.Fprintf(env.Stdout, "%s: %s\n", r.Name, r)
		for _, c := range r.Changes {
			fmt.Fprintf(env.Stdout, "  %s\n", c.Line)
		}
		if r.Outcome == feeds.HeldBack {
			what := "the empty feed"
			if r.Lost > 0 {
				what = "the new download and drops those events"
			}
			fmt.Fprintf(env.Stdout, "  shiftdesk feeds confirm %q accepts %s; shiftdesk feeds keep %q keeps the old schedule\n", r.Name, what, r.Name)
		}
		if r.Outcome == feeds.Failed {
			failed = true
		}
	}, args...)
	if err := syncHolidayFeeds(ctx, m.Settings().Regions, env.Info.UserAgent()); err != nil {
		fmt.Fprintf(env.Stderr, "shiftdesk: holiday feeds: %v (the offline copies are kept)\n", err)
	}
	if len(results) == 0 && ctx.Err() == nil {
		fmt.Fprintln(env.Stdout, "Every feed is disabled; nothing to sync (shiftdesk feeds enable NAME).")
	}
	if ctx.Err() != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk: sync interrupted")
		return 1
	}
	if syncedAny(results) {
		n, err := publishAvailability(m.Settings(), m.Occurrences, time.Now())
		if err != nil {
			fmt.Fprintln(env.Stderr, err)
			return 1
		}
		if path := m.Settings().Export.Path; path != "" {
			fmt.Fprintf(env.Stdout, "Published %d available windows to %s\n", n, path)
		}
		failed = publishAfterSync(ctx, env, m, store) || failed
	}
	if failed {
		return 1
	}
	return 0
}

// syncedAny reports whether any feed was synced (updated or not modified),
// the point after which auto-publish rewrites its file.
func syncedAny(rs []feeds.Result) bool {
	for _, r := range rs {
		if r.Outcome == feeds.Updated || r.Outcome == feeds.NotModified {
			return true
		}
	}
	return false
}
