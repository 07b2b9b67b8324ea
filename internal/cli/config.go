package cli

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/flylint-dev/flylint/internal/config"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/rules"
)

// loadConfig reads -config, or finds .flylint.toml from the first linted
// path upwards. Any problem in it is a configuration error (exit 2): a
// typo in a config file must not silently change what is checked.
func loadConfig(explicit string, paths []string) (*config.Config, error) {
	path := explicit
	if path == "" {
		dir := "."
		if len(paths) > 0 {
			dir = paths[0]
			info, err := os.Stat(dir)
			if err != nil {
				// The loader reports a missing or unreadable path, naming
				// it; searching its parents for a config tells nothing.
				return nil, nil
			}
			if !info.IsDir() {
				dir = filepath.Dir(dir)
			}
		}
		found, err := config.Find(dir)
		if err != nil {
			return nil, &usageError{err.Error()}
		}
		if found == "" {
			return nil, nil
		}
		path = found
	}
	data, err := config.ReadFile(path)
	var big *safefile.TooLargeError
	if errors.As(err, &big) {
		return nil, usagef("%s is larger than %d bytes; a .flylint.toml is a few lines", displayPath(path), config.MaxSize)
	}
	if err != nil && explicit == "" {
		// Not "-config: open /abs/path: ...": the user named no file.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, usagef("cannot read %s (found by searching up from the linted path): %v; make it readable, or name another with -config", displayPath(path), err)
	}
	if err != nil {
		return nil, usagef("-config: %v", err)
	}
	rel := displayPath(path)
	cfg, err := config.Load(rel, data, func(id string) bool { return rules.Lookup(id) != nil })
	if err != nil {
		return nil, &usageError{"invalid configuration:\n" + err.Error()}
	}
	cfg.Path = path
	return cfg, nil
}

// displayPath shows path relative to the working directory when it can.
func displayPath(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(path); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(path)
}

// initConfig writes a commented starter .flylint.toml, never over an
// existing one.
func initConfig(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		say(stderr, "usage: flylint init [dir]\n")
		return ExitUsage
	}
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	path := filepath.Join(dir, config.Name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		say(stderr, "flylint: %s already exists; not overwriting it\n", path)
		return ExitUsage
	}
	if err != nil {
		say(stderr, "flylint: %v\n", err)
		return ExitUsage
	}
	_, werr := f.Write(config.Starter())
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		say(stderr, "flylint: %v\n", werr)
		return ExitUsage
	}
	say(stdout, "wrote %s\n", path) // the file is written; failing to say so changes nothing
	return ExitClean
}
