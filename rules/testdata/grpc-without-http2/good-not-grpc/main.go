package main

import (
	"log"
	"net"
	"net/http"
)

// An HTTP/1.1 server: the http handler suits it.
func main() {
	lis, err := net.Listen("tcp", ":8080")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(lis, nil))
}
