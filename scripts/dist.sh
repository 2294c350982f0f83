#!/usr/bin/env bash
# dist.sh — the release artifacts (issue 8), into build/dist:
#
#   Shiftdesk.tar.xz  Linux package from `fyne package -os linux` (binary,
#                     .desktop file, icon, Makefile for `make install`) of
#                     the same build as build/shiftdesk, stripped
#   shiftdesk.exe     Windows amd64, cgo through mingw-w64, icon + version
#                     resource from `fyne package -os windows --release`,
#                     built with -tags accessibility (Fyne's screen-reader
#                     support; checked with `go version -m`);
#                     signed with osslsigncode when a key is configured
#   SHA256SUMS        sha256sum of both
#
# fyne package writes into its source folder (a .syso resource, and it bumps
# Build in FyneApp.toml), so it runs on throwaway copies, never on the tree.
#
# Signing (optional; never commit a key): SHIFTDESK_SIGN_CERT and
# SHIFTDESK_SIGN_KEY name a certificate and private key (PEM or DER),
# SHIFTDESK_SIGN_PASS is the key's password if it has one, and
# SHIFTDESK_SIGN_TIMESTAMP an RFC 3161 timestamp server URL.
#
# CC_WINDOWS overrides the cross compiler (default x86_64-w64-mingw32-gcc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

FYNE_CLI=fyne.io/tools/cmd/fyne@v1.7.4
MINGW_CC=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
out=build/dist

die() {
	echo "dist: $*" >&2
	exit 1
}

command -v "$MINGW_CC" >/dev/null ||
	die "the Windows cross compiler $MINGW_CC is missing: install the Debian package gcc-mingw-w64-x86-64 (sudo apt-get install gcc-mingw-w64-x86-64)"
command -v xz >/dev/null || die "xz is missing: install the Debian package xz-utils"

version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
[ -n "$version" ] || die "no Version in FyneApp.toml"

work=$(mktemp -d "${TMPDIR:-/tmp}/shiftdesk-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The fyne CLI, built for this machine once (go run would build it for
# GOOS=windows in the cross step).
fyne=$root/build/tools/fyne
if ! [ -x "$fyne" ] || ! go version -m "$fyne" 2>/dev/null | grep -q 'mod[[:space:]]*fyne.io/tools[[:space:]]*v1.7.4'; then
	echo "dist: building the fyne CLI ($FYNE_CLI)"
	env -u GOOS -u GOARCH GOBIN="$root/build/tools" go install "$FYNE_CLI"
fi

rm -rf "$out"
mkdir -p "$out"

# --- Linux -------------------------------------------------------------------
# The same build as build/shiftdesk (same flags, so only the link is new),
# without the symbol table and DWARF.
lin=$work/linux
mkdir -p "$lin/assets" "$lin/bin"
echo "dist: Linux binary (go build -ldflags '-s -w')"
go build -ldflags "-s -w" -o "$lin/bin/shiftdesk" .
echo "dist: Linux package (fyne package -os linux, Shiftdesk $version)"
cp FyneApp.toml go.mod "$lin/"
cp assets/icon.png "$lin/assets/"
# fyne package wants Go code in its source folder; the binary is given.
printf 'package main\n\nfunc main() {}\n' >"$lin/main.go"
(cd "$lin" && "$fyne" package -os linux --executable "$lin/bin/shiftdesk")
[ -f "$lin/Shiftdesk.tar.xz" ] || die "fyne package -os linux made no Shiftdesk.tar.xz"
mv "$lin/Shiftdesk.tar.xz" "$out/Shiftdesk.tar.xz"

# --- Windows -------------------------------------------------------------------
echo "dist: Windows exe (cgo through $MINGW_CC)"
win=$work/windows
mkdir -p "$win"
tar -C "$root" --exclude=./build --exclude=./.git --exclude=node_modules \
	--exclude=./shiftdesk --exclude=./shiftdesk.exe -cf - . | tar -C "$win" -xf -
(cd "$win" && env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC="$MINGW_CC" \
	"$fyne" package -os windows --release --tags accessibility)
[ -f "$win/Shiftdesk.exe" ] || die "fyne package -os windows made no Shiftdesk.exe"
mv "$win/Shiftdesk.exe" "$out/shiftdesk.exe"
# The version resource must carry FyneApp.toml's version (fyne writes x.y.z.build).
build=$(sed -n 's/^[[:space:]]*Build[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' FyneApp.toml | head -n 1)
strings -el "$out/shiftdesk.exe" | grep -qx "$version.$build" ||
	die "shiftdesk.exe has no version resource $version.$build"
echo "dist: shiftdesk.exe carries the version resource $version.$build and the icon"
# Screen readers (UI Automation) need Fyne's accessibility build tag.
go version -m "$out/shiftdesk.exe" | grep -q -- '-tags=accessibility' ||
	die "shiftdesk.exe was not built with -tags accessibility (go version -m shows no -tags=accessibility)"
echo "dist: shiftdesk.exe is built with -tags=accessibility (screen-reader support)"

if [ -n "${SHIFTDESK_SIGN_CERT:-}" ] && [ -n "${SHIFTDESK_SIGN_KEY:-}" ]; then
	command -v osslsigncode >/dev/null || die "signing asked for but osslsigncode is missing: install the Debian package osslsigncode"
	echo "dist: signing shiftdesk.exe with $SHIFTDESK_SIGN_CERT"
	sign=(osslsigncode sign -certs "$SHIFTDESK_SIGN_CERT" -key "$SHIFTDESK_SIGN_KEY"
		-n Shiftdesk -i https://shiftdesk.example -h sha256)
	[ -z "${SHIFTDESK_SIGN_PASS:-}" ] || sign+=(-readpass <(printf '%s' "$SHIFTDESK_SIGN_PASS"))
	[ -z "${SHIFTDESK_SIGN_TIMESTAMP:-}" ] || sign+=(-ts "$SHIFTDESK_SIGN_TIMESTAMP")
	"${sign[@]}" -in "$out/shiftdesk.exe" -out "$work/signed.exe"
	osslsigncode verify -in "$work/signed.exe" >/dev/null 2>&1 ||
		echo "dist: note: osslsigncode verify does not trust the certificate chain (self-signed?)"
	mv "$work/signed.exe" "$out/shiftdesk.exe"
else
	echo "dist: shiftdesk.exe not signed (set SHIFTDESK_SIGN_CERT and SHIFTDESK_SIGN_KEY to sign)"
fi

# --- checksums -------------------------------------------------------------------
(cd "$out" && sha256sum Shiftdesk.tar.xz shiftdesk.exe >SHA256SUMS)
echo "dist: artifacts of Shiftdesk $version:"
(cd "$out" && ls -l Shiftdesk.tar.xz shiftdesk.exe SHA256SUMS && cat SHA256SUMS)
