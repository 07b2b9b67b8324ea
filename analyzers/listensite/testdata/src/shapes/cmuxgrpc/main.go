// Shape: cmux whose matched listeners all go to gRPC: a gRPC socket; and
// a second cmux whose HTTP side goes where this cannot follow: unknown.
package main

import (
	"net"

	"github.com/soheilhy/cmux"
	"google.golang.org/grpc"
)

var sink net.Listener

func main() {
	l, _ := net.Listen("tcp", ":9090") // want `net.Listen tcp host=dual-stack wildcard port=9090 app=grpc$`
	m := cmux.New(l)
	go grpc.NewServer().Serve(m.Match(cmux.Any()))
	go m.Serve()

	l2, _ := net.Listen("tcp", ":9091") // want `net.Listen tcp host=dual-stack wildcard port=9091$`
	m2 := cmux.New(l2)
	go grpc.NewServer().Serve(m2.Match(cmux.HTTP2HeaderField("content-type", "application/grpc")))
	sink = m2.Match(cmux.Any())
	m2.Serve()
}
