package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// [apps.NAME] dedicated-ipv4 = true in .flylint.toml reaches the rules
// through the CLI's workspace options.
func TestDedicatedIPv4FromConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	toml := "app = \"relay\"\n\n[[services]]\n  internal_port = 2525\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = 25\n"
	if err := os.WriteFile(filepath.Join(dir, "fly.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	lintIt := func() string {
		var stdout, stderr bytes.Buffer
		Run([]string{"-go", "off", "-format", "compact", "-color", "never", dir}, &stdout, &stderr)
		return stdout.String()
	}
	if out := lintIt(); !strings.Contains(out, "raw-tcp-on-shared-ipv4") {
		t.Fatalf("without the setting, no raw-tcp finding:\n%s", out)
	}
	cfg := "[apps.relay]\ndedicated-ipv4 = true\n"
	if err := os.WriteFile(filepath.Join(dir, ".flylint.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := lintIt(); strings.Contains(out, "raw-tcp-on-shared-ipv4") {
		t.Errorf("dedicated-ipv4 = true did not silence raw-tcp-on-shared-ipv4:\n%s", out)
	}
}
