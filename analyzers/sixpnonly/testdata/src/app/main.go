package main

import (
	"net"
	"os"
)

func main() {
	net.Listen("tcp", "fly-local-6pn:8080")                     // want `Port 8080 is bound only to the 6PN private address, so Fly Proxy cannot reach the service fly.toml routes to it`
	net.Listen("tcp", "["+os.Getenv("FLY_PRIVATE_IP")+"]:8080") // want `Port 8080 is bound only to the 6PN private address`

	// Clean: a 6PN-only port nothing routes, and a port served twice.
	net.Listen("tcp", "fly-local-6pn:9000")
	net.Listen("tcp", "[fdaa:0:1::2]:9001")
}
