// Shape: net.ListenTCP with a constant network "tcp4" and a *net.TCPAddr
// a helper builds from a package variable net.IPv4(0, 0, 0, 0) and a
// constant port. Seen in
// vshatravenko/protohackers@2e316ddf05e138f6b6ea88f1f2ac1a0fe7662a92
// (cmd/smoke_test/main.go: configureTCPAddr(defaultIP, defaultPort),
// net.ListenTCP(defaultNet, addr); fly.toml builds TARGET_BINARY
// smoke_test and has a tcp service on internal_port 4269). The helper's
// return is followed with the call's arguments in place of its
// parameters: net.IPv4(0, 0, 0, 0) is the IPv4 unspecified address and
// with "tcp4" the socket is IPv4 only (https://pkg.go.dev/net#ListenTCP,
// Go 1.26: "If the IP field of laddr is nil or an unspecified IP
// address, ListenTCP listens on all available unicast and anycast IP
// addresses of the local system"; the network picks the family).
package main

import "net"

const (
	defaultNet  = "tcp4"
	defaultPort = 4269
)

var defaultIP = net.IPv4(0, 0, 0, 0)

func configureTCPAddr(ip net.IP, port int) *net.TCPAddr {
	return &net.TCPAddr{IP: ip, Port: port}
}

func main() {
	addr := configureTCPAddr(defaultIP, defaultPort)
	ln, err := net.ListenTCP(defaultNet, addr) // want `net.ListenTCP tcp4 host=IPv4 wildcard "0.0.0.0" port=4269$`
	if err != nil {
		return
	}
	ln.Close()
}
