package workspace

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/flyaddr"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Options tune loading.
type Options struct {
	// Flycast names apps configured as reached over Flycast
	// (.flylint.toml [apps.<name>] flycast = true).
	Flycast map[string]bool
	// DedicatedIPv4 names apps configured as having a dedicated public
	// IPv4 address (.flylint.toml [apps.<name>] dedicated-ipv4 = true).
	DedicatedIPv4 map[string]bool
	// Go enables Go analysis of apps covered by a go.mod.
	Go bool
	// Progress, when set, is told how far loading has got. It is called
	// from several goroutines and must be cheap: a terminal progress line
	// reads it, nothing decides on it.
	Progress func(Progress)
	// PhaseDone, when set, is called as each phase of loading ends:
	// "discover" (n apps found), "load" (n apps assembled) and, when Go
	// analysis ran, "Go analysis" (n modules). flylint -v times them.
	PhaseDone func(phase string, n int)
	// Overlay is content to read in place of what is on disk, by
	// absolute clean path: an editor's unsaved buffers. Every file the
	// loader reads (fly.toml, Dockerfiles, package.json, JS sources,
	// go.mod for buildpacks) is taken from it when there, after the same
	// check that the path lies inside the linted tree; nothing is written.
	// The .go files of an analysed module are given to the go command
	// through goload's -overlay (see goload.Buffers); go.mod, go.sum and
	// go.work are still read from disk.
	Overlay map[string][]byte
	// GoAnalyze, when set, replaces goload.Analyze: the language server
	// passes a cache, so that an edit to fly.toml or a Dockerfile reuses
	// the Go analysis of a module none of whose files changed.
	GoAnalyze func(ctx context.Context, moduleDir string, opts goload.Options) (*goload.Result, error)
	// Context, when set, stops Go analysis early once done (an editor
	// superseded the run); the result is then incomplete and is not used.
	Context context.Context
}

// Progress is how many of a phase's units are done.
type Progress struct {
	// "discovering apps", "apps", "Go modules" (while a module loads) or
	// "Go packages (module i/n)" (its packages being analysed).
	Phase string
	Done  int
	Total int // 0 while not yet known (discovering)
}

// Load finds the apps under paths and assembles each, in parallel. The
// error is a *UsageError for paths that do not exist or hold no app; a
// problem inside one app's files never stops the others and is kept on
// the App for the rules to report.
func Load(paths []string, opts Options) (*Workspace, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	report := func(Progress) {}
	if opts.Progress != nil {
		report = opts.Progress
	}
	phaseDone := func(string, int) {}
	if opts.PhaseDone != nil {
		phaseDone = opts.PhaseDone
	}
	targets, unread, err := discover(paths, report)
	if err != nil {
		return nil, err
	}
	phaseDone("discover", len(targets))
	ws := &Workspace{Files: map[string][]byte{}, byName: map[string][]*App{}, NotRead: unread}
	ws.Apps = make([]*App, len(targets))
	files := make([]map[string][]byte, len(targets))
	rd := newReader()
	rd.overlay = opts.Overlay
	var built atomic.Int64
	report(Progress{Phase: "apps", Total: len(targets)})
	// A few long-lived workers rather than a goroutine per app: each new
	// goroutine regrew its stack through the parsers, a few percent of a
	// large monorepo's load.
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(targets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(targets) {
					return
				}
				b := &appBuilder{target: targets[i], rd: rd, files: map[string][]byte{}}
				ws.Apps[i] = b.build()
				files[i] = b.files
				report(Progress{Phase: "apps", Done: int(built.Add(1)), Total: len(targets)})
			}
		}()
	}
	wg.Wait()
	for _, fs := range files {
		for k, v := range fs {
			ws.Files[k] = v
		}
	}
	phaseDone("load", len(ws.Apps))
	if opts.Go {
		phaseDone("Go analysis", analyzeGo(ws, ws.Files, report, opts))
	}
	for _, a := range ws.Apps {
		if a.Name != "" {
			ws.byName[a.Name] = append(ws.byName[a.Name], a)
		}
	}
	// An app is Flycast when configured so or when another app calls it
	// at <app>.flycast: only then is its force_https a problem.
	for _, a := range ws.Apps {
		if opts.Flycast[a.Name] {
			a.Flycast = true
		}
		a.DedicatedIPv4 = opts.DedicatedIPv4[a.Name]
		for _, r := range a.Refs {
			if r.Kind == "flycast" {
				for _, t := range ws.byName[r.Target] {
					t.Flycast = true
				}
			}
		}
	}
	return ws, nil
}

// appBuilder assembles one App.
type appBuilder struct {
	target     target
	rd         *reader
	app        *App
	files      map[string][]byte
	configData []byte
	lines      *source.Lines
	node       *nodeApp // Node start commands and sources, shared by the groups
	// litefsDepth counts the LiteFS exec commands being interpreted.
	litefsDepth int
	built       *noDockerfile
	// buildArgs are fly.toml's [build.args], for evaluating other stages.
	buildArgs map[string]string
}

func (b *appBuilder) build() *App {
	b.app = &App{root: b.target.Root}
	a := b.app
	if b.target.Config != "" {
		b.loadConfig()
		a.Dir = b.rd.displayPath(filepath.Dir(b.target.Config))
	} else {
		a.Dir = b.rd.displayPath(filepath.Dir(b.target.Dockerfile))
	}
	b.loadDockerfile()
	b.loadBuilder()
	if b.built != nil {
		a.goBins = b.built.goBins
	}
	b.buildEnv()
	b.findInlinedEnv()
	b.buildGroups()
	b.buildServices()
	b.findRefs()
	b.checkLocalFiles()
	return a
}

// limit records input not analysed because it passed a limit, once per
// place: the Dockerfile is evaluated for its default build and again for
// the app's build args, and may refuse the same expansion in both.
func (b *appBuilder) limit(r source.Range, msg string) {
	for _, l := range b.app.Limits {
		if l.Range == r && l.Message == msg {
			return
		}
	}
	b.app.Limits = append(b.app.Limits, &LimitError{Range: r, Message: msg})
}

func (b *appBuilder) loadConfig() {
	a := b.app
	a.ConfigPath = b.rd.displayPath(b.target.Config)
	data, err := b.rd.readFile(b.target.Config, b.target.Root)
	if err != nil {
		a.Unread = &LoadError{Range: source.Range{File: a.ConfigPath}, Message: err.Error()}
		a.ConfigErr = a.Unread
		return
	}
	b.files[a.ConfigPath] = data
	b.configData = data
	b.lines = source.NewLines(data)
	cfg, err := flytoml.Parse(a.ConfigPath, data)
	if err != nil {
		a.ConfigErr = err
		return
	}
	a.Config = cfg
	a.Name = cfg.App.V
	// The literal test first: the regexp's backtracking over every line
	// of every config cost more than parsing it.
	a.Flycast = bytes.Contains(data, []byte("flylint:flycast")) && flycastMarker().Match(data)
}

// flycastMarker is the comment that marks an app as reached over Flycast.
var flycastMarker = lazyre.New(`(?m)^\s*#\s*flylint:flycast\b`)

func (b *appBuilder) loadDockerfile() {
	a := b.app
	cfg := a.Config
	path := b.target.Dockerfile
	var named source.Range // where fly.toml names the Dockerfile
	buildArgs := map[string]string{}
	target := ""
	if path == "" {
		if b.target.Config == "" {
			return
		}
		path = "Dockerfile"
		explicit := false
		if cfg != nil && cfg.Build != nil {
			bl := cfg.Build
			// An image, builder or buildpacks build has no Dockerfile of
			// the app's to read.
			if bl.Image.Set || bl.Builder.Set || bl.Buildpacks.Set {
				return
			}
			if bl.Dockerfile.Set && bl.Dockerfile.OK && bl.Dockerfile.V != "" {
				path, named, explicit = bl.Dockerfile.V, bl.Dockerfile.Value, true
			}
			if bl.Target.OK {
				target = bl.Target.V
			}
			for _, arg := range bl.Args {
				buildArgs[arg.Name] = arg.Value.V
			}
		}
		if strings.Contains(path, "://") {
			a.DockerfileErr = &LoadError{Range: named, Message: "[build] dockerfile is a URL; flylint never fetches anything, so it did not check this Dockerfile"}
			return
		}
		// flyctl joins the path onto fly.toml's directory even when it
		// starts with "/" (filepath.Join in deploy's resolveDockerfilePath),
		// so dockerfile = "/other/Dockerfile" means <fly.toml dir>/other/Dockerfile.
		path = filepath.Join(filepath.Dir(b.target.Config), filepath.FromSlash(path))
		if !explicit {
			if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
				// No Dockerfile and none named: the app is built some other
				// way flylint cannot see (e.g. a prebuilt image passed to
				// fly deploy --image).
				return
			}
		}
	}
	a.DockerfilePath = b.rd.displayPath(path)
	data, err := b.rd.readFile(path, b.target.Root)
	if err != nil {
		r := named
		if !r.IsValid() {
			r = source.Range{File: a.DockerfilePath}
		}
		le := &LoadError{Range: r, Message: err.Error()}
		a.DockerfileErr = le
		if b.target.Config == "" {
			// A Dockerfile linted alone is the whole app.
			a.Unread = le
		}
		return
	}
	b.files[a.DockerfilePath] = data
	f, err := dockerfile.Parse(a.DockerfilePath, data)
	if err != nil {
		a.DockerfileErr = err
		return
	}
	a.Dockerfile = f
	for _, l := range f.Limits {
		b.limit(l.Range, l.Message)
	}
	b.buildArgs = buildArgs
	img, err := f.Image(target, buildArgs)
	if err != nil {
		r := source.Range{File: a.DockerfilePath}
		if cfg != nil && cfg.Build != nil && cfg.Build.Target.Set {
			r = cfg.Build.Target.Value
		}
		a.DockerfileErr = &LoadError{Range: r, Message: err.Error()}
		return
	}
	a.Image = img
	for _, l := range img.Limits {
		b.limit(l.Range, l.Message)
	}
}

// buildEnv is what the app's processes see: the image's ENV, overridden
// by fly.toml [env]. Fly itself sets no PORT.
func (b *appBuilder) buildEnv() {
	a := b.app
	a.Env = listen.Env{}
	if a.Image != nil {
		for k, v := range a.Image.Env {
			a.Env[k] = v
		}
	}
	if b.built != nil {
		for _, v := range b.built.env {
			a.Env[v.Name] = v
		}
	}
	if a.Config != nil {
		for _, e := range a.Config.Env {
			a.Env[e.Name] = listen.Var{Name: e.Name, Value: e.Value.V, Range: e.Value.Value, Origin: "fly.toml [env]"}
		}
	}
}

func (b *appBuilder) buildGroups() {
	a := b.app
	names := []string{"app"}
	procs := map[string]*flytoml.Process{}
	if a.Config != nil {
		names = a.Config.GroupNames()
		for _, p := range a.Config.Processes {
			procs[p.Name] = p
		}
	}
	for _, name := range names {
		g := &Group{Name: name}
		p := procs[name]
		if p != nil {
			g.Key = p.Key
		}
		g.Command, g.HasCommand = b.startCommand(g, p)
		var le *LimitError
		if errors.As(g.CommandErr, &le) {
			b.limit(le.Range, le.Message)
		}
		if g.HasCommand {
			res := listen.Interpret(g.Command, a.Env)
			if !res.Known && len(res.Listeners) == 0 {
				// An ENTRYPOINT script that ends in exec "$@" leaves
				// the command after it running.
				if cmd, ok := b.entrypointPassThrough(g); ok {
					res = listen.Interpret(cmd, a.Env)
				}
			}
			g.Listeners = res.Listeners
			g.ListenersKnown = res.Known
			g.Interpreted = res
			for _, s := range res.Skipped {
				b.limit(s.Range, s.Message)
			}
			b.addNodeListeners(g)
			b.addConfiguredServers(g)
			b.addPumaListeners(g, a.Env)
			b.addPhoenixListeners(g)
			b.addRailsRoutes(g)
		}
		if b.built != nil && b.built.cnb && p != nil && p.Command.OK {
			g.cnbCommand = true
			g.ListenersKnown = false
		}
		a.Groups = append(a.Groups, g)
	}
}

// buildServices puts [http_service] and every [[services]] entry in one
// shape, so that port and bind rules treat them alike.
func (b *appBuilder) buildServices() {
	a := b.app
	cfg := a.Config
	if cfg == nil {
		return
	}
	// A service that names no process group runs on the default group
	// only (flyctl's Config.Flatten), not on every group.
	groupsOf := func(s flytoml.Strings) []string {
		if len(s.V) == 0 {
			return []string{cfg.DefaultGroup()}
		}
		return s.V
	}
	if h := cfg.HTTPService; h != nil {
		force := h.ForceHTTPS.OK && h.ForceHTTPS.V
		a.Services = append(a.Services, &Service{
			HTTP:         h,
			Proto:        listen.TCP,
			InternalPort: h.InternalPort,
			Header:       h.Header,
			Groups:       groupsOf(h.Processes),
			Edge: []EdgePort{
				{Port: 80, EndPort: 80, Handlers: []string{"http"}, ForceHTTPS: force, Range: h.Header},
				{Port: 443, EndPort: 443, Handlers: []string{"tls", "http"}, Range: h.Header},
			},
		})
	}
	for _, s := range cfg.Services {
		proto := listen.TCP
		if s.Protocol.OK && strings.EqualFold(s.Protocol.V, "udp") {
			proto = listen.UDP
		}
		svc := &Service{Service: s, Proto: proto, InternalPort: s.InternalPort, Header: s.Header, Groups: groupsOf(s.Processes)}
		for _, p := range s.Ports {
			e := EdgePort{Handlers: p.Handlers.V, ForceHTTPS: p.ForceHTTPS.OK && p.ForceHTTPS.V, Range: p.Header, Config: p}
			switch {
			case p.Port.OK:
				e.Port, e.EndPort, e.Range = p.Port.V, p.Port.V, p.Port.Value
			case p.StartPort.OK && p.EndPort.OK:
				e.Port, e.EndPort, e.Range = p.StartPort.V, p.EndPort.V, p.StartPort.Value
			}
			svc.Edge = append(svc.Edge, e)
		}
		a.Services = append(a.Services, svc)
	}
}

func (b *appBuilder) findRefs() {
	a := b.app
	scan := func(name, value string, r source.Range, origin string, fromConfig bool) {
		for _, m := range flyaddr.Find(value) {
			ref := &Ref{Target: m.Target, Kind: m.Kind, Scheme: m.Scheme, Port: m.Port, Text: m.Text, Range: r, Origin: origin + " " + name}
			if fromConfig {
				if base, ok := b.stringContentOffset(r, value); ok {
					ref.Range = b.lines.Range(a.ConfigPath, base+m.Start, base+m.End)
				}
			}
			a.Refs = append(a.Refs, ref)
		}
	}
	if a.Config != nil {
		for _, e := range a.Config.Env {
			scan(e.Name, e.Value.V, e.Value.Value, "fly.toml [env]", true)
		}
	}
	if a.Image != nil {
		names := make([]string, 0, len(a.Image.Env))
		for k := range a.Image.Env {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, n := range names {
			e := a.Image.Env[n]
			if cur, ok := a.Env[e.Name]; ok && cur.Origin == "fly.toml [env]" {
				continue // overridden at run time
			}
			scan(e.Name, e.Value, e.Range, "Dockerfile ENV", false)
		}
	}
}
