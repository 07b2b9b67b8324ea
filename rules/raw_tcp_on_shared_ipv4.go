package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

var RawTCPOnSharedIPv4 = Register(&Rule{
	ID:       "raw-tcp-on-shared-ipv4",
	Severity: diag.Info,
	Title:    "A raw TCP port cannot be routed on a shared IPv4 address",
	Since:    "0.1.0",
	Why: "A public TCP port passes raw TCP (no `tls` or `pg_tls` handler, and not HTTP on 80 or TLS and HTTP on 443), which only a dedicated IPv4 address carries.\n\n" +
		"Fly's docs (networking/services, \"Shared IPv4\" and \"Dedicated IPv4\") give a shared IPv4 address only to HTTP on port 80 and TLS and HTTP on 443, and to other TCP ports through the `tls` handler, because a shared address tells apps apart by the HTTP Host or the TLS server name. Raw TCP carries neither, so on the shared IPv4 `fly deploy` allocates by default the port answers over IPv6 only. " +
		"The fix depends on what the port speaks:\n\n" +
		"- plain HTTP on port 80: `handlers = [\"http\"]`;\n" +
		"- PostgreSQL: `handlers = [\"pg_tls\"]`;\n" +
		"- a protocol that upgrades to TLS inside the connection (SMTP on 25 or 587, IMAP, POP3, FTP, LDAP, XMPP, MySQL): only a dedicated IPv4 works, since the `tls` handler would expect a TLS handshake first;\n" +
		"- anything else clients reach over TLS: `handlers = [\"tls\"]` lets Fly terminate TLS on a shared IPv4;\n" +
		"- otherwise allocate a dedicated IPv4 (`fly ips allocate-v4`, billed monthly; flyctl offers it on the first deploy of such a config).\n\n" +
		"flylint cannot see an app's IP addresses. Once the app has a dedicated IPv4, say so in `.flylint.toml` and this rule and `udp-needs-dedicated-ipv4` stay silent for it:\n\n" +
		"```toml\n[apps.my-app]\ndedicated-ipv4 = true\n```\n\n" +
		"The rule reports once per app, at its first raw port, and names the others. An app with a public UDP service is left to `udp-needs-dedicated-ipv4`: the dedicated IPv4 it needs carries raw TCP too.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "tcp"
  internal_port = 6000

  [[services.ports]]
    port = 6000`,
	Good: `[[services]]
  protocol = "tcp"
  internal_port = 6000

  [[services.ports]]
    port = 6000
    handlers = ["tls"]`,
	URLs: []string{
		"https://fly.io/docs/networking/services/#shared-ipv4",
		"https://fly.io/docs/networking/services/#dedicated-ipv4",
		"https://fly.io/docs/networking/services/#connection-handlers",
	},
	Tags: []string{"ports", "exposure"},
	// Its finding on a quoted port says to unquote it and carries the fix.
	Owns: []string{"port-as-string"},
	Check: func(p *Pass) {
		raw := rawTCPPorts(p.App)
		if len(raw) == 0 {
			return
		}
		first := raw[0]
		d := diag.Diagnostic{
			Range: first.Range,
			Message: fmt.Sprintf("%s passes raw TCP, which a shared IPv4 address cannot route, so it answers over IPv6 only until %s has a dedicated IPv4 (fly ips allocate-v4). %s%s",
				portWord(raw), appOrThe(p.App), rawPortAdvice(first), dedicatedIPv4Hint(p.App)),
		}
		for _, e := range raw[1:] {
			d.Related = append(d.Related, diag.Related{Range: e.Range, Message: "port " + edgePortText(e) + " also passes raw TCP. " + rawPortAdvice(e)})
		}
		// This finding owns the port's token, so port-as-string stays
		// silent there and its advice and fix come along here.
		if pr, ok := portAsStringAt(p, first.Range); ok {
			d.Message += " The port is also written as a string; write it as a number."
			if fix, ok := portAsStringFix(p, newFixVerifier(p), pr); ok {
				d.Fixes = []diag.Fix{fix}
			}
		}
		p.Report(d)
	},
})

// rawTCPPorts is the app's public TCP ports a shared IPv4 address cannot
// route, in file order, or nil when something else already speaks for
// them: the configuration says the app has a dedicated IPv4; the app is
// private (Flycast addresses are private IPv6); or the app has a public
// UDP service, whose udp-needs-dedicated-ipv4 finding asks for the
// dedicated IPv4 that carries raw TCP as well.
func rawTCPPorts(a *workspace.App) []workspace.EdgePort {
	if a.Config == nil || a.Flycast || a.DedicatedIPv4 || hasPublicUDP(a) {
		return nil
	}
	var out []workspace.EdgePort
	for _, s := range a.Services {
		if s.Proto != listen.TCP || s.Service == nil {
			continue
		}
		for _, e := range s.Edge {
			if e.Port > 0 && e.Config != nil && rawOnSharedIPv4(e) {
				out = append(out, e)
			}
		}
	}
	return out
}

func hasPublicUDP(a *workspace.App) bool {
	for _, s := range a.Services {
		if s.Proto == listen.UDP && s.Service != nil {
			return true
		}
	}
	return false
}

func edgePortText(e workspace.EdgePort) string {
	if e.EndPort > e.Port {
		return fmt.Sprintf("%d-%d", e.Port, e.EndPort)
	}
	return fmt.Sprint(e.Port)
}

func portWord(raw []workspace.EdgePort) string {
	if len(raw) == 1 {
		return "TCP port " + edgePortText(raw[0])
	}
	others := make([]string, 0, len(raw)-1)
	for _, e := range raw[1:] {
		others = append(others, edgePortText(e))
	}
	return fmt.Sprintf("TCP port %s (and %s)", edgePortText(raw[0]), strings.Join(others, ", "))
}

// startTLSPorts are well-known ports whose protocol starts in plain text
// and upgrades to TLS inside the connection, so the tls handler (which
// expects a ClientHello first) cannot serve them: SMTP 25 and submission
// 587 (RFC 3207, RFC 6409), FTP 21 (RFC 4217), POP3 110 and IMAP 143
// (RFC 2595), LDAP 389 (RFC 4513), XMPP 5222 (RFC 6120), MySQL 3306
// (its handshake negotiates TLS in-band).
var startTLSPorts = map[int]string{
	21: "FTP", 25: "SMTP", 110: "POP3", 143: "IMAP", 389: "LDAP", 587: "SMTP", 3306: "MySQL", 5222: "XMPP",
}

// rawPortAdvice is the handler that would let a shared IPv4 carry e, by
// what its port conventionally speaks (Fly's docs, networking/services:
// shared IPv4 routes HTTP on 80, and other TCP ports through tls).
func rawPortAdvice(e workspace.EdgePort) string {
	single := e.EndPort <= e.Port
	switch {
	case single && e.Port == 80:
		return `If it serves plain HTTP, handlers = ["http"] works on the shared IPv4.`
	case single && (e.Port == 5432 || e.Port == 5433):
		return `For PostgreSQL, handlers = ["pg_tls"] works on the shared IPv4.`
	case single && startTLSPorts[e.Port] != "":
		return startTLSPorts[e.Port] + ` upgrades to TLS inside the connection, so the tls handler cannot serve it: only a dedicated IPv4 works.`
	}
	return `If clients connect with TLS, handlers = ["tls"] lets Fly terminate it on the shared IPv4.`
}

// appOrThe names the app for a sentence: its path would read as noise.
func appOrThe(a *workspace.App) string {
	if a.Name == "" {
		return "the app"
	}
	return fmt.Sprintf("app %q", a.Name)
}

func dedicatedIPv4Hint(a *workspace.App) string {
	name := a.Name
	if name == "" {
		name = "<app>"
	}
	return fmt.Sprintf(" Once the app has a dedicated IPv4, set dedicated-ipv4 = true under [apps.%s] in .flylint.toml.", name)
}

// rawOnSharedIPv4 reports whether an external port carries traffic a
// shared IPv4 address cannot attribute to an app: not TLS (which names
// the app by SNI), and not HTTP on port 80 (which names it by Host).
// 443 with an http handler and no tls is left to
// tls-handler-port-mismatch, which says what is really wrong there.
func rawOnSharedIPv4(e workspace.EdgePort) bool {
	if portHasHandler(e.Handlers, "tls") || portHasHandler(e.Handlers, "pg_tls") {
		return false
	}
	single := e.EndPort <= e.Port
	if single && e.Port == 80 && portHasHandler(e.Handlers, "http") {
		return false
	}
	if single && e.Port == 443 && portHasHandler(e.Handlers, "http") {
		return false
	}
	return true
}

func portHasHandler(hs []string, h string) bool {
	for _, x := range hs {
		if strings.EqualFold(strings.TrimSpace(x), h) {
			return true
		}
	}
	return false
}
