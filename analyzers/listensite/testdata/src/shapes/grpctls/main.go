// Shape: a gRPC server on a listener wrapped by tls.NewListener (the
// app terminates TLS itself).
package main

import (
	"crypto/tls"
	"net"

	"google.golang.org/grpc"
)

func main() {
	lis, err := net.Listen("tcp", ":50051") // want `net.Listen tcp host=dual-stack wildcard port=50051 app=grpc$`
	if err != nil {
		return
	}
	s := grpc.NewServer()
	s.Serve(tls.NewListener(lis, &tls.Config{}))
}
