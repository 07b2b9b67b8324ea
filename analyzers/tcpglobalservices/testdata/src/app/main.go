package main

import "net"

func main() {
	net.Listen("tcp", "fly-global-services:8080") // want `TCP listener on port 8080 binds fly-global-services, an address meant for UDP services`

	// Clean.
	net.Listen("tcp", ":8080")
	net.ListenPacket("udp", "fly-global-services:5000")
}
