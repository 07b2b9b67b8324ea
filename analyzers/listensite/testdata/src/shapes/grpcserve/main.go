// Shape: a gRPC server on a listener from net.Listen.
package main

import (
	"fmt"
	"net"
	"os"

	"google.golang.org/grpc"
)

func main() {
	port := os.Getenv("GRPC_PORT")
	if port == "" {
		port = "50051" // want `port value of net.Listen`
	}
	lis, _ := net.Listen("tcp", fmt.Sprintf(":%s", port)) // want `net.Listen tcp host=dual-stack wildcard port=50051 env=GRPC_PORT default=50051 app=grpc$`
	s := grpc.NewServer()
	s.Serve(lis)
}
