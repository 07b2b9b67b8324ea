// Package all lists flylint's reporting analyzers, for the vet tool and
// the golangci-lint plugin.
package all

import (
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/flycasthttps"
	"github.com/flylint-dev/flylint/analyzers/ipv6only"
	"github.com/flylint-dev/flylint/analyzers/loopbackbind"
	"github.com/flylint-dev/flylint/analyzers/sixpnonly"
	"github.com/flylint-dev/flylint/analyzers/tcpglobalservices"
	"github.com/flylint-dev/flylint/analyzers/udpglobalservices"
)

// Analyzers returns the analyzers that report on their own. Each
// diagnostic's Category is its flylint rule id.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		loopbackbind.Analyzer,
		udpglobalservices.Analyzer,
		sixpnonly.Analyzer,
		tcpglobalservices.Analyzer,
		ipv6only.Analyzer,
		flycasthttps.Analyzer,
	}
}
