// Shape: HTTP/3 through quic-go's http3.ListenAndServeQUIC: UDP only.
// Modelled on willroberts/http3-quic-example (cmd/server/main.go), which
// has no fly.toml: no app deployed on Fly that serves HTTP/3 was found.
package main

import (
	"net/http"

	"github.com/quic-go/quic-go/http3"
)

func main() {
	http3.ListenAndServeQUIC("0.0.0.0:8000", "cert.pem", "key.pem", http.NotFoundHandler()) // want `http3.ListenAndServeQUIC udp host=dual-stack wildcard "0.0.0.0" port=8000$`
}
