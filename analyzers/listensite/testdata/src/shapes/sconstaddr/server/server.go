// Package server opens the listener of every program in the repository:
// the address from ADDRESS, else a package constant.
package server

import (
	"net"
	"os"
)

const defaultAddr = ":8080"

func listenAddr() string {
	addr := os.Getenv("ADDRESS")
	if addr == "" {
		addr = defaultAddr
	}
	return addr
}

func TCP(handle func(net.Conn)) {
	ln, err := net.Listen("tcp", listenAddr()) // want `net.Listen tcp host=dual-stack wildcard env=ADDRESS whole port=8080 env=ADDRESS default=8080$`
	if err != nil {
		return
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			continue
		}
		go handle(conn)
	}
}
