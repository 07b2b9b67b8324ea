package golangci_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	_ "github.com/flylint-dev/flylint/analyzers/golangci"
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
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	want := "loopbackbind udpglobalservices sixpnonly tcpglobalservices ipv6only flycasthttps"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("BuildAnalyzers = %s, want %s", got, want)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	if _, err := newPlugin(map[string]any{"nope": 1}); err == nil {
		t.Error("unknown setting accepted")
	}
}
