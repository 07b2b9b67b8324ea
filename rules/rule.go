// Package rules holds flylint's rule catalogue: one file per rule, each
// with its metadata, its documentation and its check.
package rules

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// Rule is one check and everything users see about it.
type Rule struct {
	ID       string        // kebab-case, stable: the diagnostic's rule and SARIF ruleId
	Severity diag.Severity // default severity
	Title    string        // one line, no final period: SARIF shortDescription
	Since    string        // flylint version that introduced it
	// Why is markdown: what goes wrong on Fly and how to fix it. Its first
	// sentence is the SARIF fullDescription.
	Why string
	// Bad and Good are examples: a file that triggers the rule and the
	// same file fixed. ExampleFile names the kind ("fly.toml",
	// "Dockerfile", "main.go").
	Bad, Good   string
	ExampleFile string
	URLs        []string // Fly docs and other sources of the facts
	Tags        []string // "correctness", "security", "flyctl", ...
	// SecuritySeverity is GitHub's security-severity (0.1-10) for rules
	// tagged "security"; "" otherwise.
	SecuritySeverity string
	// Optional rules are off unless enabled (enable in .flylint.toml, or
	// -enable): they report style that Fly accepts, which most users do
	// not want in every run.
	Optional bool
	// Owns names rules whose finding at exactly the range of one of this
	// rule's findings is dropped: one finding per mistake on a token, the
	// owner's message saying what the other would have (lint.Run applies
	// it, so the owned rule still reports when the owner does not run).
	Owns []string

	// Check runs once per app. Cross-app rules look other apps up through
	// Pass.Workspace and report only at places in Pass.App.
	Check func(*Pass)
}

var (
	registry = map[string]*Rule{}
	regMu    sync.Mutex
)

// Register adds r to the catalogue; rule files call it from init.
func Register(r *Rule) *Rule {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[r.ID]; dup {
		panic("rules: duplicate rule " + r.ID)
	}
	if r.Check == nil || r.Severity == 0 || r.Title == "" {
		panic("rules: incomplete rule " + r.ID)
	}
	registry[r.ID] = r
	return r
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	regMu.Lock()
	defer regMu.Unlock()
	rs := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return rs
}

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) *Rule {
	regMu.Lock()
	defer regMu.Unlock()
	return registry[id]
}

// Pass is one rule's view of one app.
type Pass struct {
	Rule      *Rule
	App       *workspace.App
	Workspace *workspace.Workspace
	diags     []diag.Diagnostic
	noFixes   bool
	fixing    bool
	unproven  func(file string)
}

// Report records d, filling in the rule and, if unset, its severity.
func (p *Pass) Report(d diag.Diagnostic) {
	d.Rule = p.Rule.ID
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	p.diags = append(p.diags, d)
}

// Reportf reports a message at r with the rule's severity.
func (p *Pass) Reportf(r source.Range, format string, args ...any) {
	p.Report(diag.Diagnostic{Range: r, Message: fmt.Sprintf(format, args...)})
}

// Options change how Run works, not what it finds.
type Options struct {
	// NoFixes is for callers that show no fixes (the text report): the
	// diagnostics come without them, and rules skip the work of proving a
	// fix safe, which re-parses fly.toml once per fix.
	NoFixes bool
	// Fixing is for -fix, which applies the fixes rather than show them:
	// the user asked for them, so fixes are proven for a fly.toml of any
	// size flylint reads, within a larger budget (see newFixVerifier).
	Fixing bool
	// Unproven, when set, is told of each fix to file that was not
	// proven because the budget was spent. It is called from several
	// goroutines.
	Unproven func(file string)
}

// Run checks every app of ws with each rule, apps in parallel, and returns
// the diagnostics sorted. A rule that panics becomes an internal error
// rather than taking the run down with it.
func Run(ws *workspace.Workspace, rs []*Rule) ([]diag.Diagnostic, error) {
	return RunWith(ws, rs, Options{})
}

// RunWith is Run with options.
func RunWith(ws *workspace.Workspace, rs []*Rule, opts Options) ([]diag.Diagnostic, error) {
	type result struct {
		diags []diag.Diagnostic
		err   error
	}
	results := make([]result, len(ws.Apps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, app := range ws.Apps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i].diags, results[i].err = runApp(ws, app, rs, opts)
		}()
	}
	wg.Wait()
	var all []diag.Diagnostic
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		all = append(all, r.diags...)
	}
	return diag.Sort(all), nil
}

func runApp(ws *workspace.Workspace, app *workspace.App, rs []*Rule, opts Options) (diags []diag.Diagnostic, err error) {
	for _, r := range rs {
		p := &Pass{Rule: r, App: app, Workspace: ws, noFixes: opts.NoFixes, fixing: opts.Fixing, unproven: opts.Unproven}
		if err := check(p); err != nil {
			return nil, err
		}
		diags = append(diags, p.diags...)
	}
	if opts.NoFixes {
		for i := range diags {
			diags[i].Fixes = nil
		}
	}
	return diags, nil
}

func check(p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			err = fmt.Errorf("internal error: rule %s panicked on %s: %v\n%s", p.Rule.ID, p.App.ConfigPath, v, buf)
		}
	}()
	p.Rule.Check(p)
	return nil
}
