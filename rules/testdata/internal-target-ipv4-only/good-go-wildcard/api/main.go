package main

import (
	"net"
	"net/http"
)

func main() {
	// ":8080" on "tcp" is dual-stack in Go: api.internal (IPv6) reaches it.
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		panic(err)
	}
	http.Serve(ln, nil)
}
