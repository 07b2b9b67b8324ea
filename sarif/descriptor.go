package sarif

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/rules"
)

// descriptor is a rule's tool.driver.rules entry: what GitHub shows at the
// top of an alert (shortDescription, fullDescription) and in its "Show
// more" panel (help).
func descriptor(r *rules.Rule, opts Options) *gosarif.ReportingDescriptor {
	d := gosarif.NewRule(r.ID)
	d.Name = ptr(ruleName(r.ID))
	d.ShortDescription = text(r.Title)
	d.FullDescription = text(cmp.Or(rules.FirstSentence(r.Why), r.Title+"."))
	d.Help = text(helpText(r))
	d.Help.Markdown = ptr(rules.Markdown(r))
	if opts.HelpURIBase != "" {
		d.HelpURI = ptr(opts.HelpURIBase + r.ID + ".md")
	}
	d.DefaultConfiguration = gosarif.NewReportingConfiguration()
	d.DefaultConfiguration.Level = level(r.Severity)
	d.DefaultConfiguration.Enabled = !r.Optional
	props := gosarif.NewPropertyBag()
	props.Tags = slices.Clone(r.Tags)
	if r.SecuritySeverity != "" {
		// GitHub reads security-severity only on rules tagged "security".
		if !slices.Contains(props.Tags, "security") {
			props.Tags = append(props.Tags, "security")
		}
		props.Properties = gosarif.Properties{"security-severity": r.SecuritySeverity}
	}
	d.Properties = props
	return d
}

// helpText is the plain-text help for viewers that do not render
// markdown: the rule's documentation without the markdown page structure.
func helpText(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.\n\n%s\n", r.Title, strings.TrimSpace(r.Why))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nTriggers (%s):\n\n%s\n", cmp.Or(r.ExampleFile, "example"), indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nPasses (%s):\n\n%s\n", cmp.Or(r.ExampleFile, "example"), indent(r.Good))
	}
	if len(r.URLs) > 0 {
		b.WriteString("\nReferences:\n")
		for _, u := range r.URLs {
			fmt.Fprintf(&b, "- %s\n", u)
		}
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

// ruleName is the id in PascalCase: SARIF's name is an identifier-like
// word, and the Multitool asks for one.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func level(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

func text(s string) *gosarif.MultiformatMessageString {
	m := gosarif.NewMultiformatMessageString()
	m.Text = ptr(s)
	return m
}
