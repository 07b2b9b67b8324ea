// Shape: flag.StringVar into a package variable, in an init function.
package main

import (
	"flag"
	"net/http"
)

var listenAddr string

func init() {
	flag.StringVar(&listenAddr, "listen", ":9090", "address") // want `host value of http.ListenAndServe`
}

func main() {
	flag.Parse()
	http.ListenAndServe(listenAddr, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard flag=listen whole port=9090 flag=listen$`
}
