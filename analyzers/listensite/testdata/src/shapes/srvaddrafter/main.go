// Shape: http.Server fields set after construction, the port read
// through a small env-or-default helper. Seen in
// thraxil/augend@95bafdf7340de5ece1533516d62d50a3ae7e494d (augend.go:
// AUGEND_PORT through a getEnv helper, default "9999"; Addr assigned on
// the manners graceful server, which embeds *http.Server, before
// ListenAndServe; fly.toml sets AUGEND_PORT). The real app starts the
// server from a goroutine: that variant is shapes/srvaddrgo.
package main

import (
	"net/http"
	"os"
)

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("AUGEND_PORT", "9999") // want `port value of http.Server.ListenAndServe`
	srv := &http.Server{Handler: http.NotFoundHandler()}
	srv.Addr = ":" + port // want `host value of http.Server.ListenAndServe`
	srv.ListenAndServe()  // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=9999 env=AUGEND_PORT default=9999$`
}
