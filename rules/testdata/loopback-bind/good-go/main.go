package main

import (
	"net/http"
	"os"
)

func main() {
	// A client URL naming localhost is not a bind.
	_ = os.Getenv("UPSTREAM") + "http://localhost:9000"
	http.ListenAndServe(":8080", nil) // dual-stack in Go
}
