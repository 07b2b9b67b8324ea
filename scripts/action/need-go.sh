#!/usr/bin/env bash
# Says whether the runner's Go can build flylint: "need=false" when a go
# on PATH is at least the version the action's go.mod asks for, so
# non-Go repositories on GitHub's images (which ship Go) skip setup-go,
# and a Go repository's own setup-go is reused.
set -euo pipefail
: "${ACTION_PATH:?}"
out=${GITHUB_OUTPUT:-/dev/stdout}
want=$(awk '$1 == "go" { print $2; exit }' "$ACTION_PATH/go.mod")
have=$(command -v go >/dev/null && go env GOVERSION 2>/dev/null | sed 's/^go//; s/[^0-9.].*//' || true)
need=true
if [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1)" = "$want" ]; then
  need=false
fi
echo "go $have, go.mod wants $want: setup-go needed=$need" >&2
echo "need=$need" >>"$out"
