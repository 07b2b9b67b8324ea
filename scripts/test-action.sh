#!/usr/bin/env bash
# Runs the GitHub Action's steps (scripts/action/*.sh, in the order
# action.yml runs them) locally, with GITHUB_OUTPUT files, and checks
# what each step outputs: the build ignores GOBIN and lands in the
# cache directory, a second run reuses it, findings give exit 1 and a
# sarif-file output, and a usage error gives exit 2, no output and
# leaves a file already at the report path alone.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ACTION_PATH="$repo" FLYLINT_BIN_DIR="$work/bin"
export GOBIN="$work/gobin-must-stay-empty"
fail() { echo "FAIL: $*"; exit 1; }
output() { grep "^$2=" "$1" | tail -1 | cut -d= -f2-; }

GITHUB_OUTPUT="$work/go.out" bash "$repo/scripts/action/need-go.sh" 2>/dev/null
[ "$(output "$work/go.out" need)" = false ] || fail "need-go: this machine's go satisfies go.mod, want need=false, got $(cat "$work/go.out")"

GITHUB_OUTPUT="$work/key.out" bash "$repo/scripts/action/cache-key.sh"
key=$(output "$work/key.out" key)
[[ "$key" == flylint-*-go1.*-???????????????? ]] || fail "cache key $key"

GITHUB_OUTPUT="$work/install.out" bash "$repo/scripts/action/install.sh"
bin=$(output "$work/install.out" binary)
[ "$bin" = "$work/bin/flylint" ] && [ -x "$bin" ] || fail "install: binary=$bin"
[ ! -e "$GOBIN" ] || fail "install wrote into GOBIN"
GITHUB_OUTPUT="$work/install2.out" bash "$repo/scripts/action/install.sh" 2>"$work/install2.err"
grep -q "cached build" "$work/install2.err" || fail "second install did not reuse the build"

export FLYLINT_BINARY="$bin" FLYLINT_CATEGORY=flylint FLYLINT_PATH="$repo/testdata/examples"
cd "$work"
code=0
GITHUB_OUTPUT="$work/run.out" FLYLINT_SARIF=out.sarif FLYLINT_FAIL_ON=error bash "$repo/scripts/action/run.sh" || code=$?
[ "$code" = 1 ] || fail "run on the examples: exit $code, want 1"
[ "$(output "$work/run.out" sarif-file)" = out.sarif ] || fail "run: no sarif-file output"
[ "$(output "$work/run.out" exit-code)" = 1 ] || fail "run: exit-code output"
grep -q '"version": "2.1.0"' out.sarif || fail "out.sarif is not SARIF 2.1.0"

echo "not ours" >kept.sarif
code=0
GITHUB_OUTPUT="$work/bad.out" FLYLINT_SARIF=kept.sarif FLYLINT_FAIL_ON=loud bash "$repo/scripts/action/run.sh" 2>/dev/null || code=$?
[ "$code" = 2 ] || fail "run with a bad fail-on: exit $code, want 2"
! grep -q '^sarif-file=' "$work/bad.out" || fail "sarif-file output set although nothing was written"
[ "$(cat kept.sarif)" = "not ours" ] || fail "a file at the report path was changed by a failed run"
echo "ok: action steps (need-go, cache key, GOBIN-safe cached build, outputs only for a written report)"
