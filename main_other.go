//go:build !windows

package main

import "os"

// consoleStreams returns where a run prints: the process's standard output
// and error (only the Windows GUI build needs to find its console).
func consoleStreams([]string) (stdout, stderr *os.File) {
	return os.Stdout, os.Stderr
}
