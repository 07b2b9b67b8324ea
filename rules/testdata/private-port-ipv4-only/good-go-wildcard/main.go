package main

import (
	"net"
	"net/http"
)

func main() {
	// Port 9000 is routed by no service, so only 6PN (IPv6) reaches it.
	// With network "tcp", ":9000" and "0.0.0.0:9000" open one dual-stack
	// socket, which accepts IPv6.
	admin, err := net.Listen("tcp", ":9000")
	if err != nil {
		panic(err)
	}
	go http.Serve(admin, nil)
	rpc, err := net.Listen("tcp", "0.0.0.0:9100")
	if err != nil {
		panic(err)
	}
	go http.Serve(rpc, nil)
	http.ListenAndServe(":8080", nil)
}
