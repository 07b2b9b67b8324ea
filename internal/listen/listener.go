// Package listen is the model every source of listeners produces: start
// commands, Dockerfile instructions and Go source all describe a process
// listening on a protocol, host and port. Rules compare listeners with
// fly.toml services without caring where they came from.
package listen

import (
	"fmt"
	"strconv"

	"github.com/flylint-dev/flylint/internal/source"
)

// Proto is a transport protocol.
type Proto string

const (
	TCP Proto = "tcp"
	UDP Proto = "udp"
)

// HostClass is what matters about a bind address on Fly.
type HostClass int

const (
	// HostUnknown: the address could not be worked out statically.
	HostUnknown HostClass = iota
	// HostLoopback: 127.0.0.0/8, localhost or ::1. Nothing outside the
	// Machine reaches it.
	HostLoopback
	// HostIPv4Wildcard: 0.0.0.0 on a runtime where that is IPv4-only
	// (Python, Node, Go "tcp4"). Fly Proxy reaches it; 6PN does not.
	HostIPv4Wildcard
	// HostDualStack: a wildcard that accepts IPv4 and IPv6 (Go ":p",
	// "0.0.0.0:p" and "[::]:p" with network "tcp"; "::" in Node/Python).
	HostDualStack
	// HostIPv6Wildcard: "::" with IPv6-only set (Go "tcp6"). 6PN reaches
	// it; Fly Proxy does not.
	HostIPv6Wildcard
	// Host6PN: fly-local-6pn, an fdaa: address, or $FLY_PRIVATE_IP.
	Host6PN
	// HostGlobalServices: fly-global-services, the address UDP services
	// must bind.
	HostGlobalServices
	// HostIPv4: a specific IPv4 address other than loopback.
	HostIPv4
	// HostIPv6: a specific IPv6 address other than loopback and 6PN.
	HostIPv6
	// HostName: some other host name.
	HostName
)

var hostClassNames = [...]string{
	HostUnknown:        "unknown",
	HostLoopback:       "loopback",
	HostIPv4Wildcard:   "IPv4 wildcard",
	HostDualStack:      "dual-stack wildcard",
	HostIPv6Wildcard:   "IPv6-only wildcard",
	Host6PN:            "6PN address",
	HostGlobalServices: "fly-global-services",
	HostIPv4:           "IPv4 address",
	HostIPv6:           "IPv6 address",
	HostName:           "host name",
}

func (c HostClass) String() string {
	if int(c) < len(hostClassNames) {
		return hostClassNames[c]
	}
	return "HostClass(" + strconv.Itoa(int(c)) + ")"
}

// ProxyReachable reports whether Fly Proxy, which dials the Machine's
// private IPv4 address, can reach a listener of this class. Unknown,
// specific addresses and names count as reachable: flylint only reports
// what it knows.
func (c HostClass) ProxyReachable() bool {
	switch c {
	case HostLoopback, HostIPv6Wildcard, Host6PN, HostIPv6:
		return false
	}
	return true
}

// SixPNReachable reports whether a peer on the 6PN private network, which
// dials the Machine's IPv6 address, can reach a listener of this class.
func (c HostClass) SixPNReachable() bool {
	switch c {
	case HostLoopback, HostIPv4Wildcard, HostGlobalServices, HostIPv4:
		return false
	}
	return true
}

// Host is a listener's bind address.
type Host struct {
	Class HostClass
	Text  string // as written or resolved, e.g. "127.0.0.1", "[::]", ""
	// Default is true when the program was not told a host and Text is
	// its documented default.
	Default bool
	// Network is the Go network the socket is opened with ("tcp",
	// "tcp4", "udp6", ...), when the listener comes from Go source; the
	// class of a wildcard depends on it.
	Network string
	// Env names the environment variable the host is read from; Text and
	// Class then describe its default ("" and HostUnknown without one).
	Env string
	// Flag names the command-line flag the host is read from; Text and
	// Class then describe its default. When Env is set too, the flag
	// falls back to that variable before its default.
	Flag string
	// FlagShort is another name the flag takes on the command line
	// (pflag's shorthand -p, a urfave/cli alias), "" without one.
	FlagShort string
	// WholeAddr is true when Env or Flag carries the whole "host:port";
	// Port.Env or Port.Flag then name the same variable.
	WholeAddr bool
	// Fly is true when the program picks this host on a branch taken
	// only on Fly (FLY_APP_NAME or another FLY_ variable is set).
	Fly bool
}

// Port is a listener's port number and where it comes from.
type Port struct {
	// Number is the port the process uses on Fly; 0 when unknown.
	Number int
	// Env is the environment variable the port is read from, if any.
	Env string
	// EnvSet is true when the app's environment (fly.toml [env] over
	// Dockerfile ENV) sets Env; Number is then that value.
	EnvSet bool
	// Default is the number used when Env is unset (0: none).
	Default int
	// Required is true when the process needs Env and has no fallback.
	Required bool
	// Flag is the command-line flag that carries the port, if any; when
	// Env is set too, the flag falls back to that variable.
	Flag string
	// FlagShort is another name of Flag on the command line, if any.
	FlagShort string
	// IsDefault is true when nothing told the program a port and Number
	// is its documented default.
	IsDefault bool
	// Fallback is a second environment variable the program reads when
	// Env is unset or empty, before falling back to Default
	// (FUSION_PORT, then PORT, then 8080).
	Fallback string
}

// Known reports whether the port number was worked out.
func (p Port) Known() bool { return p.Number > 0 }

// Listener is one socket a process opens.
type Listener struct {
	Proto Proto
	Host  Host
	Port  Port
	// Origin names what listens, for messages: "gunicorn", "net.Listen",
	// "gin.Engine.Run".
	Origin string
	// Range is where the listen is declared: the command argument or the
	// Go call.
	Range source.Range
	// HostRange and PortRange are the text that carries the host and the
	// port when they are written out, so fixes can replace exactly them.
	HostRange source.Range
	PortRange source.Range
	// Program is the executable the listener belongs to (argv[0] or the
	// Go main package path).
	Program string
	// App is the application protocol served on the socket when the
	// source shows it: AppGRPC for a Go listener handed to
	// grpc.Server.Serve. Empty when unknown. Fly Proxy's HTTP handler
	// speaks HTTP/1.1 to the app unless told otherwise, which a gRPC
	// server cannot answer, so rules need to know.
	App string
	// ProxyTo is set when the listener is a reverse proxy (nginx
	// proxy_pass, Caddy reverse_proxy, LiteFS's proxy): the addresses it
	// forwards to, so rules can follow the chain from internal_port to
	// the app behind it.
	ProxyTo []Upstream
	// Routes is set for an nginx or Caddy HTTP server, a Phoenix
	// endpoint with force_ssl, a Rails server with config.force_ssl, and
	// an Express or Koa app using express-sslify or koa-sslify: which
	// paths it redirects to https://.
	Routes *HTTPRoutes
	// Definite is set when the process certainly opens this socket while
	// what else it opens is unknown (a Phoenix release also runs the
	// app's own code and its dependencies'): a port is bound once, so a
	// rule about what answers on this port may rely on it even when the
	// group's listeners are not known, a rule about what else listens may
	// not.
	Definite bool
}

// AppGRPC is Listener.App for a gRPC server (HTTP/2 only).
const AppGRPC = "grpc"

// AppGRPCHTTP is Listener.App for a socket a connection multiplexer
// (soheilhy/cmux) splits between a gRPC server and an HTTP server: both
// are served on the one port.
const AppGRPCHTTP = "grpc+http"

func (l Listener) String() string {
	port := "?"
	if l.Port.Known() {
		port = strconv.Itoa(l.Port.Number)
	}
	return fmt.Sprintf("%s %s:%s (%s)", l.Proto, l.Host.Text, port, l.Host.Class)
}

// Arg is one argv element and where it was written.
type Arg struct {
	Text  string
	Range source.Range
}

// Command is how a process group starts.
type Command struct {
	// Args is the argv. For a shell-form command (Shell true) it is the
	// single script string that /bin/sh -c runs.
	Args  []Arg
	Shell bool
	// Origin says where the command came from, for messages:
	// "[processes] web", "Dockerfile CMD", "[experimental] cmd".
	Origin string
}

// Var is one environment variable and where it was set.
type Var struct {
	Name   string
	Value  string
	Range  source.Range // the value (or the whole assignment)
	Origin string       // "fly.toml [env]", "Dockerfile ENV"
	// Unknown is true when the variable is set but its value could not
	// be worked out (its expansion passed a size limit); Value is then
	// empty and means nothing. A command that reads it has unknown
	// listeners.
	Unknown bool
}

// Env is a process's environment as flylint can know it statically.
type Env map[string]Var

// Lookup returns a variable's value.
func (e Env) Lookup(name string) (string, bool) {
	v, ok := e[name]
	return v.Value, ok
}

// Upstream is an address a reverse proxy forwards requests to.
type Upstream struct {
	Host  string
	Port  int
	Range source.Range // where the target is written
}
