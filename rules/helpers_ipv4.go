package rules

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/listen"
)

// ipv4OnlyByNetwork reports whether a listener accepts IPv4 only because
// of the network it is opened with ("tcp4"), not its host: binding "::"
// does not fix that (a tcp4 socket refuses an IPv6 address), choosing
// the network does.
func ipv4OnlyByNetwork(l listen.Listener) bool {
	return strings.HasSuffix(l.Host.Network, "4") && l.Host.Class == listen.HostIPv4Wildcard
}

// networkFix says how to open l dual-stack when its framework picked
// "tcp4" for it; each framework's knob is the one listensite models
// (fiber v2.52.15 Config.Network, fiber v3.5.0 ListenConfig.ListenerNetwork,
// echo v4 ListenerNetwork, hertz WithNetwork, fasthttp's fixed "tcp4").
func networkFix(l listen.Listener) string {
	switch o := l.Origin; {
	case strings.HasPrefix(o, "fiber."):
		return `listen on network "tcp" (fiber v2: fiber.Config{Network: "tcp"}; fiber v3: fiber.ListenConfig{ListenerNetwork: "tcp"}), which is dual-stack`
	case strings.HasPrefix(o, "echo."):
		return `set e.ListenerNetwork = "tcp", which is dual-stack`
	case strings.HasPrefix(o, "hertz."):
		return `pass server.WithNetwork("tcp"), which is dual-stack`
	case strings.HasPrefix(o, "fasthttp."):
		return `fasthttp's ListenAndServe always listens on "tcp4": open the socket with net.Listen("tcp", addr) and pass it to Serve`
	}
	return `open the socket with network "tcp" instead of "` + l.Host.Network + `", which is dual-stack`
}
