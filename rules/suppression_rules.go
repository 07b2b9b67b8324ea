package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/internal/suppress"
)

// The two suppression rules are reported by the lint pipeline when it
// applies flylint:ignore directives (package suppress); they are
// registered here so they have ids, docs and SARIF metadata like any
// other rule. Their checks do nothing per app.

var UnusedSuppression = Register(&Rule{
	ID:       suppress.UnusedRule,
	Severity: diag.Info,
	Title:    "A flylint:ignore directive suppresses nothing",
	Since:    "0.1.0",
	Why: "A `flylint:ignore` directive names a rule that reports nothing on the line it covers.\n\n" +
		"Stale suppressions hide the next real finding on that line; delete the directive, or move it to the line the finding is on (its own line, or the line above).",
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  # flylint:ignore loopback-bind the proxy is not used yet
  internal_port = 8080`,
	Good: `[http_service]
  internal_port = 8080`,
	URLs:  []string{project.Home + "#suppressing-findings"},
	Tags:  []string{"suppression"},
	Check: func(*Pass) {},
})

var InvalidSuppression = Register(&Rule{
	ID:       suppress.InvalidRule,
	Severity: diag.Warning,
	Title:    "A flylint:ignore directive is malformed",
	Since:    "0.1.0",
	Why: "A `flylint:ignore` directive names no rule, names a rule that does not exist, or gives no reason.\n\n" +
		"Every suppression must say which rule it silences and why, so reviewers can judge it later: `# flylint:ignore RULE reason` (`//flylint:ignore RULE reason` in Go).",
	ExampleFile: "fly.toml",
	Bad: `[http_service]
  internal_port = 8080  # flylint:ignore expose-mismatch`,
	Good: `[http_service]
  internal_port = 8080  # flylint:ignore expose-mismatch the image is built elsewhere`,
	URLs:  []string{project.Home + "#suppressing-findings"},
	Tags:  []string{"suppression"},
	Check: func(*Pass) {},
})
