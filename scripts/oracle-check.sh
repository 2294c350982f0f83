#!/usr/bin/env bash
# oracle-check.sh [BIN] — do other calendar engines read Shiftdesk's exports
# as the instants Shiftdesk computed?
#
# For a fixed schedule (calendar/export/testdata/dst_week.ics: the week of
# the EU end of DST 2026 with a night shift across it) and, when present,
# a few feeds of ../shared/corpus, it runs
#   BIN export --feed FEED --format json   (the computed windows, UTC)
#   BIN export --feed FEED -o out.ics      (the .ics export)
# then expands out.ics with both reference expanders in ../shared/oracle
# (Mozilla ical.js and python-recurring-ical-events) and with
# "BIN agenda --json" when that command is available, and checks that every
# one gives exactly the computed windows. Exits non-zero on any mismatch.
# When neither node nor the Debian python3-icalendar and
# python3-recurring-ical-events packages are available it says so and
# exits 0 (skipped).
#
# BIN is the built shiftdesk binary; without it the script builds one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
oracle_dir=$root/../shared/oracle
corpus=$root/../shared/corpus/feeds

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bin=${1:-}
if [ -z "$bin" ]; then
	bin=$tmp/shiftdesk
	echo "building $bin"
	go build -o "$bin" .
fi
case $bin in /*) ;; *) bin=$root/$bin ;; esac
[ -x "$bin" ] || { echo "oracle-check: $bin is not an executable"; exit 1; }

# The oracles.
have_js=0 have_py=0
if [ ! -d "$oracle_dir" ]; then
	echo "oracle-check: SKIP: $oracle_dir not found"
	exit 0
fi
if command -v node >/dev/null 2>&1; then
	if [ ! -d "$oracle_dir/node_modules" ] && command -v npm >/dev/null 2>&1; then
		(cd "$oracle_dir" && timeout 300 npm ci --no-audit --no-fund >/dev/null 2>&1) || true
	fi
	if [ -d "$oracle_dir/node_modules/ical.js" ]; then have_js=1; else echo "oracle-check: ical.js is not installed (npm ci in $oracle_dir failed): that oracle is skipped"; fi
else
	echo "oracle-check: node not found: the ical.js oracle is skipped"
fi
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import icalendar, recurring_ical_events' 2>/dev/null; then
	have_py=1
else
	echo "oracle-check: python3-icalendar / python3-recurring-ical-events not installed: the python oracle is skipped"
fi
if [ $have_js = 0 ] && [ $have_py = 0 ]; then
	echo "oracle-check: SKIP: no oracle available (install node, or apt-get install python3-icalendar python3-recurring-ical-events)"
	exit 0
fi

# A private config dir so the user's settings never leak in: the agent's
# zone and two customer regions.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME" "$XDG_CONFIG_HOME/shiftdesk"
write_config() { # write_config ZONE
	cat >"$XDG_CONFIG_HOME/shiftdesk/config.json" <<EOF
{"version": 1, "zone": "$1",
 "regions": [
  {"name": "Japan", "zone": "Asia/Tokyo", "days": [1,2,3,4,5], "open": "09:00", "close": "18:00"},
  {"name": "US East", "zone": "America/New_York", "days": [1,2,3,4,5], "open": "08:00", "close": "17:00"}]}
EOF
}

# compare NAME WANT GOT: the same (start, end) instants, in order.
compare() {
	/usr/bin/env python3 - "$@" <<'EOF'
import json, sys
name, want_path, got_path = sys.argv[1:4]
def load(p):
    with open(p) as f:
        return [(o["start"], o["end"]) for o in json.load(f) if not o.get("all_day")]
want, got = load(want_path), load(got_path)
if want == got:
    sys.exit(0)
print(f"  MISMATCH {name}: {len(got)} instants, want {len(want)}")
for w in sorted(set(want) - set(got)): print("    missing ", *w)
for g in sorted(set(got) - set(want)): print("    extra   ", *g)
sys.exit(1)
EOF
}

fail=0 checked=0
agenda_ok=1
# check LABEL FEED FROM TO ZONE [EXPORT ARGS...]
check() {
	local label=$1 feed=$2 from=$3 to=$4 zone=$5
	shift 5
	write_config "$zone"
	local want=$tmp/want.json out=$tmp/$label.ics n
	"$bin" export --feed "$feed" --from "$from" --to "$to" "$@" --format json >"$want"
	"$bin" export --feed "$feed" --from "$from" --to "$to" "$@" --format ics -o "$out"
	n=$(/usr/bin/env python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$want")
	if [ "$n" -eq 0 ]; then
		echo "  FAIL $label: no windows computed, nothing to compare"
		fail=1
		return
	fi
	local ok=1
	if [ $have_js = 1 ]; then
		(cd "$oracle_dir" && TZ=$zone timeout 60 node expand.js "$out" "$from" "$to") >"$tmp/js.json" || { echo "  FAIL $label: ical.js could not read the export"; ok=0; }
		[ $ok = 0 ] || compare "$label ical.js" "$want" "$tmp/js.json" || ok=0
	fi
	if [ $have_py = 1 ]; then
		timeout 60 /usr/bin/python3 "$oracle_dir/expand.py" "$out" "$from" "$to" "$zone" >"$tmp/py.json" || { echo "  FAIL $label: python could not read the export"; ok=0; }
		[ $ok = 0 ] || compare "$label python" "$want" "$tmp/py.json" || ok=0
	fi
	if [ $agenda_ok = 1 ]; then
		if "$bin" agenda --json --from "$from" --to "$to" --zone "$zone" "$out" >"$tmp/agenda.json" 2>"$tmp/agenda.err"; then
			compare "$label agenda" "$want" "$tmp/agenda.json" || ok=0
		else
			echo "  (shiftdesk agenda --json is not available: $(head -1 "$tmp/agenda.err"); that comparison is skipped)"
			agenda_ok=0
		fi
	fi
	checked=$((checked + 1))
	if [ $ok = 1 ]; then
		echo "  ok   $label: $n windows, same instants from every engine ($(grep -c '^BEGIN:VEVENT' "$out") VEVENTs, TZID $(grep -m1 '^TZID:' "$out" | cut -d: -f2 || echo UTC))"
	else
		fail=1
	fi
}

echo "oracle-check: $bin; oracles:$([ $have_js = 1 ] && echo ' ical.js')$([ $have_py = 1 ] && echo ' python')"
week=calendar/export/testdata/dst_week.ics
check week-stockholm "$week" 2026-10-19 2026-10-26 Europe/Stockholm
check week-japan "$week" 2026-10-19 2026-10-26 Europe/Stockholm --region Japan
check week-all-newyork "$week" 2026-10-19 2026-10-26 Europe/Stockholm --region all --zone America/New_York
check week-utc "$week" 2026-10-19 2026-10-26 Europe/Stockholm --zone UTC
if [ -d "$corpus" ]; then
	check wfm-stockholm "$corpus/wfm_export_stockholm.ics" 2026-10-19 2026-11-02 Europe/Stockholm
	check nextcloud-amsterdam "$corpus/nextcloud_nachtdienst_amsterdam.ics" 2026-10-01 2027-04-01 Europe/Amsterdam
	check google-newyork "$corpus/google_rotation_newyork.ics" 2026-10-01 2027-04-01 America/New_York
else
	echo "  ($corpus not found: corpus feeds skipped)"
fi

if [ $fail != 0 ]; then
	echo "oracle-check: FAIL: an engine reads the export differently from what Shiftdesk computed"
	exit 1
fi
echo "oracle-check: PASS: $checked exports read back as the computed windows"
