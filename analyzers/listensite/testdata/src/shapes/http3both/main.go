// Shape: http3.ListenAndServeTLS, which serves HTTPS on TCP and HTTP/3
// on UDP at the same address (quic-go v0.61.0 http3/server.go).
package main

import (
	"net/http"

	"github.com/quic-go/quic-go/http3"
)

func main() {
	http3.ListenAndServeTLS(":8443", "cert.pem", "key.pem", http.NotFoundHandler()) // want `http3.ListenAndServeTLS udp host=dual-stack wildcard port=8443$` `http3.ListenAndServeTLS tcp host=dual-stack wildcard port=8443$`
}
