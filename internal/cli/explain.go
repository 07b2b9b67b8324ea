package cli

import (
	"fmt"
	"io"
	"path"
	"strings"
	"text/tabwriter"

	"github.com/flylint-dev/flylint/analyzers/all"
	"github.com/flylint-dev/flylint/internal/editdist"
	"github.com/flylint-dev/flylint/rules"
)

func listRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		say(stderr, "usage: flylint rules\n")
		return ExitUsage
	}
	// Every line has cells, so tabwriter holds them all until Flush,
	// which reports any write error.
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	_, _ = fmt.Fprintln(tw, "RULE\tSEVERITY\tTITLE")
	for _, r := range rules.All() {
		sev := r.Severity.String()
		if r.Optional {
			sev += " (off by default)"
		}
		_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, sev, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return ExitUsage
	}
	return ExitClean
}

func explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		say(stderr, "usage: flylint explain RULE\n")
		return ExitUsage
	}
	r := rules.Lookup(args[0])
	if r == nil {
		if id := ruleMeant(args[0]); id != "" {
			say(stderr, "flylint: unknown rule %q; did you mean %q? (flylint rules lists them)\n", args[0], id)
		} else {
			say(stderr, "flylint: unknown rule %q (flylint rules lists them)\n", args[0])
		}
		return ExitUsage
	}
	if _, err := io.WriteString(stdout, rules.Markdown(r)); err != nil {
		return ExitUsage
	}
	return ExitClean
}

// ruleMeant returns the rule id a mistyped name most likely means: the
// rule a go vet analyzer reports (go vet prints "loopbackbind"), the id
// with its dashes or case changed, or the one id at most two edits away.
func ruleMeant(name string) string {
	for _, a := range all.Analyzers() {
		if a.Name == name {
			return path.Base(strings.TrimSuffix(a.URL, ".md"))
		}
	}
	fold := func(s string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(s))
	}
	best, bestDist, ties := "", 3, 0
	for _, r := range rules.All() {
		if fold(r.ID) == fold(name) {
			return r.ID
		}
		switch d := editdist.Distance(r.ID, strings.ToLower(name)); {
		case d < bestDist:
			best, bestDist, ties = r.ID, d, 0
		case d == bestDist:
			ties++
		}
	}
	if ties > 0 {
		return ""
	}
	return best
}
