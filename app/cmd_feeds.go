package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
)

// runFeeds manages the subscribed feeds: add, list, remove (and rename,
// enable, disable, confirm, keep). Secrets go to the OS keyring.
func runFeeds(env Env, args []string) int {
	return runFeedsWith(env, args, secrets.NewKeyring())
}

const feedsUsage = `usage: shiftdesk feeds add URL [--name N] [--user U] [--password-stdin | --token-stdin]
       shiftdesk feeds list
       shiftdesk feeds remove NAME
       shiftdesk feeds rename NAME NEW-NAME
       shiftdesk feeds enable NAME | disable NAME
       shiftdesk feeds confirm NAME | keep NAME   (a download held back: empty, or unreadable events)
       shiftdesk feeds restore   (the feeds of a config file that could not be read)`

// runFeedsWith is runFeeds with store as the keyring.
func runFeedsWith(env Env, args []string, store secrets.Store) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds: say what to do")
		fmt.Fprintln(env.Stderr, feedsUsage)
		return 2
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "add", "list", "remove", "rename", "enable", "disable", "confirm", "keep", "restore":
	case "-h", "--help", "help":
		fmt.Fprintln(env.Stdout, feedsUsage)
		return 0
	default:
		fmt.Fprintf(env.Stderr, "shiftdesk feeds: unknown action %q\n%s\n", sub, feedsUsage)
		return 2
	}
	if sub == "add" {
		return feedsAdd(env, rest, store)
	}
	want := map[string]int{"list": 0, "restore": 0, "remove": 1, "rename": 2, "enable": 1, "disable": 1, "confirm": 1, "keep": 1}[sub]
	if len(rest) != want {
		fmt.Fprintf(env.Stderr, "shiftdesk feeds %s: expected %d argument(s), got %d\n%s\n", sub, want, len(rest), feedsUsage)
		return 2
	}
	m, err := openFeeds(env, store)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	switch sub {
	case "list":
		listFeeds(env.Stdout, m)
		return 0
	case "remove":
		err = m.Remove(rest[0])
		if err == nil {
			fmt.Fprintf(env.Stdout, "removed %s\n", rest[0])
		}
	case "rename":
		err = m.Rename(rest[0], rest[1])
	case "enable", "disable":
		err = m.SetEnabled(rest[0], sub == "enable")
	case "confirm":
		err = m.Confirm(rest[0])
	case "keep":
		err = m.Reject(rest[0])
	case "restore":
		err = restoreFeeds(env.Stdout, m)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	return 0
}

func feedsAdd(env Env, args []string, store secrets.Store) int {
	fs := flag.NewFlagSet("feeds add", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	name := fs.String("name", "", "feed name (default: from the address)")
	user := fs.String("user", "", "user name for basic sign-in")
	color := fs.String("color", "", "colour, #rrggbb")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	tokStdin := fs.Bool("token-stdin", false, "read a bearer token from standard input")
	var positional []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fmt.Fprintf(env.Stderr, "shiftdesk feeds add: give exactly one URL or file path (got %d)\n%s\n", len(positional), feedsUsage)
		return 2
	}
	if *pwStdin && *tokStdin {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds add: use --password-stdin or --token-stdin, not both")
		return 2
	}
	// Refuse a bad address before touching the keyring or the disk.
	if err := feeds.CheckURL(positional[0]); err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	nf := feeds.NewFeed{URL: positional[0], Name: *name, User: *user, Color: *color}
	if *pwStdin || *tokStdin {
		secret, err := readSecret(env.Stdin)
		if err != nil {
			fmt.Fprintln(env.Stderr, "shiftdesk feeds add:", err)
			return 1
		}
		if *pwStdin {
			if *user == "" {
				fmt.Fprintln(env.Stderr, "shiftdesk feeds add: --password-stdin needs --user")
				return 2
			}
			nf.Password = secret
		} else {
			nf.Token = secret
		}
	}
	m, err := openFeeds(env, store)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	f, err := m.Add(nf)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "added %s (%s); run \"shiftdesk sync\" to download it\n", f.Name, f.URL)
	return 0
}

// restoreFeeds brings back the feeds of an unreadable config file's
// backup and says which.
func restoreFeeds(w io.Writer, m *feeds.Manager) error {
	added, err := m.Restore()
	if err != nil {
		return err
	}
	if len(added) == 0 {
		fmt.Fprintln(w, "The backup holds no feed that is not already subscribed.")
		return nil
	}
	for _, f := range added {
		fmt.Fprintf(w, "restored %s (%s)\n", f.Name, f.URL)
	}
	return nil
}

// readSecret reads one secret from r: the first line, without its line
// ending.
func readSecret(r io.Reader) (string, error) {
	if r == nil {
		return "", errors.New("nothing on standard input")
	}
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", errors.New("standard input is empty: pipe the password or token in")
	}
	return line, nil
}

func authWords(f settings.Feed) string {
	var parts []string
	switch f.Auth {
	case settings.AuthBasic:
		parts = append(parts, "password for "+f.User+" (in the keyring)")
	case settings.AuthBearer:
		parts = append(parts, "token (in the keyring)")
	}
	if f.SecretInURL {
		parts = append(parts, "secret address (in the keyring)")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// listFeeds prints each feed, its redacted address and its state.
func listFeeds(w io.Writer, m *feeds.Manager) {
	list := m.Feeds()
	if len(list) == 0 {
		fmt.Fprintln(w, "No feeds yet. Add one: shiftdesk feeds add URL")
		return
	}
	loc := m.Settings().Location()
	for _, st := range list {
		on := "enabled"
		if !st.Feed.Enabled {
			on = "disabled"
		}
		fmt.Fprintf(w, "%s (%s)\n", st.Feed.Name, on)
		fmt.Fprintf(w, "  address: %s\n", st.Feed.URL)
		fmt.Fprintf(w, "  sign-in: %s\n", authWords(st.Feed))
		fmt.Fprintf(w, "  status:  %s\n", st.Status)
		if st.Cached {
			// Its own line: the status may end in a question about an
			// empty download, which the count must not seem to answer.
			fmt.Fprintf(w, "  copy:    %d events, downloaded %s\n", st.Events, st.FetchedAt.In(loc).Format("Mon 2 Jan 15:04"))
		}
		if !st.NextSync.IsZero() {
			fmt.Fprintf(w, "  next:    %s\n", st.NextSync.In(loc).Format("Mon 2 Jan 15:04"))
		}
	}
}
