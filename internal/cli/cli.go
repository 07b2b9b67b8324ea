// Package cli is flylint's command line: flags, subcommands and exit
// codes. cmd/flylint only calls Run, so tests drive the real CLI.
package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/flylint-dev/flylint/internal/config"
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/lint"
	"github.com/flylint-dev/flylint/internal/outfile"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/internal/report"
	"github.com/flylint-dev/flylint/internal/version"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
	"github.com/flylint-dev/flylint/sarif"
)

// build is what the Go toolchain recorded about this binary, read when a
// report or `flylint version` first needs it (not on every run): `flylint
// version` prints it, and JSON and SARIF reports record its short form.
var build = sync.OnceValue(version.Read)

// Exit codes.
const (
	ExitClean    = 0 // nothing at or above -fail-on
	ExitFindings = 1 // findings at or above -fail-on
	ExitUsage    = 2 // usage, config or I/O error
	ExitInternal = 3 // a bug in flylint
)

// usageError is a mistake in the command line or config: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// say prints a message for the user: an error or progress note on
// stderr, or a status line. A failed write is ignored: the exit code
// already tells the outcome, and there is nowhere left to report it.
func say(w io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(w, format, args...)
}

// Run runs flylint with args (without the program name) and returns the
// exit code. It never panics: a panic is reported as an internal error.
func Run(args []string, stdout, stderr io.Writer) (code int) {
	return RunIO(args, os.Stdin, stdout, stderr)
}

// RunIO is Run with its standard input: `flylint lsp` speaks on it, and
// -stdin-filename lints what it holds.
func RunIO(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			say(stderr, "flylint: internal error: %v\n%s\nPlease report this at %s.\n", v, debug.Stack(), project.Issues)
			code = ExitInternal
		}
	}()
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(args[1:], stdout, stderr)
		case "explain":
			return explain(args[1:], stdout, stderr)
		case "version", "-version", "--version":
			if _, err := fmt.Fprintf(stdout, "flylint %s\n", build()); err != nil {
				return ExitUsage
			}
			return ExitClean
		case "init":
			return initConfig(args[1:], stdout, stderr)
		case "lsp":
			return serveLSP(args[1:], stdin, stdout, stderr)
		case "help":
			printUsage(stdout, newFlagSet(&options{}, io.Discard))
			return ExitClean
		}
	}
	return lintCommand(args, stdin, stdout, stderr)
}

type options struct {
	format   string
	output   string
	failOn   string
	enable   string
	disable  string
	goMode   string
	category string
	verbose  bool
	config   string
	noInline bool
	fix      bool
	diff     bool
	cpuProf  string
	memProf  string
	color    string
	// paint is whether the report and the summary line are coloured
	// (decided from color and where they go).
	paintReport, paintSummary bool
	// baseline.go
	baseline      string
	writeBaseline string
	// stdin.go
	stdinFilename string
	stdin         io.Reader
}

func newFlagSet(o *options, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("flylint", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&o.format, "format", "text", "output `format`: text, json, sarif, github, checkstyle, junit, gitlab, compact")
	fs.StringVar(&o.color, "color", "auto", "colour the text report and summary `when`: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never")
	fs.StringVar(&o.output, "o", "", "write the report to `file` instead of stdout: a regular file atomically, a device or FIFO written through; never one of the linted files")
	fs.StringVar(&o.failOn, "fail-on", "", "lowest `severity` that makes the exit code 1: error, warning, info (default warning)")
	fs.StringVar(&o.enable, "enable", "", "comma-separated rule `ids` to run, and only them (default: every rule not off by default; flylint rules marks those)")
	fs.StringVar(&o.disable, "disable", "", "comma-separated rule `ids` not to run")
	fs.StringVar(&o.goMode, "go", "auto", "analyse Go source: auto or off")
	fs.StringVar(&o.category, "sarif-category", "", "SARIF automationDetails.id, to tell runs apart in code scanning")
	fs.BoolVar(&o.verbose, "v", false, "print the time spent in each phase on stderr")
	fs.StringVar(&o.config, "config", "", "configuration `file` (default: .flylint.toml in the linted directory or a parent, up to the repository root)")
	fs.BoolVar(&o.noInline, "no-inline-ignore", false, "ignore flylint:ignore directives in the linted files")
	fs.BoolVar(&o.fix, "fix", false, "apply safe suggested fixes in place (keeping owner, group and mode), then report what remains and exit as a lint would")
	fs.BoolVar(&o.diff, "diff", false, "with -fix: print the fixes as a unified diff instead of writing them, and exit as -fix would")
	fs.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile to `file` at exit (for go tool pprof); never one of the linted files")
	fs.StringVar(&o.memProf, "memprofile", "", "write a memory allocation profile to `file` at exit; never one of the linted files")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in the baseline `file`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record every current finding in the baseline `file` and exit 0")
	fs.StringVar(&o.stdinFilename, "stdin-filename", "", "with the path -, lint standard input as if it were `file` (for editors: ALE, nvim-lint, efm) and report its findings only")
	fs.Usage = func() { printUsage(errOut, fs) }
	return fs
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	// Best effort, like the flag package's own PrintDefaults below.
	_, _ = fmt.Fprint(w, `usage: flylint [flags] [path ...]
       flylint init [dir] | rules | explain RULE | lsp | version (or -version)
       flylint -stdin-filename PATH -   (lint standard input as the file PATH)

flylint checks Fly.io apps (fly.toml, Dockerfile, start commands, Go and
JavaScript/TypeScript source) for mistakes that make a service
unreachable or unsafe. A path is a directory
(searched for fly.toml and fly.*.toml), a fly.toml, or a Dockerfile.

Exit codes: 0 clean, 1 findings at or above -fail-on, 2 usage, config or
I/O error, 3 internal error.

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// parseArgs lets flags and paths mix (flylint . -format json), as users
// expect from linters, although package flag stops at the first path.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if rest[0] == "--" {
			return append(paths, rest[1:]...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

func lintCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o := options{stdin: stdin}
	fs := newFlagSet(&o, stderr)
	// A mistyped flag gets one line that says so, not the whole usage
	// text it would scroll away; -h still prints the usage.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	paths, err := parseArgs(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stderr, fs)
			return ExitClean
		}
		say(stderr, "flylint: %v\nRun 'flylint -h' for the flags.\n", err)
		return ExitUsage
	}
	code, err := runProfiled(o, paths, stdout, stderr)
	if err != nil {
		say(stderr, "flylint: %v\n", err)
		var ue *usageError
		var we *workspace.UsageError
		if errors.As(err, &ue) || errors.As(err, &we) {
			return ExitUsage
		}
		var ie *internalError
		if errors.As(err, &ie) {
			return ExitInternal
		}
		return ExitUsage
	}
	return code
}

// runProfiled runs the lint with the profiles -cpuprofile and
// -memprofile ask for; a profile that cannot be written fails the run,
// since the user asked for it.
func runProfiled(o options, paths []string, stdout, stderr io.Writer) (int, error) {
	prof, err := startProfiles(o.cpuProf, o.memProf)
	if err != nil {
		return 0, err
	}
	// Interrupted, the run removes the temporary files of the writes in
	// progress (-fix, -o, -write-baseline) before it dies.
	defer outfile.CatchSignals()()
	var in inputs
	code, err := runLint(o, paths, &in, stdout, stderr)
	if perr := prof.stop(&in); perr != nil && err == nil {
		return 0, perr
	}
	return code, err
}

type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }

func runLint(o options, paths []string, in *inputs, stdout, stderr io.Writer) (int, error) {
	if o.goMode != "auto" && o.goMode != "off" {
		return 0, usagef("-go: want auto or off, not %q", o.goMode)
	}
	if o.diff && !o.fix {
		return 0, usagef("-diff goes with -fix")
	}
	format, ok := formats[o.format]
	if !ok {
		return 0, usagef("-format: unknown format %q (want %s)", o.format, strings.Join(formatNames(), ", "))
	}
	reportTo := stdout
	if o.output != "" {
		reportTo = nil // a file: coloured only with -color always
	}
	var err error
	if o.paintReport, err = colorFor(o.color, reportTo); err != nil {
		return 0, err
	}
	if o.paintSummary, err = colorFor(o.color, stderr); err != nil {
		return 0, err
	}
	enable, err := ruleList("enable", o.enable)
	if err != nil {
		return 0, err
	}
	disable, err := ruleList("disable", o.disable)
	if err != nil {
		return 0, err
	}
	buffer, err := stdinBuffer(&o, &paths)
	if err != nil {
		return 0, err
	}
	if buffer != nil && buffer.paths == nil {
		say(stderr, "flylint: %s is in no Fly app (no fly.toml in its directory or above it, up to the repository's root); nothing to lint\n", o.stdinFilename)
		return ExitClean, nil
	}
	cfg, err := loadConfig(o.config, paths)
	if err != nil {
		return 0, err
	}
	if cfg != nil {
		in.add(cfg.Path)
	}
	if o.baseline != "" {
		in.add(o.baseline)
	}
	failOn := diag.Warning
	if cfg != nil && cfg.FailOn != nil {
		failOn = *cfg.FailOn
	}
	if o.failOn != "" {
		s, err := diag.ParseSeverity(o.failOn)
		if err != nil {
			return 0, usagef("-fail-on: %v", err)
		}
		failOn = s
	}
	enabled := lint.Select(enable, disable, cfg)
	phases := newPhaseTimer(o.verbose, stderr)

	// lintPass loads the workspace and lints it. With fixing set the
	// rules prove and return the fixes -fix applies; the pass after -fix
	// is the lint a user would run next, so it asks for what the report
	// shows, as any lint does.
	var unprovenMu sync.Mutex
	unproven := map[string]int{}
	lintPass := func(fixing bool) (*workspace.Workspace, []diag.Diagnostic, error) {
		progress := newProgress(stderr)
		ws, err := workspace.Load(paths, workspace.Options{
			Flycast:       cfg.AppsWhere(func(a config.AppConfig) bool { return a.Flycast }),
			DedicatedIPv4: cfg.AppsWhere(func(a config.AppConfig) bool { return a.DedicatedIPv4 }),
			Go:            o.goMode == "auto",
			Overlay:       buffer.overlay(),
			Progress:      progress.update,
			PhaseDone: func(phase string, n int) {
				switch phase {
				case "discover":
					phases.done(fmt.Sprintf("discover (%s)", plural(n, "app")))
				case "load":
					phases.done(fmt.Sprintf("load (%s)", plural(n, "app")))
				default:
					phases.done(fmt.Sprintf("%s (%s)", phase, plural(n, "module")))
				}
			},
		})
		progress.stop()
		if err != nil {
			return nil, nil, err
		}
		diags, err := lint.Run(ws, lint.Options{
			Rules:          enabled,
			Config:         cfg,
			NoInlineIgnore: o.noInline || (cfg != nil && cfg.NoInlineIgnore),
			NoFixes:        !fixing && !format.showsFixes,
			Fixing:         fixing,
			Unproven: func(file string) {
				unprovenMu.Lock()
				unproven[file]++
				unprovenMu.Unlock()
			},
		})
		if err != nil {
			return nil, nil, &internalError{err}
		}
		phases.done(fmt.Sprintf("rules (%s, %s)", plural(len(enabled), "rule"), plural(len(diags), "finding")))
		return ws, diags, nil
	}

	ws, diags, err := lintPass(o.fix)
	if err != nil {
		return 0, err
	}
	in.addWorkspace(ws)
	if err := checkOutputs(o, in); err != nil {
		return 0, err
	}
	diags, done, err := applyBaseline(o, diags, ws, stderr)
	if err != nil {
		return 0, err
	}
	if done {
		return wroteBaseline(diags, stderr), nil
	}
	diags = buffer.only(diags)
	if o.fix {
		res, err := applyFixes(diags, ws, o.diff, stderr)
		if err != nil {
			return 0, err
		}
		for _, file := range slices.Sorted(maps.Keys(unproven)) {
			say(stderr, "flylint: %s: %s not tried: a fix is applied only once the edited file parses with the problem gone, and at %d KB the file spent this run's budget for that on the first ones; run -fix again, or apply them by hand\n",
				file, plural(unproven[file], "fix"), len(ws.Files[file])>>10)
		}
		if o.diff {
			if err := emit(res.diff, o.output, stdout); err != nil {
				return 0, err
			}
			return exitFor(res.remaining, failOn), nil
		}
		if res.written > 0 {
			// What remains is what a lint of the fixed files finds: lint
			// them again rather than guess at shifted positions and at
			// what the edits changed for the other rules.
			if ws, diags, err = lintPass(false); err != nil {
				return 0, err
			}
			if diags, _, err = applyBaseline(o, diags, ws, io.Discard); err != nil {
				return 0, err
			}
		}
	}

	var buf bytes.Buffer
	if err := format.write(&buf, diags, ws, enabled, o); err != nil {
		return 0, &internalError{fmt.Errorf("writing the report: %w", err)}
	}
	if err := emit(buf.Bytes(), o.output, stdout); err != nil {
		return 0, err
	}
	phases.done("output")
	if o.format == "text" {
		printSummary(stderr, diags, ws, o.paintSummary)
	}
	return exitFor(diags, failOn), nil
}

// exitFor is the exit code for the findings a run reports.
func exitFor(diags []diag.Diagnostic, failOn diag.Severity) int {
	for _, d := range diags {
		if d.Severity >= failOn {
			return ExitFindings
		}
	}
	return ExitClean
}

// wroteBaseline is the exit code of -write-baseline: 0, unless an app or
// directory could not be read. Such a run checked less than it was asked
// to, and a baseline cannot accept that (applyBaseline leaves them out of
// it and hands them here as unread), so it fails and says why.
func wroteBaseline(unread []diag.Diagnostic, stderr io.Writer) int {
	for _, d := range unread {
		say(stderr, "flylint: %s: %s\n", d.Range, d.Message)
	}
	if len(unread) > 0 {
		say(stderr, "flylint: the baseline leaves out what could not be read (above): no baseline hides it, and runs fail until flylint can read it\n")
		return ExitFindings
	}
	return ExitClean
}

type formatter func(w io.Writer, diags []diag.Diagnostic, ws *workspace.Workspace, enabled []*rules.Rule, o options) error

// reportFormat is one -format. showsFixes says whether its report
// carries fixes; where it does not, the rules skip proving them
// (TestFormatsShowingFixes holds each format to its word).
type reportFormat struct {
	write      formatter
	showsFixes bool
}

var formats = map[string]reportFormat{
	"text": {write: func(w io.Writer, d []diag.Diagnostic, ws *workspace.Workspace, _ []*rules.Rule, o options) error {
		return report.TextStyled(w, d, ws.Files, report.TextStyle{Color: o.paintReport})
	}},
	"json": {showsFixes: true, write: func(w io.Writer, d []diag.Diagnostic, _ *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.JSON(w, d, build().Short())
	}},
	"github": {write: func(w io.Writer, d []diag.Diagnostic, _ *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.GitHub(w, d)
	}},
	// The formats other CI systems and editors read carry no fixes.
	"checkstyle": {write: func(w io.Writer, d []diag.Diagnostic, _ *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.Checkstyle(w, d)
	}},
	"junit": {write: func(w io.Writer, d []diag.Diagnostic, _ *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.JUnit(w, d)
	}},
	"gitlab": {write: func(w io.Writer, d []diag.Diagnostic, ws *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.GitLab(w, d, ws.Files)
	}},
	"compact": {write: func(w io.Writer, d []diag.Diagnostic, _ *workspace.Workspace, _ []*rules.Rule, _ options) error {
		return report.Compact(w, d)
	}},
	"sarif": {showsFixes: true, write: func(w io.Writer, d []diag.Diagnostic, ws *workspace.Workspace, enabled []*rules.Rule, o options) error {
		// Code scanning reads paths from the repository root; flylint
		// may run in a subdirectory of it.
		var root, wd string
		if cwd, err := os.Getwd(); err == nil {
			if r, ok := config.RepoRoot(cwd); ok {
				root, wd = r, cwd
			}
		}
		return sarif.Write(w, d, enabled, ws.Files, sarif.Options{
			SrcRoot:        root,
			WorkDir:        wd,
			ToolVersion:    build().Short(),
			InformationURI: project.Home,
			HelpURIBase:    project.RuleDocs,
			Category:       o.category,
		})
	}},
}

func formatNames() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ruleList parses a comma-separated list of rule ids.
func ruleList(flagName, list string) ([]string, error) {
	var ids []string
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if rules.Lookup(id) == nil {
			return nil, usagef("-%s: unknown rule %q (flylint rules lists them)", flagName, id)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// phaseTimer prints, with -v, how long each phase took, on stderr only.
type phaseTimer struct {
	on    bool
	w     io.Writer
	start time.Time
}

func newPhaseTimer(on bool, w io.Writer) *phaseTimer {
	return &phaseTimer{on: on, w: w, start: time.Now()}
}

func (p *phaseTimer) done(what string) {
	if !p.on {
		return
	}
	now := time.Now()
	say(p.w, "flylint: %-40s %8.1fms\n", what, float64(now.Sub(p.start).Microseconds())/1000)
	p.start = now
}
