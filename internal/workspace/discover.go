package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// skipDirs are never searched for apps: they hold dependencies or VCS
// data, not the user's apps.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// IsConfigName reports whether a file name is one flylint treats as a Fly
// app config when it finds it in a directory: fly.toml or fly.<x>.toml.
func IsConfigName(name string) bool {
	return name == "fly.toml" || (strings.HasPrefix(name, "fly.") && strings.HasSuffix(name, ".toml") && len(name) > len("fly..toml"))
}

// IsDockerfileName reports whether a file name looks like a Dockerfile.
func IsDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	return lower == "dockerfile" || lower == "containerfile" ||
		strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile")
}

// target is one thing to lint: a fly.toml (Config set) or a Dockerfile with
// no fly.toml beside it (Dockerfile set). Root is the directory flylint was
// asked to lint; nothing outside it is read.
type target struct {
	Config     string
	Dockerfile string
	Root       string
}

// UsageError is an error in what flylint was asked to do (a missing path,
// a directory without apps); the CLI exits 2 for it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// discover turns command-line paths into targets, in a stable order and
// without duplicates. unread are the directories under a linted path that
// could not be listed: an app may be in them, so the run must say so
// rather than pass over them.
func discover(paths []string, report func(Progress)) (targets []target, unread []*LoadError, err error) {
	seen := map[string]bool{}
	add := func(t target) {
		key := t.Config + "\x00" + t.Dockerfile
		if !seen[key] {
			seen[key] = true
			targets = append(targets, t)
		}
	}
	for _, p := range paths {
		if p == "" {
			// os.Stat("") fails with a bare "no such file or directory"
			// that names nothing; an empty argument is usually an unset
			// shell variable.
			return nil, nil, &UsageError{errors.New("an empty path was given (an unset shell variable?); pass a directory, a fly.toml or a Dockerfile")}
		}
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, &UsageError{fmt.Errorf("%s: no such file or directory", p)}
			}
			return nil, nil, &UsageError{fmt.Errorf("%s: %w", p, unwrapPathError(err))}
		}
		switch {
		case info.IsDir():
			found, skipped, dirs, err := findConfigs(p, report)
			if err != nil {
				return nil, nil, err
			}
			unread = append(unread, dirs...)
			// With a directory it could not list, the app may well be in
			// there: that is reported as such, not as "no fly.toml".
			if len(found) == 0 && len(dirs) == 0 {
				msg := fmt.Sprintf("%s: no fly.toml or fly.*.toml found (flylint lints Fly apps; pass a directory that contains one, or the file itself)", p)
				if len(skipped) > 0 {
					// Say why the config that is plainly there was passed
					// over, or the message reads as a flylint bug.
					if len(skipped) > 3 {
						skipped = append(skipped[:3], fmt.Sprintf("and %d more", len(skipped)-3))
					}
					msg += "; skipped " + strings.Join(skipped, ", ")
				}
				return nil, nil, &UsageError{errors.New(msg)}
			}
			for _, c := range found {
				add(target{Config: c, Root: p})
			}
		case !info.Mode().IsRegular():
			return nil, nil, &UsageError{fmt.Errorf("%s: not a regular file", p)}
		case IsDockerfileName(filepath.Base(p)):
			dir := filepath.Dir(p)
			configs, err := configsIn(dir)
			if err != nil {
				return nil, nil, err
			}
			if len(configs) == 0 {
				add(target{Dockerfile: p, Root: dir})
			}
			for _, c := range configs {
				add(target{Config: c, Root: dir})
			}
		default:
			// A file named explicitly is a config whatever its name, as
			// with `fly deploy -c`.
			add(target{Config: p, Root: filepath.Dir(p)})
		}
	}
	return targets, unread, nil
}

// findConfigs walks root for app configs. Symlinked directories are not
// followed (WalkDir never does), so symlink loops cannot trap it. skipped
// describes entries with a config's name that are not regular files
// (a directory, a symlink, a FIFO), for the error when nothing is found.
// unread are the subdirectories that could not be listed and, when there
// are apps beside them, the config symlinks that lead nowhere inside root.
// A config symlink to a file inside root is linted, unless the walk
// lints that file under its own name.
func findConfigs(root string, report func(Progress)) (out, skipped []string, unread []*LoadError, err error) {
	var badLinks []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			// An app may be inside: passing over it in silence would
			// let a run that checked less than it was asked to exit 0.
			// The other apps are still linted.
			unread = append(unread, unreadDir(path, err))
			return fs.SkipDir
		}
		if d.IsDir() {
			if path != root && IsConfigName(d.Name()) {
				skipped = append(skipped, displayPath(path)+" (a directory)")
			}
			if path != root && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if IsConfigName(d.Name()) {
			switch {
			case d.Type().IsRegular():
				out = append(out, path)
				report(Progress{Phase: "discovering apps", Done: len(out)})
			case d.Type()&fs.ModeSymlink != 0:
				switch inTree, lint := configLink(path, root); {
				case lint:
					out = append(out, path)
					report(Progress{Phase: "discovering apps", Done: len(out)})
				case inTree:
					// Its target has a config's name and is linted
					// under it; linting both would report everything twice.
				default:
					skipped = append(skipped, displayPath(path)+" (a symlink: flylint does not follow them when searching; pass the file itself)")
					badLinks = append(badLinks, path)
				}
			default:
				skipped = append(skipped, displayPath(path)+" (not a regular file)")
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, &UsageError{err}
	}
	// A config symlink that leads out of the tree or nowhere is an app
	// that could not be read. Beside other apps it is reported as such,
	// so the run cannot pass; alone, the caller's "no fly.toml found"
	// error names it among the skipped.
	if len(out) > 0 || len(unread) > 0 {
		for _, p := range badLinks {
			if _, rerr := readFile(p, root); rerr != nil {
				unread = append(unread, &LoadError{Range: source.Range{File: displayPath(p)}, Message: rerr.Error()})
			}
		}
	}
	slices.Sort(out)
	return out, skipped, unread, nil
}

// configLink tells what to do with a symlink that has a config's name:
// inTree when it leads to a regular file inside root, and lint when that
// file is not one the walk finds anyway (its name is not a config's, or
// it is where the walk does not go). A link that leaves root, dangles or
// loops is neither.
func configLink(path, root string) (inTree, lint bool) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil || !within(real, root) {
		return false, false
	}
	if info, err := os.Stat(real); err != nil || !info.Mode().IsRegular() {
		return false, false
	}
	if !IsConfigName(filepath.Base(real)) {
		return true, true
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return true, true
	}
	rel, err := filepath.Rel(realRoot, real)
	if err != nil {
		return true, true
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if skipDirs[part] {
			return true, true
		}
	}
	return true, false
}

// unreadDir is the load error for a directory that could not be listed.
func unreadDir(path string, err error) *LoadError {
	p := displayPath(path)
	return &LoadError{
		Range: source.Range{File: p},
		Message: fmt.Sprintf("cannot list the directory %s: %v, so apps in it were not looked for; "+
			"make it readable and searchable (chmod u+rx) by the user flylint runs as, or lint a path that does not contain it",
			p, unwrapPathError(err)),
	}
}

func configsIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &UsageError{err}
	}
	var out []string
	for _, e := range entries {
		if IsConfigName(e.Name()) && e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}
