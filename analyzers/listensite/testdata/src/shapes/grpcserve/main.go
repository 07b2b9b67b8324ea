// Shape: a gRPC server on a listener from net.Listen, the whole address
// read from an env var with a literal fallback.
// Seen in kaja-tools/website@f2b573b70c86192043c03d5a79e6858921b9e9c2
// (apps/seating/cmd/main.go: $ADDR else ":50053", net.Listen, then
// grpc.NewServer().Serve on that listener; apps/seating/fly.toml has
// internal_port 50053).
package main

import (
	"net"
	"os"

	"google.golang.org/grpc"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":50053" // want `port value of net.Listen`
	}
	lis, _ := net.Listen("tcp", addr) // want `net.Listen tcp host=dual-stack wildcard env=ADDR whole port=50053 env=ADDR default=50053 app=grpc$`
	s := grpc.NewServer()
	s.Serve(lis)
}
