package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

var ServerDefaultLoopback = Register(&Rule{
	ID:       "server-default-loopback",
	Severity: diag.Warning,
	Title:    "A server that binds loopback by default is started without a host",
	Since:    "0.1.0",
	Why: `The start command runs a server whose default bind address is loopback (uvicorn, flask run, manage.py runserver, rackup, vite, …) without telling it to listen on all interfaces.

Fly Proxy connects to the Machine's private IPv4 address, which a loopback listener never sees: the app deploys, then answers every request with a 502. Pass the host explicitly (` + "`--host 0.0.0.0`" + `, ` + "`-b 0.0.0.0`" + `, ` + "`0.0.0.0:8000`" + `).`,
	ExampleFile: "fly.toml",
	Bad: `[processes]
  app = "uvicorn main:app --port 8080"

[http_service]
  internal_port = 8080`,
	Good: `[processes]
  app = "uvicorn main:app --host 0.0.0.0 --port 8080"

[http_service]
  internal_port = 8080`,
	URLs: []string{
		"https://fly.io/docs/networking/app-services/",
		"https://www.uvicorn.org/settings/#socket-binding",
	},
	Tags: []string{"bind"},
	Check: func(p *Pass) {
		checkBind(p, func(l listen.Listener) bool { return l.Host.Class == listen.HostLoopback && l.Host.Default },
			func(l listen.Listener, svc string) string {
				fix := "pass the host explicitly (for example 0.0.0.0)"
				if l.Host.Env != "" {
					// The server reads its host from a variable: that is
					// often the only way to set it (Astro, SvelteKit).
					fix = "set " + l.Host.Env + " = \"0.0.0.0\" in [env] (or ENV " + l.Host.Env + "=0.0.0.0 in the Dockerfile), or pass the host explicitly"
				}
				return l.Origin + " binds " + l.Host.Text + " by default, and nothing here tells it otherwise, so Fly Proxy cannot reach it for " + svc + ". Fly Proxy dials the Machine's private IPv4 address; " + fix + "."
			}, "", "")
	},
})
