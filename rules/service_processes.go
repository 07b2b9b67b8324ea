package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
)

var ServiceProcesses = Register(&Rule{
	ID:       "service-processes",
	Severity: diag.Error,
	Title:    "A service names no process group, or one that does not exist",
	Since:    "0.1.0",
	Why: `With a ` + "`[processes]`" + ` section, every ` + "`[http_service]`" + ` and ` + "`[[services]]`" + ` must say which groups it routes to with ` + "`processes = [...]`" + `, and each name must be a ` + "`[processes]`" + ` key; flyctl refuses to deploy otherwise.

flyctl's validation reports "Service has no processes set but app has N processes defined" and "Service specifies 'x' as one of its processes, but no processes are defined with that name". Without ` + "`[processes]`" + ` the only group is ` + "`app`" + `. Add ` + "`processes = [\"web\"]`" + ` naming the groups that serve the port, or fix the misspelt name.`,
	ExampleFile: "fly.toml",
	Bad: `[processes]
  web = "bin/server"
  worker = "bin/worker"

[http_service]
  internal_port = 8080`,
	Good: `[processes]
  web = "bin/server"
  worker = "bin/worker"

[http_service]
  internal_port = 8080
  processes = ["web"]`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-processes-section",
		"https://fly.io/docs/apps/processes/",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil {
			return
		}
		groups := cfg.GroupNames()
		for _, s := range p.App.Services {
			procs := svcProcesses(s)
			if !procs.Set || procs.OK && len(procs.V) == 0 {
				if cfg.HasProcesses() {
					p.Reportf(s.Header, "%s names no processes, but [processes] defines %d %s (%s), so flyctl refuses to deploy. "+
						"Add processes = [...] with the groups that serve this port.",
						svcSection(s), len(groups), nounPlural(len(groups), "group"), strings.Join(quoteEach(groups), ", "))
				}
				continue
			}
			for i, name := range procs.V {
				if slices.Contains(groups, name) {
					continue
				}
				r := procs.Value
				if i < len(procs.Elems) {
					r = procs.Elems[i]
				}
				defined := "there is no [processes] section, so the only group is \"app\""
				if cfg.HasProcesses() {
					defined = "[processes] defines " + strings.Join(quoteEach(groups), ", ")
				}
				hint := ""
				if n := nearestName(name, groups); n != "" {
					hint = fmt.Sprintf(" Did you mean %q?", n)
				}
				p.Report(diag.Diagnostic{Range: r, Message: fmt.Sprintf(
					"%s routes to process group %q, which does not exist: %s. flyctl refuses to deploy a service that names an unknown group; fix the name.%s",
					svcSection(s), name, defined, hint)})
			}
		}
	},
})
