// Shape: a shared package's helper listens on $ADDRESS, else on a
// package-level constant, and each program only hands it a handler.
// Seen in kmullin/protohackers.com@9f081b2ec7ed209f3d8160c1575da6ca07535763
// (internal/server/env.go: GetListenAddr, ADDRESS else const
// defaultAddr ":8080"; internal/server/tcp.go: TCP calls net.Listen on
// it; 0/main.go calls server.TCP; fly.toml has internal_port 8080).
package main

import (
	"net"

	"shapes/sconstaddr/server"
)

func main() {
	server.TCP(func(c net.Conn) { c.Close() })
}
