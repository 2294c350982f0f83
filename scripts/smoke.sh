#!/usr/bin/env bash
# smoke.sh BINARY [SCREENSHOT_DIR] — the GUI smoke test of a real Shiftdesk binary.
#
# 1. Bad input: with no display the binary prints the no-display message and
#    exits non-zero; an unknown subcommand or flag prints one line plus the
#    usage and exits 2.
# 2. The window: start Xvfb on a free display, run the binary with a
#    throwaway HOME and XDG dirs and a private D-Bus session (never the
#    developer's keyring), wait until its window is mapped, take a
#    screenshot of the screen with imagemagick's import, check that it is
#    not blank (enough distinct colours), end the binary by its PID.
#    SCREENSHOT_DIR/now.png (the demo week), week.png (started with
#    SHIFTDESK_START_SCREEN=week), feeds.png (a profile subscribed to a
#    local feed file, synced in the background, Feeds screen) and
#    customers.png (regions set up with "shiftdesk regions add", Customers
#    screen) must pass.
# 3. The window follows the disk: with the window open on the Feeds screen,
#    "shiftdesk feeds add" in another process subscribes a second feed; the
#    running window must list it within SMOKE_FOLLOW seconds (default 5),
#    as its state dump (SHIFTDESK_STATE_DUMP: the names the Feeds screen
#    lists) and a screenshot that differs from the one before
#    (SCREENSHOT_DIR/live-before.png, live-after.png) show.
# 4. Accessibility (issue 16): week-contrast-dark.png and now-contrast-light.png
#    in the high-contrast themes (chosen in the profile's settings; the
#    dark one must be mostly dark, the light one mostly light), and
#    week-150-LANG.png with the text at 150% in each language (en, sv, nl,
#    fr), each different from the 100% week.png.
#
# Environment: SMOKE_MIN_COLOURS (default 24), SMOKE_TIMEOUT seconds to wait
# for the window (default 60).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: scripts/smoke.sh BINARY [SCREENSHOT_DIR]" >&2
	exit 2
fi
bin=$(realpath -- "$1")
shots=${2:-build/screenshots}
min_colours=${SMOKE_MIN_COLOURS:-24}
wait_s=${SMOKE_TIMEOUT:-60}
[ -x "$bin" ] || {
	echo "smoke: $1 is not an executable" >&2
	exit 1
}
for tool in Xvfb xdotool xwininfo import identify; do
	command -v "$tool" >/dev/null || {
		echo "smoke: $tool not found (run scripts/deps.sh test)" >&2
		exit 1
	}
done
mkdir -p "$shots"

work=$(mktemp -d "${TMPDIR:-/tmp}/shiftdesk-smoke.XXXXXX")
xvfb_pid=
app_pid=
bus_pid=
cleanup() {
	local pid
	for pid in "$app_pid" "$bus_pid" "$xvfb_pid"; do
		[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	rm -rf "$work"
	return 0
}
trap cleanup EXIT

fail() {
	echo "smoke: FAIL: $*" >&2
	exit 1
}

# --- 1. bad input -----------------------------------------------------------
echo "smoke: no display"
rc=0
env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work/home" timeout 20 "$bin" >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -ne 0 ] || fail "with no DISPLAY the binary exited 0"
[ "$rc" -ne 124 ] || fail "with no DISPLAY the binary hung (killed after 20 s)"
grep -q "no display" "$work/err" || fail "with no DISPLAY, stderr lacks 'no display': $(head -c 300 "$work/err")"
echo "smoke: ok: exit $rc, $(head -n 1 "$work/err")"

for bad in frobnicate --frobnicate; do
	echo "smoke: unknown argument $bad"
	rc=0
	env -u DISPLAY timeout 20 "$bin" "$bad" >"$work/out" 2>"$work/err" || rc=$?
	[ "$rc" -eq 2 ] || fail "'shiftdesk $bad' exited $rc, want 2"
	first=$(head -n 1 "$work/err")
	case "$first" in
	*unknown*"$bad"*) ;;
	*) fail "'shiftdesk $bad': first line of stderr does not name it: $first" ;;
	esac
	sed -n 2p "$work/err" | grep -qi usage || fail "'shiftdesk $bad': no usage after the error line"
	echo "smoke: ok: exit 2, $first"
done

# --- 2. the window under Xvfb -------------------------------------------------
# start_xvfb: pick a free display from :90 up (:77 is kept for people) and
# start Xvfb there; sets display and xvfb_pid.
start_xvfb() {
	local n
	for n in $(seq 90 189); do
		[ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
		Xvfb ":$n" -screen 0 1280x860x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
		xvfb_pid=$!
		for _ in $(seq 1 50); do
			if xdpyinfo -display ":$n" >/dev/null 2>&1; then
				display=":$n"
				return 0
			fi
			kill -0 "$xvfb_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
		xvfb_pid=
	done
	fail "could not start Xvfb on any display :90..:189 ($(tail -n 3 "$work/xvfb.log" 2>/dev/null))"
}

# start_bus: a private D-Bus session bus for the app (as on a desktop, but
# not the developer's: no keyring, and no bus autolaunched through X11 that
# would outlive the test); sets bus and bus_pid.
start_bus() {
	command -v dbus-daemon >/dev/null || fail "dbus-daemon not found (Debian package dbus)"
	dbus-daemon --session --nofork --nopidfile --address="unix:path=$work/bus" \
		--print-address=1 >"$work/bus.addr" 2>"$work/bus.log" &
	bus_pid=$!
	for _ in $(seq 1 50); do
		[ -s "$work/bus.addr" ] && break
		sleep 0.1
	done
	bus=$(head -n 1 "$work/bus.addr")
	[ -n "$bus" ] || fail "could not start a private dbus-daemon: $(head -c 300 "$work/bus.log")"
}

# colours FILE: number of distinct colours in an image.
colours() { identify -format '%k' "$1" 2>/dev/null || echo 0; }

# shoot NAME [ENV...]: run the app with a fresh profile, wait for its window,
# screenshot to $shots/NAME.png; returns non-zero with a message on failure.
shoot() {
	local name=$1
	shift
	local home="$work/$name" left=0
	mkdir -p "$home/config" "$home/cache" "$home/data"
	# A window left by an earlier run would be taken for this one's.
	while DISPLAY="$display" xdotool search --onlyvisible --name Shiftdesk >/dev/null 2>&1; do
		left=$((left + 1))
		[ "$left" -le 50 ] || {
			echo "smoke: $name: a Shiftdesk window of an earlier run is still up" >&2
			return 1
		}
		sleep 0.1
	done
	echo "smoke: $name: starting $bin on $display"
	env -u WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS="$bus" DISPLAY="$display" HOME="$home" XDG_CONFIG_HOME="$home/config" \
		XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" \
		"$@" "$bin" >"$work/$name.log" 2>&1 &
	app_pid=$!
	local start=$SECONDS wid=
	while [ $((SECONDS - start)) -lt "$wait_s" ]; do
		kill -0 "$app_pid" 2>/dev/null || {
			cp "$work/$name.log" "$shots/$name.log"
			echo "smoke: $name: the app exited before its window appeared; its output:" >&2
			tail -n 20 "$work/$name.log" >&2
			app_pid=
			return 1
		}
		wid=$(DISPLAY="$display" xdotool search --onlyvisible --name Shiftdesk 2>/dev/null | head -n 1) || true
		[ -n "$wid" ] && break
		sleep 0.5
	done
	[ -n "$wid" ] || {
		echo "smoke: $name: no visible window named Shiftdesk after ${wait_s}s" >&2
		return 1
	}
	echo "smoke: $name: window $wid mapped after $((SECONDS - start))s: $(DISPLAY="$display" xdotool getwindowname "$wid" 2>/dev/null)"
	# The first frames may still be empty: retake until the picture has content.
	local out="$shots/$name.png" n=0
	for _ in $(seq 1 20); do
		sleep 1
		import -display "$display" -window root "$out"
		n=$(colours "$out")
		[ "$n" -ge "$min_colours" ] && break
	done
	import -display "$display" -window "$wid" "$shots/$name-window.png" 2>/dev/null || true
	kill -0 "$app_pid" 2>/dev/null || {
		echo "smoke: $name: the app died while being screenshot; its output:" >&2
		tail -n 20 "$work/$name.log" >&2
		app_pid=
		return 1
	}
	kill "$app_pid"
	for _ in $(seq 1 50); do
		kill -0 "$app_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$app_pid" 2>/dev/null || true
	wait "$app_pid" 2>/dev/null || true
	app_pid=
	cp "$work/$name.log" "$shots/$name.log"
	# A panic, a data race, or a widget touched off the UI goroutine
	# (Fyne's thread check: it should have gone through fyne.Do).
	local bad='^panic:|^fatal error:|DATA RACE|Error in Fyne call thread'
	if grep -qE "$bad" "$work/$name.log"; then
		echo "smoke: $name: the app panicked, raced or broke Fyne's threading rule; its output:" >&2
		grep -E -A 15 "$bad" "$work/$name.log" | head -n 30 >&2
		return 1
	fi
	if [ "$n" -lt "$min_colours" ]; then
		echo "smoke: $name: $out looks blank: $n distinct colours (want >= $min_colours)" >&2
		return 1
	fi
	echo "smoke: $name: ok: $out, $n distinct colours"
}

# subscribe NAME FEED: before the app's first start in profile NAME, add
# FEED (a local file) as the agent would with "shiftdesk feeds add", so the
# window opens from a real subscription and syncs it in the background.
subscribe() {
	local home="$work/$1"
	mkdir -p "$home/config" "$home/cache" "$home/data"
	cp "$2" "$home/work.ics"
	env -u DISPLAY -u WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS="$bus" HOME="$home" XDG_CONFIG_HOME="$home/config" \
		XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" \
		"$bin" feeds add "$home/work.ics" --name Work >"$work/$1-add.log" 2>&1 ||
		fail "feeds add for the $1 run: $(cat "$work/$1-add.log")"
}

# add_regions NAME: before the first start in profile NAME, set up Japan,
# US East and Australia (NSW) with their public holidays as the agent would
# with "shiftdesk regions add", so the Customers screen shows them.
add_regions() {
	local home="$work/$1" spec
	mkdir -p "$home/config" "$home/cache" "$home/data"
	for spec in "Japan Asia/Tokyo 09:00-18:00 JP" "US-East America/New_York 09:00-17:00 US" \
		"Australia Australia/Sydney 09:00-17:00 AU-NSW"; do
		set -- $spec
		env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
			"$bin" regions add "$1" --zone "$2" --days Mon-Fri --hours "$3" --country "$4" >>"$work/regions-add.log" 2>&1 ||
			fail "regions add $1: $(cat "$work/regions-add.log")"
	done
}

start_xvfb
start_bus
shoot now || fail "the main window (now.png)"
shoot week SHIFTDESK_START_SCREEN=week || fail "the Week screen (week.png)"
if cmp -s "$shots/now.png" "$shots/week.png"; then
	fail "week.png is identical to now.png: SHIFTDESK_START_SCREEN=week did not open the Week screen"
fi
here=$(cd "$(dirname "$0")" && pwd)
subscribe feeds "$here/../calendar/testdata/corpus/feeds/wfm_export_stockholm.ics"
shoot feeds SHIFTDESK_START_SCREEN=feeds || fail "the Feeds screen with a subscribed feed (feeds.png)"
add_regions customers
shoot customers SHIFTDESK_START_SCREEN=customers || fail "the Customers screen with regions (customers.png)"

# --- 3. the window follows the disk ------------------------------------------
# in_profile NAME CMD...: run CMD with profile NAME's dirs.
in_profile() {
	local home="$work/$1"
	shift
	env DBUS_SESSION_BUS_ADDRESS="$bus" HOME="$home" XDG_CONFIG_HOME="$home/config" \
		XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" "$@"
}
follow_s=${SMOKE_FOLLOW:-5}
subscribe live "$here/../calendar/testdata/corpus/feeds/wfm_export_stockholm.ics"
cp "$here/../calendar/testdata/corpus/feeds/wfm_export_stockholm.ics" "$work/live/second.ics"
echo "smoke: live: starting $bin on $display (Feeds screen)"
# Started with env directly, not through in_profile: a shell function run
# in the background is a subshell, and $! would be that subshell, not the
# app (killing it would leave the window up for the next screenshots).
home="$work/live"
env -u WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS="$bus" HOME="$home" XDG_CONFIG_HOME="$home/config" \
	XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home" \
	DISPLAY="$display" SHIFTDESK_START_SCREEN=feeds SHIFTDESK_STATE_DUMP="$work/live-state.json" \
	"$bin" >"$work/live.log" 2>&1 &
app_pid=$!
start=$SECONDS wid=
while [ $((SECONDS - start)) -lt "$wait_s" ] && [ -z "$wid" ]; do
	kill -0 "$app_pid" 2>/dev/null || fail "live: the app exited: $(tail -n 20 "$work/live.log")"
	wid=$(DISPLAY="$display" xdotool search --onlyvisible --name Shiftdesk 2>/dev/null | head -n 1) || true
	sleep 0.5
done
[ -n "$wid" ] || fail "live: no visible window after ${wait_s}s"
sleep 3 # let the first background sync settle
import -display "$display" -window root "$shots/live-before.png"
echo "smoke: live: window $wid up; adding a feed from the command line"
in_profile live env -u DISPLAY -u WAYLAND_DISPLAY "$bin" feeds add "$work/live/second.ics" --name "Added Live" \
	>"$work/live-add.log" 2>&1 || fail "live: feeds add: $(cat "$work/live-add.log")"
start=$SECONDS
until grep -q '"Added Live"' "$work/live-state.json" 2>/dev/null; do
	[ $((SECONDS - start)) -lt "$follow_s" ] ||
		fail "live: the running window does not list the feed added from the command line after ${follow_s}s (state: $(cat "$work/live-state.json" 2>/dev/null))"
	sleep 0.2
done
echo "smoke: live: the Feeds screen lists it after $((SECONDS - start))s: $(cat "$work/live-state.json")"
sleep 1
import -display "$display" -window root "$shots/live-after.png"
cmp -s "$shots/live-before.png" "$shots/live-after.png" && fail "live: the screen did not change after the feed was added"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
cp "$work/live.log" "$shots/live.log"
if grep -qE '^panic:|^fatal error:|DATA RACE|Error in Fyne call thread' "$work/live.log"; then
	fail "live: the app panicked, raced or broke Fyne's threading rule: $(head -n 30 "$work/live.log")"
fi
echo "smoke: live: ok"

# configure NAME JSON: before the app's first start in profile NAME, write
# its settings (the fields of app/settings, e.g. theme and text_scale).
configure() {
	local dir="$work/$1/config/shiftdesk"
	mkdir -p "$dir"
	printf '{"version":1,"refresh_minutes":60,"reminders":{"shift_minutes":10,"break_minutes":2,"on_changes":true},"export":{},%s}\n' "$2" >"$dir/config.json"
}

# brightness FILE: the mean brightness of an image, 0 (black) to 1 (white).
brightness() { convert "$1" -colorspace Gray -format '%[fx:mean]' info: 2>/dev/null || echo -1; }

configure week-contrast-dark '"theme":"contrast-dark"'
shoot week-contrast-dark SHIFTDESK_START_SCREEN=week || fail "the Week screen in high contrast, dark (week-contrast-dark.png)"
b=$(brightness "$shots/week-contrast-dark-window.png")
awk -v b="$b" 'BEGIN { exit !(b >= 0 && b < 0.35) }' || fail "week-contrast-dark-window.png is not dark (mean brightness $b)"
configure now-contrast-light '"theme":"contrast-light"'
shoot now-contrast-light || fail "the Now screen in high contrast, light (now-contrast-light.png)"
b=$(brightness "$shots/now-contrast-light-window.png")
awk -v b="$b" 'BEGIN { exit !(b > 0.65) }' || fail "now-contrast-light-window.png is not light (mean brightness $b)"
for lang in en sv nl fr; do
	configure "week-150-$lang" "\"language\":\"$lang\",\"text_scale\":1.5"
	shoot "week-150-$lang" SHIFTDESK_START_SCREEN=week || fail "the Week screen at 150% text in $lang (week-150-$lang.png)"
	if cmp -s "$shots/week.png" "$shots/week-150-$lang.png"; then
		fail "week-150-$lang.png is identical to week.png: the text size did not apply"
	fi
done
echo "smoke: PASS ($bin)"
