#!/usr/bin/env bash
# deps.sh — install what Shiftdesk needs and is missing (Debian/Ubuntu).
#
#   scripts/deps.sh run    what building and running the app needs
#   scripts/deps.sh test   also what the whole test suite needs (Xvfb,
#                          imagemagick, Secret Service, oracles, mingw, wine)
#
# Nothing is installed when it is already there: the build libraries are
# looked up with pkg-config, the tools with command -v. apt-get runs through
# sudo when not root. With node available, the shared oracle's npm packages
# are installed once (npm ci in ../shared/oracle).
set -euo pipefail

mode=${1:-run}
case "$mode" in
run | test) ;;
*)
	echo "usage: scripts/deps.sh run|test" >&2
	exit 2
	;;
esac

missing=()
need() { # need PACKAGE... : queue Debian packages for installation
	local p
	for p in "$@"; do
		case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
	done
}
have() { command -v "$1" >/dev/null 2>&1; }

# Build: a C compiler and the GL/X11/Wayland headers go-gl and GLFW use.
have gcc || need gcc
have pkg-config || need pkg-config
if have pkg-config; then
	pkg-config --exists gl || need libgl1-mesa-dev
	pkg-config --exists x11 xrandr xinerama xcursor xi xxf86vm || need xorg-dev
	pkg-config --exists wayland-client wayland-egl || need libwayland-dev
	pkg-config --exists xkbcommon || need libxkbcommon-dev
else
	need libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
fi

if [ "$mode" = test ]; then
	have Xvfb || need xvfb
	{ have import && have identify; } || need imagemagick
	{ have xwininfo && have xdpyinfo; } || need x11-utils
	have xdotool || need xdotool
	have dbus-run-session || need dbus
	have gnome-keyring-daemon || need gnome-keyring
	have xz || need xz-utils
	have sha256sum || need coreutils
	# The export engineer's oracle check runs python-icalendar from Debian.
	if ! /usr/bin/python3 -c 'import icalendar, recurring_ical_events' >/dev/null 2>&1; then
		need python3 python3-icalendar python3-recurring-ical-events
	fi
	# make dist and the wine check (issue 8).
	have x86_64-w64-mingw32-gcc || need gcc-mingw-w64-x86-64
	{ have wine64 || [ -x /usr/lib/wine/wine64 ]; } || need wine64
	have wine || need wine
	# The CalDAV tests run a real Radicale (issue 14).
	have radicale || need radicale
fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	if ! have apt-get; then
		echo "deps: apt-get not found; install these (or your system's equivalents) by hand: ${missing[*]}" >&2
		exit 1
	fi
	sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		if ! have sudo; then
			echo "deps: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
			exit 1
		fi
		sudo=(sudo)
	fi
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
	echo "deps: everything for '$mode' is installed"
fi

# The reference expanders (ical.js) used by the oracle check, when node is here.
oracle=../shared/oracle
if [ "$mode" = test ] && have npm && [ -f "$oracle/package-lock.json" ] && [ ! -d "$oracle/node_modules" ]; then
	echo "deps: npm ci in $oracle"
	(cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error)
fi
