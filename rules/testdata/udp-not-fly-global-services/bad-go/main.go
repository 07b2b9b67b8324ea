package main

import "net"

func main() {
	conn, err := net.ListenUDP("udp", &net.UDPAddr{Port: 5000})
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
