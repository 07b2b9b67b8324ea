// Shape: flag.String flags declared inside main, both with loopback
// defaults; the deployed start command passes wildcard addresses. Only
// the Go code is read here, so the loopback default is what the site
// resolves to. Seen in
// fly-apps/fly-autoscaler-multiapp-example@d1a55d9462d6ef5c325a676736e1aea4bbf88ac2
// (cmd/fly-autoscaler-multiapp/main.go: -addr "localhost:8080" served
// by the main handler, -metrics-addr "localhost:9090" served by
// promhttp from a goroutine; the Dockerfile CMD passes -addr :80
// -metrics-addr :9090, fly.0.toml internal_port 80 and [metrics] port
// 9090).
package main

import (
	"flag"
	"net/http"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "bind address")                        // want `host value of http\.ListenAndServe$`
	metricsAddr := flag.String("metrics-addr", "localhost:9090", "metrics bind address") // want `host value of http\.ListenAndServe$`
	flag.Parse()

	// The closure reads the flag through the variable it captures, which
	// nothing else writes: the same flag, the same default.
	go func() { _ = http.ListenAndServe(*metricsAddr, http.NotFoundHandler()) }() // want `http\.ListenAndServe tcp host=loopback "localhost" flag=metrics-addr whole port=9090 flag=metrics-addr$`

	if err := http.ListenAndServe(*addr, http.NotFoundHandler()); err != nil { // want `http\.ListenAndServe tcp host=loopback "localhost" flag=addr whole port=8080 flag=addr$`
		panic(err)
	}
}
