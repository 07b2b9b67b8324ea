package main

import "net"

func main() {
	ln, err := net.Listen("tcp", "fly-global-services:5000")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
}
