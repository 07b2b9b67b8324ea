package main

import (
	"net/http"
	"os"
)

func main() {
	// flyctl's builtin "go" builder sets PORT=8080 in the image.
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	http.ListenAndServe(":"+port, nil)
}
