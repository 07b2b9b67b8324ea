// Shape: the server is built by a constructor from a port its caller
// passes, and started (in a goroutine) by a function it is passed to.
// Seen in superfly/bfaas@68b637f465f8f8012d9ae2cd845f225e835ace38
// (coord/serv.go: New builds an http.Server on ":%d" of its port
// argument, cmd/coord/main.go passes 8000, coord/runServer.go:
// RunWithSignals calls ListenAndServe on the *http.Server it receives).
package main

import (
	"fmt"
	"net/http"
)

func newServer(port int) *http.Server {
	return &http.Server{Addr: fmt.Sprintf(":%d", port)}
}

func run(srv *http.Server) error {
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 partial$`
	return <-done
}

func main() {
	run(newServer(8000)) // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8000 via$`
}
