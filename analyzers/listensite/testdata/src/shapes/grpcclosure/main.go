// Shape: gRPC served from a goroutine that captures the listener, next
// to an HTTP listener that is not gRPC.
package main

import (
	"net"
	"net/http"

	"google.golang.org/grpc"
)

func main() {
	var lis net.Listener
	lis, _ = net.Listen("tcp", ":50051") // want `net.Listen tcp host=dual-stack wildcard port=50051 app=grpc$`
	s := grpc.NewServer()
	go func() {
		s.Serve(lis)
	}()
	web, _ := net.Listen("tcp", ":8080") // want `net.Listen tcp host=dual-stack wildcard port=8080$`
	http.Serve(web, nil)
}
