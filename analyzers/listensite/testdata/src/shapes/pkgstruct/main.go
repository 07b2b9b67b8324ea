// Shape: a package-level config struct with literal defaults.
package main

import "net/http"

type config struct{ Addr string }

var cfg = config{Addr: "127.0.0.1:8500"} // want `host value of http.ListenAndServe`

func main() {
	http.ListenAndServe(cfg.Addr, nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=8500$`
}
