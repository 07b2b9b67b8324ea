// Shape: a helper opens the listener for an address its caller passes.
package main

import (
	"net"
	"net/http"
)

func listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr) // want `net.Listen tcp host=unknown port=0 partial$`
}

func main() {
	ln, _ := listen("127.0.0.1:6000") // want `net.Listen tcp host=loopback "127.0.0.1" port=6000 via$`
	http.Serve(ln, nil)
}
