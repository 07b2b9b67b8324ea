package workspace

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/flylint-dev/flylint/internal/safefile"
)

// reader reads the files of one Load. It makes the checks readFile makes,
// but resolves the working directory, each root and each directory once
// instead of once per file: in a monorepo of thousands of apps those
// repeated getcwd, stat and lstat calls cost more than the reads. Any
// case off the common path (a symlink, an error, a path with "..") goes
// to readFile itself, so what is read and every message stay the same.
type reader struct {
	wd    string // working directory at the start of the Load
	wdErr error

	mu    sync.Mutex
	dirs  map[string]resolved // symlink-free path of a directory
	roots map[string]resolved // absolute symlink-free path of a root

	overlay map[string][]byte // Options.Overlay
}

type resolved struct {
	path string
	ok   bool
}

func newReader() *reader {
	wd, err := os.Getwd()
	return &reader{wd: wd, wdErr: err, dirs: map[string]resolved{}, roots: map[string]resolved{}}
}

// readFile is readFile(path, root), faster.
func (r *reader) readFile(path, root string) ([]byte, error) {
	if data, ok := r.overlaid(path, root); ok {
		if len(data) > MaxFileSize {
			return nil, fmt.Errorf("%s is %d bytes in the editor; flylint reads files up to %d bytes (%d MB), and a real fly.toml or Dockerfile is far smaller", path, len(data), MaxFileSize, MaxFileSize>>20)
		}
		return data, nil
	}
	real, ok := r.resolveFile(path, root)
	if !ok {
		return readFile(path, root)
	}
	return readResolved(real, path)
}

// resolveFile returns path's symlink-free form when path passes every
// check readFile makes before opening: it stays inside root as written,
// it is no symlink and neither is any directory on the way, and it is a
// regular file. ok is false when any of that does not hold or cannot be
// told cheaply.
func (r *reader) resolveFile(path, root string) (string, bool) {
	if filepath.Clean(path) != path || hasDotDot(path) || !r.lexicallyWithin(path, root) {
		return "", false
	}
	dir, ok := r.dir(filepath.Dir(path))
	if !ok {
		return "", false
	}
	real := filepath.Join(dir, filepath.Base(path))
	// Lstat, not Stat: a symlink goes the general way, which follows it
	// and checks where it leads. For anything else the two agree, so this
	// is also readFile's check of the type before opening.
	info, err := os.Lstat(real)
	if err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	if !r.within(real, root) {
		return "", false
	}
	return real, true
}

func hasDotDot(path string) bool {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// dir returns the symlink-free form of the clean path d, as
// filepath.EvalSymlinks would, remembering it for the other files below
// d. It resolves a new directory with one lstat once its parent is known.
func (r *reader) dir(d string) (string, bool) {
	r.mu.Lock()
	v, seen := r.dirs[d]
	r.mu.Unlock()
	if seen {
		return v.path, v.ok
	}
	parent, base := filepath.Dir(d), filepath.Base(d)
	if parent == d || d == "." || base == ".." {
		v.path, v.ok = evalSymlinks(d)
	} else if p, ok := r.dir(parent); ok {
		joined := filepath.Join(p, base)
		info, err := os.Lstat(joined)
		switch {
		case err != nil:
		case info.IsDir():
			v = resolved{joined, true}
		case info.Mode()&fs.ModeSymlink != 0:
			v.path, v.ok = evalSymlinks(d)
		}
	}
	r.mu.Lock()
	r.dirs[d] = v
	r.mu.Unlock()
	return v.path, v.ok
}

func evalSymlinks(path string) (string, bool) {
	real, err := filepath.EvalSymlinks(path)
	return real, err == nil
}

// abs is filepath.Abs with the working directory read once.
func (r *reader) abs(path string) (string, error) {
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	if r.wdErr != nil {
		return "", r.wdErr
	}
	return filepath.Join(r.wd, path), nil
}

// lexicallyWithin is lexicallyWithin with the working directory read once.
func (r *reader) lexicallyWithin(path, root string) bool {
	absR, err1 := r.abs(root)
	absP, err2 := r.abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	return safefile.Within(absR, absP)
}

// within is within with root resolved once.
func (r *reader) within(path, root string) bool {
	r.mu.Lock()
	v, seen := r.roots[root]
	r.mu.Unlock()
	if !seen {
		if real, err := filepath.EvalSymlinks(root); err == nil {
			if abs, err := r.abs(real); err == nil {
				v = resolved{abs, true}
			}
		}
		r.mu.Lock()
		r.roots[root] = v
		r.mu.Unlock()
	}
	if !v.ok {
		return false
	}
	absP, err := r.abs(path)
	if err != nil {
		return false
	}
	return safefile.Within(v.path, absP)
}

// displayPath is displayPath with the working directory read once.
func (r *reader) displayPath(path string) string {
	if filepath.IsAbs(path) && r.wdErr == nil {
		if rel, err := filepath.Rel(r.wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// overlaid returns the editor's buffer for path, when there is one and
// path, as written, lies inside root: a buffer stands for the file on
// disk, so it is held to the same bounds.
func (r *reader) overlaid(path, root string) ([]byte, bool) {
	if len(r.overlay) == 0 {
		return nil, false
	}
	abs, err := r.abs(path)
	if err != nil {
		return nil, false
	}
	data, ok := r.overlay[abs]
	if !ok || !r.lexicallyWithin(path, root) {
		return nil, false
	}
	return data, true
}
