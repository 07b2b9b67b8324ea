package config

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// ReadFile reads a configuration file named with -config or found by
// Find. It refuses what is not a regular file: /dev/zero would be read
// until memory runs out, and opening a FIFO blocks until a writer comes.
// It reads at most MaxSize+1 bytes, so Load can still say the file is too
// big.
func ReadFile(path string) ([]byte, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if info.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a configuration file", path)
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	// O_NONBLOCK: the file may have been swapped for a FIFO since Stat.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	// Read-only: Close has nothing to flush, so its error tells nothing.
	defer func() { _ = f.Close() }()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}
