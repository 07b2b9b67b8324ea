package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	net.ListenPacket("udp", ":5000")               // want `UDP listener on port 5000 binds the wildcard address instead of fly-global-services`
	net.ListenUDP("udp", &net.UDPAddr{Port: 5000}) // want `UDP listener on port 5000 binds the wildcard address`
	port := os.Getenv("ECHO_PORT")
	net.ListenPacket("udp", fmt.Sprintf("0.0.0.0:%s", port)) // want `UDP listener on port \$ECHO_PORT binds the wildcard address`

	// Clean: fly-global-services, directly or on Fly only.
	net.ListenPacket("udp", "fly-global-services:5000")
	addr := ":5000"
	if os.Getenv("FLY_APP_NAME") != "" {
		addr = "fly-global-services:5000"
	}
	net.ListenPacket("udp", addr)
	// Clean: TCP on the same port, and UDP on a port with no UDP service.
	net.Listen("tcp", ":5000")
	net.ListenPacket("udp", ":6000")
}
