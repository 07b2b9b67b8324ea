package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/flylint-dev/flylint/internal/safefile"
)

// repoMarkers are the entries that make a directory the root of a
// repository (a .git file in worktrees and submodules counts).
var repoMarkers = []string{".git", ".hg", ".svn"}

// RepoRoot returns the absolute path of the repository dir is in: the
// nearest directory at or above it that holds .git (a directory, or a
// file in worktrees and submodules), .hg or .svn. ok is false outside
// any repository.
func RepoRoot(dir string) (root string, ok bool) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if isRepoRoot(d) {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// Find returns the absolute path of the .flylint.toml in dir or its
// nearest parent, or "" when there is none.
//
// The search stops at the first directory that holds .git (a directory,
// or a file in worktrees and submodules), .hg or .svn: a repository's lint
// settings belong to the repository, and a stray ~/.flylint.toml must not
// change how every checkout lints. Outside any repository it goes up to
// the filesystem root.
//
// What it finds follows the rule fly.toml does: it must lie inside the
// tree being linted, symlinks resolved. The tree is the repository the
// file is in (or, outside any repository, the file's own directory) or
// dir itself; a link out of it is an error, not followed, so that a
// repository cannot point flylint at settings that are not its own. A
// -config file is the user's choice and is not searched for, so none of
// this applies to it.
func Find(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(d); err != nil {
		return "", err
	} else if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	start := d
	for {
		p := filepath.Join(d, Name)
		if _, err := os.Lstat(p); err == nil {
			if err := checkFound(p, start, d); err != nil {
				return "", err
			}
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			// Lstat's own words name the config file, not the directory
			// that is the trouble.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return "", fmt.Errorf("cannot look for %s in %s: %w; make the directory readable and searchable by the user flylint runs as", Name, d, err)
		}
		if isRepoRoot(d) {
			return "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

func isRepoRoot(d string) bool {
	for _, m := range repoMarkers {
		if _, err := os.Lstat(filepath.Join(d, m)); err == nil {
			return true
		}
	}
	return false
}

// checkFound says why the .flylint.toml p, found in dir while searching
// up from start, cannot be used, or returns nil.
func checkFound(p, start, dir string) error {
	real, err := filepath.EvalSymlinks(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s is a symlink to a file that does not exist; point it at one, or remove it", p)
	case err != nil:
		if _, serr := os.Stat(p); errors.Is(serr, syscall.ELOOP) {
			return fmt.Errorf("%s is a symlink loop: following its links never reaches a file", p)
		}
		return err
	}
	tree := dir
	for t := dir; ; t = filepath.Dir(t) {
		if isRepoRoot(t) {
			tree = t
			break
		}
		if filepath.Dir(t) == t {
			break
		}
	}
	if !within(real, tree) && !within(real, start) {
		return fmt.Errorf("%s leads outside %s (it resolves to %s); flylint does not follow a .flylint.toml it finds by searching out of the tree it lints. Make it a regular file, or pass the file with -config if you mean to use it", p, tree, real)
	}
	fi, err := os.Stat(real)
	switch {
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a directory; flylint reads its settings from a file of that name (flylint init writes a starter one)", p)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", p)
	}
	return nil
}

// within reports whether the symlink-free path lies inside root, whose
// symlinks are resolved here.
func within(path, root string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	return safefile.Within(r, path)
}
