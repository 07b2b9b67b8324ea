package rules

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// TestIPv4NetworkFix: a socket that is IPv4-only by its network (fiber's
// default "tcp4") is fixed by the network, not by binding "::", which a
// tcp4 socket refuses.
func TestIPv4NetworkFix(t *testing.T) {
	dir := filepath.Join("testdata", "private-port-ipv4-only", "bad-go-fiber-tcp4")
	ws, err := workspace.Load([]string{dir}, workspace.Options{Go: true})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Run(ws, []*Rule{PrivatePortIPv4Only})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 {
		t.Fatalf("got %d findings, want 1", len(ds))
	}
	msg := ds[0].Message
	if !strings.Contains(msg, `fiber.Config{Network: "tcp"}`) || strings.Contains(msg, "bind ::") {
		t.Errorf("message does not name fiber's network setting: %s", msg)
	}
}
