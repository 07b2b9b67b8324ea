package goload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
)

// safeFlags are the build flags flylint puts last on every go command
// line, where they win over GOFLAGS and the caller's flags:
//
//   - -mod=readonly, or -mod=vendor with vendor/modules.txt: never
//     -mod=mod, which rewrites go.mod and go.sum. With -mod=vendor the go
//     command checks vendor/modules.txt against go.mod itself.
//   - -toolexec= : GOFLAGS=-toolexec=./x would run a program (one the
//     repository may hold) around every compile.
//   - -overlay: flylint's own (see guard), or none; a GOFLAGS overlay
//     could name files anywhere.
//   - -modfile= : the module's own go.mod, not one named elsewhere.
//   - -pgo=off: a profile changes nothing the analysis sees and is one
//     more file read.
//   - -compiler=gc: gccgo is a C toolchain.
//   - -race/-msan/-asan=false: they need cgo, which is off.
//   - -buildvcs=false: stamping version control information runs git
//     in the repository, whose .git/config may name programs to run
//     (core.fsmonitor). go list skips stamping when asked for named
//     fields only, as flylint asks; the flag keeps it so.
func safeFlags(vendor bool, overlay string) []string {
	mod := "-mod=readonly"
	if vendor {
		mod = "-mod=vendor"
	}
	return []string{mod, "-toolexec=", "-overlay=" + overlay, "-modfile=", "-pgo=off", "-compiler=gc", "-race=false", "-msan=false", "-asan=false", "-buildvcs=false", exportGCFlags}
}

// exportGCFlags compiles the dependencies that `go list -export` builds
// for their export data without optimisation, inlining or debug
// information. The analysis reads only the types in the export data,
// which these flags do not change; the machine code they skip is most of
// the compiler's work, so a load with an empty build cache costs about
// two thirds of the CPU (measured on fly-apps/flygreeting: 33 s instead
// of 48 s, see scripts/benchgo). The price: the compiled packages are
// cached under other keys than go build's and go vet's, so a cache that
// only those filled does not serve flylint's first run. Being last on
// the command line, the all= pattern wins over any -gcflags in GOFLAGS or
// the caller's build flags (cmd/go: "the latest match on the command line
// wins").
const exportGCFlags = "-gcflags=all=-N -l -dwarf=false"

// unsafeGOFLAGS are the flags safeFlags overrides on the command line.
// They are also taken out of GOFLAGS itself: go/packages runs some go
// commands (go list -f {{context.ReleaseTags}}, for the Go version)
// without the build flags, and GOFLAGS alone would then apply
// (-modfile=../elsewhere/go.mod read, -race refusing to run without cgo).
var unsafeGOFLAGS = map[string]bool{
	"-mod": true, "-toolexec": true, "-overlay": true, "-modfile": true, "-pgo": true,
	"-compiler": true, "-race": true, "-msan": true, "-asan": true, "-buildvcs": true,
}

// safeGOFLAGS is the GOFLAGS the go command would use, from env or else
// from the go env file (go env -w), without unsafeGOFLAGS; "-" spellings
// with two dashes count too.
func safeGOFLAGS(env []string) string {
	flags, set := lookupEnv(env, "GOFLAGS")
	if !set {
		flags = goEnvFile(env)["GOFLAGS"]
	}
	var kept []string
	for _, f := range strings.Fields(flags) {
		name, _, _ := strings.Cut(f, "=")
		if unsafeGOFLAGS["-"+strings.TrimLeft(name, "-")] {
			continue
		}
		kept = append(kept, f)
	}
	return strings.Join(kept, " ")
}

func lookupEnv(env []string, key string) (string, bool) {
	v, set := "", false
	for _, kv := range env {
		if rest, ok := strings.CutPrefix(kv, key+"="); ok {
			v, set = rest, true
		}
	}
	return v, set
}

// goEnvFile reads the settings go env -w wrote: $GOENV, or go/env in the
// user's configuration directory, as the go command finds it.
func goEnvFile(env []string) map[string]string {
	path, set := lookupEnv(env, "GOENV")
	if path == "off" {
		return nil
	}
	if !set || path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return nil
		}
		path = filepath.Join(dir, "go", "env")
	}
	data, err := safefile.Read(path, path, maxModFile)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			out[k] = v
		}
	}
	return out
}

// overlay writes the -overlay file that makes the go command see every
// path guard refused as deleted, so that it neither follows nor opens
// them, and each editor buffer in bufs in place of its file (written
// beside the overlay file, in a directory flylint creates and removes).
// It returns "" when there is nothing to overlay, and a cleanup that
// removes what it wrote.
func (g *guard) overlay(bufs map[string][]byte) (string, func(), error) {
	if len(g.deleted) == 0 && len(bufs) == 0 {
		return "", func() {}, nil
	}
	dir, err := os.MkdirTemp("", "flylint-overlay-")
	if err != nil {
		return "", func() {}, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	replace := map[string]string{}
	for _, p := range g.deleted {
		replace[p] = ""
	}
	paths := slices.Sorted(maps.Keys(bufs))
	for i, p := range paths {
		// The base name kept: the go command names the file it read in
		// some errors.
		name := filepath.Join(dir, fmt.Sprintf("%d-%s", i, filepath.Base(p)))
		if err := os.WriteFile(name, bufs[p], 0o600); err != nil {
			cleanup()
			return "", func() {}, err
		}
		replace[p] = name
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		cleanup()
		return "", func() {}, err
	}
	path := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		cleanup()
		return "", func() {}, err
	}
	return path, cleanup, nil
}

// maxStderr bounds what is kept of the go command's error output.
const maxStderr = 64 << 10

// goListError runs go list the way go/packages did, without export data,
// and returns the go command's own error when it fails, or nil.
func goListError(ctx context.Context, dir string, env, flags, patterns []string) error {
	// -json with named fields, as go/packages asks: a -f template makes
	// go list compute every field, version control stamping included.
	args := append([]string{"list", "-e", "-json=ImportPath"}, flags...)
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return nil // it ran and succeeded, or could not run: go/packages said nothing either
	}
	msg := strings.TrimSpace(stderr.String())
	if msg == "" {
		msg = err.Error()
	}
	return fmt.Errorf("%s", msg)
}

type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxStderr - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// maxCgoNamed is how many cgo files a note names.
const maxCgoNamed = 5

// cgoNotes says which of the module's files were left out because they
// import "C": with CGO_ENABLED=0 the go command drops them from the build
// as it would for any build constraint, and a directory whose every file
// is cgo matches no package at all. One note for the module, at the
// first such file's import "C".
func cgoNotes(pkgs []*packages.Package, g *guard, bufs map[string][]byte) []Note {
	var candidates []string
	covered := map[string]bool{}
	for _, p := range pkgs {
		covered[p.Dir] = true
		candidates = append(candidates, p.IgnoredFiles...)
	}
	for dir, fs := range g.goFiles {
		if !covered[dir] {
			candidates = append(candidates, fs...)
		}
	}
	slices.Sort(candidates)
	var files []string
	var at source.Range
	fset := token.NewFileSet()
	for _, f := range candidates {
		if filepath.Ext(f) != ".go" {
			continue
		}
		// A regular file inside the tree: guard hid the others from the
		// go command, and they are not among its files.
		var src any
		if b, ok := bufs[f]; ok {
			src = b // the editor's buffer: what the go command was given
		}
		af, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range af.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path != "C" {
				continue
			}
			if !at.IsValid() {
				pos := fset.Position(imp.Path.Pos())
				at = source.Range{File: f, Start: source.Pos{Line: pos.Line, Col: pos.Column, Offset: pos.Offset}}
				at.End = at.Start
				at.End.Col += len(imp.Path.Value)
				at.End.Offset += len(imp.Path.Value)
			}
			rel, err := filepath.Rel(g.modDir, f)
			if err != nil {
				rel = f
			}
			files = append(files, filepath.ToSlash(rel))
			break
		}
	}
	if len(files) == 0 {
		return nil
	}
	named := strings.Join(files[:min(len(files), maxCgoNamed)], ", ")
	if len(files) > maxCgoNamed {
		named += fmt.Sprintf(" and %d more", len(files)-maxCgoNamed)
	}
	return []Note{{Range: at, Message: fmt.Sprintf(
		"cgo files were not analysed: %s (in %s). flylint loads Go with CGO_ENABLED=0 so that a repository's #cgo directives never run a C compiler or pkg-config, "+
			"and files that import \"C\" drop out of that build; listeners in them are not known. Move listen calls out of cgo files to have them checked",
		named, displayPath(g.modDir))}}
}
