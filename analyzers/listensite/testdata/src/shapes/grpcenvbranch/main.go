// Shape: a gRPC server whose host a branch on an env var picks; the
// listener stays a gRPC one whichever branch the environment decides.
package main

import (
	"net"
	"os"

	"google.golang.org/grpc"
)

func main() {
	host := "0.0.0.0"
	if os.Getenv("APP_ENV") == "development" {
		host = "127.0.0.1"
	}
	lis, _ := net.Listen("tcp", host+":50051") // want `net.Listen tcp host=unknown port=50051 app=grpc alts=\["0.0.0.0":50051 if APP_ENV!="development"; "127.0.0.1":50051 if APP_ENV=="development"\]$`
	grpc.NewServer().Serve(lis)
}
