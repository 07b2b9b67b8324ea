package main

// This file has no want comments: TestResult inspects the Result.

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

const Port = 5500

func main() {
	srv := &http.Server{Addr: fmt.Sprintf(":%v", Port)}
	srv.ListenAndServe()

	s2 := &http.Server{}
	s2.Addr = "127.0.0.1:8200"
	s2.ListenAndServeTLS("c", "k")

	var s3 http.Server
	s3.ListenAndServe()

	port := os.Getenv("PORT")
	s4 := http.Server{Addr: fmt.Sprintf(":%s", port)}
	s4.ListenAndServe()

	// Serve on a listener already found is not a second site.
	ln, _ := net.Listen("tcp", ":8201")
	http.Serve(ln, nil)
	srv.Serve(ln)
}
