// Package app is the Shiftdesk application: it reads the command line and
// runs either the window (no arguments) or a subcommand for scripts. The
// pieces live in sub-packages: settings, secrets, feeds (sync and offline
// cache) and ui (the Fyne screens).
package app

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Info describes the build: it comes from FyneApp.toml.
type Info struct {
	Name    string
	ID      string
	Version string
	Build   int
}

// UserAgent is the User-Agent sent with feed requests.
func (i Info) UserAgent() string { return "Shiftdesk/" + i.Version }

// ParseInfo reads the [Details] section of FyneApp.toml.
func ParseInfo(toml []byte) Info {
	info := Info{Name: "Shiftdesk", Version: "0.0.0"}
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(toml))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), `"`)
		switch k {
		case "Name":
			info.Name = v
		case "ID":
			info.ID = v
		case "Version":
			info.Version = v
		case "Build":
			info.Build, _ = strconv.Atoi(v)
		}
	}
	return info
}

// Env is what a run of Shiftdesk gets from the outside world.
type Env struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Info   Info
}

// command is one subcommand.
type command struct {
	name  string
	usage string // one line: arguments
	help  string // one line: what it does
	run   func(env Env, args []string) int
}

// commands lists the subcommands in help order.
func commands() []command {
	return []command{
		{"agenda", "[--from DATE] [--to DATE] [--zone IANA] [--json] [FEED...]", "print the occurrences of feeds (or the synced feeds) in a window", runAgenda},
		{"feeds", "add URL|--url-stdin [--name N] [--user U] [--password-stdin|--token-stdin] | list | remove NAME", "manage subscribed feeds; a private address goes on standard input (--url-stdin), not the command line", runFeeds},
		{"sync", "[NAME...]", "download the subscribed feeds now", runSync},
		{"hours", "[--from DATE] [--to DATE] [--zone IANA] [--contract HOURS] [--month] [--json] [FEED...]", "scheduled hours per ISO week (or month) with rest warnings", runHours},
		{"changes", "", "show what changed in the next 14 days at the last sync", runChanges},
		{"regions", "add NAME --zone IANA [--days Mon-Fri] [--hours 09:00-18:00] [--country CC] [--holidays URL] [--closed DATE[=NAME]]... | list | remove NAME", "manage customer regions and their holidays", runRegions},
		{"export", "[--from DATE] [--to DATE] [--zone IANA] [--region NAME|all] [--format ics|freebusy|text] [-o FILE] [--feed FILE]... | --publish FILE|URL|off [--user U --password-stdin] [--days N] [--busy]", "export availability (or publish it to FILE or a CalDAV calendar after each sync)", runExport},
		{"version", "", "print the version", runVersion},
		{"help", "", "show this help", runHelp},
	}
}

// Main runs Shiftdesk with env and returns the process exit code:
// 0 success, 1 failure, 2 bad usage.
func Main(env Env) int {
	if len(env.Args) == 0 {
		return runGUI(env)
	}
	name := env.Args[0]
	switch name {
	case "-h", "--help", "-help":
		name = "help"
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(env, env.Args[1:])
		}
	}
	what := "subcommand"
	if strings.HasPrefix(name, "-") {
		what = "flag"
	}
	fmt.Fprintf(env.Stderr, "shiftdesk: unknown %s %q\n", what, name)
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: shiftdesk [COMMAND [ARGS]]")
	fmt.Fprintln(w, "With no command, Shiftdesk opens its window. Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.help)
		if c.usage != "" {
			fmt.Fprintf(w, "           shiftdesk %s %s\n", c.name, c.usage)
		}
	}
}

func runHelp(env Env, _ []string) int {
	usage(env.Stdout)
	return 0
}

func runVersion(env Env, _ []string) int {
	fmt.Fprintf(env.Stdout, "%s %s (build %d)\n", env.Info.Name, env.Info.Version, env.Info.Build)
	return 0
}
