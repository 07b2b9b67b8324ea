// gRPC and HTTP on one port through cmux, the gRPC side matched by its
// HTTP/2 content-type header as grpc-go clients need
// (HTTP2MatchHeaderFieldSendSettings).
package main

import (
	"log"
	"net"
	"net/http"

	"github.com/soheilhy/cmux"
	"google.golang.org/grpc"
)

func main() {
	lis, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	m := cmux.New(lis)
	grpcL := m.MatchWithWriters(cmux.HTTP2MatchHeaderFieldSendSettings("content-type", "application/grpc"))
	httpL := m.Match(cmux.HTTP1Fast())
	go func() { log.Fatal(grpc.NewServer().Serve(grpcL)) }()
	go func() { log.Fatal(http.Serve(httpL, nil)) }()
	log.Fatal(m.Serve())
}
