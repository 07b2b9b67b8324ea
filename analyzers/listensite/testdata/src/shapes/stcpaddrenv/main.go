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
// the three variables). The analysis follows neither the
// network nor the TCPAddr fields here and says so: network, host and
// port unknown, nothing guessed (in particular not tcp4's IPv4-only
// socket, which only the unset-variable path gives).
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
	ln, err := net.ListenTCP(s.network, s.addr) // want `net.ListenTCP  host=unknown port=0$`
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
