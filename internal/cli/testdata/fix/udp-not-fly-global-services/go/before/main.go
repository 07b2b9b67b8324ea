package main

import "net"

func main() {
	pc, err := net.ListenPacket("udp", `0.0.0.0:5000`) // raw string
	if err != nil {
		panic(err)
	}
	defer pc.Close()
}
