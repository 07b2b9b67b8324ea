#!/usr/bin/env bash
# Prints the Action's cache key for the flylint binary: the runner's OS
# and architecture, the Go version that will build it, and a hash of the
# action's sources. (hashFiles() cannot be used: it reads only files
# under the workspace, and the action lives outside it.)
set -euo pipefail
: "${ACTION_PATH:?}"
out=${GITHUB_OUTPUT:-/dev/stdout}
src=$(cd "$ACTION_PATH" && find . -name '*.go' -not -path '*/testdata/*' -o -name go.mod -o -name go.sum | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
gov=$(go env GOVERSION 2>/dev/null || echo none)
echo "key=flylint-${RUNNER_OS:-local}-${RUNNER_ARCH:-local}-$gov-$src" >>"$out"
