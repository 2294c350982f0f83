//go:build tools

// This file pins the modules the project depends on before every package
// imports them, and the staticcheck version the test command runs.
package main

import (
	_ "github.com/emersion/go-ical"
	_ "github.com/teambition/rrule-go"
	_ "github.com/zalando/go-keyring"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
