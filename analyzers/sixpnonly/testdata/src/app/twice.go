package main

import "net"

func twice() {
	// Clean: 8081 is not routed; see main.go for 8080.
	net.Listen("tcp", "fly-local-6pn:8081")
	net.Listen("tcp", ":8081")
}
