package main

import (
	"flag"
	"net/http"
)

var dev = flag.Bool("dev", false, "serve on loopback only")

func main() {
	flag.Parse()
	host := "0.0.0.0"
	if *dev {
		host = "127.0.0.1"
	}
	http.ListenAndServe(host+":8080", nil)
}
