// Command flylint-vet runs flylint's Go analyzers: loopback binds, UDP
// listeners off fly-global-services, 6PN-only, IPv6-only and TCP on
// fly-global-services. It works standalone (flylint-vet ./...) and as a
// vet tool:
//
//	go vet -vettool=$(which flylint-vet) ./...
//
// Findings need a fly.toml above the Go files; code of non-Fly
// programs is left alone. `flylint-vet -version` says which build it is.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/flylint-dev/flylint/analyzers/all"
	"github.com/flylint-dev/flylint/internal/version"
)

func main() {
	// go vet asks for -V=full, which multichecker answers with a build ID
	// the go command caches results by; -version is for people.
	if len(os.Args) == 2 && (os.Args[1] == "-version" || os.Args[1] == "--version") {
		fmt.Printf("flylint-vet %s\n", version.Read())
		return
	}
	multichecker.Main(all.Analyzers()...)
}
