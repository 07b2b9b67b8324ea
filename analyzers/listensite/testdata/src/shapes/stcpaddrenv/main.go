// Shape: net.ListenTCP on a *net.TCPAddr built from an IP (a package
// variable net.IPv4(0, 0, 0, 0), or a parsed env var) and an int port
// (a constant, or an env var through strconv.Atoi), the network itself
// from an env var defaulting to "tcp4". Seen in
// vshatravenko/protohackers@2e316ddf05e138f6b6ea88f1f2ac1a0fe7662a92
// (internal/server/tcp.go: NewTCPServerFromEnv reads PROTO_TCP_IP,
// PROTO_PORT and PROTO_NET_TCP with LookupEnv, Start calls
// net.ListenTCP; cmd/budget_chat and three other programs start it;
// fly.toml builds the program its TARGET_BINARY build arg names,
// smoke_test at this commit, has internal_port 4269 and sets none of
// the three variables). The TCPAddr is followed through the unexported
// field of the app's struct (only this package can set it): host
// 0.0.0.0 unless PROTO_TCP_IP, port 4269 unless PROTO_PORT. The network
// stays an env var read here, so which sockets the wildcard opens
// (tcp4's IPv4 only, or tcp's dual-stack) is not claimed: host class
// unknown, nothing guessed.
package main

import (
	"net"
	"os"
	"strconv"
)

const defaultPort = 4269

var anyIPv4 = net.IPv4(0, 0, 0, 0)

type tcpServer struct {
	addr    *net.TCPAddr
	network string
}

func fromEnv() (*tcpServer, error) {
	ip := anyIPv4
	if raw, ok := os.LookupEnv("PROTO_TCP_IP"); ok {
		ip = net.ParseIP(raw)
	}
	port := defaultPort
	if raw, ok := os.LookupEnv("PROTO_PORT"); ok {
		p, err := strconv.Atoi(raw)
		if err != nil {
			return nil, err
		}
		port = p
	}
	network, ok := os.LookupEnv("PROTO_NET_TCP")
	if !ok {
		network = "tcp4"
	}
	return &tcpServer{addr: &net.TCPAddr{IP: ip, Port: port}, network: network}, nil
}

func (s *tcpServer) start() error {
	ln, err := net.ListenTCP(s.network, s.addr) // want `net.ListenTCP  host=unknown "0.0.0.0" env=PROTO_TCP_IP port=4269 env=PROTO_PORT default=4269$`
	if err != nil {
		return err
	}
	return ln.Close()
}

func main() {
	s, err := fromEnv()
	if err != nil {
		return
	}
	s.start()
}
