package main

import "net"

func main() {
	pc, err := net.ListenPacket("udp", "fly-global-services:5000") // raw string
	if err != nil {
		panic(err)
	}
	defer pc.Close()
}
