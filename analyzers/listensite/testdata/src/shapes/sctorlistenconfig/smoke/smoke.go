// Package smoke is one server of a multi-program repository: its
// constructor binds every IPv4 address on the port its caller passes.
package smoke

import (
	"context"
	"net"
)

type Server struct {
	Addr string
	ln   net.Listener
}

func NewServer(ctx context.Context, port string) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "0.0.0.0:"+port) // want `net.ListenConfig.Listen tcp host=dual-stack wildcard "0.0.0.0" port=0 partial$`
	if err != nil {
		return nil, err
	}
	return &Server{Addr: ln.Addr().String(), ln: ln}, nil
}
