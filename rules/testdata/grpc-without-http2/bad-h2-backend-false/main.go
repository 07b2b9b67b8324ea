package main

import (
	"crypto/tls"
	"log"
	"net"
	"os"

	"google.golang.org/grpc"
)

func serve(lis net.Listener) error {
	return grpc.NewServer().Serve(lis)
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8081"
	}
	lis, err := net.Listen("tcp", ":"+port)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(serve(tls.NewListener(lis, &tls.Config{})))
}
