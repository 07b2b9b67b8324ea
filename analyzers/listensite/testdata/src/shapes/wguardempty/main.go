// Shape: a second listener started only when its flag is not empty.
// The flag's empty default would mean ":80" to net/http, but the call
// never runs with it: the address is whatever the start command gives
// -dev-listen. Seen in
// tailscale/golink@d981ac7e7cd642f18bcaca49e2c7dc2baf03d99b
// (golink.go: -dev-listen, served only when set; fly.toml at d981ac7).
// The other calls write the test as len(x) > 0 and as an early return;
// the last one is guarded by a different flag, so ":80" stays.
package main

import (
	"flag"
	"net/http"
)

var (
	dev     = flag.String("dev-listen", "", "")
	metrics = flag.String("metrics", "", "")
	admin   = flag.String("admin", "", "")
	debug   = flag.String("debug-listen", "", "") // want `host value of http.ListenAndServe`
)

func serveMetrics() {
	m := *metrics
	if len(m) == 0 {
		return
	}
	http.ListenAndServe(m, nil) // want `http.ListenAndServe tcp host=unknown flag=metrics whole port=0 flag=metrics$`
}

func main() {
	flag.Parse()
	go serveMetrics()
	if len(*admin) > 0 {
		go http.ListenAndServe(*admin, nil) // want `http.ListenAndServe tcp host=unknown flag=admin whole port=0 flag=admin$`
	}
	if *dev != "" {
		go http.ListenAndServe(*dev, nil) // want `http.ListenAndServe tcp host=unknown flag=dev-listen whole port=0 flag=dev-listen$`
	}
	if *dev != "" {
		http.ListenAndServe(*debug, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard flag=debug-listen whole port=80 flag=debug-listen$`
	}
}
