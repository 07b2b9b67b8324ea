// Command flylint-vet runs flylint's Go analyzers: loopback binds, UDP
// listeners off fly-global-services, 6PN-only, IPv6-only and TCP on
// fly-global-services. It works standalone (flylint-vet ./...) and as a
// vet tool:
//
//	go vet -vettool=$(which flylint-vet) ./...
//
// Findings need a fly.toml above the Go files; code of non-Fly
// programs is left alone.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/flylint/flylint/analyzers/all"
)

func main() { multichecker.Main(all.Analyzers()...) }
