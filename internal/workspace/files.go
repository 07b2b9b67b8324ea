package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/flylint-dev/flylint/internal/safefile"
)

// MaxFileSize is the largest fly.toml or Dockerfile flylint reads. Real
// ones are a few kilobytes; anything near this is not a config file, and
// reading it whole would only burn memory.
const MaxFileSize = 10 << 20

// readFile reads a config file that must lie inside root. It refuses
// non-regular files (FIFOs, devices: reading them could block forever),
// files over MaxFileSize, and symlinks that lead out of root.
func readFile(path, root string) ([]byte, error) {
	if !lexicallyWithin(path, root) {
		return nil, fmt.Errorf("%s is outside %s; flylint does not read files outside the directory it lints", displayPath(path), displayPath(root))
	}
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist", displayPath(path))
	}
	if err != nil {
		if _, serr := os.Stat(path); errors.Is(serr, syscall.ELOOP) {
			// EvalSymlinks says only "too many links".
			return nil, fmt.Errorf("%s is a symlink loop: following its links never reaches a file", displayPath(path))
		}
		return nil, fmt.Errorf("cannot read %s: %w", displayPath(path), unwrapPathError(err))
	}
	if !within(real, root) {
		return nil, fmt.Errorf("%s is a symlink that leads outside %s; flylint does not follow links out of the directory it lints", displayPath(path), displayPath(root))
	}
	// Check the type before opening: opening a FIFO blocks until a
	// writer appears, and a device may never end.
	if info, err := os.Stat(real); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", displayPath(path))
	}
	return readResolved(real, path)
}

// readResolved reads real, the symlink-free path of path, once the
// checks on where it lies and what it is have passed (both callers stat
// it first); safefile still refuses what turns out not to be a regular
// file once opened, and what is over MaxFileSize.
func readResolved(real, path string) ([]byte, error) {
	data, err := safefile.ReadStatted(real, path, MaxFileSize)
	var big *safefile.TooLargeError
	var odd *safefile.NotRegularError
	switch {
	case errors.As(err, &big) && big.Size>>20 == MaxFileSize>>20:
		// In whole megabytes, just over the cap would read "is 10 MB;
		// flylint reads files up to 10 MB".
		return nil, fmt.Errorf("%s is %d bytes; flylint reads files up to %d bytes (%d MB), and a real fly.toml or Dockerfile is far smaller", path, big.Size, MaxFileSize, MaxFileSize>>20)
	case errors.As(err, &big):
		return nil, fmt.Errorf("%s is %d MB; flylint reads files up to %d MB, and a real fly.toml or Dockerfile is far smaller", path, big.Size>>20, MaxFileSize>>20)
	case errors.As(err, &odd):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	return data, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// lexicallyWithin reports whether path, as written, stays inside root.
func lexicallyWithin(path, root string) bool {
	absR, err1 := filepath.Abs(root)
	absP, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	return safefile.Within(absR, absP)
}

// within reports whether path (already free of symlinks) lies inside root.
func within(path, root string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	absR, err1 := filepath.Abs(r)
	absP, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	return safefile.Within(absR, absP)
}

// displayPath is how a path appears in diagnostics: relative to the
// working directory when it lies below it, with forward slashes.
func displayPath(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}
