package listensite

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// resolve turns a raw site into a listener. Where the program picks a
// value on Fly (a FLY_APP_NAME branch) that value wins; where the
// alternatives otherwise disagree, the host or port is unknown.
func resolve(r *RawSite) (listen.Listener, string) {
	network, netKnown := networkOf(r)
	l := listen.Listener{
		Origin:    r.Origin,
		Range:     r.Range,
		HostRange: r.ArgRange,
		PortRange: r.ArgRange,
		App:       r.App,
	}
	l.Proto = listen.TCP
	if strings.HasPrefix(network, "udp") {
		l.Proto = listen.UDP
	}
	addr := pickFly(r.Addr)
	var hosts []listen.Host
	var ports []listen.Port
	var hostAts, portAts []source.Range
	for _, a := range addr.Alts {
		h, p := splitAlt(a, network, r.EmptyAddr)
		if !netKnown {
			h = UnknownFamily(h)
		}
		h.Fly = a.Fly
		hosts = append(hosts, h)
		ports = append(ports, p)
		ha, pa := valueRanges(a)
		hostAts = append(hostAts, ha)
		portAts = append(portAts, pa)
	}
	l.Host = listen.Host{Class: listen.HostUnknown, Network: network}
	if len(hosts) > 0 && allSame(hosts) {
		l.Host = hosts[0]
	}
	if len(ports) > 0 && allSame(ports) {
		l.Port = ports[0]
	}
	if r.IsDefault {
		l.Port.IsDefault = true
		l.Host.Default = true
	}
	// Where the value is written as one literal (a flag default, a
	// struct literal field, an env default passed to a helper), that is
	// where a finding and a fix belong; the call stays l.Range.
	if len(hostAts) > 0 && hostAts[0].IsValid() && allSame(hostAts) {
		l.HostRange = hostAts[0]
	}
	if len(portAts) > 0 && portAts[0].IsValid() && allSame(portAts) {
		l.PortRange = portAts[0]
	}
	return l, network
}

// networkOf is the site's network when it is one known text; known is
// false when the program picks it at run time (an env var with a
// default, a flag): "udp4" or "udp" may then be used.
func networkOf(r *RawSite) (network string, known bool) {
	v := pickFly(r.Network)
	if len(v.Alts) == 0 {
		return "", true // the API takes no network
	}
	return v.text()
}

// UnknownFamily is h with a wildcard's address family left
// unknown: whether 0.0.0.0 or :: is IPv4-only, IPv6-only or dual-stack
// depends on the network ("tcp4" or "tcp"), which is not known.
func UnknownFamily(h listen.Host) listen.Host {
	switch h.Class {
	case listen.HostDualStack, listen.HostIPv4Wildcard, listen.HostIPv6Wildcard:
		h.Class = listen.HostUnknown
	}
	return h
}

// valueRanges is where the host and the port of one alternative are
// written, when each is one literal in the source (invalid otherwise):
// the literal itself, or the default of the flag or env var it is read
// from.
func valueRanges(a Alt) (host, port source.Range) {
	parts := a.Parts
	if len(parts) == 1 && (parts[0].Kind == PartEnv || parts[0].Kind == PartFlag) {
		p := parts[0]
		if p.DefaultRange.IsValid() {
			return p.DefaultRange, p.DefaultRange
		}
		if p.Default != nil && len(p.Default.Alts) == 1 {
			return valueRanges(p.Default.Alts[0])
		}
		return source.Range{}, source.Range{}
	}
	k, j := lastColon(parts)
	if k < 0 {
		return source.Range{}, source.Range{}
	}
	var hostSide, portSide []Part
	hostSide = append(hostSide, parts[:k]...)
	if j > 0 {
		hostSide = append(hostSide, parts[k])
	}
	if j+1 < len(parts[k].Text) {
		portSide = append(portSide, parts[k])
	}
	portSide = append(portSide, parts[k+1:]...)
	return pieceRange(hostSide), pieceRange(portSide)
}

// pieceRange is where one side of an address is written when it is a
// single part: a literal with a position, or an env var or flag whose
// default is one.
func pieceRange(ps []Part) source.Range {
	if len(ps) != 1 {
		return source.Range{}
	}
	p := ps[0]
	switch p.Kind {
	case PartLit:
		return p.At
	case PartEnv, PartFlag:
		if p.DefaultRange.IsValid() {
			return p.DefaultRange
		}
		if p.Default != nil && len(p.Default.Alts) == 1 {
			return pieceRange(p.Default.Alts[0].Parts)
		}
	}
	return source.Range{}
}

// lastColon finds the colon that separates host and port: the last one
// outside brackets, as part index k and byte j of its text (-1 if none).
func lastColon(parts []Part) (k, j int) {
	k, j = -1, -1
	depth := 0
	for i, p := range parts {
		if p.Kind != PartLit {
			continue
		}
		for x := 0; x < len(p.Text); x++ {
			switch p.Text[x] {
			case '[':
				depth++
			case ']':
				depth--
			case ':':
				if depth == 0 {
					k, j = i, x
				}
			}
		}
	}
	return k, j
}

func allSame[T comparable](xs []T) bool {
	for _, x := range xs[1:] {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// pickFly keeps only the alternatives chosen on Fly, when there are any.
func pickFly(v Value) Value {
	var fly Value
	for _, a := range v.Alts {
		if a.Fly {
			fly.Alts = append(fly.Alts, a)
		}
	}
	if len(fly.Alts) > 0 {
		return fly
	}
	return v
}

// splitAlt splits one way of writing the address at its last colon
// outside brackets into a host and a port.
func splitAlt(a Alt, network, emptyAddr string) (listen.Host, listen.Port) {
	parts := a.Parts
	if emptyAddr != "" && isEmptyLit(parts) {
		parts = []Part{{Kind: PartLit, Text: emptyAddr}}
	}
	unknownHost := listen.Host{Class: listen.HostUnknown, Network: network}
	// A whole address from one variable: "ADDR" or -addr.
	if len(parts) == 1 && (parts[0].Kind == PartEnv || parts[0].Kind == PartFlag) {
		p := parts[0]
		var h listen.Host
		var port listen.Port
		if p.Default != nil && len(p.Default.Alts) == 1 {
			h, port = splitAlt(p.Default.Alts[0], network, emptyAddr)
		} else {
			h, port = unknownHost, listen.Port{}
			if p.Kind == PartEnv && p.Default == nil {
				port.Required = true
			}
		}
		h.WholeAddr = true
		if p.Kind == PartEnv {
			// A chain of variables (cmp.Or, urfave/cli's EnvVars): the
			// second one is the fallback.
			if h.Env != "" && h.Env != p.Name && port.Fallback == "" {
				port.Fallback = h.Env
			}
			h.Env, port.Env = p.Name, p.Name
			port.Default = port.Number
		} else {
			h.Flag, port.Flag = p.Name, p.Name
			h.FlagShort, port.FlagShort = p.Short, p.Short
		}
		return h, port
	}
	k, j := lastColon(parts)
	if k < 0 {
		return unknownHost, listen.Port{}
	}
	var hostParts, portParts []Part
	hostParts = append(hostParts, parts[:k]...)
	if j > 0 {
		hostParts = append(hostParts, Part{Kind: PartLit, Text: parts[k].Text[:j]})
	}
	if j+1 < len(parts[k].Text) {
		portParts = append(portParts, Part{Kind: PartLit, Text: parts[k].Text[j+1:]})
	}
	portParts = append(portParts, parts[k+1:]...)
	return hostOf(mergeLits(hostParts), network), portOf(mergeLits(portParts))
}

// mergeLits joins adjacent literals that appendParts kept apart for
// their positions, so that "127.0.0." + "1" reads as one host.
func mergeLits(ps []Part) []Part {
	var out []Part
	for _, p := range ps {
		if p.Kind == PartLit && p.Text == "" {
			continue
		}
		if p.Kind == PartLit && len(out) > 0 && out[len(out)-1].Kind == PartLit {
			out[len(out)-1].Text += p.Text
			out[len(out)-1].At = source.Range{}
			continue
		}
		out = append(out, p)
	}
	return out
}

func isEmptyLit(parts []Part) bool {
	for _, p := range parts {
		if p.Kind != PartLit || p.Text != "" {
			return false
		}
	}
	return true
}

func hostOf(parts []Part, network string) listen.Host {
	h := listen.Host{Class: listen.HostUnknown, Network: network}
	// "[" + os.Getenv("FLY_PRIVATE_IP") + "]": the brackets are syntax.
	if n := len(parts); n == 3 && parts[0].Kind == PartLit && parts[0].Text == "[" && parts[2].Kind == PartLit && parts[2].Text == "]" {
		parts = parts[1:2]
	}
	if len(parts) == 0 {
		h.Class = classify(network, "")
		return h
	}
	if len(parts) == 1 {
		p := parts[0]
		switch p.Kind {
		case PartLit:
			h.Text = p.Text
			h.Class = classify(network, p.Text)
			return h
		case PartEnv, PartFlag:
			if p.Kind == PartEnv {
				h.Env = p.Name
				if p.Name == "FLY_PRIVATE_IP" {
					h.Class = listen.Host6PN
					return h
				}
			} else {
				if env, ok := flagEnv(p); ok {
					h = hostOf([]Part{env}, network)
				}
				h.Flag, h.FlagShort = p.Name, p.Short
				if h.Env != "" {
					return h
				}
			}
			if p.Default != nil {
				if t, ok := p.Default.text(); ok {
					h.Text = t
					h.Class = classify(network, t)
				}
			}
			return h
		}
		return h
	}
	// "localhost" + something, or a literal prefix that already decides
	// the class ("127.0.0." + n) is rare; keep it unknown.
	return h
}

func portOf(parts []Part) listen.Port {
	var p listen.Port
	if len(parts) != 1 {
		return p
	}
	switch x := parts[0]; x.Kind {
	case PartLit:
		p.Number = portNumber(x.Text)
	case PartEnv:
		p.Env = x.Name
		if d := x.Default; d != nil && len(d.Alts) == 1 && len(d.Alts[0].Parts) == 1 && d.Alts[0].Parts[0].Kind == PartEnv {
			// A chain of variables: the second one is the fallback.
			inner := d.Alts[0].Parts[0]
			p.Fallback = inner.Name
			x.Default = inner.Default
		}
		if x.Default != nil {
			if t, ok := x.Default.text(); ok {
				p.Default = portNumber(t)
				p.Number = p.Default
			}
		} else {
			p.Required = true
		}
	case PartFlag:
		if env, ok := flagEnv(x); ok {
			p = portOf([]Part{env})
			p.Flag, p.FlagShort = x.Name, x.Short
			return p
		}
		p.Flag, p.FlagShort = x.Name, x.Short
		if x.Default != nil {
			if t, ok := x.Default.text(); ok {
				p.Number = portNumber(t)
				p.Default = p.Number
			}
		}
	}
	return p
}

// services are the port names Go's resolver knows without /etc/services
// that servers commonly use.
var services = map[string]int{"http": 80, "https": 443, "domain": 53}

func portNumber(s string) int {
	if n, ok := services[s]; ok {
		return n
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}

// classify says what a bind host means on Fly for a Go network:
// wildcards are dual-stack with "tcp"/"udp", IPv4-only with "tcp4" and
// IPv6-only with "tcp6".
func classify(network, host string) listen.HostClass {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	family := ""
	switch {
	case strings.HasSuffix(network, "4"):
		family = "4"
	case strings.HasSuffix(network, "6"):
		family = "6"
	}
	switch strings.ToLower(host) {
	case "", "0.0.0.0", "::", "0:0:0:0:0:0:0:0":
		switch family {
		case "4":
			return listen.HostIPv4Wildcard
		case "6":
			return listen.HostIPv6Wildcard
		}
		return listen.HostDualStack
	case "localhost", "ip6-localhost", "ip6-loopback":
		return listen.HostLoopback
	case "fly-local-6pn":
		return listen.Host6PN
	case "fly-global-services":
		return listen.HostGlobalServices
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		switch {
		case ip.IsLoopback():
			return listen.HostLoopback
		case ip.Is4():
			return listen.HostIPv4
		case strings.HasPrefix(strings.ToLower(ip.String()), "fdaa:"):
			return listen.Host6PN
		}
		return listen.HostIPv6
	}
	if strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return listen.HostLoopback
	}
	return listen.HostName
}

// flagEnv is the environment variable a flag falls back to when the
// command line does not give it (urfave/cli's EnvVars, kong's env tag,
// a viper key bound to a flag and an env name): the flag's default is
// then that one variable read.
func flagEnv(p Part) (Part, bool) {
	if p.Kind != PartFlag || p.Default == nil || len(p.Default.Alts) != 1 {
		return Part{}, false
	}
	a := p.Default.Alts[0]
	if len(a.Parts) != 1 || a.Parts[0].Kind != PartEnv || len(a.Conds) > 0 || a.Fly {
		return Part{}, false
	}
	return a.Parts[0], true
}
