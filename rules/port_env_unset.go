package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var PortEnvUnset = Register(&Rule{
	ID:       "port-env-unset",
	Severity: diag.Error,
	Title:    "The process needs PORT and nothing sets it",
	Since:    "0.1.0",
	Why: "The process reads its port from an environment variable (usually `PORT`) with no fallback, and neither fly.toml `[env]` nor the Dockerfile's `ENV` sets it.\n\n" +
		"Unlike Heroku or Cloud Run, Fly does not set `PORT`. The process fails to start or listens on a random port. Set it in `[env]` to the service's `internal_port`.",
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "sh -c 'exec php -S 0.0.0.0:$PORT -t public'"

[http_service]
  internal_port = 8080`,
	Good: `[env]
  PORT = "8080"

[processes]
  app = "sh -c 'exec php -S 0.0.0.0:$PORT -t public'"

[http_service]
  internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/machines/runtime-environment/",
		"https://fly.io/docs/reference/configuration/#the-env-variables-section",
	},
	Tags: []string{"ports"},
	Check: func(p *Pass) {
		for _, g := range p.App.Groups {
			for _, l := range g.Listeners {
				if !l.Port.Required || l.Port.EnvSet || l.Port.Env == "" {
					continue
				}
				hint := ""
				for _, s := range p.App.Services {
					if s.Proto == l.Proto && s.InternalPort.OK {
						hint = fmt.Sprintf(" = %q", fmt.Sprint(s.InternalPort.V))
						break
					}
				}
				p.Report(diag.Diagnostic{
					Range:   listenerRange(l, "port"),
					Message: fmt.Sprintf("%s takes its port from $%s, which nothing sets: Fly does not set %s, and neither fly.toml [env] nor the Dockerfile's ENV does. Add %s%s to [env].", l.Origin, l.Port.Env, l.Port.Env, l.Port.Env, hint),
					Related: listenCall(l, "port"),
				})
			}
		}
	},
})
