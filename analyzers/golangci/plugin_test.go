package golangci_test

import (
	"testing"

	"github.com/golangci/plugin-module-register/register"

	_ "github.com/flylint/flylint/analyzers/golangci"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("flylint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 5 {
		t.Fatalf("BuildAnalyzers = %d analyzers, %v", len(as), err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	if _, err := newPlugin(map[string]any{"nope": 1}); err == nil {
		t.Error("unknown setting accepted")
	}
}
