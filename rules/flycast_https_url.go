package rules

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flyaddr"
)

var FlycastHTTPSURL = Register(&Rule{
	ID:       "flycast-https-url",
	Severity: diag.Error,
	Title:    "An https:// URL names a .flycast address",
	Since:    "0.1.0",
	Why: "A URL uses `https://` (or `wss://`) to reach `<app>.flycast`.\n\n" +
		"Flycast is HTTP only: Fly issues no certificates for `.flycast` names, so a client that verifies the server's certificate fails the TLS handshake on every request. Traffic on Fly's private network is already encrypted by WireGuard; use `http://<app>.flycast`.",
	ExampleFile: "fly.toml",
	Bad: `[env]
  ORDERS_URL = "https://orders.flycast/api"`,
	Good: `[env]
  ORDERS_URL = "http://orders.flycast/api"`,
	URLs: []string{
		"https://fly.io/docs/networking/flycast/",
		"https://fly.io/docs/networking/app-services/",
	},
	Tags: []string{"flycast", "private-networking"},
	Check: func(p *Pass) {
		for _, r := range flyRefs(p) {
			if r.Kind != "flycast" || (r.Scheme != "https" && r.Scheme != "wss") {
				continue
			}
			plain := strings.TrimSuffix(r.Scheme, "s")
			d := diag.Diagnostic{
				Range: r.Range,
				Message: fmt.Sprintf("%s uses %s:// to reach %s.flycast, but Flycast is HTTP only and Fly issues no certificates for .flycast names. "+
					"Every request fails the TLS handshake; use %s:// (the private network is already encrypted by WireGuard).", r.Text, r.Scheme, r.Target, plain),
			}
			// Only the scheme changes, and only where the reference is
			// written exactly as the workspace read it; an explicit port
			// (https://x.flycast:443) would need more than a new scheme.
			if exactText(p.Workspace, r.Range, r.Text) && strings.HasPrefix(strings.ToLower(r.Text), r.Scheme+"://") && !flyaddr.HasPort(r.Text) {
				if at, ok := subRange(r.Range, 0, len(r.Scheme)); ok {
					d.Fixes = []diag.Fix{{Message: "Use " + plain + "://", Edits: []diag.Edit{{Range: at, NewText: plain}}}}
				}
			}
			p.Report(d)
		}
	},
})
