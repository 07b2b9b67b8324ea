package main

import (
	"net/http"

	"github.com/quic-go/quic-go/http3"
)

// HTTP/3 runs over UDP: quic-go's ListenAndServeQUIC opens a UDP socket
// on the address given, here the wildcard, where Fly's UDP traffic does
// not arrive.
func main() {
	http3.ListenAndServeQUIC(":443", "/certs/cert.pem", "/certs/key.pem", http.NotFoundHandler())
}
