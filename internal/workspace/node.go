package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/jssrc"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/nodepkg"
	"github.com/flylint-dev/flylint/internal/source"
)

// maxNodeSteps bounds how many resolved commands are interpreted for one
// group; package.json is untrusted.
const maxNodeSteps = 32

// addNodeListeners looks through a group's start command when the table
// of known servers found no listener in it: a package manager script is
// resolved through package.json, and a JavaScript runtime running a file
// (node, tsx, ts-node, bun, deno run) has that file analysed. Both only
// add listeners. ListenersKnown is set, as Go analysis does, when every
// command that keeps running was understood: a known server, or an entry
// file analysed without error in which listen calls were found.
func (b *appBuilder) addNodeListeners(g *Group) {
	if len(g.Listeners) > 0 || len(g.Interpreted.Argv) == 0 || !nodeProgram(path.Base(g.Interpreted.Argv[0].Text)) {
		return
	}
	if b.node == nil {
		b.node = &nodeApp{b: b, budget: maxNodeBytes, cache: map[string]fileResult{}}
		b.node.ok = b.node.init()
	}
	n := b.node
	if !n.ok {
		return
	}
	argv := n.localArgv(g.Interpreted.Argv)
	prog := path.Base(argv[0].Text)
	if nodepkg.IsRunner(prog) && n.pkg != nil {
		steps, ok := (&nodepkg.Resolver{Pkg: n.pkg, Exists: n.exists}).Resolve(argv)
		if !ok {
			return
		}
		known := true
		sawTail := false
		for i, s := range steps {
			if i >= maxNodeSteps {
				known = false
				break
			}
			if !s.Tail {
				continue
			}
			sawTail = true
			env := n.env(s.Env)
			res := listen.InterpretWith(s.Command, env, n.opts())
			ls := res.Listeners
			if len(ls) == 0 && len(res.Argv) > 0 {
				ls, res.Known = n.runFile(n.localArgv(res.Argv), env)
			}
			g.Listeners = append(g.Listeners, ls...)
			known = known && res.Known
		}
		g.ListenersKnown = known && sawTail
		return
	}
	if n.pkg != nil {
		// The first interpretation knew nothing of package.json: with its
		// dependencies, `node build` (SvelteKit) or `node
		// dist/server/entry.mjs` (Astro) may be a known server.
		if res := listen.InterpretWith(g.Command, b.app.Env, n.opts()); len(res.Listeners) > 0 || res.Known {
			g.Interpreted = res
			g.Listeners = append(g.Listeners, res.Listeners...)
			g.ListenersKnown = res.Known
			return
		}
	}
	if ls, complete := n.runFile(argv, b.app.Env); len(ls) > 0 {
		g.Listeners = append(g.Listeners, ls...)
		g.ListenersKnown = complete
	}
}

// nodeProgram reports whether prog is a package manager or a JavaScript
// runtime: only then is the app's package.json worth a look (runFile and
// Resolve take nothing else), and a monorepo of Go and Python apps pays
// no file lookups for it.
func nodeProgram(prog string) bool {
	switch prog {
	case "node", "nodejs", "tsx", "ts-node", "ts-node-esm", "bun", "deno", "nest":
		return true
	}
	return nodepkg.IsRunner(prog)
}

// maxNodeBytes bounds the JavaScript and TypeScript one app has analysed,
// over all its process groups: the repository is untrusted and a run has
// about two seconds of CPU.
const maxNodeBytes = 1 << 20

type nodeApp struct {
	b    *appBuilder
	ok   bool
	dir  string // the build context: fly.toml's directory, else the Dockerfile's
	disp string // dir as positions name it
	pkg  *nodepkg.Package
	// astro is the app's astro.config as far as @astrojs/node goes.
	astro *listen.AstroNode
	// nextStandalone: the image copies Next.js's standalone output, whose
	// server.js is Next's generated server.
	nextStandalone bool
	// budget is what is left of maxNodeBytes; cache holds each entry's
	// analysis, since groups often run the same file.
	budget     int
	budgetSaid bool
	cache      map[string]fileResult
}

type fileResult struct {
	ls       []listen.Listener
	complete bool
}

func (n *nodeApp) init() bool {
	t := n.b.target
	switch {
	case t.Config != "":
		n.dir = filepath.Dir(t.Config)
	case t.Dockerfile != "":
		n.dir = filepath.Dir(t.Dockerfile)
	default:
		return false
	}
	n.disp = n.b.rd.displayPath(n.dir)
	if data, ok := n.read("package.json"); ok {
		if p, err := nodepkg.Parse(filepath.Join(n.disp, "package.json"), data); err == nil {
			n.pkg = p
		}
	}
	if n.pkg != nil && n.pkg.Deps["@astrojs/node"] {
		n.astro = n.astroConfig()
	}
	n.nextStandalone = copiesNextStandalone(n.b.app.Dockerfile)
	return true
}

// copiesNextStandalone reports whether a stage COPYs .next/standalone,
// as the Dockerfile of Next's with-docker example does (COPY --from=builder
// /app/.next/standalone ./, then CMD ["node", "server.js"];
// https://nextjs.org/docs/app/api-reference/config/next-config-js/output
// points to it).
func copiesNextStandalone(f *dockerfile.File) bool {
	if f == nil {
		return false
	}
	for _, st := range f.Stages {
		for _, c := range st.Copies {
			for _, src := range c.Sources {
				if strings.Contains(src, ".next/standalone") {
					return true
				}
			}
		}
	}
	return false
}

// opts are the facts from package.json and framework configs that
// change what a start command means.
func (n *nodeApp) opts() listen.Options {
	o := listen.Options{AstroNode: n.astro, NextStandalone: n.nextStandalone}
	if n.pkg != nil {
		o.NodeDeps = n.pkg.Deps
	}
	return o
}

// astroServerOption matches a host or port key, which in astro.config
// can only be server.host/server.port (or the adapter's own options):
// either changes the standalone server's defaults.
var astroServerOption = lazyre.New(`\b(host|port)\s*:`)

// astroConfig reads the first astro.config Astro would load
// (https://docs.astro.build/en/guides/configuring-astro/#supported-config-file-types):
// mode "standalone" makes dist/server/entry.mjs a server. The config is
// code, so this is a reading of its text: a host or port key anywhere
// leaves the defaults unknown rather than guessed.
func (n *nodeApp) astroConfig() *listen.AstroNode {
	for _, ext := range []string{".mjs", ".js", ".ts", ".mts", ".cjs", ".cts"} {
		data, ok := n.read("astro.config" + ext)
		if !ok {
			continue
		}
		return &listen.AstroNode{
			Standalone:   bytes.Contains(data, []byte("standalone")),
			ServerConfig: astroServerOption().Match(data),
		}
	}
	return nil
}

// read reads a file of the app under the same rules as its config files
// (inside the linted directory, regular, bounded), keeping its content
// for formatters that quote source lines.
func (n *nodeApp) read(rel string) ([]byte, bool) {
	p := filepath.Join(n.dir, filepath.FromSlash(rel))
	if !n.exists(rel) {
		return nil, false
	}
	data, err := n.b.rd.readFile(p, n.b.target.Root)
	if err != nil || len(data) > 1<<20 {
		return nil, false
	}
	n.b.files[n.b.rd.displayPath(p)] = data
	return data, true
}

func (n *nodeApp) exists(rel string) bool {
	st, err := os.Lstat(filepath.Join(n.dir, filepath.FromSlash(rel)))
	return err == nil && !st.IsDir()
}

// env is the app's environment with what a script sets on top.
func (n *nodeApp) env(extra []listen.Var) listen.Env {
	if len(extra) == 0 {
		return n.b.app.Env
	}
	out := listen.Env{}
	for k, v := range n.b.app.Env {
		out[k] = v
	}
	for _, v := range extra {
		out[v.Name] = v
	}
	return out
}

// localArgv turns image paths under the WORKDIR into paths of the build
// context (COPY . . into WORKDIR /app is the usual layout).
func (n *nodeApp) localArgv(argv []listen.Arg) []listen.Arg {
	wd := "/"
	if img := n.b.app.Image; img != nil && img.Workdir != "" {
		wd = img.Workdir
	}
	out := make([]listen.Arg, len(argv))
	for i, a := range argv {
		if strings.HasPrefix(a.Text, "/") && wd != "/" {
			if rel, ok := strings.CutPrefix(a.Text, strings.TrimSuffix(wd, "/")+"/"); ok {
				a.Text = rel
			}
		}
		out[i] = a
	}
	return out
}

// runFile analyses the entry file of `node file`, `tsx file`, `ts-node
// file`, `bun [run] file`, `deno run [flags] file` or `nest start`. complete is true
// when the analysis read every file it followed and found listen calls.
func (n *nodeApp) runFile(argv []listen.Arg, env listen.Env) (ls []listen.Listener, complete bool) {
	if len(argv) < 2 {
		return nil, false
	}
	prog := path.Base(argv[0].Text)
	runtime := "node"
	rest := argv[1:]
	switch prog {
	case "node", "nodejs", "tsx", "ts-node", "ts-node-esm":
	case "nest":
		script, ok := n.nestEntry(rest)
		if !ok {
			return nil, false
		}
		rest = []listen.Arg{{Text: script}}
	case "bun":
		runtime = "bun"
		if rest[0].Text == "run" {
			rest = rest[1:]
		}
	case "deno":
		runtime = "deno"
		if rest[0].Text != "run" {
			return nil, false // deno serve is in the server table
		}
		rest = rest[1:]
	default:
		return nil, false
	}
	script := ""
	for i := 0; i < len(rest); i++ {
		t := rest[i].Text
		switch {
		case t == "-e" || t == "--eval" || t == "-p" || t == "--print":
			return nil, false
		case t == "-r" || t == "--require" || t == "--import" || t == "--loader" || t == "--env-file" || t == "-C" || t == "--conditions" || t == "--config":
			i++
		case strings.HasPrefix(t, "-"):
		default:
			script = t
		}
		if script != "" {
			break
		}
	}
	if script == "" || strings.Contains(script, "://") {
		return nil, false
	}
	entry := n.entry(path.Clean(strings.TrimPrefix(script, "./")))
	if entry == "" {
		return nil, false
	}
	key := runtime + "\x00" + entry + "\x00" + envKey(env)
	if r, ok := n.cache[key]; ok {
		return withProgram(r.ls, prog), r.complete
	}
	if n.budget <= 0 {
		if n.budgetSaid {
			return nil, false
		}
		n.budgetSaid = true // once per app: the next files are refused for the same reason
		name := filepath.Join(n.disp, filepath.FromSlash(entry))
		n.b.limit(source.Range{File: name}, fmt.Sprintf("flylint did not analyse %s (nor the app's further JavaScript): its process groups already had %d bytes of JavaScript and TypeScript analysed, a limit that keeps a run bounded on repositories nobody has vetted, so the listen calls in it are not checked. Real apps stay far below it; keep generated or bundled code out of the server's imports.", name, maxNodeBytes))
		return nil, false
	}
	read := 0
	var deps map[string]bool
	if n.pkg != nil {
		deps = n.pkg.Deps
	}
	res := jssrc.Analyze(entry, jssrc.Options{Env: env, Runtime: runtime, Root: n.disp, MaxBytes: n.budget, Deps: deps, ReadFile: func(rel string) ([]byte, error) {
		if data, ok := n.read(rel); ok {
			read += len(data)
			return data, nil
		}
		return nil, os.ErrNotExist
	}})
	n.budget -= read
	for _, err := range res.Errors {
		var le *jssrc.LimitError
		if errors.As(err, &le) {
			n.b.limit(le.Range, le.Message)
		}
	}
	r := fileResult{ls: res.Listeners, complete: len(res.Errors) == 0 && len(res.Listeners) > 0}
	n.cache[key] = r
	return withProgram(r.ls, prog), r.complete
}

// nestEntry is the source file `nest start` compiles and runs: the CLI
// builds the project and runs node on <sourceRoot>/<entryFile> compiled
// to dist/, with sourceRoot "src" and entryFile "main" unless
// nest-cli.json or --sourceRoot/--entryFile say otherwise
// (https://docs.nestjs.com/cli/usages#nest-start and
// https://docs.nestjs.com/cli/monorepo#cli-properties, @nestjs/cli 10-11).
// The TypeScript source is what flylint reads. A monorepo, another
// config file, or another binary (--exec) is not followed.
func (n *nodeApp) nestEntry(args []listen.Arg) (string, bool) {
	if len(args) == 0 || args[0].Text != "start" {
		return "", false
	}
	root, entry := "src", "main"
	if data, ok := n.read("nest-cli.json"); ok {
		var cfg struct {
			Monorepo   bool   `json:"monorepo"`
			SourceRoot string `json:"sourceRoot"`
			EntryFile  string `json:"entryFile"`
		}
		if json.Unmarshal(data, &cfg) != nil || cfg.Monorepo {
			return "", false
		}
		if cfg.SourceRoot != "" {
			root = cfg.SourceRoot
		}
		if cfg.EntryFile != "" {
			entry = cfg.EntryFile
		}
	}
	for i := 1; i < len(args); i++ {
		t := args[i].Text
		name, val, hasVal := strings.Cut(t, "=")
		switch name {
		case "--entryFile", "--sourceRoot":
			if !hasVal {
				if i+1 >= len(args) {
					return "", false
				}
				i++
				val = args[i].Text
			}
			if name == "--entryFile" {
				entry = val
			} else {
				root = val
			}
		case "-c", "--config", "-e", "--exec":
			return "", false
		}
	}
	return path.Join(root, entry), true
}

func withProgram(ls []listen.Listener, prog string) []listen.Listener {
	out := make([]listen.Listener, len(ls))
	for i, l := range ls {
		l.Program = prog
		out[i] = l
	}
	return out
}

// envKey identifies an environment for the cache.
func envKey(env listen.Env) string {
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	sort.Strings(names)
	var sb strings.Builder
	for _, k := range names {
		sb.WriteString(k + "=" + env[k].Value + "\x00")
	}
	return sb.String()
}

// entry finds the file Node runs for a script operand: the file itself,
// with an extension added, or a directory's package.json main or index.
// A compiled file (dist/, build/) that is not in the repository is
// looked for as TypeScript source under src/.
func (n *nodeApp) entry(script string) string {
	if strings.HasPrefix(script, "../") || script == ".." {
		return ""
	}
	cands := []string{script}
	for _, e := range []string{".js", ".mjs", ".cjs", ".ts"} {
		cands = append(cands, script+e)
	}
	if script == "." && n.pkg != nil && n.pkg.Main != nil {
		cands = append(cands, path.Clean(n.pkg.Main.Value))
	}
	cands = append(cands, path.Join(script, "index.js"), path.Join(script, "index.ts"))
	for _, out := range []string{"dist/", "build/"} {
		if rest, ok := strings.CutPrefix(script, out); ok {
			stem := strings.TrimSuffix(rest, path.Ext(rest))
			cands = append(cands, "src/"+stem+".ts", "src/"+stem+".js", "src/"+stem+"/index.ts", stem+".ts")
		}
	}
	for _, c := range cands {
		if n.exists(c) {
			return c
		}
	}
	return ""
}
