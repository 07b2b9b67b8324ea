package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/flylint/flylint/rules"
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
		_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
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
		say(stderr, "flylint: unknown rule %q (flylint rules lists them)\n", args[0])
		return ExitUsage
	}
	if _, err := io.WriteString(stdout, rules.Markdown(r)); err != nil {
		return ExitUsage
	}
	return ExitClean
}
