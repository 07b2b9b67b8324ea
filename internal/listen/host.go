package listen

import (
	"net/netip"
	"strconv"
	"strings"
)

// ClassifyHost turns a bind host as written ("0.0.0.0", "::", "[::]",
// "localhost", "127.0.0.2", "fly-local-6pn", "fdaa:0:1::2",
// "$FLY_PRIVATE_IP", "fly-global-services", "") into a HostClass.
//
// runtime decides what a wildcard means: Go opens one dual-stack socket
// for "tcp" with "", "0.0.0.0" or "::"; Node and Deno listen on "::" when
// given no host; elsewhere (Python, Ruby, PHP, C) "" and 0.0.0.0 are the
// IPv4 wildcard only, and "::" is dual-stack because Linux leaves
// IPV6_V6ONLY off by default.
func ClassifyHost(host string, runtime string) HostClass {
	h := strings.TrimSpace(host)
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	lower := strings.ToLower(h)
	switch lower {
	case "":
		switch runtime {
		case "go", "node", "deno", "bun":
			return HostDualStack
		}
		return HostIPv4Wildcard
	case "0.0.0.0":
		if runtime == "go" {
			return HostDualStack
		}
		return HostIPv4Wildcard
	case "::", "0:0:0:0:0:0:0:0":
		return HostDualStack
	case "localhost", "localhost.", "ip6-localhost", "ip6-loopback":
		return HostLoopback
	case "fly-local-6pn", "$fly_private_ip", "${fly_private_ip}":
		return Host6PN
	case "fly-global-services":
		return HostGlobalServices
	}
	if strings.ContainsAny(h, "$`\x00") {
		return HostUnknown
	}
	// A zone ("fe80::1%eth0") does not change the class.
	if i := strings.IndexByte(h, '%'); i > 0 && strings.Contains(h[:i], ":") {
		h = h[:i]
	}
	if ip, err := netip.ParseAddr(h); err == nil {
		ip = ip.Unmap()
		switch {
		case ip.IsLoopback():
			return HostLoopback
		case ip.IsUnspecified():
			if ip.Is4() {
				return ClassifyHost("0.0.0.0", runtime)
			}
			return HostDualStack
		case ip.Is6() && ip.As16()[0] == 0xfd && ip.As16()[1] == 0xaa:
			return Host6PN
		case ip.Is4():
			return HostIPv4
		}
		return HostIPv6
	}
	if isHostName(h) {
		return HostName
	}
	return HostUnknown
}

func isHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		allowed := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
		if !allowed {
			return false
		}
	}
	return true
}

// SplitHostPort parses "host:port", ":port", "[::]:port", "port",
// "*:port", "tcp://0.0.0.0:8080", "http://0.0.0.0:8080/" and
// "host:${PORT:-8080}". ok is false for unix sockets ("unix:/path",
// "unix:///path", "/path") and for text without a port. A URL without a
// port gets its scheme's (http 80, https 443).
func SplitHostPort(s string) (host, port string, ok bool) {
	a, valid := splitAddr(s)
	if !valid || a.unix {
		return "", "", false
	}
	if !a.hasPort {
		if a.implied == "" {
			return "", "", false
		}
		return s[a.h0:a.h1], a.implied, true
	}
	return s[a.h0:a.h1], s[a.p0:a.p1], true
}

// addr is where the parts of an address lie in its text, so callers can
// map them back to the file.
type addr struct {
	h0, h1   int // host, without brackets; h0 == h1 when empty
	p0, p1   int // port; empty when hasPort is false
	hasPort  bool
	unix     bool   // a unix socket path or fd://, not a TCP listener
	implied  string // the port a URL scheme implies when none is written
	scheme   string
	hostOnly bool // text was a host with no port at all
}

// splitAddr is SplitHostPort with offsets. It never looks inside ${…},
// so "host:${PORT:-8080}" splits at the first colon.
func splitAddr(s string) (addr, bool) {
	var a addr
	base := 0
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		a.scheme = strings.ToLower(s[:i])
		switch a.scheme {
		case "unix", "fd", "file":
			a.unix = true
			return a, true
		case "http", "ws":
			a.implied = "80"
		case "https", "wss":
			a.implied = "443"
		}
		base = i + 3
		rest := s[base:]
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			s = s[:base+j]
		}
	} else if strings.HasPrefix(s, "unix:") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") {
		a.unix = true
		return a, true
	}
	rest := s[base:]
	if rest == "" {
		return a, false
	}
	if isPortText(rest) {
		a.h0, a.h1 = base, base
		a.p0, a.p1, a.hasPort = base, len(s), true
		return a, true
	}
	if rest[0] == '[' {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return a, false
		}
		a.h0, a.h1 = base+1, base+end
		after := rest[end+1:]
		switch {
		case after == "":
			a.hostOnly = true
		case after[0] == ':' && len(after) > 1:
			a.p0, a.p1, a.hasPort = base+end+2, len(s), true
		default:
			return a, false
		}
		return finishImplied(a), true
	}
	colon := lastColonOutsideBraces(rest)
	switch {
	case colon < 0:
		a.h0, a.h1, a.hostOnly = base, len(s), true
	case strings.Count(rest[:colon], ":") > 0 && !strings.Contains(rest, "${"):
		// An unbracketed IPv6 literal ("fdaa::2", "::") has no port.
		a.h0, a.h1, a.hostOnly = base, len(s), true
	default:
		a.h0, a.h1 = base, base+colon
		if colon+1 == len(rest) {
			return a, false
		}
		a.p0, a.p1, a.hasPort = base+colon+1, len(s), true
	}
	return finishImplied(a), true
}

func finishImplied(a addr) addr {
	if !a.hasPort && a.implied != "" {
		a.hostOnly = false
	}
	return a
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		later := c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' // allowed after the first
		if !letter && (i == 0 || !later) {
			return false
		}
	}
	return s != ""
}

// lastColonOutsideBraces finds the colon that separates the port, not one
// inside "${PORT:-8080}".
func lastColonOutsideBraces(s string) int {
	depth, last := 0, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ':':
			if depth == 0 {
				last = i
			}
		}
	}
	return last
}

// isPortText reports whether s is a bare port: digits or one variable
// reference.
func isPortText(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '$' {
		return !strings.ContainsAny(s[1:], "$:/") || strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") && strings.Count(s, "$") == 1
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoiPort returns a valid TCP/UDP port number, or 0.
func atoiPort(s string) int {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 5 {
		return 0
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}
