#!/bin/sh
# Runs the keyring integration test against a real Secret Service:
# gnome-keyring-daemon in a private D-Bus session, unlocked with a throwaway
# password. Exits non-zero when the test fails or cannot run.
set -eu
cd "$(dirname "$0")/.."
for tool in dbus-run-session gnome-keyring-daemon go; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "test-keyring: $tool is not installed" >&2
		exit 1
	fi
done
# A private HOME so the test keyring never touches the user's own.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/run" "$tmp/data" && chmod 700 "$tmp/run"
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}" GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}" GOPATH="${GOPATH:-$(go env GOPATH)}"
# The inner script is single-quoted on purpose: it expands in the session.
# shellcheck disable=SC2016
HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" \
	dbus-run-session -- sh -c '
		eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
		go test -count=1 -v -tags keyring_integration -run Keyring ./app/secrets/... ./app/feeds/...
	'
