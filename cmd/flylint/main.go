// Command flylint checks Fly.io apps for mistakes that make their services
// unreachable or unsafe. See README.md and `flylint -h`.
package main

import (
	"os"

	"github.com/flylint-dev/flylint/internal/cli"
	"github.com/flylint-dev/flylint/internal/gcpolicy"
)

func main() {
	gcpolicy.Apply()
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
