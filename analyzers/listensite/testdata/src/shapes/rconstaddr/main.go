// Shape: a metrics-only program: a package constant holds the whole
// address and http.ListenAndServe serves the default mux. Seen in
// fly-apps/fly-autoscaler-example@12c09fed2bee9a92e67d09cbf4409d6c795e9443
// (cmd/fly-autoscaler-metric/main.go: const addr = ":8080",
// http.ListenAndServe(addr, nil) serving /metrics; fly.metric.toml
// [metrics] port = 8080, no services).
package main

import (
	"log"
	"net/http"
)

const addr = ":8080"

func main() {
	http.Handle("/metrics", http.NotFoundHandler())
	if err := http.ListenAndServe(addr, nil); err != nil { // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080$`
		log.Fatal(err)
	}
}
