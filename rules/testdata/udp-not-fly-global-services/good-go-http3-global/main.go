package main

import "github.com/quic-go/quic-go/http3"

// The HTTP/3 server binds fly-global-services, the address Fly delivers
// UDP to.
func main() {
	srv := &http3.Server{Addr: "fly-global-services:443"}
	srv.ListenAndServeTLS("/certs/cert.pem", "/certs/key.pem")
}
