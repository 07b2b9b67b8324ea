// Shape: (*http.Server).Serve ignores Addr: only the listener counts.
package main

import (
	"net"
	"net/http"
)

func main() {
	srv := &http.Server{Addr: "127.0.0.1:9999"}
	ln, _ := net.Listen("tcp", ":8700") // want `net.Listen tcp host=dual-stack wildcard port=8700$`
	srv.Serve(ln)
}
