// Package golangci registers flylint's analyzers as a golangci-lint v2
// module plugin named "flylint".
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/all"
)

func init() {
	register.Plugin("flylint", New)
}

// Settings is the plugin's configuration under
// linters.settings.custom.flylint.settings; it has no options yet, and
// unknown keys are an error so that typos do not pass silently.
type Settings struct{}

// New builds the plugin from its settings.
func New(settings any) (register.LinterPlugin, error) {
	if settings != nil {
		if _, err := register.DecodeSettings[Settings](settings); err != nil {
			return nil, fmt.Errorf("flylint: %w", err)
		}
	}
	return plugin{}, nil
}

type plugin struct{}

func (plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return all.Analyzers(), nil }

// GetLoadMode asks for type information: the analyzers build SSA.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
