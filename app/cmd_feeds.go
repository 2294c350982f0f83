package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/shiftdesk/shiftdesk/app/caldav"
	"github.com/shiftdesk/shiftdesk/app/feeds"
	"github.com/shiftdesk/shiftdesk/app/secrets"
	"github.com/shiftdesk/shiftdesk/app/settings"
)

// runFeeds manages the subscribed feeds: add, list, remove (and rename,
// enable, disable, confirm, keep). Secrets go to the OS keyring.
func runFeeds(env Env, args []string) int {
	return runFeedsWith(env, args, secrets.NewKeyring())
}

const feedsUsage = `usage: shiftdesk feeds add URL [--name N] [--user U] [--password-stdin | --token-stdin] [--calendar NAME]
       shiftdesk feeds add --url-stdin [--name N] [--user U] [--password-stdin | --token-stdin] [--calendar NAME]
       shiftdesk feeds list
       shiftdesk feeds remove NAME
       shiftdesk feeds rename NAME NEW-NAME
       shiftdesk feeds enable NAME | disable NAME
       shiftdesk feeds confirm NAME | keep NAME   (a download held back: empty, or unreadable events)
       shiftdesk feeds restore   (the feeds of a config file that could not be read)
A private address (a ?token=, a private-... path, user:password@) belongs on
standard input, not on the command line, where the shell history and the
process list keep it: --url-stdin reads it from the first line, and the
password or token of --password-stdin or --token-stdin from the second:
       shiftdesk feeds add --url-stdin --name Work < address.txt
       (paste the address, Enter, Ctrl-D, when standard input is the terminal)
The address's secrets, passwords and tokens go to the OS keyring.`

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
	if sub == "rename" {
		if err := feeds.CheckName(strings.TrimSpace(rest[1])); err != nil {
			fmt.Fprintln(env.Stderr, "shiftdesk feeds rename:", strings.TrimPrefix(err.Error(), "feeds: "))
			return 2
		}
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
	urlStdin := fs.Bool("url-stdin", false, "read the address from the first line of standard input (the way for a private address)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input (the second line with --url-stdin)")
	tokStdin := fs.Bool("token-stdin", false, "read a bearer token from standard input (the second line with --url-stdin)")
	calName := fs.String("calendar", "", "a CalDAV server's calendar to read (default: its only one)")
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
	if msg := addUsageProblem(len(positional), *urlStdin, *pwStdin, *tokStdin, *user); msg != "" {
		fmt.Fprintf(env.Stderr, "shiftdesk feeds add: %s\n%s\n", msg, feedsUsage)
		return 2
	}
	if err := feeds.CheckName(strings.TrimSpace(*name)); err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds add:", strings.TrimPrefix(err.Error(), "feeds: "))
		return 2
	}
	if err := feeds.CheckColor(*color); err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds add:", strings.TrimPrefix(err.Error(), "feeds: "))
		return 2
	}
	var wanted []string
	if *urlStdin {
		wanted = append(wanted, "feed address")
	}
	if *pwStdin || *tokStdin {
		wanted = append(wanted, map[bool]string{true: "password", false: "token"}[*pwStdin])
	}
	lines, err := readStdinLines(env.Stdin, wanted)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds add:", err)
		return 1
	}
	raw := ""
	if *urlStdin {
		raw, lines = lines[0], lines[1:]
	} else {
		raw = positional[0]
	}
	// Refuse a bad address before touching the keyring or the disk.
	if err := feeds.CheckURL(raw); err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	nf := feeds.NewFeed{URL: raw, Name: *name, User: *user, Color: *color}
	switch {
	case *pwStdin:
		nf.Password = lines[0]
	case *tokStdin:
		nf.Token = lines[0]
	}
	calTitle, err := detectCalDAV(env, &nf, *calName)
	if err != nil {
		hint := ""
		if errors.Is(err, caldav.ErrNoCalendar) {
			hint = " (choose one with --calendar NAME)"
		}
		fmt.Fprintf(env.Stderr, "shiftdesk feeds add: %v%s\n", err, hint)
		return 1
	}
	m, err := openFeeds(env, store)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	if calTitle != "" && *name == "" {
		nf.Name = calTitle
	}
	f, err := m.Add(nf)
	if err != nil {
		fmt.Fprintln(env.Stderr, "shiftdesk:", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "added %s (%s); run \"shiftdesk sync\" to download it\n", f.Name, f.URL)
	if !*urlStdin && (f.SecretInURL || f.Auth == settings.AuthBasic && *user == "") {
		fmt.Fprintln(env.Stderr, "shiftdesk feeds add: the address holds a secret, now in the keyring; it may also be in your shell history: next time give it on standard input with --url-stdin")
	}
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

// addUsageProblem says what is wrong with how "feeds add" was called, or
// "" when nothing is. It names no argument: one may be a secret address.
func addUsageProblem(nargs int, urlStdin, pwStdin, tokStdin bool, user string) string {
	switch {
	case urlStdin && nargs > 0:
		return "give the address either on standard input (--url-stdin) or as an argument, not both"
	case !urlStdin && nargs != 1:
		return fmt.Sprintf("give exactly one URL or file path, or --url-stdin (got %d arguments)", nargs)
	case pwStdin && tokStdin:
		return "use --password-stdin or --token-stdin, not both"
	case pwStdin && user == "":
		return "--password-stdin needs --user"
	}
	return ""
}

// readStdinLines reads one line of r for each of wanted (what the line
// holds, for the message when it is missing), without line endings. It
// reads nothing when nothing is wanted.
func readStdinLines(r io.Reader, wanted []string) ([]string, error) {
	if len(wanted) == 0 {
		return nil, nil
	}
	if r == nil {
		return nil, errors.New("nothing on standard input")
	}
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	lines := strings.Split(string(data), "\n")
	out := make([]string, len(wanted))
	for i, what := range wanted {
		if i < len(lines) {
			out[i] = strings.TrimRight(lines[i], "\r") // a password may end in a space
		}
		if out[i] == "" {
			return nil, fmt.Errorf("standard input has no %s on line %d: pipe in the %s", what, i+1, strings.Join(wanted, ", then the "))
		}
	}
	return out, nil
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
		fmt.Fprintf(w, "%s (%s)\n", oneLine(st.Feed.Name), on)
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

// oneLine shows s on one line: a control character (in a name written
// into the config by hand) is shown as "?", so it cannot fake lines.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp) {
			return '?'
		}
		return r
	}, s)
}
