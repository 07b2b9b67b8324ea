// Shape: the listener is opened in main and handed to the app's own
// function, which starts the gRPC server on it.
package main

import (
	"net"

	"google.golang.org/grpc"
)

func serve(l net.Listener) error {
	srv := grpc.NewServer()
	return srv.Serve(l)
}

func main() {
	lis, _ := net.Listen("tcp", "0.0.0.0:9090") // want `net.Listen tcp host=dual-stack wildcard "0.0.0.0" port=9090 app=grpc$`
	serve(lis)
}
