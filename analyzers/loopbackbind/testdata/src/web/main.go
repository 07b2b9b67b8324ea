package main

import (
	"flag"
	"net"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "listen address") // want `http.ListenAndServe binds "localhost", a loopback address, so Fly Proxy cannot reach port 8080`
	flag.Parse()
	http.ListenAndServe(*addr, nil)

	http.ListenAndServe("127.0.0.1:8080", nil) // want `http.ListenAndServe binds "127.0.0.1", a loopback address, so Fly Proxy cannot reach port 8080\. Fly Proxy connects to the Machine's private IPv4 address`
	net.Listen("tcp", "[::1]:8080")            // want `net.Listen binds "\[::1\]", a loopback address`
	port := os.Getenv("PORT")
	net.Listen("tcp", "localhost:"+port) // want `net.Listen binds "localhost", a loopback address, so Fly Proxy cannot reach port \$PORT`

	// Clean: wildcards.
	http.ListenAndServe(":8080", nil)
	http.ListenAndServe("0.0.0.0:8080", nil)
	// Clean: a loopback port fly.toml does not route (a sidecar).
	http.ListenAndServe("127.0.0.1:9091", nil)
	// Clean: the host is not known.
	net.Listen("tcp", os.Getenv("ADDR"))
}
