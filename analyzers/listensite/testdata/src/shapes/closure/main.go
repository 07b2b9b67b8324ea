// Shape: the listen call inside a closure (cobra's RunE) that captures a
// variable bound to a flag.
package main

import (
	"flag"
	"net/http"
)

type command struct{ RunE func() error }

func main() {
	var addr string
	flag.StringVar(&addr, "http", "localhost:8000", "") // want `host value of http.ListenAndServe`
	cmd := &command{RunE: func() error {
		return http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=loopback "localhost" flag=http whole port=8000 flag=http$`
	}}
	flag.Parse()
	cmd.RunE()
}
