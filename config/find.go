package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Find returns the absolute path of the .flylint.toml in dir or its
// nearest parent, or "" when there is none.
//
// The search stops at the first directory that holds .git (a directory,
// or a file in worktrees and submodules): a repository's lint settings
// belong to the repository, and a stray ~/.flylint.toml must not change
// how every checkout lints. Outside any repository it goes up to the
// filesystem root.
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
	for {
		p := filepath.Join(d, Name)
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.Mode().IsRegular():
			return p, nil
		case err == nil && fi.IsDir():
			return "", fmt.Errorf("%s is a directory; flylint reads its settings from a file of that name (flylint init writes a starter one)", p)
		case err == nil:
			return "", fmt.Errorf("%s is not a regular file", p)
		case !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}
