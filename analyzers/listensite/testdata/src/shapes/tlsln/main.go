// Shape: a listener wrapped by tls.NewListener, then served.
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
