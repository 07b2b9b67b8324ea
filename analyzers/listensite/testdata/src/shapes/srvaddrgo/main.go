// Shape: http.Server.Addr set after construction, the server started
// from a goroutine. The closure captures srv, so srv lives in a cell and
// the Addr store goes through a load of it. Seen in
// thraxil/augend@95bafdf7340de5ece1533516d62d50a3ae7e494d (augend.go:
// AUGEND_PORT through a getEnv helper, default "9999", Addr assigned on
// the graceful server, ListenAndServe called inside `go func() {...}()`).
package main

import (
	"net/http"
	"os"
)

func portFromEnv(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return fallback
}

func main() {
	port := portFromEnv("AUGEND_PORT", "9999") // want `port value of http.Server.ListenAndServe`
	srv := &http.Server{Handler: http.NotFoundHandler()}
	srv.Addr = ":" + port // want `host value of http.Server.ListenAndServe`
	done := make(chan error)
	go func() {
		done <- srv.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=9999 env=AUGEND_PORT default=9999$`
	}()
	<-done
}
