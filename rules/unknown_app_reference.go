package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var UnknownAppReference = Register(&Rule{
	ID:       "unknown-app-reference",
	Severity: diag.Info,
	Title:    "An .internal or .flycast address names an app flylint was not given",
	Since:    "0.1.0",
	Why: "A reference to `<app>.internal` or `<app>.flycast` names an app whose fly.toml is not among the paths flylint checked.\n\n" +
		"flylint checks private-network references against the target app's configuration: the ports it listens on, its services, whether it auto-stops. It cannot for an app it did not read. This is only a note: lint the target's directory in the same run (`flylint ./web ./api`) to have these references checked, or ignore it for apps that live elsewhere (such as a Fly Postgres cluster).",
	ExampleFile: "fly.toml",
	Bad: `[env]
  API_URL = "http://api.internal:8080"
# and no fly.toml with app = "api" among the linted paths`,
	Good: `[env]
  API_URL = "http://api.internal:8080"
# and api/fly.toml, with app = "api", linted in the same run`,
	URLs: []string{
		"https://fly.io/docs/networking/private-networking/",
		"https://fly.io/docs/networking/flycast/",
	},
	Tags: []string{"private-networking"},
	Check: func(p *Pass) {
		for _, r := range flyRefs(p) {
			if len(p.Workspace.AppsNamed(r.Target)) > 0 {
				continue
			}
			p.Report(diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s names app %q, which is not among the apps flylint checked, so this reference was not checked against it. "+
					"Lint %q's fly.toml in the same run to check its ports, services and auto-stop settings.", r.Text, r.Target, r.Target),
			})
		}
	},
})
