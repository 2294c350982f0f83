// Command genoutlook writes the benchmarks' Outlook-style feed to standard
// output: genoutlook [-series N] [-seed S] > outlook.ics.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/shiftdesk/shiftdesk/calendar/internal/benchfeed"
)

func main() {
	n := flag.Int("series", 3000, "number of recurring series")
	seed := flag.Uint64("seed", 1, "random seed (the feed is the same for the same seed)")
	flag.Parse()
	if err := benchfeed.Outlook(os.Stdout, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genoutlook:", err)
		os.Exit(1)
	}
}
