package main

import "net"

func main() {
	net.Listen("tcp6", ":8080")             // want `Port 8080 listens on IPv6 only \(network "tcp6"\), so Fly Proxy, which connects over IPv4, cannot reach`
	net.Listen("tcp", "[2001:db8::1]:8080") // want `Port 8080 listens on IPv6 only \(the IPv6 address \[2001:db8::1\]\)`

	// Clean: dual-stack, and IPv6-only on a port nothing routes.
	net.Listen("tcp", "[::]:8080")
	net.Listen("tcp6", ":9000")
}
