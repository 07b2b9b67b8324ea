#!/usr/bin/env bash
# Builds golangci-lint with flylint's module plugin the way
# `golangci-lint custom` does (its source with one blank import added and
# a replace pointing at this checkout), then lints a small Fly app with it
# and checks that flylint's findings come out. `golangci-lint custom`
# itself clones golangci-lint from GitHub; this takes the same source from
# the Go module proxy instead, so it runs wherever `go` can download.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
version=${GOLANGCI_VERSION:-v2.15.0}
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

GOFLAGS= go mod download "github.com/golangci/golangci-lint/v2@$version"
src="$(go env GOMODCACHE)/github.com/golangci/golangci-lint/v2@$version"
cp -r "$src" "$work/gcl"
chmod -R u+w "$work/gcl"
cd "$work/gcl"
printf '\nimport _ "github.com/flylint-dev/flylint/analyzers/golangci"\n' >> cmd/golangci-lint/plugins.go
go mod edit -require=github.com/flylint-dev/flylint@v0.0.0 -replace="github.com/flylint-dev/flylint=$repo"
GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1
GOFLAGS=-mod=mod go build -o "$work/custom-gcl" ./cmd/golangci-lint

app="$work/app"
mkdir -p "$app"
cat > "$app/go.mod" <<'GO'
module example.com/web

go 1.22
GO
cat > "$app/fly.toml" <<'TOML'
app = "web"

[http_service]
  internal_port = 8080
TOML
cat > "$app/main.go" <<'GO'
package main

import "net/http"

func main() {
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
GO
cat > "$app/.golangci.yml" <<'YML'
version: "2"
linters:
  default: none
  enable: [flylint]
  settings:
    custom:
      flylint:
        type: module
        description: Fly.io listen-address checks
YML
cd "$app"
if "$work/custom-gcl" run ./... >"$work/out.txt" 2>&1; then
  echo "FAIL: the custom golangci-lint found nothing"; cat "$work/out.txt"; exit 1
fi
if ! grep -q 'main.go:6:26: loopbackbind: http.ListenAndServe binds "127.0.0.1", a loopback address' "$work/out.txt"; then
  echo "FAIL: flylint's finding is missing from golangci-lint's output"; cat "$work/out.txt"; exit 1
fi
echo "ok: golangci-lint $version with the flylint plugin reports main.go:6:26 loopbackbind"
