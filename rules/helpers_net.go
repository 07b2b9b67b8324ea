package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// Helpers of the private-networking, UDP and exposure rules.

// flyRefs returns the app's references to other Fly apps. The workspace
// keeps only names that are Fly apps' (package flyaddr tells them from
// host.docker.internal and the like), so this only drops holes.
func flyRefs(p *Pass) []*workspace.Ref {
	var out []*workspace.Ref
	for _, r := range p.App.Refs {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// schemePort is the port a client uses for a URL scheme when the URL
// names none, beyond http/https which the workspace already applies.
// mongodb+srv and the like look their ports up in DNS, so they are not
// here.
var schemePort = map[string]int{
	"http": 80, "https": 443, "ws": 80, "wss": 443,
	"postgres": 5432, "postgresql": 5432,
	"mysql": 3306, "redis": 6379, "mongodb": 27017,
	"amqp": 5672, "nats": 4222,
}

// refPort is the port a reference connects to, or 0 when unknown.
func refPort(r *workspace.Ref) int {
	if r.Port > 0 {
		return r.Port
	}
	return schemePort[r.Scheme]
}

// refTargets returns the linted apps a reference names whose fly.toml
// was read. Several apps may share a name (fly.toml and
// fly.production.toml); rules report only what holds for all of them.
func refTargets(p *Pass, r *workspace.Ref) []*workspace.App {
	var out []*workspace.App
	for _, a := range p.Workspace.AppsNamed(r.Target) {
		if a.Config != nil {
			out = append(out, a)
		}
	}
	return out
}

// internalRefs calls f with each <app>.internal reference of the app
// whose target apps flylint read, and those apps.
func internalRefs(p *Pass, f func(r *workspace.Ref, targets []*workspace.App)) {
	for _, r := range flyRefs(p) {
		if r.Kind != "internal" {
			continue
		}
		if targets := refTargets(p, r); len(targets) > 0 {
			f(r, targets)
		}
	}
}

// holdsForAll applies check to every target app and collects what it
// finds; ok is false as soon as one target gives no certain answer, since
// a reference names all the apps that share its name and a rule may only
// report what holds for every one of them.
func holdsForAll[T any](targets []*workspace.App, check func(*workspace.App) (T, bool)) (found []T, ok bool) {
	for _, t := range targets {
		v, ok := check(t)
		if !ok {
			return nil, false
		}
		found = append(found, v)
	}
	return found, true
}

// tcpServices returns the services Fly Proxy carries over TCP;
// Flycast reaches only these.
func tcpServices(a *workspace.App) []*workspace.Service {
	var out []*workspace.Service
	for _, s := range a.Services {
		if s.Proto == listen.TCP {
			out = append(out, s)
		}
	}
	return out
}

// edgeCovers reports whether an external port, or range, includes port.
func edgeCovers(e workspace.EdgePort, port int) bool {
	return e.Port > 0 && e.Port <= port && port <= max(e.Port, e.EndPort)
}

// edgePortList lists a set of services' external ports for messages.
func edgePortList(ss []*workspace.Service) string {
	var parts []string
	for _, s := range ss {
		for _, e := range s.Edge {
			if e.Port <= 0 {
				continue
			}
			t := strconv.Itoa(e.Port)
			if e.EndPort > e.Port {
				t += "-" + strconv.Itoa(e.EndPort)
			}
			if !slices.Contains(parts, t) {
				parts = append(parts, t)
			}
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// ipv4Only reports whether a listener's address accepts only IPv4, so
// that peers on the IPv6 private network (<app>.internal) cannot reach
// it. Loopback is a different mistake, reported elsewhere.
func ipv4Only(c listen.HostClass) bool {
	switch c {
	case listen.HostIPv4Wildcard, listen.HostIPv4, listen.HostGlobalServices:
		return true
	}
	return false
}

// certainPort returns a listener's port when flylint knows it for sure:
// a port read from an environment variable the app does not set may be
// set by a Fly secret flylint cannot see.
func certainPort(l listen.Listener) (int, bool) {
	if !l.Port.Known() || (l.Port.Env != "" && !l.Port.EnvSet) {
		return 0, false
	}
	return l.Port.Number, true
}

// listenersOn returns a group's listeners on a port, and whether the
// group's listeners are certain enough to say the list is complete: the
// group's listeners are known and every one has a certain port.
func listenersOn(g *workspace.Group, port int) (on []listen.Listener, complete bool) {
	complete = g.ListenersKnown
	for _, l := range g.Listeners {
		n, ok := certainPort(l)
		if !ok {
			complete = false
			continue
		}
		if n == port {
			on = append(on, l)
		}
	}
	return on, complete
}

// hostText is how messages show a listener's address.
func hostText(l listen.Listener) string {
	h := l.Host.Text
	if h == "" {
		h = l.Host.Class.String()
	}
	return h
}

// refRelated points at the reference that made a finding, from the
// other app's side.
func refRelated(r *workspace.Ref, msg string) diag.Related {
	return diag.Related{Range: r.Range, Message: msg}
}

// refsTo returns every reference of kind kind to the app named name, from
// any linted app.
func refsTo(ws *workspace.Workspace, name, kind string) []*workspace.Ref {
	if name == "" {
		return nil
	}
	var out []*workspace.Ref
	for _, a := range ws.Apps {
		for _, r := range a.Refs {
			if r != nil && r.Target == name && r.Kind == kind {
				out = append(out, r)
			}
		}
	}
	return out
}

// subRange is the part of r that starts from bytes in and is length
// bytes long, on one line; ok is false when that would leave r.
func subRange(r source.Range, from, length int) (source.Range, bool) {
	if r.Start.Line != r.End.Line || from < 0 || length < 0 || r.Start.Offset+from+length > r.End.Offset {
		return source.Range{}, false
	}
	out := r
	out.Start.Col += from
	out.Start.Offset += from
	out.End = out.Start
	out.End.Col += length
	out.End.Offset += length
	return out, true
}

// exactText reports whether the file holds exactly text at r, so that a
// fix may edit inside r by byte offsets.
func exactText(ws *workspace.Workspace, r source.Range, text string) bool {
	data := ws.Files[r.File]
	s, e := r.Start.Offset, r.End.Offset
	return r.IsValid() && s >= 0 && e <= len(data) && s <= e && string(data[s:e]) == text
}

// appLabel names an app in messages.
func appLabel(a *workspace.App) string {
	if a.Name != "" {
		return fmt.Sprintf("app %q", a.Name)
	}
	return a.ConfigPath
}

// appRange is where an app's fly.toml names it, or the file's start.
func appRange(a *workspace.App) source.Range {
	if a.Config != nil && a.Config.App.Set && a.Config.App.Value.IsValid() {
		return a.Config.App.Value
	}
	start := source.Pos{Line: 1, Col: 1}
	return source.Range{File: a.ConfigPath, Start: start, End: start}
}
