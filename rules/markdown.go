package rules

import (
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation page: docs/rules/<id>.md,
// `flylint explain`, and the SARIF help text all come from it.
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "%s.\n\n", r.Title)
	fmt.Fprintf(&b, "Severity: **%s**", r.Severity)
	if r.Since != "" {
		fmt.Fprintf(&b, " · since %s", r.Since)
	}
	if len(r.Tags) > 0 {
		fmt.Fprintf(&b, " · tags: %s", strings.Join(r.Tags, ", "))
	}
	if r.Optional {
		fmt.Fprintf(&b, " · **off by default**: turn it on with `enable = [%q]` in .flylint.toml", r.ID)
	}
	b.WriteString("\n\n")
	b.WriteString(strings.TrimSpace(r.Why))
	b.WriteString("\n")
	lang := exampleLang(r.ExampleFile)
	if r.Bad != "" {
		fmt.Fprintf(&b, "\n## Triggers\n\n```%s\n%s\n```\n", lang, strings.Trim(r.Bad, "\n"))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\n## Passes\n\n```%s\n%s\n```\n", lang, strings.Trim(r.Good, "\n"))
	}
	if len(r.URLs) > 0 {
		b.WriteString("\n## References\n\n")
		for _, u := range r.URLs {
			fmt.Fprintf(&b, "- <%s>\n", u)
		}
	}
	fmt.Fprintf(&b, "\n## Suppressing\n\n`# flylint:ignore %s <reason>` on the line or the line above (`//flylint:ignore` in Go), or `disable = [%q]` in `.flylint.toml`.\n", r.ID, r.ID)
	return b.String()
}

// FirstSentence is the first sentence of a rule's Why: the text for
// places that show one line (SARIF fullDescription, `flylint rules`).
func FirstSentence(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (s[i+1] == ' ' || s[i+1] == '\n') {
			return strings.ReplaceAll(s[:i+1], "\n", " ")
		}
	}
	return strings.ReplaceAll(s, "\n", " ")
}

func exampleLang(file string) string {
	switch {
	case strings.HasSuffix(file, ".toml"):
		return "toml"
	case strings.HasSuffix(file, ".go"):
		return "go"
	case strings.Contains(strings.ToLower(file), "dockerfile"):
		return "dockerfile"
	}
	return ""
}
