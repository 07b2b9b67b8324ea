package main

import (
	"flag"
	"fmt"
	"net/http"
)

func main() {
	port := flag.Int("port", 8080, "port to listen on")
	flag.Parse()
	http.ListenAndServe(fmt.Sprintf(":%d", *port), nil)
}
