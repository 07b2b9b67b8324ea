package workspace

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// readResolved opens and reads real, the symlink-free path of path,
// once the checks on where it lies and what it is have passed.
func readResolved(real, path string) ([]byte, error) {
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	// Read-only: Close has nothing to flush, so its error tells nothing.
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if size := info.Size(); size > MaxFileSize {
		if size>>20 == MaxFileSize>>20 {
			// In whole megabytes, just over the cap read "is 10 MB;
			// flylint reads files up to 10 MB".
			return nil, fmt.Errorf("%s is %d bytes; flylint reads files up to %d bytes (%d MB), and a real fly.toml or Dockerfile is far smaller", path, size, MaxFileSize, MaxFileSize>>20)
		}
		return nil, fmt.Errorf("%s is %d MB; flylint reads files up to %d MB, and a real fly.toml or Dockerfile is far smaller", path, size>>20, MaxFileSize>>20)
	}
	data, err := readAll(io.LimitReader(f, MaxFileSize+1), info.Size())
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MB", path, MaxFileSize>>20)
	}
	return data, nil
}

// readAll is io.ReadAll with the buffer sized from the file's size up
// front: io.ReadAll starts at 512 bytes and regrows, which over thousands
// of files allocated several times what was read.
func readAll(r io.Reader, size int64) ([]byte, error) {
	// One byte more than the size, so that the read that meets EOF finds
	// room and needs no growth.
	buf := make([]byte, 0, min(max(size, 0), MaxFileSize)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			// The file grew since it was measured.
			buf = append(buf, 0)[:len(buf)]
		}
	}
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
	rel, err := filepath.Rel(absR, absP)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
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
	rel, err := filepath.Rel(absR, absP)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
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
