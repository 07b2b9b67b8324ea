package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// stdinInput is -stdin-filename: an editor's buffer, linted as if it were
// the file at path, through the loader's overlay (the language server's
// way), so nothing is written and every other file is read from disk.
type stdinInput struct {
	path  string // absolute
	data  []byte
	paths []string // what to lint for it; nil when it is in no app
}

// stdinBuffer reads standard input when -stdin-filename is given and
// points *paths at the app the file belongs to: the fly.toml files of the
// nearest directory at or above it that has one (not searching the
// whole tree below it: an editor lints on every change), or the file
// itself when it is a fly.toml, or a Dockerfile in no app.
func stdinBuffer(o *options, paths *[]string) (*stdinInput, error) {
	if o.stdinFilename == "" {
		if slices.Contains(*paths, "-") {
			return nil, usagef("the path - (standard input) needs -stdin-filename to say which file it is")
		}
		return nil, nil
	}
	if len(*paths) != 1 || (*paths)[0] != "-" {
		return nil, usagef("-stdin-filename lints standard input: give - as the only path (flylint -stdin-filename %s -)", o.stdinFilename)
	}
	if o.fix {
		return nil, usagef("-fix does not go with -stdin-filename: the buffer is not a file flylint may write; the JSON and SARIF reports carry the fixes")
	}
	abs, err := filepath.Abs(o.stdinFilename)
	if err != nil {
		return nil, usagef("-stdin-filename: %v", err)
	}
	data, err := io.ReadAll(io.LimitReader(o.stdin, workspace.MaxFileSize+1))
	if err != nil {
		return nil, usagef("reading standard input: %v", err)
	}
	if len(data) > workspace.MaxFileSize {
		return nil, usagef("standard input is over %d bytes; flylint reads files up to that, and a real fly.toml or Dockerfile is far smaller", workspace.MaxFileSize)
	}
	in := &stdinInput{path: abs, data: data}
	base := strings.ToLower(filepath.Base(abs))
	if workspace.IsConfigName(base) {
		in.paths = []string{abs}
	} else {
		in.paths = appConfigsAbove(filepath.Dir(abs))
		if in.paths == nil && (strings.HasPrefix(base, "dockerfile") || strings.HasSuffix(base, ".dockerfile") || strings.HasPrefix(base, "containerfile")) {
			in.paths = []string{abs}
		}
	}
	*paths = in.paths
	return in, nil
}

// appConfigsAbove returns the fly.toml and fly.*.toml files of the
// nearest directory from dir up that has any, stopping at a repository's
// root (a directory holding .git).
func appConfigsAbove(dir string) []string {
	for {
		entries, _ := os.ReadDir(dir)
		var found []string
		git := false
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() && workspace.IsConfigName(strings.ToLower(name)) {
				found = append(found, filepath.Join(dir, name))
			}
			git = git || name == ".git"
		}
		if len(found) > 0 {
			return found
		}
		parent := filepath.Dir(dir)
		if git || parent == dir {
			return nil
		}
		dir = parent
	}
}

// overlay is the loader's overlay: the buffer at its path.
func (in *stdinInput) overlay() map[string][]byte {
	if in == nil {
		return nil
	}
	return map[string][]byte{in.path: in.data}
}

// only keeps the findings in the buffer's file: an editor shows a
// linter's output against the buffer it sent.
func (in *stdinInput) only(diags []diag.Diagnostic) []diag.Diagnostic {
	if in == nil {
		return diags
	}
	return slices.DeleteFunc(diags, func(d diag.Diagnostic) bool {
		abs, err := filepath.Abs(filepath.FromSlash(d.File))
		return err != nil || abs != in.path
	})
}
