// Shape: gRPC and HTTP on one port through soheilhy/cmux: the socket
// serves both.
package main

import (
	"net"
	"net/http"

	"github.com/soheilhy/cmux"
	"google.golang.org/grpc"
)

func serveGRPC(l net.Listener) error {
	return grpc.NewServer().Serve(l)
}

func main() {
	l, err := net.Listen("tcp", ":8080") // want `net.Listen tcp host=dual-stack wildcard port=8080 app=grpc\+http$`
	if err != nil {
		panic(err)
	}
	m := cmux.New(l)
	grpcL := m.Match(cmux.HTTP2HeaderField("content-type", "application/grpc"))
	httpL := m.Match(cmux.HTTP1Fast())
	go serveGRPC(grpcL)
	go func() { _ = http.Serve(httpL, nil) }()
	m.Serve()
}
