package workspace

import (
	"bytes"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/nodepkg"
	"github.com/flylint-dev/flylint/internal/source"
)

// InlinedEnv is a JavaScript build in the app's image that writes the
// environment variables named with Prefix into the bundle it produces, so
// that their values are fixed when the image is built: a value that only
// reaches the running Machine ([env], secrets) is never seen by the code
// the build inlined it into.
type InlinedEnv struct {
	Framework string // "Next.js"
	Prefix    string // "NEXT_PUBLIC_"
	Command   string // the build command as the framework names it: "next build"
	// Step is the Dockerfile RUN that runs the build, or for a
	// buildpack build where fly.toml names the builder.
	Step source.Range
	// Buildpack is set when a Node buildpack runs the build: flyctl
	// gives it [build.args] as its environment, no ARG needed.
	Buildpack bool
	// given are the names the build can see: an ARG or ENV before Step
	// in its stage (ENV also from the stages it is built FROM), an
	// assignment in the RUN or the package.json script, a .env file the
	// framework loads. opaque is set when the RUN mounts a build secret:
	// a secret can hold any variable (a whole .env), so every name may
	// be given.
	given  map[string]bool
	args   map[string]bool
	opaque bool
}

// Given reports whether the build can see name: flylint found it set or
// declared where the build step reads it, or cannot tell.
func (e *InlinedEnv) Given(name string) bool { return e.opaque || e.given[name] }

// Declared reports whether the build stage declares ARG name before the
// build step, so that a [build.args] value reaches the build.
func (e *InlinedEnv) Declared(name string) bool { return e.args[name] }

// frontend describes one framework whose build inlines variables.
type frontend struct {
	name, prefix string
	// dep must be among package.json's dependencies or devDependencies.
	dep string
	// prog and sub are the build command: `next build`.
	prog, sub string
	// configs are files whose "envPrefix" setting changes the prefix
	// (Vite's option); when one sets it, the default prefix is not
	// assumed.
	configs []string
}

// frontends are the builds that inline variables, each cited:
//   - Next.js: https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser
//     (Next 15): "Next.js will replace all references to process.env.NEXT_PUBLIC_*
//     with hard-coded values at build time ... After being built, your app will no
//     longer respond to changes to these environment variables."
//   - Vite: https://vite.dev/guide/env-and-mode (Vite 6): import.meta.env.VITE_*
//     "are statically replaced at build time"; envPrefix changes the prefix
//     (https://vite.dev/config/shared-options.html#envprefix). React Router's and
//     Remix's Vite builds are Vite builds.
//   - Astro: https://docs.astro.build/en/guides/environment-variables/ (Astro 5):
//     Vite's variables, "statically replaced at build time"; PUBLIC_ ones reach
//     client code.
//   - Create React App: https://create-react-app.dev/docs/adding-custom-environment-variables/
//     (react-scripts 5): REACT_APP_* "are embedded during the build time".
//
// SvelteKit's PUBLIC_ variables are not here: $env/dynamic/public reads them
// when the server starts (https://svelte.dev/docs/kit/$env-dynamic-public), and
// $env/static/public, which inlines them, fails the build when one is unset
// (the module does not export it), so a runtime-only value is either right or
// loud. Its VITE_ variables are Vite's.
var frontends = []frontend{
	{name: "Next.js", prefix: "NEXT_PUBLIC_", dep: "next", prog: "next", sub: "build"},
	{name: "Vite", prefix: "VITE_", dep: "vite", prog: "vite", sub: "build", configs: viteConfigs("vite")},
	{name: "Vite (React Router)", prefix: "VITE_", dep: "@react-router/dev", prog: "react-router", sub: "build", configs: viteConfigs("vite")},
	{name: "Vite (Remix)", prefix: "VITE_", dep: "@remix-run/dev", prog: "remix", sub: "vite:build", configs: viteConfigs("vite")},
	{name: "Astro", prefix: "PUBLIC_", dep: "astro", prog: "astro", sub: "build", configs: viteConfigs("astro")},
	{name: "Create React App", prefix: "REACT_APP_", dep: "react-scripts", prog: "react-scripts", sub: "build"},
}

func viteConfigs(stem string) []string {
	var out []string
	for _, ext := range []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"} {
		out = append(out, stem+".config"+ext)
	}
	return out
}

// InlinedPrefix reports whether name starts with a prefix some framework
// build inlines; only then is the app's build looked into.
func InlinedPrefix(name string) bool {
	for _, f := range frontends {
		if strings.HasPrefix(name, f.prefix) && len(name) > len(f.prefix) {
			return true
		}
	}
	return false
}

// maxBuildRuns bounds the RUN instructions looked at for a build step,
// and maxDotEnv the .env file read; the Dockerfile is untrusted.
const (
	maxBuildRuns = 256
	maxDotEnv    = 256 << 10
)

// findInlinedEnv finds the framework builds the app's Dockerfile runs.
// It does nothing unless [env] sets a variable with one of their
// prefixes, so apps without such a variable pay nothing.
func (b *appBuilder) findInlinedEnv() {
	a := b.app
	buildpack := b.built != nil && len(b.built.nodeBuild) > 0
	if a.Config == nil || b.target.Config == "" || (a.Image == nil && !buildpack) {
		return
	}
	want := false
	for _, e := range a.Config.Env {
		if e != nil && InlinedPrefix(e.Name) {
			want = true
			break
		}
	}
	if !want {
		return
	}
	dir := filepath.Dir(b.target.Config)
	data, err := b.rd.readFile(filepath.Join(dir, "package.json"), b.target.Root)
	if err != nil {
		return
	}
	pkg, err := nodepkg.Parse(filepath.Join(b.rd.displayPath(dir), "package.json"), data)
	if err != nil {
		return
	}
	var fws []frontend
	for _, f := range frontends {
		if pkg.Deps[f.dep] && !b.setsEnvPrefix(dir, f.configs) {
			fws = append(fws, f)
		}
	}
	if len(fws) == 0 {
		return
	}
	dotEnv := b.dotEnvNames(dir)
	newEnv := func(f frontend, step source.Range, env []string) *InlinedEnv {
		e := &InlinedEnv{Framework: f.name, Prefix: f.prefix, Command: f.prog + " " + f.sub, Step: step,
			given: map[string]bool{}, args: map[string]bool{}}
		for n := range dotEnv {
			e.given[n] = true
		}
		for _, n := range env {
			e.given[n] = true
		}
		return e
	}
	if a.Image == nil {
		b.buildpackInlined(pkg, fws, newEnv)
		return
	}
	dockerData := b.files[a.DockerfilePath]
	runs, resolves := 0, maxBuildResolves
	for _, st := range builtStages(a.Dockerfile, a.Image) {
		for _, run := range st.Runs {
			if runs++; runs > maxBuildRuns {
				return
			}
			calls, env := buildCalls(run.Command, pkg, &resolves)
			for _, f := range fws {
				if !runsBuild(calls, f) {
					continue
				}
				e := newEnv(f, run.Range, env)
				e.opaque = mountsSecret(dockerData, run.Range)
				stageVars(st, run.Range.Start.Offset, e)
				a.Inlined = append(a.Inlined, e)
			}
		}
	}
}

// buildpackInlined finds the framework builds among the scripts a Node
// buildpack runs (see noDockerfile.nodeBuild). Its build environment is
// [build.args] (flyctl's buildpacks builder passes them as pack's env,
// see loadBuilder), so those names are given.
func (b *appBuilder) buildpackInlined(pkg *nodepkg.Package, fws []frontend, newEnv func(frontend, source.Range, []string) *InlinedEnv) {
	bd := b.built
	resolves := maxBuildResolves
	var calls [][]string
	var env []string
	for _, alts := range bd.nodeBuild {
		for _, name := range strings.Split(alts, "|") {
			if _, ok := pkg.Scripts[name]; !ok {
				continue
			}
			c, e := buildCalls(listen.Command{Args: []listen.Arg{{Text: "npm"}, {Text: "run"}, {Text: name}}}, pkg, &resolves)
			calls, env = append(calls, c...), append(env, e...)
			break
		}
	}
	for _, a := range b.app.Config.Build.Args {
		env = append(env, a.Name)
	}
	for _, f := range fws {
		if runsBuild(calls, f) {
			e := newEnv(f, bd.buildAt, env)
			e.Buildpack = true
			b.app.Inlined = append(b.app.Inlined, e)
		}
	}
}

// setsEnvPrefix reports whether a Vite or Astro config file of the app
// mentions envPrefix, which replaces the default prefix.
func (b *appBuilder) setsEnvPrefix(dir string, configs []string) bool {
	for _, c := range configs {
		data, err := b.rd.readFile(filepath.Join(dir, c), b.target.Root)
		if err == nil && bytes.Contains(data, []byte("envPrefix")) {
			return true
		}
	}
	return false
}

// dotEnvNames are the variables set in the .env files Next.js, Vite
// (Astro) and Create React App load for a production build: .env,
// .env.production and their .local forms
// (https://nextjs.org/docs/app/guides/environment-variables#environment-variable-load-order,
// https://vite.dev/guide/env-and-mode#env-files). A build that COPYs
// them sees these names.
func (b *appBuilder) dotEnvNames(dir string) map[string]bool {
	out := map[string]bool{}
	for _, f := range []string{".env", ".env.local", ".env.production", ".env.production.local"} {
		data, err := b.rd.readFile(filepath.Join(dir, f), b.target.Root)
		if err != nil || len(data) > maxDotEnv {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "export "))
			if k, _, ok := strings.Cut(line, "="); ok {
				out[strings.TrimSpace(k)] = true
			}
		}
	}
	return out
}

// builtStages are the stages a build of the image runs: its FROM chain
// and, transitively, the stages it COPYs --from. BuildKit skips the
// others, so a build step in them never runs.
func builtStages(f *dockerfile.File, img *dockerfile.Image) []*dockerfile.Stage {
	seen := map[*dockerfile.Stage]bool{}
	var out []*dockerfile.Stage
	var add func(st *dockerfile.Stage)
	add = func(st *dockerfile.Stage) {
		for ; st != nil && !seen[st]; st = st.Parent {
			seen[st] = true
			out = append(out, st)
			for _, c := range st.Copies {
				if c.From != "" {
					add(stageNamed(f, c.From, st.Index))
				}
			}
		}
	}
	for _, st := range img.Chain {
		add(st)
	}
	return out
}

// stageNamed finds the stage COPY --from names, by AS name or index,
// among the stages before the COPY's.
func stageNamed(f *dockerfile.File, from string, before int) *dockerfile.Stage {
	if i, err := strconv.Atoi(from); err == nil {
		if i >= 0 && i < before {
			return f.Stages[i]
		}
		return nil
	}
	from = strings.ToLower(from)
	var out *dockerfile.Stage
	for _, st := range f.Stages[:before] {
		if st.Name == from {
			out = st
		}
	}
	return out
}

// stageVars records what the build stage gives a RUN at offset: ARGs
// declared before it in the stage, ENVs before it and in the stages it
// is built FROM. ARGs of parent stages do not carry over
// (https://docs.docker.com/reference/dockerfile/#scope).
func stageVars(st *dockerfile.Stage, at int, e *InlinedEnv) {
	for _, a := range st.Args {
		if a.Range.Start.Offset < at {
			e.given[a.Name] = true
			e.args[a.Name] = true
		}
	}
	for s := st; s != nil; s = s.Parent {
		for _, v := range s.Env {
			if s != st || v.Range.Start.Offset < at {
				e.given[v.Name] = true
			}
		}
	}
}

// mountsSecret reports whether the RUN's text mounts a build secret.
func mountsSecret(data []byte, r source.Range) bool {
	s, t := r.Start.Offset, r.End.Offset
	if s < 0 || t > len(data) || s >= t {
		return true // not checkable: assume it may
	}
	return bytes.Contains(data[s:t], []byte("type=secret"))
}

// buildCalls are the commands a RUN runs, package manager scripts
// resolved through package.json, as argvs of literal words; env are the
// names its assignments and its scripts' set (`NEXT_PUBLIC_X=1 npm run
// build`, `cross-env NEXT_PUBLIC_X=1 next build` in a script).
func buildCalls(cmd listen.Command, pkg *nodepkg.Package, resolves *int) (calls [][]string, env []string) {
	w := &callWalker{pkg: pkg, resolves: resolves}
	if cmd.Shell {
		if len(cmd.Args) == 1 {
			w.script(cmd.Args[0].Text, 0)
		}
		return w.calls, w.env
	}
	argv := make([]string, len(cmd.Args))
	for i, a := range cmd.Args {
		argv[i] = a.Text
	}
	w.call(argv, 0)
	return w.calls, w.env
}

type callWalker struct {
	pkg   *nodepkg.Package
	calls [][]string
	env   []string
	n     int
	// resolves is what is left of the package manager calls one app may
	// resolve, over all its RUNs: each resolution may walk megabytes of
	// an untrusted package.json.
	resolves *int
}

// maxBuildResolves bounds the package manager calls resolved per app;
// real Dockerfiles have a handful.
const maxBuildResolves = 8

// maxBuildCalls bounds the commands collected from one RUN.
const maxBuildCalls = 512

func (w *callWalker) script(text string, depth int) {
	if depth > 2 || len(text) > 64<<10 {
		return
	}
	f, err := syntax.NewParser().Parse(strings.NewReader(text), "")
	if err != nil {
		return
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		c, ok := n.(*syntax.CallExpr)
		if !ok || w.n >= maxBuildCalls {
			return w.n < maxBuildCalls
		}
		w.n++
		for _, as := range c.Assigns {
			if as.Name != nil {
				w.env = append(w.env, as.Name.Value)
			}
		}
		var argv []string
		for _, a := range c.Args {
			argv = append(argv, a.Lit())
		}
		w.call(argv, depth)
		return true
	})
}

func (w *callWalker) call(argv []string, depth int) {
	if len(argv) == 0 || argv[0] == "" {
		return
	}
	w.calls = append(w.calls, argv)
	if !nodepkg.IsRunner(argv[0]) || *w.resolves <= 0 {
		return
	}
	*w.resolves--
	args := make([]listen.Arg, len(argv))
	for i, t := range argv {
		args[i] = listen.Arg{Text: t}
	}
	steps, ok := (&nodepkg.Resolver{Pkg: w.pkg}).Resolve(args)
	if !ok {
		return
	}
	for _, s := range steps {
		for _, v := range s.Env {
			w.env = append(w.env, v.Name)
		}
		if s.Command.Shell && len(s.Command.Args) == 1 {
			w.script(s.Command.Args[0].Text, depth+1)
			continue
		}
		var sub []string
		for _, a := range s.Command.Args {
			sub = append(sub, a.Text)
		}
		w.calls = append(w.calls, sub)
	}
}

// runsBuild reports whether one of the calls is f's build command.
func runsBuild(calls [][]string, f frontend) bool {
	for _, argv := range calls {
		if len(argv) < 2 {
			continue
		}
		if strings.TrimSuffix(path.Base(argv[0]), ".js") != f.prog {
			continue
		}
		for _, t := range argv[1:] {
			if strings.HasPrefix(t, "-") {
				continue
			}
			if t == f.sub {
				return true
			}
			break
		}
	}
	return false
}
