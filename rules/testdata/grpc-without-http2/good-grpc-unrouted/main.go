package main

import (
	"log"
	"net"
	"net/http"

	"google.golang.org/grpc"
)

// gRPC on 50051 for the private network only; the public service is
// the HTTP server on 8080.
func main() {
	lis, err := net.Listen("tcp", ":50051")
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(grpc.NewServer().Serve(lis)) }()
	log.Fatal(http.ListenAndServe(":8080", nil))
}
