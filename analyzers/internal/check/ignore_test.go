package check

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// A driver without pass.ReadFile makes readSource go to disk; a FIFO
// named like a Go file must not block it.
func TestReadSourceRefusesFIFO(t *testing.T) {
	name := filepath.Join(t.TempDir(), "main.go")
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readSource(&analysis.Pass{}, name)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a FIFO was read as a Go file")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readSource blocked on a FIFO")
	}
}
