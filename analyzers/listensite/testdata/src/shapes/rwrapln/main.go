// Shape: the listener replaced, when a debug switch is on, by the
// program's own wrapper type that embeds net.Listener, then served by an
// http.Server from a goroutine. Seen in
// superfly/tokenizer@a60499d50d168b57492fc5e75069d82d622a931a
// (cmd/tokenizer/serve.go: l = debugListener{l} when -debug-tcp is set,
// server.Serve(l) in `go func`; cmd/tokenizer/debug_listener.go). The
// address there is the -listen-address flag (flagsetglobal models it);
// a literal here.
package main

import (
	"net"
	"net/http"
	"os"
)

type debugListener struct {
	net.Listener
}

func (d debugListener) Accept() (net.Conn, error) {
	return d.Listener.Accept()
}

func main() {
	l, err := net.Listen("tcp", ":8080") // want `net\.Listen tcp host=dual-stack wildcard port=8080$`
	if err != nil {
		panic(err)
	}
	if os.Getenv("DEBUG_TCP") == "1" {
		l = debugListener{l}
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	done := make(chan error)
	go func() { done <- srv.Serve(l) }()
	<-done
}
