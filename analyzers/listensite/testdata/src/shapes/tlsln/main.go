// Shape: a listener wrapped by tls.NewListener, then served. Seen in
// superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa (remote.go:
// the TCP listener on ":"+port is split by cmux and its TLS half wrapped
// by tls.NewListener before the API server serves it; the split is left
// out here, cmuxboth covers it).
package main

import (
	"crypto/tls"
	"net"
	"net/http"
)

func main() {
	ln, _ := net.Listen("tcp", "[::]:8443") // want `net.Listen tcp host=dual-stack wildcard "\[::\]" port=8443$`
	tln := tls.NewListener(ln, &tls.Config{})
	http.Serve(tln, nil)
}
