// Shape: net.ListenTCP with a constant network "tcp4" and a *net.TCPAddr
// a helper builds from a package variable net.IPv4(0, 0, 0, 0) and a
// constant port. Seen in
// vshatravenko/protohackers@2e316ddf05e138f6b6ea88f1f2ac1a0fe7662a92
// (cmd/smoke_test/main.go: configureTCPAddr(defaultIP, defaultPort),
// net.ListenTCP(defaultNet, addr); fly.toml builds TARGET_BINARY
// smoke_test and has a tcp service on internal_port 4269). The network
// is resolved (IPv4 only); the analysis does not read addresses out of a
// net.TCPAddr, so host and port stay unknown rather than guessed.
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
	ln, err := net.ListenTCP(defaultNet, addr) // want `net.ListenTCP tcp4 host=unknown port=0$`
	if err != nil {
		return
	}
	ln.Close()
}
