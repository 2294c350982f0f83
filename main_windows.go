//go:build windows

package main

import (
	"os"
	"syscall"
)

// consoleStreams returns where a run prints. The Windows exe is linked as a
// GUI program (-H=windowsgui, so a double-click opens no console window);
// started from cmd.exe or PowerShell it then has no standard handles and a
// subcommand's output would vanish. For a subcommand whose output is not
// redirected, attach to the parent's console and write there. Redirected
// handles (a pipe, a file) are kept as they are.
func consoleStreams(args []string) (stdout, stderr *os.File) {
	stdout, stderr = os.Stdout, os.Stderr
	if len(args) == 0 {
		return stdout, stderr
	}
	outOK, errOK := validStdHandle(syscall.STD_OUTPUT_HANDLE), validStdHandle(syscall.STD_ERROR_HANDLE)
	if outOK && errOK {
		return stdout, stderr
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return stdout, stderr // no parent console: nothing to show it on
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return stdout, stderr
	}
	if !outOK {
		stdout = con
	}
	if !errOK {
		stderr = con
	}
	return stdout, stderr
}

// validStdHandle reports whether the standard handle which leads somewhere:
// a file, a pipe or a console (a GUI program started from a console gets
// none, or one it cannot use).
func validStdHandle(which int) bool {
	h, err := syscall.GetStdHandle(which)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
