package workspace

import (
	"fmt"
	"path/filepath"
	"testing"
)

// The listener and redirect of the phx.new 1.8 shape stand where the
// config writes them: the port's expression and the ip tuple in
// runtime.exs, force_ssl's value in prod.exs.
func TestPhoenixListener(t *testing.T) {
	dir := filepath.Join("..", "..", "rules", "testdata", "check-redirected-to-https", "bad-phoenix-forwarded-proto")
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := ws.Apps[0].Groups[0]
	if g.ListenersKnown || len(g.Listeners) != 1 {
		t.Fatalf("known=%v listeners=%v", g.ListenersKnown, g.Listeners)
	}
	l := g.Listeners[0]
	got := fmt.Sprintf("%s %s port=%s env=%s/%v default=%d host=%s definite=%v", l.Origin, l, rangeText(l.PortRange), l.Port.Env, l.Port.EnvSet, l.Port.Default, rangeText(l.HostRange), l.Definite)
	want := "Phoenix endpoint tcp :::8080 (dual-stack wildcard) port=runtime.exs:8:16 env=PORT/true default=4000 host=runtime.exs:12:16 definite=true"
	if got != want {
		t.Errorf("listener:\ngot  %s\nwant %s", got, want)
	}
	if l.Routes == nil || l.Routes.By != "Phoenix (force_ssl)" || rangeText(l.Routes.Server.Range) != "prod.exs:6:14" {
		t.Errorf("routes = %+v", l.Routes)
	}
}
