package check

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The fly.toml beside a vetted Go file comes from the repository: a FIFO
// there used to block go vet until a writer came. It counts as no
// fly.toml.
func TestFindAppRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fly.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *App, 1)
	go func() { done <- FindApp(dir) }()
	select {
	case app := <-done:
		if app != nil {
			t.Errorf("a FIFO gave an app: %+v", app)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("FindApp blocked on a FIFO fly.toml")
	}
}
