package main

import (
	"flag"
	"fmt"
	"net/http"
)

func main() {
	port := flag.Int("port", 3000, "port to listen on")
	flag.Parse()
	http.ListenAndServe(fmt.Sprintf(":%d", *port), nil)
}
