package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// The finding points at the group's other services whose autostop setting
// the suggested fix also overrides, and only at those.
func TestUDPAutoStopRelated(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want []string
	}{
		{"bad_suspend_with_tcp", []string{"17:24"}},
		{"bad_stop", nil},
		// The [http_service] is in another process group.
		{"bad_own_group", nil},
	} {
		ws, err := workspace.Load([]string{filepath.Join("testdata", "udp-auto-stop", c.dir)}, workspace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ds, err := Run(ws, []*Rule{UDPAutoStop})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 1 {
			t.Fatalf("%s: %d findings, want 1", c.dir, len(ds))
		}
		var got []string
		for _, r := range ds[0].Related {
			got = append(got, fmt.Sprintf("%d:%d", r.Start.Line, r.Start.Col))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: related %q, want %q", c.dir, got, c.want)
		}
	}
}
