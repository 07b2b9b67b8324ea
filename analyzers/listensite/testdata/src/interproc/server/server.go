// Package server wraps the listen call in a function of its own.
package server

import "net"

func Start(addr string) error {
	_, err := net.Listen("tcp", addr) // want `net.Listen tcp host=unknown port=0 partial$`
	return err
}

func listenUDP(host string, port string) {
	net.ListenPacket("udp", host+":"+port) // want `net.ListenPacket udp host=unknown port=0 partial$`
}

func Serve(port string) {
	listenUDP("", port) // want `net.ListenPacket udp host=dual-stack wildcard port=0 partial via$`
}
