package workspace

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/nodepkg"
	"github.com/flylint-dev/flylint/internal/source"
)

// noDockerfile is what a build without a Dockerfile of the app's puts in
// the image that matters to listeners: its default process and the
// environment it sets. Only builders whose behaviour is documented are
// modelled; any other leaves the app with no command, as before.
type noDockerfile struct {
	cmd *listen.Command
	env []listen.Var
	// goBins maps each Go binary the build produces to the directory of
	// its main package, relative to the app ("." or "./cmd/web").
	goBins map[string]string
	// cnb is set for a Cloud Native Buildpacks image. How its launcher
	// runs a command given in place of CMD depends on the image's
	// entrypoint: /cnb/process/<type> appends it to the default
	// process's arguments, /cnb/lifecycle/launcher runs it as a process
	// type or a command (CNB platform spec, "Launch"). flylint does not
	// know which one Fly's machine gets, so a [processes] command on such
	// an image yields listeners that may not be all.
	cnb bool
	// nodeBuild are the package.json scripts a Node buildpack runs while
	// it builds the image, in order ("a|b": the first of them that
	// exists), and buildAt where fly.toml picks that buildpack;
	// [build.args] is their environment.
	nodeBuild []string
	buildAt   source.Range
}

// Paketo's go-build buildpack puts the binaries in its "targets" layer;
// layers live at /layers/<buildpack id with / as _>/<layer> (CNB
// platform spec). go-build v2.4.37, build.go: Output is
// filepath.Join(targetsLayer.Path, "bin").
// https://github.com/paketo-buildpacks/go-build/blob/v2.4.37/build.go
const paketoGoBin = "/layers/paketo-buildpacks_go-build/targets/bin/"

// loadBuilder models the image of an app built by a Paketo builder or
// buildpacks, or by one of flyctl's builtins, when it has no Dockerfile.
func (b *appBuilder) loadBuilder() {
	a := b.app
	if a.Image != nil || a.Dockerfile != nil || a.DockerfileErr != nil || a.Config == nil || a.Config.Build == nil || b.target.Config == "" {
		return
	}
	bl := a.Config.Build
	dir := filepath.Dir(b.target.Config)
	args := map[string]string{}
	for _, arg := range bl.Args {
		args[arg.Name] = arg.Value.V
	}
	switch {
	case bl.Builder.Set && bl.Builder.OK && bl.Builder.V != "":
		// flyctl tries buildpacks first, and only when a builder is set
		// (buildpacks alone build nothing); it hands [build.args] to pack
		// as the build environment, where Paketo reads its BP_*
		// variables: imgsrc/resolver.go BuildImage and
		// imgsrc/buildpacks_builder.go (Env: normalizeBuildArgs(opts.BuildArgs)),
		// https://github.com/superfly/flyctl/blob/93cb48b8fe1da47ba48aac6928f9fba2b950da67/internal/build/imgsrc/resolver.go
		// https://github.com/superfly/flyctl/blob/99237088c0009d498e1ae0c7344cb60e9cf5f5fa/internal/build/imgsrc/buildpacks_builder.go
		if bl.Image.Set {
			return
		}
		if b.built = b.paketo(dir, args); b.built == nil {
			b.built = b.heroku(dir)
		}
		if b.built != nil {
			b.built.cnb = true
		}
	case bl.Builtin.Set && bl.Builtin.OK:
		// Reached only without a Dockerfile: flyctl's dockerfile strategy
		// comes before the builtin one (imgsrc/resolver.go BuildImage).
		b.built = b.builtin(bl.Builtin.V, bl.Builtin.Value)
	}
}

// builtin models flyctl's builtin builders. Each is a Dockerfile template
// in flyctl's internal/build/imgsrc/builtins/defaultbuiltins.go (commit
// 30917786f10e8e64d03480460e65dbd274a350aa):
// https://github.com/superfly/flyctl/blob/30917786f10e8e64d03480460e65dbd274a350aa/internal/build/imgsrc/builtins/defaultbuiltins.go
// Both set ENV PORT=8080. "go" runs `go build -v -o app` in the build
// context and CMD ["/goapp/app"]; "node" ends with CMD ["npm","start"].
func (b *appBuilder) builtin(name string, at source.Range) *noDockerfile {
	origin := `flyctl's builtin "` + name + `" builder`
	port := listen.Var{Name: "PORT", Value: "8080", Range: at, Origin: origin + " (ENV PORT=8080)"}
	switch name {
	case "go":
		return &noDockerfile{
			cmd:    &listen.Command{Origin: origin, Args: []listen.Arg{{Text: "/goapp/app", Range: at}}},
			env:    []listen.Var{port},
			goBins: map[string]string{"app": "."},
		}
	case "node":
		return &noDockerfile{
			cmd: &listen.Command{Origin: origin, Args: []listen.Arg{{Text: "npm", Range: at}, {Text: "start", Range: at}}},
			env: []listen.Var{port},
		}
	}
	return nil
}

// paketo models the Paketo Go and Node.js buildpacks. Which one a Paketo
// builder runs is decided by detection on the app's files; flylint
// follows it only when one of the two clearly applies.
func (b *appBuilder) paketo(dir string, args map[string]string) *noDockerfile {
	bl := b.app.Config.Build
	at := bl.Builder.Value
	builder := strings.ToLower(bl.Builder.V)
	paketo := strings.Contains(builder, "paketobuildpacks/") || strings.Contains(builder, "paketo-buildpacks/")
	lang := ""
	for i, bp := range bl.Buildpacks.V {
		if l := paketoBuildpack(bp); l != "" {
			lang, paketo = l, true
			if i < len(bl.Buildpacks.Elems) {
				at = bl.Buildpacks.Elems[i]
			}
			break
		}
	}
	if !paketo {
		return nil
	}
	exists := func(name string) bool {
		st, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && st.Mode().IsRegular()
	}
	// A Procfile gives the process types instead (Paketo's procfile
	// buildpack, https://github.com/paketo-buildpacks/procfile), and the
	// project-path variables move the build elsewhere: not modelled.
	if exists("Procfile") || args["BP_GO_WORKDIR"] != "" || args["BP_NODE_PROJECT_PATH"] != "" {
		return nil
	}
	if lang == "" {
		hasGo, hasNode := exists("go.mod"), exists("package.json")
		switch {
		case hasGo && !hasNode:
			lang = "go"
		case hasNode && !hasGo:
			lang = "node"
		default:
			return nil // both or neither: which group detects first is not known
		}
	}
	if lang == "go" {
		return b.paketoGo(dir, args, at)
	}
	return b.paketoNode(dir, args, at)
}

// paketoBuildpack says which language a buildpack reference is Paketo's
// buildpack for ("go", "node"), or "". References may name a registry
// (gcr.io/, docker.io/), a tag (:1.2) or a version (@1.2); ids are the
// meta-buildpacks' (https://github.com/paketo-buildpacks/go,
// https://github.com/paketo-buildpacks/nodejs) and the buildpacks that
// set the start command.
func paketoBuildpack(ref string) string {
	ref = strings.ToLower(ref)
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	ref = strings.ReplaceAll(ref, "paketobuildpacks/", "paketo-buildpacks/")
	switch {
	case strings.HasSuffix(ref, "paketo-buildpacks/go"), strings.HasSuffix(ref, "paketo-buildpacks/go-build"):
		return "go"
	case strings.HasSuffix(ref, "paketo-buildpacks/nodejs"), strings.HasSuffix(ref, "paketo-buildpacks/npm-start"), strings.HasSuffix(ref, "paketo-buildpacks/node-start"):
		return "node"
	}
	return ""
}

// paketoGo models go-build v2.4.37
// (https://github.com/paketo-buildpacks/go-build/tree/v2.4.37): the
// targets are BP_GO_TARGETS split on ":" (build_configuration_parser.go,
// filepath.SplitList), else "." when the app's root has Go files, else
// every directory under cmd/ holding Go files (go_target_manager.go
// GenerateDefaults). Each binary is named after the last element of its
// package's import path (go_build_process.go), and "the first target
// will be used as the start command for the image" (README).
func (b *appBuilder) paketoGo(dir string, args map[string]string, at source.Range) *noDockerfile {
	hasGo := func(d string) bool {
		p := filepath.Join(dir, filepath.FromSlash(d))
		if !b.inTree(p) {
			return false // a link out of the tree is not followed
		}
		m, _ := filepath.Glob(filepath.Join(p, "*.go"))
		return len(m) > 0
	}
	var targets []string
	// An empty BP_GO_TARGETS splits into no targets, and go-build then
	// falls back to its defaults.
	if v := args["BP_GO_TARGETS"]; v != "" {
		for _, t := range strings.Split(v, ":") {
			t = path.Clean(t)
			// go-build refuses absolute targets and those without Go files.
			if strings.HasPrefix(t, "/") || strings.HasPrefix(t, "../") || t == ".." || !hasGo(t) {
				return nil
			}
			targets = append(targets, t)
		}
	} else if hasGo(".") {
		targets = []string{"."}
	} else {
		var found []string
		seen := 0
		// WalkDir never follows links, so it stays in the tree; the count
		// bounds its time on a repository nobody has vetted.
		err := filepath.WalkDir(filepath.Join(dir, "cmd"), func(p string, d os.DirEntry, err error) error {
			if seen++; seen > maxCmdEntries {
				return errTooMany
			}
			if err != nil || d.Type()&os.ModeSymlink != 0 {
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".go") {
				r, _ := filepath.Rel(dir, filepath.Dir(p))
				found = append(found, filepath.ToSlash(r))
				return filepath.SkipDir
			}
			return nil
		})
		if errors.Is(err, errTooMany) {
			b.limit(at, fmt.Sprintf("flylint did not work out which program the Paketo Go buildpack starts: the app has no Go files at its root, and its cmd/ directory has more than %d entries to search for main packages, a limit that keeps a run bounded on repositories nobody has vetted. Set BP_GO_TARGETS in [build.args] to name the program.", maxCmdEntries))
			return nil
		}
		targets = found
	}
	if len(targets) == 0 {
		return nil
	}
	modDir := findGoMod(dir, b.target.Root)
	if modDir == "" {
		return nil
	}
	data, err := b.rd.readFile(filepath.Join(modDir, "go.mod"), b.target.Root)
	if err != nil {
		return nil
	}
	modPath := modfile.ModulePath(data)
	if modPath == "" {
		return nil
	}
	absMod, _ := filepath.Abs(modDir)
	nd := &noDockerfile{goBins: map[string]string{}}
	for i, t := range targets {
		abs, _ := filepath.Abs(filepath.Join(dir, filepath.FromSlash(t)))
		name := filepath.Base(abs)
		if abs == absMod {
			name = path.Base(modPath)
		}
		pkg := "./" + t
		if t == "." {
			pkg = "."
		}
		if _, dup := nd.goBins[name]; !dup {
			nd.goBins[name] = pkg
		}
		if i == 0 {
			nd.cmd = &listen.Command{Origin: "Paketo Go buildpack (first of BP_GO_TARGETS)", Args: []listen.Arg{{Text: paketoGoBin + name, Range: at}}}
		}
	}
	return nd
}

// paketoNode models the Paketo Node.js buildpack's start commands. With a
// "start" script, npm-start v2.5.2 runs "<prestart> && <start> &&
// <poststart>" through sh (README; build.go concatenateNpmScripts,
// https://github.com/paketo-buildpacks/npm-start/tree/v2.5.2), which is
// what `npm start` resolves to; yarn-start does the same for yarn apps. Without one, node-start v2.7.2 runs
// `node <file>`: BP_LAUNCHPOINT, else the first of server, app, main,
// index with .js, .cjs or .mjs in the app's root (README "Application
// Detection", https://github.com/paketo-buildpacks/node-start/tree/v2.7.2).
func (b *appBuilder) paketoNode(dir string, args map[string]string, at source.Range) *noDockerfile {
	nd := b.paketoNodeStart(dir, args, at)
	if nd != nil {
		// node-run-script runs the scripts BP_NODE_RUN_SCRIPTS lists,
		// comma-separated, with npm run-script or yarn run (README,
		// https://github.com/paketo-buildpacks/node-run-script/tree/v1.0.14).
		for _, name := range strings.Split(args["BP_NODE_RUN_SCRIPTS"], ",") {
			if name = strings.TrimSpace(name); name != "" {
				nd.nodeBuild = append(nd.nodeBuild, name)
			}
		}
		nd.buildAt = at
	}
	return nd
}

func (b *appBuilder) paketoNodeStart(dir string, args map[string]string, at source.Range) *noDockerfile {
	origin := "Paketo Node.js buildpack"
	if data, err := b.rd.readFile(filepath.Join(dir, "package.json"), b.target.Root); err == nil {
		if p, err := nodepkg.Parse("package.json", data); err == nil {
			if _, ok := p.Scripts["start"]; ok {
				return &noDockerfile{cmd: &listen.Command{Origin: origin + " (npm start)", Args: []listen.Arg{{Text: "npm", Range: at}, {Text: "start", Range: at}}}}
			}
		}
	}
	file := ""
	if lp := args["BP_LAUNCHPOINT"]; lp != "" {
		file = path.Clean(lp)
	} else {
	search:
		for _, stem := range []string{"server", "app", "main", "index"} {
			for _, ext := range []string{".js", ".cjs", ".mjs"} {
				st, err := os.Lstat(filepath.Join(dir, stem+ext))
				if err != nil {
					continue
				}
				if !st.Mode().IsRegular() {
					// The buildpack would pick this one; flylint does not
					// read through it, and picking the next would be wrong.
					return nil
				}
				file = stem + ext
				break search
			}
		}
	}
	if file == "" || slices.Contains([]string{".", ".."}, file) || strings.HasPrefix(file, "../") {
		return nil
	}
	return &noDockerfile{cmd: &listen.Command{Origin: origin + " (node-start)", Args: []listen.Arg{{Text: "node", Range: at}, {Text: file, Range: at}}}}
}

// heroku models the Node.js buildpack of Heroku's builders (heroku/nodejs
// v5.7.10, https://github.com/heroku/buildpacks-nodejs/tree/v5.7.10):
// with a Procfile it sets no web process; with a "start" script the
// default web process is `<package manager> start`
// (package_manager.rs configure_default_processes), else `node server.js`
// or `node index.js`, whichever exists first (main.rs). The package
// manager is the packageManager field's, else the lockfile's; the start
// script it runs is the same either way. The older heroku/buildpacks:20
// builder behaves alike for a start script ("web: npm start",
// https://devcenter.heroku.com/changelog-items/370). Heroku's Go
// buildpack is not modelled.
func (b *appBuilder) heroku(dir string) *noDockerfile {
	nd, at := b.herokuStart(dir)
	if nd != nil {
		// The buildpack runs heroku-prebuild, then heroku-build or else
		// build, then heroku-postbuild, those that exist
		// (src/package_manager.rs run_build_scripts, heroku/nodejs
		// v5.7.10).
		nd.nodeBuild = []string{"heroku-prebuild", "heroku-build|build", "heroku-postbuild"}
		nd.buildAt = at
	}
	return nd
}

func (b *appBuilder) herokuStart(dir string) (*noDockerfile, source.Range) {
	bl := b.app.Config.Build
	at := bl.Builder.Value
	builder := strings.ToLower(bl.Builder.V)
	heroku := strings.HasPrefix(builder, "heroku/builder") || strings.HasPrefix(builder, "heroku/buildpacks")
	for i, bp := range bl.Buildpacks.V {
		ref := strings.ToLower(bp)
		if j := strings.IndexByte(ref, '@'); j >= 0 {
			ref = ref[:j]
		}
		if ref == "heroku/nodejs" || strings.HasPrefix(ref, "heroku/nodejs:") || strings.HasSuffix(ref, "/heroku/nodejs") {
			heroku = true
			if i < len(bl.Buildpacks.Elems) {
				at = bl.Buildpacks.Elems[i]
			}
		}
	}
	exists := func(name string) bool {
		st, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && st.Mode().IsRegular()
	}
	if !heroku || !exists("package.json") || exists("go.mod") || exists("Procfile") {
		return nil, at
	}
	origin := "Heroku Node.js buildpack"
	data, err := b.rd.readFile(filepath.Join(dir, "package.json"), b.target.Root)
	if err != nil {
		return nil, at
	}
	p, err := nodepkg.Parse("package.json", data)
	if err != nil {
		return nil, at
	}
	if _, ok := p.Scripts["start"]; ok {
		pm := "npm"
		switch name, _, _ := strings.Cut(p.PackageManager, "@"); {
		case name == "yarn" || name == "pnpm":
			pm = name
		case p.PackageManager != "":
		case exists("pnpm-lock.yaml"):
			pm = "pnpm"
		case exists("yarn.lock"):
			pm = "yarn"
		}
		return &noDockerfile{cmd: &listen.Command{Origin: origin + " (" + pm + " start)", Args: []listen.Arg{{Text: pm, Range: at}, {Text: "start", Range: at}}}}, at
	}
	for _, f := range []string{"server.js", "index.js"} {
		if _, err := os.Lstat(filepath.Join(dir, f)); err != nil {
			continue
		}
		if !exists(f) {
			return nil, at // not a regular file: not read, and the next is not it
		}
		return &noDockerfile{cmd: &listen.Command{Origin: origin, Args: []listen.Arg{{Text: "node", Range: at}, {Text: f, Range: at}}}}, at
	}
	return nil, at
}

// maxCmdEntries bounds the search of cmd/ for go-build's default targets.
const maxCmdEntries = 10000

var errTooMany = errors.New("too many entries")

// inTree reports whether p, with its links resolved, is inside the
// linted tree: nothing outside it is read.
func (b *appBuilder) inTree(p string) bool {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return false
	}
	root, err := filepath.Abs(b.target.Root)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return lexicallyWithin(real, root)
}
