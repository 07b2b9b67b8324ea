// Shape: one listener served by gRPC or by net/http depending on a
// setting; which one Fly sees is not known, so it is not marked gRPC.
package main

import (
	"net"
	"net/http"
	"os"

	"google.golang.org/grpc"
)

func main() {
	lis, _ := net.Listen("tcp", ":8080") // want `net.Listen tcp host=dual-stack wildcard port=8080$`
	defer lis.Close()
	if os.Getenv("MODE") == "grpc" {
		grpc.NewServer().Serve(lis)
		return
	}
	http.Serve(lis, nil)
}
