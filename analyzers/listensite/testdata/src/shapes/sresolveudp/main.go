// Shape: a UDP server whose host comes from a flag defaulting to
// "0.0.0.0" and whose port is a literal handed to a constructor; a
// method resolves Sprintf("%s:%d") with net.ResolveUDPAddr and binds it
// with net.ListenUDP. Seen in
// russellslater/protohackers@e2bb7d855f63776c33633be4c939dd9571cac417
// (cmd/unusual-database-program/main.go: -host flag, port 5000;
// Dockerfile.unusual-database-program's CMD passes
// -host=fly-global-services; fly.toml has a udp service on 5000). The
// start command decides the host, as in flagbranch. Inside start the
// fields are unknown; the constructor call carries the resolved address
// (via).
package main

import (
	"flag"
	"fmt"
	"net"
)

type server struct {
	host string
	port int
	conn *net.UDPConn
}

func newServer(port int, host string) *server {
	return &server{port: port, host: host}
}

func (s *server) start() error {
	addr, err := net.ResolveUDPAddr("udp", fmt.Sprintf("%s:%d", s.host, s.port)) // want `host value of net.ListenUDP`
	if err != nil {
		return err
	}
	conn, err := net.ListenUDP("udp", addr) // want `net.ListenUDP udp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

func main() {
	var host string
	flag.StringVar(&host, "host", "0.0.0.0", "address to bind")
	flag.Parse()
	s := newServer(5000, host) // want `net.ListenUDP udp host=dual-stack wildcard "0.0.0.0" flag=host port=5000 via$`
	s.start()
}
