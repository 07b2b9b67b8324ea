// Package jssrc finds where a JavaScript or TypeScript app listens,
// statically: from an entry file it follows the app's own relative
// imports (bounded in file size and count; nothing is executed) and
// turns the listen calls of Node's http/https/net, Express, Koa, Fastify,
// hapi, Bun.serve, Deno.serve, @hono/node-server and dgram into
// listen.Listener values with the positions of the arguments that carry
// the host and port.
//
// Parser: github.com/tdewolff/parse/v2/js parses JavaScript; TypeScript
// and JSX go through esbuild's Transform first and positions come back
// through its source map. Both are pure Go. tdewolff's AST keeps no
// positions, so they come from the byte slices it shares with the input
// and from a token list of the same text.
package jssrc

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/safefile"
)

// Options bound and feed an analysis.
type Options struct {
	// Env is the process environment as known statically.
	Env listen.Env
	// Runtime is "node" (default), "bun" or "deno": it decides the
	// default host of Node-style listen calls and whether a default
	// export with fetch is a server (Bun).
	Runtime string
	// Root is the app directory; entry and imports are resolved in it
	// and never outside it. Positions name files as Root joined with
	// their slash path.
	Root string
	// ReadFile reads a file given its slash path under Root; nil reads
	// from disk. It must refuse what it should not read.
	ReadFile func(rel string) ([]byte, error)
	// Deps are the package names package.json depends on: a library's
	// behaviour is modelled only when the app has it.
	Deps map[string]bool
	// MaxFileSize, MaxFiles and MaxBytes (all files together) bound the
	// work on an untrusted repository (defaults 512 KiB, 64 and 1 MiB:
	// parsing runs at a few MB/s, and one run of flylint has about two
	// seconds of CPU for everything).
	MaxFileSize int
	MaxFiles    int
	MaxBytes    int
}

// Result is what the analysis found.
type Result struct {
	Listeners []listen.Listener
	// Files are the files analysed, as slash paths under Root.
	Files []string
	// Errors are files that could not be read or parsed.
	Errors []error
}

type analysis struct {
	opt     Options
	mods    map[string]*module
	order   []*module
	errs    []error
	budget  int // evaluation steps left: no hostile file makes it quadratic
	bytes   int // read so far, against MaxBytes
	queue   []*module
	visited map[*module]bool
}

// Analyze analyses the app whose entry file is entry (a slash path
// under opt.Root).
func Analyze(entry string, opt Options) Result {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = 512 << 10
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 1 << 20
	}
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = 64
	}
	if opt.Runtime == "" {
		opt.Runtime = "node"
	}
	a := &analysis{opt: opt, mods: map[string]*module{}, budget: 1 << 20, visited: map[*module]bool{}}
	m := a.loadPath(path.Clean(entry))
	if m == nil {
		return Result{Errors: a.errs}
	}
	var ls []listen.Listener
	// Every module the entry imports runs its top-level code on import;
	// listen calls anywhere in them count, entry first.
	a.queue = []*module{m}
	for len(a.queue) > 0 {
		cur := a.queue[0]
		a.queue = a.queue[1:]
		if a.visited[cur] {
			continue
		}
		a.visited[cur] = true
		for _, spec := range imports(cur) {
			if dep := a.load(cur, spec); dep != nil && !a.visited[dep] {
				a.queue = append(a.queue, dep)
			}
		}
		ls = append(ls, a.sites(cur, cur == m)...)
	}
	res := Result{Listeners: ls, Errors: a.errs}
	for _, mm := range a.order {
		res.Files = append(res.Files, mm.rel)
	}
	return res
}

// imports lists the specifiers a module loads: import statements,
// re-exports and require calls with a literal argument.
func imports(m *module) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, spec := range m.specs {
		add(spec)
	}
	for _, ex := range m.exports {
		if ex.imp != nil {
			add(ex.imp.spec)
		}
	}
	for _, c := range m.calls {
		if isGlobal(c.callee, "require") && len(c.args) == 1 {
			if v := literalString(c.args[0]); v != "" {
				add(v)
			}
		}
	}
	sort.Strings(out)
	return out
}

// load resolves a relative specifier from module m; bare package names
// and URLs are not the app's code and are not followed.
func (a *analysis) load(from *module, spec string) *module {
	if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
		return nil
	}
	base := path.Join(path.Dir(from.rel), spec)
	if strings.HasPrefix(base, "../") || base == ".." {
		return nil // outside the app
	}
	for _, cand := range candidates(base) {
		if m, ok := a.mods[cand]; ok {
			return m
		}
		if data, err := a.read(cand); err == nil {
			return a.parse(cand, data)
		}
	}
	return nil
}

// candidates are the files Node, TypeScript and bundlers try for a
// specifier: as written, with an extension, as a directory index, and a
// .js specifier naming a .ts source (TypeScript's ESM convention).
func candidates(base string) []string {
	exts := []string{".ts", ".tsx", ".js", ".mjs", ".cjs", ".mts", ".cts", ".jsx"}
	out := []string{base}
	if ext := path.Ext(base); ext == ".js" || ext == ".mjs" || ext == ".cjs" {
		stem := strings.TrimSuffix(base, ext)
		out = append(out, stem+".ts", stem+".tsx", stem+".mts", stem+".cts")
	}
	for _, e := range exts {
		out = append(out, base+e)
	}
	for _, e := range exts {
		out = append(out, base+"/index"+e)
	}
	return out
}

func (a *analysis) loadPath(rel string) *module {
	if m, ok := a.mods[rel]; ok {
		return m
	}
	data, err := a.read(rel)
	if err != nil {
		a.errs = append(a.errs, err)
		return nil
	}
	return a.parse(rel, data)
}

func (a *analysis) read(rel string) ([]byte, error) {
	if len(a.mods) >= a.opt.MaxFiles {
		return nil, limitf(a.display(rel), "the app already has %d files analysed", a.opt.MaxFiles)
	}
	var data []byte
	var err error
	if a.opt.ReadFile != nil {
		data, err = a.opt.ReadFile(rel)
	} else {
		path := filepath.Join(a.opt.Root, filepath.FromSlash(rel))
		data, err = safefile.Read(path, path, int64(a.opt.MaxFileSize))
	}
	if err != nil {
		return nil, err
	}
	if len(data) > a.opt.MaxFileSize {
		return nil, limitf(a.display(rel), "it is %d bytes, more than %d", len(data), a.opt.MaxFileSize)
	}
	if a.bytes+len(data) > a.opt.MaxBytes {
		return nil, limitf(a.display(rel), "with it the app's JavaScript and TypeScript analysed would pass %d bytes", a.opt.MaxBytes)
	}
	a.bytes += len(data)
	return data, nil
}

func (a *analysis) display(rel string) string {
	if a.opt.Root == "" {
		return rel
	}
	return filepath.Join(a.opt.Root, filepath.FromSlash(rel))
}

func (a *analysis) parse(rel string, data []byte) *module {
	f, err := parseFile(a.display(rel), data)
	if err != nil {
		a.errs = append(a.errs, err)
		a.mods[rel] = nil
		return nil
	}
	m := newModule(f, rel)
	a.mods[rel] = m
	a.order = append(a.order, m)
	return m
}
