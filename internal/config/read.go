package config

import "github.com/flylint-dev/flylint/internal/safefile"

// ReadFile reads a configuration file named with -config or found by
// Find. It refuses what is not a regular file (/dev/zero would be read
// until memory runs out, and opening a FIFO blocks until a writer comes)
// and a file over MaxSize, as a *safefile.TooLargeError.
func ReadFile(path string) ([]byte, error) {
	return safefile.Read(path, path, MaxSize)
}
