package rules

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// groupNamed returns the app's process group called name, or nil.
func groupNamed(a *workspace.App, name string) *workspace.Group {
	for _, g := range a.Groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// serviceGroups returns the groups a service routes to that exist.
func serviceGroups(a *workspace.App, s *workspace.Service) []*workspace.Group {
	var out []*workspace.Group
	for _, name := range s.Groups {
		if g := groupNamed(a, name); g != nil {
			out = append(out, g)
		}
	}
	return out
}

// listenersOf returns a group's listeners of one protocol.
func listenersOf(g *workspace.Group, proto listen.Proto) []listen.Listener {
	var out []listen.Listener
	for _, l := range g.Listeners {
		if l.Proto == proto {
			out = append(out, l)
		}
	}
	return out
}

// routedPorts returns the internal ports the app's services route to a
// group over proto, each with the service that routes it.
func routedPorts(a *workspace.App, g *workspace.Group, proto listen.Proto) map[int]*workspace.Service {
	out := map[int]*workspace.Service{}
	for _, s := range a.Services {
		if s.Proto != proto || !s.InternalPort.OK || !slices.Contains(s.Groups, g.Name) {
			continue
		}
		if _, dup := out[s.InternalPort.V]; !dup {
			out[s.InternalPort.V] = s
		}
	}
	return out
}

// proxiedService returns the service that routes traffic to listener l
// of group g: the one whose internal_port is l's port or, when the group
// runs a single server of that protocol, the service it is evidently
// meant to serve (so a loopback bind is reported even when the port is
// wrong too).
func proxiedService(a *workspace.App, g *workspace.Group, l listen.Listener) *workspace.Service {
	routed := routedPorts(a, g, l.Proto)
	if l.Port.Known() {
		if s, ok := routed[l.Port.Number]; ok {
			return s
		}
	}
	if len(listenersOf(g, l.Proto)) == 1 && len(routed) == 1 {
		for _, s := range routed {
			return s
		}
	}
	return nil
}

// serviceName is how messages name a service.
func serviceName(s *workspace.Service) string {
	if s.HTTP != nil {
		return "[http_service]"
	}
	return fmt.Sprintf("the %s service with internal_port %d", strings.ToUpper(string(s.Proto)), s.InternalPort.V)
}

// internalPortRange is where a service's internal_port is written, or its
// header when it is missing.
func internalPortRange(s *workspace.Service) source.Range {
	if s.InternalPort.Set {
		return s.InternalPort.Value
	}
	return s.Header
}

// listenerRange is the best place to point at for a listener's address.
func listenerRange(l listen.Listener, part string) source.Range {
	switch {
	case part == "host" && l.HostRange.IsValid():
		return l.HostRange
	case part == "port" && l.PortRange.IsValid():
		return l.PortRange
	}
	return l.Range
}

// describe says, for messages, what a listener is: "gunicorn listening
// on 127.0.0.1:8000".
func describe(l listen.Listener) string {
	port := "an unknown port"
	if l.Port.Known() {
		port = strconv.Itoa(l.Port.Number)
	}
	host := l.Host.Text
	switch {
	case host == "":
		host = "*"
	case strings.Contains(host, ":") && !strings.HasPrefix(host, "["):
		host = "[" + host + "]" // an IPv6 address, written as in host:port
	}
	what := l.Origin
	if what == "" {
		what = l.Program
	}
	return fmt.Sprintf("%s listening on %s:%s", what, host, port)
}

// listenCall is the related location of the listen call when a finding
// about l stands elsewhere (the flag default, the struct literal or the
// env default that carries the bad value), so the reader sees both.
func listenCall(l listen.Listener, part string) []diag.Related {
	at := listenerRange(l, part)
	if !l.Range.IsValid() || (at.File == l.Range.File && at.Start.Offset >= l.Range.Start.Offset && at.End.Offset <= l.Range.End.Offset) {
		return nil // the finding is on the call itself
	}
	return []diag.Related{{Range: l.Range, Message: l.Origin + " listens here"}}
}

func relatedListener(l listen.Listener, msg string) diag.Related {
	return diag.Related{Range: l.Range, Message: msg}
}

func relatedService(s *workspace.Service, msg string) diag.Related {
	return diag.Related{Range: internalPortRange(s), Message: msg}
}

// replaceHost is the fix that rewrites a listener's host text.
func replaceHost(l listen.Listener, host, why string) []diag.Fix {
	// Go literals are goHostFix's: they need the file to be checked.
	if strings.HasSuffix(l.HostRange.File, ".go") || !l.HostRange.IsValid() || l.HostRange.Start.Offset >= l.HostRange.End.Offset {
		return nil
	}
	if ext := path.Ext(l.HostRange.File); ext == ".exs" || ext == ".ex" {
		// Elixir config writes an address as a tuple (Phoenix's http: [ip: ...]).
		switch host {
		case "0.0.0.0":
			host = "{0, 0, 0, 0}"
		case "::", "[::]":
			host = "{0, 0, 0, 0, 0, 0, 0, 0}"
		default:
			return nil
		}
	}
	return []diag.Fix{{Message: why, Edits: []diag.Edit{{Range: l.HostRange, NewText: host}}}}
}

// behindProxy reports whether a reverse proxy of the same group (nginx
// proxy_pass, Caddy reverse_proxy, LiteFS's proxy target) forwards to
// l's port on this Machine: l is then the app behind the proxy, and it
// is the proxy's port that must match internal_port, not l's.
func behindProxy(g *workspace.Group, l listen.Listener) bool {
	if !l.Port.Known() {
		return false
	}
	for _, o := range g.Listeners {
		for _, u := range o.ProxyTo {
			if u.Port == l.Port.Number && o.Port.Number != l.Port.Number && localTarget(u.Host) {
				return true
			}
		}
	}
	return false
}

// localTarget reports whether a proxy target host is this Machine.
func localTarget(host string) bool {
	switch c := listen.ClassifyHost(host, "go"); c {
	case listen.HostLoopback, listen.HostDualStack, listen.HostIPv4Wildcard:
		return true
	}
	return false
}
