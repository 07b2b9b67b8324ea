// Shape: a constructor binds with a zero net.ListenConfig's Listen on a
// literal ":1337", under a signal context. Seen in
// mcastorina/protohackers@3df851cdb89454f09bfe9c96089659261182d327
// (go/00-smoke-test/server.go: NewServer, lc.Listen(ctx, "tcp",
// ":1337"); go/00-smoke-test/fly.toml has internal_port 1337).
package main

import (
	"context"
	"net"
	"os"
	"os/signal"
)

type server struct {
	ln     net.Listener
	cancel context.CancelFunc
}

func newServer() (*server, error) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", ":1337") // want `net.ListenConfig.Listen tcp host=dual-stack wildcard port=1337$`
	if err != nil {
		cancel()
		return nil, err
	}
	return &server{ln: ln, cancel: cancel}, nil
}

func main() {
	s, err := newServer()
	if err != nil {
		return
	}
	s.ln.Close()
}
