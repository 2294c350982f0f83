#!/usr/bin/env bash
# package-check.sh TARBALL — the Linux package works as a user gets it:
# it unpacks to a tree with the binary, the .desktop file and the icon, its
# Makefile installs them (into a DESTDIR), the installed binary reports the
# version of FyneApp.toml, and it passes the GUI smoke test
# (screenshots in build/screenshots/packaged).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ $# -ne 1 ]; then
	echo "usage: scripts/package-check.sh TARBALL" >&2
	exit 2
fi
die() {
	echo "package-check: FAIL: $*" >&2
	exit 1
}
tarball=$(realpath -- "$1")
[ -f "$tarball" ] || die "$1 not found (make dist builds it)"

work=$(mktemp -d "${TMPDIR:-/tmp}/shiftdesk-pkg.XXXXXX")
trap 'rm -rf "$work"' EXIT

tar -C "$work" -xJf "$tarball" || die "cannot unpack $1"
echo "package-check: $(basename "$tarball") unpacks to:"
(cd "$work" && find . -type f | sort | sed 's/^/  /')

one() { # one PATTERN WHAT: the single file of the package matching PATTERN
	local found
	found=$(cd "$work" && find . -type f -path "$1")
	[ -n "$found" ] || die "no $2 in the package (looked for $1)"
	[ "$(echo "$found" | wc -l)" -eq 1 ] || die "more than one $2: $found"
	echo "$work/${found#./}"
}
bin=$(one '*/bin/shiftdesk' binary)
desktop=$(one '*/share/applications/*.desktop' '.desktop file')
icon=$(one '*/share/pixmaps/*.png' icon)
pkgdir=$(one '*/Makefile' Makefile)
pkgdir=$(dirname "$pkgdir")

[ -x "$bin" ] || die "the packaged binary is not executable"
grep -qx 'Name=Shiftdesk' "$desktop" || die ".desktop file lacks Name=Shiftdesk"
grep -qx 'Exec=shiftdesk' "$desktop" || die ".desktop file lacks Exec=shiftdesk"
grep -q '^Icon=' "$desktop" || die ".desktop file lacks Icon="
if command -v desktop-file-validate >/dev/null; then
	desktop-file-validate "$desktop" || die ".desktop file does not validate"
fi
dims=$(identify -format '%wx%h' "$icon" 2>/dev/null || true)
[ -n "$dims" ] || die "the packaged icon is not a readable image"
cmp -s "$icon" assets/icon.png || die "the packaged icon is not assets/icon.png"
echo "package-check: binary, $(basename "$desktop") and icon ($dims) present"

# The package's own Makefile installs it.
make -s -C "$pkgdir" install DESTDIR="$work/dest" PREFIX=/usr >/dev/null || die "make install of the package failed"
for f in usr/bin/shiftdesk "usr/share/applications/$(basename "$desktop")" "usr/share/pixmaps/$(basename "$icon")"; do
	[ -f "$work/dest/$f" ] || die "make install did not install /$f"
done
echo "package-check: make install DESTDIR=… installs bin, .desktop and icon"

want=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
got=$("$work/dest/usr/bin/shiftdesk" version)
case "$got" in
*" $want "* | *" $want") echo "package-check: installed binary: $got" ;;
*) die "installed binary says '$got', FyneApp.toml says $want" ;;
esac

scripts/smoke.sh "$work/dest/usr/bin/shiftdesk" "$root/build/screenshots/packaged"
echo "package-check: PASS"
