#!/usr/bin/env bash
# test.sh — every check of Shiftdesk, as run by `make test` and CI.
#
# Each step gets a header and a PASS/FAIL/SKIP line; all steps run (a step
# whose input is missing, e.g. the smoke test after a failed build, fails
# too), and the last line sums them up. The exit status is non-zero when any
# step failed.
#
# Environment: SHIFTDESK_TEST_SKIP="dist wine" skips steps by name (for quick
# local runs; CI skips nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=build/shiftdesk
skip=" ${SHIFTDESK_TEST_SKIP:-} "
passed=()
failed=()
skipped=()
t0=$SECONDS

# step NAME DESCRIPTION CMD...: run one check with a header and a verdict.
step() {
	local name=$1 what=$2
	shift 2
	printf '\n==== [%s] %s ====\n' "$name" "$what"
	if [[ "$skip" == *" $name "* ]]; then
		echo "---- SKIP [$name] (SHIFTDESK_TEST_SKIP)"
		skipped+=("$name")
		return 0
	fi
	local s=$SECONDS rc=0
	"$@" || rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "---- PASS [$name] ($((SECONDS - s))s)"
		passed+=("$name")
	else
		echo "---- FAIL [$name] (exit $rc, $((SECONDS - s))s)"
		failed+=("$name")
	fi
}

# skip_step NAME DESCRIPTION WHY: a check that does not exist yet.
skip_step() {
	printf '\n==== [%s] %s ====\n---- SKIP [%s] (%s)\n' "$1" "$2" "$1" "$3"
	skipped+=("$1")
}

ok() { [[ " ${passed[*]-} " == *" $1 "* ]]; }
needs() { # needs STEP: fail with a message when an earlier step did not pass
	ok "$1" || {
		echo "needs the '$1' step, which did not pass"
		return 1
	}
}

check_gofmt() {
	local files out
	files=$(find . \( -path ./build -o -path ./.git -o -name node_modules \) -prune -o -name '*.go' -print)
	out=$(gofmt -l $files) || {
		echo "gofmt could not read every file (syntax error?)"
		return 1
	}
	[ -z "$out" ] || {
		echo "gofmt would change (run gofmt -w):"
		echo "$out"
		return 1
	}
	echo "gofmt: $(echo "$files" | wc -l) files formatted"
}

build() { mkdir -p build && go build -o "$BIN" . && ls -l "$BIN"; }

smoke() { needs build && scripts/smoke.sh "$BIN" build/screenshots; }

# The same window under the race detector: goroutines that touch widgets
# without fyne.Do show up here, not in the display-less unit tests. The race
# objects are in the build cache from the test step, so this is mostly a link.
smoke_race() {
	needs build && go build -race -o build/shiftdesk-race . &&
		scripts/smoke.sh build/shiftdesk-race build/screenshots/race
}

keyring() { needs build && bash scripts/test-keyring.sh; }

oracle() { needs build && bash scripts/oracle-check.sh "$BIN"; }

dist() { needs build && scripts/dist.sh; }

packaged() { needs dist && scripts/package-check.sh build/dist/Shiftdesk.tar.xz; }

wine_check() { needs dist && scripts/wine-check.sh build/dist/shiftdesk.exe "$BIN"; }

echo "shiftdesk test: $(go version), $(nproc) CPUs, CI=${CI:-false}, $(date -u '+%Y-%m-%d %H:%M UTC')"
step deps "install what is missing (scripts/deps.sh test)" scripts/deps.sh test
step gofmt "gofmt -l" check_gofmt
step vet "go vet ./..." go vet ./...
step staticcheck "staticcheck ./... (pinned in go.mod)" go run honnef.co/go/tools/cmd/staticcheck ./...
step test "go test -race ./..." go test -race -timeout 30m ./...
step build "go build -o $BIN . (cgo)" build
step smoke "GUI smoke test under Xvfb (scripts/smoke.sh)" smoke
step smoke-race "GUI smoke test of a -race build (no DATA RACE in its output)" smoke_race
if [ -f scripts/test-keyring.sh ]; then
	step keyring "keyring against a real Secret Service (scripts/test-keyring.sh)" keyring
else
	skip_step keyring "keyring against a real Secret Service" "scripts/test-keyring.sh not present"
fi
if [ -f scripts/oracle-check.sh ]; then
	step oracle "export/agenda against the oracles (scripts/oracle-check.sh)" oracle
else
	skip_step oracle "export/agenda against the oracles" "scripts/oracle-check.sh not present"
fi
step dist "release artifacts: Linux package, Windows exe, SHA256SUMS (scripts/dist.sh)" dist
step package "the Linux package unpacks and its binary starts (scripts/package-check.sh)" packaged
step wine "the Windows exe under wine matches the Linux binary (scripts/wine-check.sh)" wine_check

total=$((SECONDS - t0))
printf '\n==== summary (%dm%02ds) ====\n' $((total / 60)) $((total % 60))
[ ${#passed[@]} -eq 0 ] || echo "passed:  ${passed[*]}"
[ ${#failed[@]} -eq 0 ] || echo "failed:  ${failed[*]}"
[ ${#skipped[@]} -eq 0 ] || echo "skipped: ${skipped[*]}"
echo "${#passed[@]} passed, ${#failed[@]} failed, ${#skipped[@]} skipped"
[ ${#failed[@]} -eq 0 ]
