#!/usr/bin/env bash
# Builds flylint for the GitHub Action (action.yml), into a directory of
# its own so that GOBIN, GOPATH or a flylint already on PATH change
# nothing. Inputs (environment): ACTION_PATH, the action's checkout;
# FLYLINT_BIN_DIR, where the binary goes (the Action caches it there).
# Writes "binary=PATH" to $GITHUB_OUTPUT (or stdout outside Actions).
set -euo pipefail
: "${ACTION_PATH:?}" "${FLYLINT_BIN_DIR:?}"
out=${GITHUB_OUTPUT:-/dev/stdout}
bin="$FLYLINT_BIN_DIR/flylint"
if [ -x "$bin" ] && "$bin" -version >/dev/null 2>&1; then
  echo "flylint: using the cached build at $bin" >&2
else
  mkdir -p "$FLYLINT_BIN_DIR"
  # -trimpath: the binary does not depend on where the runner checked
  # the action out, so the cached copy stays valid. CGO_ENABLED=0: no C
  # toolchain needed on the runner.
  (cd "$ACTION_PATH" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -o "$bin" ./cmd/flylint)
fi
echo "binary=$bin" >>"$out"
