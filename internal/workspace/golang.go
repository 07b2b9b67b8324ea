package workspace

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/goload"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/source"
)

// analyzeGo runs the Go analysis once per module that holds linted apps
// and gives each app's process groups the listeners of the main package
// they run, and returns how many modules it analysed. It changes nothing
// on disk and reads nothing outside the linted tree (see goload).
func analyzeGo(ws *Workspace, files map[string][]byte, report func(Progress), opts Options) int {
	analyze := func(ctx context.Context, mod string, o goload.Options) (*goload.Result, error) {
		return goload.Analyze(ctx, mod, []string{"./..."}, o)
	}
	if opts.GoAnalyze != nil {
		analyze = opts.GoAnalyze
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	byModule := map[string][]*App{}
	for _, a := range ws.Apps {
		if a.Dir == "" {
			continue
		}
		mod := findGoMod(a.Dir, a.root)
		if mod == "" {
			mod = copiedModule(a)
		}
		if mod != "" {
			byModule[mod] = append(byModule[mod], a)
		}
	}
	mods := make([]string, 0, len(byModule))
	for m := range byModule {
		mods = append(mods, m)
	}
	slices.Sort(mods)
	ws.GoModules = mods
	for i, mod := range mods {
		report(Progress{Phase: "Go modules", Done: i, Total: len(mods)})
		phase := fmt.Sprintf("Go packages (module %d/%d)", i+1, len(mods))
		apps := byModule[mod]
		// The module's Go buffers are kept as its files, so that findings
		// in them are quoted and their //flylint:ignore lines read from
		// the buffer the go command was given, not from the disk.
		bufs := goload.Buffers(mod, opts.Overlay)
		for p, data := range bufs {
			files[displayPath(p)] = data
		}
		res, err := analyze(ctx, mod, goload.Options{
			Root: apps[0].root,
			// Only the buffers that differ from the disk: the language
			// server's cache key and goload filter them with Buffers
			// again, which then compares just these with the disk rather
			// than every open buffer of the folder.
			Overlay:  bufs,
			Progress: func(done, total int) { report(Progress{Phase: phase, Done: done, Total: total}) },
		})
		if err == nil && len(res.Notes) > 0 {
			attachGoNotes(apps, res.Notes, files)
		}
		for _, a := range apps {
			if err != nil {
				msg := goCommandMessage(err.Error())
				if !a.GoProblemAt.IsValid() {
					a.GoProblemAt, _ = goErrorRange(msg, mod, files)
				}
				a.GoProblems = append(a.GoProblems, msg)
				continue
			}
			attachGo(a, mod, res, files)
		}
	}
	if len(mods) > 0 {
		report(Progress{Phase: "Go modules", Done: len(mods), Total: len(mods)})
	}
	return len(mods)
}

// attachGoNotes gives each note to the app whose directory holds the
// file it is about (the deepest one), else to the first app of the
// module, so that it is reported once.
func attachGoNotes(apps []*App, notes []goload.Note, files map[string][]byte) {
	for _, n := range notes {
		owner, depth := apps[0], -1
		for _, a := range apps {
			dir, err := filepath.Abs(a.Dir)
			if err == nil && lexicallyWithin(n.Range.File, dir) && len(dir) > depth {
				owner, depth = a, len(dir)
			}
		}
		r := n.Range
		if r.Start.IsValid() {
			// A go.mod, go.work or Go file the loader checked: a regular
			// file inside the tree, kept for quoting.
			r = rel(r, files)
		} else {
			// A link or a pipe: never opened.
			r.File = displayPath(r.File)
		}
		owner.GoNotes = append(owner.GoNotes, GoNote{Range: r, Message: n.Message})
	}
}

// copiedModule finds a Go module the app's Dockerfile builds from a
// subdirectory (COPY api/ . then RUN go build) when no go.mod covers the
// app's own directory: the module's directory, or "".
func copiedModule(a *App) string {
	if a.Dockerfile == nil {
		return ""
	}
	appDir, err := filepath.Abs(a.Dir)
	if err != nil {
		return ""
	}
	for _, st := range a.Dockerfile.Stages {
		builds := false
		for _, r := range st.Runs {
			for _, arg := range r.Command.Args {
				builds = builds || strings.Contains(arg.Text, "go build")
			}
		}
		if !builds {
			continue
		}
		for _, c := range st.Copies {
			if c.From != "" {
				continue
			}
			for _, src := range c.Sources {
				dir := filepath.Join(appDir, filepath.FromSlash(src))
				if src == "." || !lexicallyWithin(dir, appDir) {
					continue
				}
				// A linked directory may lead out of the linted tree.
				if li, err := os.Lstat(dir); err != nil || !li.IsDir() {
					continue
				}
				if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && fi.Mode().IsRegular() {
					return dir
				}
			}
		}
	}
	return ""
}

// findGoMod returns the directory of the go.mod that covers dir, if any,
// looking no higher than the linted root or the repository (a directory
// holding .git).
func findGoMod(dir, root string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	top, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	for {
		if !lexicallyWithin(abs, top) {
			return ""
		}
		if _, err := os.Stat(filepath.Join(abs, "go.mod")); err == nil {
			return abs
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

func attachGo(a *App, mod string, res *goload.Result, files map[string][]byte) {
	appDir, _ := filepath.Abs(a.Dir)
	var mains []*goload.Main
	for _, m := range res.Mains {
		if m.Dir == appDir || strings.HasPrefix(m.Dir, appDir+string(filepath.Separator)) {
			mains = append(mains, m)
		}
	}
	wd, _ := os.Getwd()
	for _, e := range res.Errors {
		if !a.GoProblemAt.IsValid() && len(e.Messages) > 0 {
			// The finding will stand at this error; its message need not
			// say the position again.
			var rest string
			a.GoProblemAt, rest = goErrorRange(e.Messages[0], mod, files)
			if a.GoProblemAt.IsValid() {
				e.Messages = append([]string{rest}, e.Messages[1:]...)
			}
		}
		// Messages name files absolutely; diagnostics use relative paths.
		a.GoProblems = append(a.GoProblems, goCommandMessage(strings.ReplaceAll(e.Error(), wd+string(filepath.Separator), "")))
	}
	if len(mains) == 0 {
		return
	}
	attachGoRefs(a, mains, files)
	var runs []string
	if a.Dockerfile != nil {
		for _, st := range a.Dockerfile.Stages {
			for _, r := range st.Runs {
				for _, arg := range r.Command.Args {
					runs = append(runs, arg.Text)
				}
			}
		}
	}
	for _, g := range a.Groups {
		// A recognised server (gunicorn, next, ...) is not a Go program.
		if g.Interpreted.Known && len(g.Listeners) > 0 {
			continue
		}
		chosen := mains
		mapped := false
		if g.HasCommand && len(g.Interpreted.Argv) > 0 {
			bin := g.Interpreted.Argv[0].Text
			pkg, ok := goload.MainPackageFor(bin, runs)
			if a.goBins != nil {
				// A process names the binary by its path or, as a CNB
				// process type, by its name: both end in the name.
				pkg, ok = a.goBins[path.Base(bin)]
			}
			if ok {
				want := filepath.Join(appDir, filepath.FromSlash(pkg))
				for _, m := range mains {
					if m.Dir == want {
						chosen, mapped = []*goload.Main{m}, true
					}
				}
			}
		}
		if len(chosen) != 1 {
			continue // which main runs is not known: no guess
		}
		m := chosen[0]
		argv := g.Interpreted.Argv
		// A call into another module that may start a server (its code is
		// not analysed) leaves the list open.
		// Notes mean part of the module was left out on purpose, whichever
		// app holds them: its listeners may then be incomplete.
		complete := len(a.GoProblems) == 0 && len(res.Notes) == 0 && len(m.Opaque) == 0
		// The only main under the app is a guess when the group runs a
		// command no go build in the Dockerfile produces (a shell script,
		// a renamed copy): its listeners count, but they may not be all.
		if g.HasCommand && !mapped || g.cnbCommand {
			complete = false
		}
		// A host or port picked by a branch on an environment variable is
		// decided by the app's environment ([env] over Dockerfile ENV;
		// unset means the default the code reads it with).
		lookup := func(name string) (string, bool) { v, ok := a.Env[name]; return v.Value, ok }
		// A branch on a flag is decided by the start command Fly runs,
		// when it is known; a flag it does not give has its default.
		var flags listensite.FlagLookup
		if g.HasCommand {
			flags = func(name, short string, isBool bool) (string, bool) {
				if isBool {
					return lookupBoolFlag(argv, name, short)
				}
				return lookupFlag(argv, name, short)
			}
		}
		for _, s := range m.Sites {
			l := resolveGo(s.DecideWith(lookup, flags), s.Network, a.Env, argv)
			if s.NetworkUnknown {
				// A host taken from the environment or the command line
				// was classified for network "": 0.0.0.0 may be udp4's.
				l.Host = listensite.UnknownFamily(l.Host)
			}
			l.Range = rel(l.Range, files)
			l.HostRange = rel(l.HostRange, files)
			l.PortRange = rel(l.PortRange, files)
			g.Listeners = append(g.Listeners, l)
			if s.Partial {
				complete = false
			}
		}
		g.ListenersKnown = complete
		g.GoMain = m.Path
	}
}

// attachGoRefs adds the references to other Fly apps written in the
// string literals of the app's Go programs, once each.
func attachGoRefs(a *App, mains []*goload.Main, files map[string][]byte) {
	seen := map[source.Range]bool{}
	for _, m := range mains {
		for _, r := range m.Refs {
			rng := rel(r.Range, files)
			if seen[rng] {
				continue
			}
			seen[rng] = true
			a.Refs = append(a.Refs, &Ref{Target: r.Target, Kind: r.Kind, Scheme: r.Scheme, Port: r.Port, Text: r.Text, Range: rng, Origin: "Go string"})
		}
	}
}

// resolveGo fills in what the analyzer left symbolic: environment
// variables from the app's env (fly.toml [env] over Dockerfile ENV; Fly
// sets no PORT) and flags from the start command's argv.
func resolveGo(l listen.Listener, network string, env listen.Env, argv []listen.Arg) listen.Listener {
	setAddr := func(v string) {
		h, p, ok := listen.SplitHostPort(v)
		if !ok {
			l.Host, l.Port.Number = listen.Host{Class: listen.HostUnknown, Text: v}, 0
			return
		}
		l.Host.Text = h
		l.Host.Class = goClass(network, h)
		l.Port.Number, _ = strconv.Atoi(p)
	}
	if l.Host.WholeAddr {
		if v, ok := lookupFlag(argv, l.Host.Flag, l.Host.FlagShort); ok && l.Host.Flag != "" {
			setAddr(v)
			l.Port.IsDefault = false
			return l
		}
		for _, name := range []string{l.Host.Env, l.Port.Fallback} {
			if v, ok := env[name]; ok && name != "" && v.Value != "" {
				setAddr(v.Value)
				l.Port.EnvSet = true
				return l
			}
		}
	}
	// A flag given on the command line wins over the variable it falls
	// back to (urfave/cli, kong, viper.BindPFlag), which wins over the
	// default.
	hostFlag := false
	if l.Host.Flag != "" {
		if v, ok := lookupFlag(argv, l.Host.Flag, l.Host.FlagShort); ok {
			l.Host.Text, l.Host.Class = v, goClass(network, v)
			hostFlag = true
		}
	}
	if l.Host.Env != "" && !hostFlag {
		if v, ok := env[l.Host.Env]; ok && v.Value != "" {
			l.Host.Text, l.Host.Class = v.Value, goClass(network, v.Value)
		}
	}
	portFlag := false
	if l.Port.Flag != "" {
		if v, ok := lookupFlag(argv, l.Port.Flag, l.Port.FlagShort); ok {
			l.Port.Number, _ = strconv.Atoi(v)
			portFlag = true
		}
	}
	if l.Port.Env != "" && !portFlag {
		for _, name := range []string{l.Port.Env, l.Port.Fallback} {
			if v, ok := env[name]; ok && name != "" && v.Value != "" {
				l.Port.Number, _ = strconv.Atoi(v.Value)
				l.Port.EnvSet = true
				l.Port.Required = false
				l.Port.Env = name
				break
			}
		}
	}
	return l
}

func goClass(network, host string) listen.HostClass {
	c := listen.ClassifyHost(host, "go")
	switch {
	case c == listen.HostDualStack && strings.HasSuffix(network, "4"):
		return listen.HostIPv4Wildcard
	case c == listen.HostDualStack && strings.HasSuffix(network, "6"):
		return listen.HostIPv6Wildcard
	}
	return c
}

// lookupFlag finds -name value, -name=value, --name value or
// --name=value, or the same with short, the flag's other name (pflag's
// shorthand also takes -p8080). The last one given wins, as with Go's
// flag package and pflag.
func lookupFlag(argv []listen.Arg, name, short string) (string, bool) {
	if name == "" {
		return "", false
	}
	val, found := "", false
	for i := 0; i < len(argv); i++ {
		a := argv[i].Text
		if a == "--" {
			break // what follows is positional
		}
		t := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if t == a {
			continue
		}
		for _, n := range []string{name, short} {
			if n == "" {
				continue
			}
			if v, ok := strings.CutPrefix(t, n+"="); ok {
				val, found = v, true
			} else if t == n && i+1 < len(argv) {
				val, found = argv[i+1].Text, true
				i++
			} else if len(n) == 1 && !strings.HasPrefix(a, "--") && len(t) > 1 && t[0] == n[0] && t[1] >= '0' && t[1] <= '9' {
				val, found = t[1:], true // -p8080
			}
		}
	}
	return val, found
}

// lookupBoolFlag finds a boolean flag: -name or --name alone is true,
// -name=value gives value; Go's flag package and pflag take no separate
// value for a boolean, so the next argument is not read.
func lookupBoolFlag(argv []listen.Arg, name, short string) (string, bool) {
	val, found := "", false
	for _, a := range argv {
		if a.Text == "--" {
			break
		}
		t := strings.TrimPrefix(strings.TrimPrefix(a.Text, "-"), "-")
		if t == a.Text {
			continue
		}
		for _, n := range []string{name, short} {
			if n == "" {
				continue
			}
			if v, ok := strings.CutPrefix(t, n+"="); ok {
				val, found = v, true
			} else if t == n {
				val, found = "true", true
			}
		}
	}
	return val, found
}

// rel makes a Go position's file relative like every other diagnostic
// path, and keeps the file's content for quoting and suppressions.
func rel(r source.Range, files map[string][]byte) source.Range {
	if r.File == "" {
		return r
	}
	r.File = displayPath(r.File)
	if _, ok := files[r.File]; !ok {
		if data, err := safefile.Read(filepath.FromSlash(r.File), r.File, MaxFileSize); err == nil {
			files[r.File] = data
		}
	}
	return r
}

// goErrorPos matches the position a Go type or syntax error starts with,
// or the go.mod line the go command complains about.
var goErrorPos = lazyre.New(`^(.+?\.go):(\d+):(\d+): |(?:^|\s)(\S*go\.mod):(\d+): `)

// goErrorRange is the position an error message of the Go loader names,
// as a range in a file flylint keeps, or an invalid range; rest is the
// message without a leading file:line:col. The go command names go.mod
// relative to the module directory, mod.
func goErrorRange(msg, mod string, files map[string][]byte) (at source.Range, rest string) {
	m := goErrorPos().FindStringSubmatchIndex(msg)
	if m == nil {
		return goFileLine(msg, mod, files), msg
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return msg[m[2*i]:m[2*i+1]]
	}
	file, line, col := group(1), group(2), group(3)
	rest = msg
	if file == "" {
		// go.mod errors keep their text: the position is inside it.
		file, line, col = group(4), group(5), "1"
	} else {
		rest = msg[m[1]:]
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(mod, file)
	}
	ln, _ := strconv.Atoi(line)
	cn, _ := strconv.Atoi(col)
	r := rel(source.Range{File: file, Start: source.Pos{Line: ln, Col: cn}}, files)
	data, ok := files[r.File]
	if !ok {
		return source.Range{}, msg
	}
	pos := source.NewLines(data).At(ln, cn)
	return source.Range{File: r.File, Start: pos, End: pos}, rest
}

var (
	goVersionErr = lazyre.New(`\bgo\.mod requires go >= `)
	checksumErr  = lazyre.New(`verifying (\S+)@(v[^\s/:]+)(/go\.mod)?: checksum mismatch`)
)

// goFileLine places a go command error that names no position at the
// line of go.mod or go.sum it is about: the go directive a newer Go is
// required by, the go.sum line whose hash does not match, or at
// vendor/modules.txt when it is out of step with go.mod.
func goFileLine(msg, mod string, files map[string][]byte) source.Range {
	var file, prefix string
	if goVersionErr().MatchString(msg) {
		file, prefix = "go.mod", "go "
	} else if strings.Contains(msg, "go: inconsistent vendoring") {
		file, prefix = filepath.Join("vendor", "modules.txt"), ""
	} else if m := checksumErr().FindStringSubmatch(msg); m != nil {
		file, prefix = "go.sum", m[1]+" "+m[2]+m[3]+" "
	} else {
		return source.Range{}
	}
	r := rel(source.Range{File: filepath.Join(mod, file)}, files)
	data, ok := files[r.File]
	if !ok {
		return source.Range{}
	}
	lines := source.NewLines(data)
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), prefix) {
			start := lines.At(i+1, 1)
			end := lines.At(i+1, len(strings.TrimRight(line, "\r"))+1)
			return source.Range{File: r.File, Start: start, End: end}
		}
	}
	return source.Range{}
}

// goCommandMessage keeps what the go command said from go/packages'
// wrapping of it ("err: exit status 1: stderr: go: ..."), which tells a
// user nothing.
func goCommandMessage(msg string) string {
	if i := strings.LastIndex(msg, "stderr: "); i >= 0 {
		msg = msg[i+len("stderr: "):]
	}
	return strings.Join(strings.Fields(msg), " ")
}

// GoProblemSummary says in one line what Go analysis could not do.
func GoProblemSummary(ps []string) string {
	if len(ps) == 1 {
		return ps[0]
	}
	return fmt.Sprintf("%s (and %d more)", ps[0], len(ps)-1)
}
