# Shiftdesk — the two commands of the README, and a few more for developers.
#
#   make run     install what is missing, build, start the app
#   make test    install what is missing, run every check (what CI runs)
#   make dist    release artifacts in build/dist (Linux .tar.xz, Windows .exe, SHA256SUMS)
#   make smoke   the GUI smoke test of build/shiftdesk under Xvfb
#   make wine    the Windows exe under wine against the Linux binary
#   make clean   remove build/

SHELL := /bin/bash
BIN := build/shiftdesk

.PHONY: run test build dist smoke wine deps clean help

run:
	@scripts/deps.sh run
	go build -o $(BIN) .
	./$(BIN)

test:
	@scripts/test.sh

build:
	@scripts/deps.sh run
	go build -o $(BIN) .

dist: build
	@scripts/dist.sh

smoke: build
	@scripts/smoke.sh $(BIN) build/screenshots

wine: build
	@scripts/wine-check.sh build/dist/shiftdesk.exe $(BIN)

deps:
	@scripts/deps.sh test

clean:
	rm -rf build

help:
	@sed -n '3,9p' Makefile | sed 's/^# *//'
