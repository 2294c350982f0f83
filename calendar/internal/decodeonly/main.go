// Command decodeonly is the floor the benchmarks compare "shiftdesk agenda"
// with, as whole processes: it only decodes a feed file with go-ical (no
// zones, no expansion, no output) and prints the number of components.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/emersion/go-ical"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: decodeonly FEED.ics")
		os.Exit(2)
	}
	n, err := decode(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "decodeonly:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

// decode decodes every VCALENDAR of the file and counts their children.
func decode(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	dec := ical.NewDecoder(f)
	n := 0
	for {
		cal, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n += len(cal.Children)
	}
}
