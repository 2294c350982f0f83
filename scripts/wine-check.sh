#!/usr/bin/env bash
# wine-check.sh EXE LINUX_BINARY — exercise the Windows build under wine.
#
# In a throwaway WINEPREFIX, with the test-only bcryptprimitives.dll stub
# (tools/wine/bcryptstub) in its system32, run
#   shiftdesk.exe version
#   shiftdesk.exe agenda --json --from 2026-10-19 --to 2026-11-02 --zone Europe/Stockholm FEED
# and compare stdout and exit status byte for byte with the Linux binary.
# Then check the Windows keyring: a feed password goes to Credential Manager
# and into no file, one over 2,560 bytes is refused, removal deletes it.
# FEED is tools/wine/testdata/wfm_export_stockholm.ics, a copy of the shared
# corpus feed (UTC times, a DST change, folded UTF-8); a second agenda run on
# exchange_aus_eastern_no_vtimezone.ics (a Windows zone name, no VTIMEZONE)
# proves that zones resolve from the zone database embedded in the exe.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ $# -ne 2 ]; then
	echo "usage: scripts/wine-check.sh EXE LINUX_BINARY" >&2
	exit 2
fi
exe=$(realpath -- "$1")
lin=$(realpath -- "$2")
die() {
	echo "wine-check: $*" >&2
	exit 1
}
[ -f "$exe" ] || die "$1 not found (make dist builds it)"
[ -x "$lin" ] || die "$2 is not an executable"

wine=
for w in wine64 /usr/lib/wine/wine64 wine; do
	if command -v "$w" >/dev/null 2>&1; then
		wine=$(command -v "$w")
		break
	fi
done
[ -n "$wine" ] || die "wine is missing: install the Debian packages wine64 and wine"
command -v x86_64-w64-mingw32-gcc >/dev/null ||
	die "x86_64-w64-mingw32-gcc is missing (for the bcryptprimitives stub): install the Debian package gcc-mingw-w64-x86-64"

work=$(mktemp -d "${TMPDIR:-/tmp}/shiftdesk-wine.XXXXXX")
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer dialogs in the throwaway prefix; no display.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
server=$(command -v wineserver || true)
cleanup() {
	[ -z "$server" ] || "$server" -k >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "wine-check: $("$wine" --version 2>/dev/null || echo wine), prefix $WINEPREFIX"
timeout 300 "$wine" wineboot --init >"$work/wineboot.log" 2>&1 || {
	tail -n 20 "$work/wineboot.log" >&2
	die "wineboot --init failed"
}
[ -z "$server" ] || timeout 120 "$server" -w || true
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || die "no $sys32 after wineboot"

if [ ! -e "$sys32/bcryptprimitives.dll" ] || grep -q 'Wine placeholder DLL' "$sys32/bcryptprimitives.dll" 2>/dev/null; then
	echo "wine-check: building the bcryptprimitives.dll stub (tools/wine/bcryptstub)"
	x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -static-libgcc -o "$work/bcryptprimitives.dll" \
		tools/wine/bcryptstub/bcryptprimitives.c tools/wine/bcryptstub/bcryptprimitives.def -lbcrypt
	cp "$work/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll"
fi

home=$work/home
mkdir -p "$home"
feeddir=$root/tools/wine/testdata
fail=0

# compare NAME ARGS...: run both binaries from the feed's folder (relative
# paths, so any path they print is the same) and compare stdout and status.
compare() {
	local name=$1
	shift
	local lrc=0 wrc=0
	(cd "$feeddir" && env HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
		XDG_DATA_HOME="$home/data" TZ=UTC timeout 120 "$lin" "$@") >"$work/$name.linux" 2>"$work/$name.linux.err" || lrc=$?
	(cd "$feeddir" && TZ=UTC timeout 300 "$wine" "$exe" "$@") >"$work/$name.wine" 2>"$work/$name.wine.err" || wrc=$?
	echo "wine-check: $name: shiftdesk $*"
	echo "  linux: exit $lrc, $(wc -c <"$work/$name.linux") bytes, sha256 $(sha256sum <"$work/$name.linux" | cut -c1-16)"
	echo "  wine:  exit $wrc, $(wc -c <"$work/$name.wine") bytes, sha256 $(sha256sum <"$work/$name.wine" | cut -c1-16)"
	if [ "$lrc" -ne 0 ]; then
		echo "  the Linux binary failed: $(head -c 400 "$work/$name.linux.err")"
		fail=1
		return
	fi
	if [ "$lrc" -eq "$wrc" ] && cmp -s "$work/$name.linux" "$work/$name.wine"; then
		local n
		n=$(grep -c '"summary"' "$work/$name.linux" || true)
		if [ "$n" -gt 0 ]; then
			echo "  identical: $n occurrences"
		else
			echo "  identical: $(head -n 1 "$work/$name.linux" | cut -c1-100)"
		fi
	else
		echo "  DIFFERENT (exit $lrc vs $wrc); wine stderr: $(head -c 400 "$work/$name.wine.err")"
		diff -u "$work/$name.linux" "$work/$name.wine" | head -n 30 || true
		fail=1
	fi
}

compare version version
compare agenda agenda --json --from 2026-10-19 --to 2026-11-02 --zone Europe/Stockholm wfm_export_stockholm.ics
# A Windows zone name without VTIMEZONE (CLDR table), AU DST start, agent in Manila.
compare agenda-windows-zone agenda --json --from 2026-09-21 --to 2026-10-19 --zone Asia/Manila \
	exchange_aus_eastern_no_vtimezone.ics

# keyring_check: feed credentials go to Windows Credential Manager (go-keyring's
# wincred backend; wine keeps it, encrypted, under HKCU\Software\Wine\Credential
# Manager), never into Shiftdesk's files; a secret over 2,560 bytes is refused
# with a message that says so; removing the feed removes the credential.
keyring_check() {
	local creds='HKCU\Software\Wine\Credential Manager' rc=0 pw=wine-check-pw-7f3a
	echo "wine-check: keyring: Windows Credential Manager"
	(cd "$work" && printf '%s\n' "$pw" | timeout 120 "$wine" "$exe" feeds add https://cal.example.invalid/agent.ics \
		--name winecheck --user agent --password-stdin) >"$work/kr.out" 2>"$work/kr.err" || rc=$?
	[ "$rc" -eq 0 ] || {
		echo "  feeds add with a password: exit $rc: $(head -c 300 "$work/kr.err")"
		return 1
	}
	"$wine" reg query "$creds" /s >"$work/kr.reg" 2>/dev/null || true
	grep -q 'Generic: Shiftdesk' "$work/kr.reg" || {
		echo "  feeds add: no Shiftdesk credential in Credential Manager"
		return 1
	}
	# The settings are under drive_c (%AppData%): the feed is there, its password not.
	grep -rqaF cal.example.invalid "$WINEPREFIX/drive_c" || {
		echo "  feeds add: the feed is in no file under drive_c (where did the settings go?)"
		return 1
	}
	if grep -rqaF "$pw" "$WINEPREFIX/drive_c"; then
		echo "  the password is in a file under drive_c: $(grep -rlaF "$pw" "$WINEPREFIX/drive_c" | head -n 3)"
		return 1
	fi
	echo "  feeds add --password-stdin: stored in Credential Manager, in no file"
	rc=0
	(cd "$work" && head -c 3000 /dev/zero | tr '\0' x | timeout 120 "$wine" "$exe" feeds add \
		https://cal2.example.invalid/big.ics --name winecheckbig --user agent --password-stdin) \
		>"$work/kr.out" 2>"$work/kr.err" || rc=$?
	if [ "$rc" -eq 0 ] || ! grep -q 2560 "$work/kr.err"; then
		echo "  a 3000-byte password: exit $rc, want a refusal naming the 2560-byte limit: $(head -c 300 "$work/kr.err")"
		return 1
	fi
	if (cd "$work" && timeout 120 "$wine" "$exe" feeds list 2>/dev/null) | grep -q winecheckbig; then
		echo "  the refused feed was added anyway"
		return 1
	fi
	echo "  3000-byte password refused: $(head -n 1 "$work/kr.err" | cut -c1-160)"
	rc=0
	(cd "$work" && timeout 120 "$wine" "$exe" feeds remove winecheck) >"$work/kr.out" 2>"$work/kr.err" || rc=$?
	"$wine" reg query "$creds" /s >"$work/kr.reg" 2>/dev/null || true
	if [ "$rc" -ne 0 ] || grep -q 'Generic: Shiftdesk' "$work/kr.reg"; then
		echo "  feeds remove: exit $rc, credential left behind: $(grep 'Generic: Shiftdesk' "$work/kr.reg" | head -n 2)"
		return 1
	fi
	echo "  feeds remove: credential deleted"
}
keyring_check || fail=1

if [ "$fail" -ne 0 ]; then
	die "FAIL: see above"
fi
echo "wine-check: PASS: shiftdesk.exe under wine matches the Linux binary; its keyring is Credential Manager"
