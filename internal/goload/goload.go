// Package goload loads a Go module's packages once and runs flylint's
// listen-site analysis over them, for the CLI. It never writes go.mod or
// go.sum, never runs the project's code or a C compiler, never lets the
// go command download a toolchain, and keeps the go command from reading
// anything outside the linted tree (see guard).
package goload

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/flylint-dev/flylint/analyzers/flyrefs"
	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/source"
)

// Options adjusts loading.
type Options struct {
	// Env is added to the process environment for the go command
	// (GOFLAGS, GOOS, ...). GOTOOLCHAIN, CGO_ENABLED and GOWORK are
	// always flylint's own (see Analyze).
	Env []string
	// BuildFlags are passed to the go command (-tags=...), before the
	// flags flylint always sets, which therefore win.
	BuildFlags []string
	// Root is the linted tree: the go command is kept from reading
	// anything outside it. "" means the module directory.
	Root string
	// Progress, when set, is told how many of the module's packages have
	// been analysed, once they are loaded. It is called from several
	// goroutines, last with done == total.
	Progress func(done, total int)
	// Overlay is editor buffers by absolute clean path, read in place of
	// the module's .go files (see Buffers); every other file and every
	// guard still applies. Nothing is written in the tree: the buffers go
	// to the go command through flylint's own -overlay file.
	Overlay map[string][]byte
}

// Result is what the analysis found.
type Result struct {
	// Mains are the main packages matched by the patterns, by import
	// path.
	Mains []*Main
	// Errors lists the packages that did not load or type-check. Their
	// listen sites are missing; the rest of the program is still
	// analysed. Errors of the go command come before the type errors
	// they cause.
	Errors []PackageError
	// Notes are the parts of the module flylint left out on purpose.
	Notes []Note
}

// Main is one main package and the listen sites of it and of the
// packages of its module it imports. Dependencies outside the module are
// not analysed: the standard library and the recognised frameworks are
// matched by name at the call, and other modules' own listen calls are
// not followed (see rootGraph).
type Main struct {
	Path  string // import path
	Dir   string
	Sites []*listensite.Site
	// Opaque are calls into other modules that may start a server the
	// analysis cannot see (see opaqueCalls); when there are any, Sites
	// may not be all the program's listeners.
	Opaque []source.Range
	// Refs are the references to other Fly apps written in the string
	// literals of the program's own packages.
	Refs []flyrefs.Ref
}

// PackageError is one package that could not be analysed.
type PackageError struct {
	Path     string
	Messages []string
	// GoCommand is set when the go command itself refused the package
	// (a go.sum or module error), not the type checker.
	GoCommand bool
}

func (e PackageError) Error() string {
	return e.Path + ": " + strings.Join(e.Messages, "; ")
}

// Analyze loads the packages matching patterns in dir and finds their
// listen sites.
//
// The repository is not trusted. Every go command runs with
// GOTOOLCHAIN=local (a go or toolchain line in go.mod never downloads and
// runs another toolchain), CGO_ENABLED=0 (the repository's #cgo
// preambles never reach a C compiler or pkg-config), an explicit -mod
// that never writes go.mod or go.sum, and the overrides in safeFlags,
// whatever GOFLAGS says. What guard finds leading out of the tree is
// hidden from the go command and noted.
func Analyze(ctx context.Context, dir string, patterns []string, opts Options) (*Result, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	env := append(os.Environ(), opts.Env...)
	g, err := inspect(dir, opts.Root, env)
	if err != nil {
		return nil, fmt.Errorf("loading Go packages: %w", err)
	}
	res := &Result{Notes: g.notes}
	if g.fatal != nil {
		res.Notes = append(res.Notes, *g.fatal)
		return res, nil
	}
	// Later entries win: exec keeps the last value of a variable.
	env = append(env, "GOTOOLCHAIN=local", "CGO_ENABLED=0", "GOWORK="+g.gowork, "GOFLAGS="+safeGOFLAGS(env))
	bufs := g.buffers(opts.Overlay)
	overlay, cleanup, err := g.overlay(bufs)
	if err != nil {
		return nil, fmt.Errorf("loading Go packages: %w", err)
	}
	defer cleanup()
	flags := append(slices.Clip(opts.BuildFlags), safeFlags(g.vendor, overlay)...)
	cfg := &packages.Config{
		Context: ctx,
		Dir:     dir,
		// No NeedDeps: only the packages matched by the patterns (the
		// module's own) are parsed and type-checked from source; every
		// dependency comes from compiler export data that `go list
		// -export` builds and caches in GOCACHE, as go vet's does. Parsing
		// and checking the standard library and third-party modules from
		// source cost ten times go vet's time and 400 MB.
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedModule |
			packages.NeedTypesSizes,
		Env:        env,
		BuildFlags: flags,
		ParseFile:  parseWith(bufs),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading Go packages: %w", err)
	}
	if len(pkgs) == 0 {
		// go/packages hides a go list that failed as a whole (a go.sum
		// checksum mismatch) when it asked for export data: no packages,
		// no error. Ask the go command again, for its own words.
		if err := goListError(ctx, dir, env, flags, patterns); err != nil {
			return nil, err
		}
	}
	dropCompileErrors(pkgs)
	bad := map[*packages.Package]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) == 0 {
			return
		}
		bad[p] = true
		pe := PackageError{Path: p.PkgPath}
		for _, e := range p.Errors {
			pe.Messages = append(pe.Messages, e.Error())
			pe.GoCommand = pe.GoCommand || e.Kind == packages.ListError
		}
		res.Errors = append(res.Errors, pe)
	})
	res.Notes = append(res.Notes, cgoNotes(pkgs, g, bufs)...)
	roots := rootGraph(pkgs)
	sites, refs := stoppable(ctx, listensite.Analyzer), stoppable(ctx, flyrefs.Analyzer)
	analyzers := []*analysis.Analyzer{sites, refs}
	if opts.Progress != nil {
		analyzers = append(analyzers, progressAnalyzer(sites, len(roots), opts.Progress))
		opts.Progress(0, len(roots))
	}
	graph, err := checker.Analyze(analyzers, roots, &checker.Options{})
	if opts.Progress != nil {
		// Packages whose analysis failed never reach the counter.
		opts.Progress(len(roots), len(roots))
	}
	if ctx.Err() != nil {
		// Some packages were left out: a partial result would look like
		// a program without those listeners.
		return nil, fmt.Errorf("analysing Go packages: %w", ctx.Err())
	}
	if err != nil && graph == nil {
		return nil, fmt.Errorf("analysing Go packages: %w", err)
	}
	// Keyed by ID: the checker ran on copies of the loaded packages.
	byPkg := map[string]*listensite.Result{}
	refsOf := map[string][]flyrefs.Ref{}
	badID := map[string]bool{}
	for p := range bad {
		badID[p.ID] = true
	}
	for act := range graph.All() {
		if r, ok := act.Result.(*flyrefs.Result); ok && act.Analyzer == refs {
			refsOf[act.Package.ID] = r.Refs
			continue
		}
		if act.Analyzer != sites {
			continue
		}
		if act.Err != nil {
			if !badID[act.Package.ID] {
				badID[act.Package.ID] = true
				res.Errors = append(res.Errors, PackageError{Path: act.Package.PkgPath, Messages: []string{act.Err.Error()}})
			}
			continue
		}
		if r, ok := act.Result.(*listensite.Result); ok {
			byPkg[act.Package.ID] = r
		}
	}
	inModule := map[string]bool{}
	for _, p := range roots {
		inModule[p.PkgPath] = true
	}
	opaqueOf := map[string][]source.Range{}
	for _, p := range roots {
		if p.Name != "main" {
			continue
		}
		m := &Main{Path: p.PkgPath}
		if len(p.GoFiles) > 0 {
			m.Dir = filepath.Dir(p.GoFiles[0])
		}
		var all []*listensite.Site
		packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
			var sites []*listensite.Site
			if r := byPkg[q.ID]; r != nil {
				sites = r.Sites
			}
			all = append(all, sites...)
			m.Refs = append(m.Refs, refsOf[q.ID]...)
			// A package shared by many mains is searched once.
			calls, ok := opaqueOf[q.ID]
			if !ok {
				calls = opaqueCalls(q, inModule, sites)
				opaqueOf[q.ID] = calls
			}
			m.Opaque = append(m.Opaque, calls...)
		})
		m.Sites = refine(all)
		for _, s := range m.Sites {
			s.Program = p.PkgPath
		}
		res.Mains = append(res.Mains, m)
	}
	sort.Slice(res.Mains, func(i, j int) bool { return res.Mains[i].Path < res.Mains[j].Path })
	// The go command's own error first: a type error "could not import
	// X (invalid package name)" only repeats that X did not load, and
	// hides why.
	sort.Slice(res.Errors, func(i, j int) bool {
		a, b := res.Errors[i], res.Errors[j]
		if a.GoCommand != b.GoCommand {
			return a.GoCommand
		}
		return a.Path < b.Path
	})
	return res, nil
}

// progressAnalyzer counts the packages sites (listensite) has finished
// with. The checker offers no progress of its own; an analyzer that
// requires listensite runs on each package right after it.
func progressAnalyzer(sites *analysis.Analyzer, total int, progress func(done, total int)) *analysis.Analyzer {
	var done atomic.Int64
	return &analysis.Analyzer{
		Name:     "progress",
		Doc:      "counts the packages analysed, for a progress display",
		Requires: []*analysis.Analyzer{sites},
		Run: func(*analysis.Pass) (any, error) {
			progress(int(done.Add(1)), total)
			return nil, nil
		},
	}
}

// refine drops a site whose address waits on a caller when a caller in
// the program supplied it (a refined copy with Via set exists).
func refine(sites []*listensite.Site) []*listensite.Site {
	refined := map[string]bool{}
	for _, s := range sites {
		if s.Via.IsValid() {
			refined[s.Range.String()] = true
		}
	}
	var out []*listensite.Site
	for _, s := range sites {
		if s.Partial && refined[s.Range.String()] {
			// Keep only the refined copies, and among those the complete ones.
			if !s.Via.IsValid() {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// stoppable is a copy of a, stopped between packages once ctx is done:
// the checker takes no context, and an editor that has superseded an
// analysis (the buffers it read changed) should not wait for the rest of
// a large module. A package whose action fails fails the packages that
// import it (listensite's facts flow along imports), so the checker then
// winds down without analysing them. The copy's Run refuses to start
// only; a package already being analysed runs to its end.
func stoppable(ctx context.Context, a *analysis.Analyzer) *analysis.Analyzer {
	if ctx.Done() == nil {
		return a // context.Background: never stops
	}
	c := *a
	run := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return run(pass)
	}
	return &c
}
