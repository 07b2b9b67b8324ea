// Shape: two http.Server literals, each with a literal Addr, each
// started by ListenAndServe inside its own goroutine; main then waits.
// Seen in superfly/rchab@8d37d90dc7d418660b50a10f288715fda4a00b5d
// (dockerproxy/main.go: the proxy on ":8080", which fly.toml's
// http_service internal_port 8080 routes to, and a second, Docker API
// server on ":2375" that no service in fly.toml names).
package main

import (
	"net/http"
	"time"
)

func main() {
	api := &http.Server{Addr: ":8080", ReadTimeout: time.Minute} // want `host value of http.Server.ListenAndServe`
	go func() {
		api.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8080$`
	}()
	docker := &http.Server{Addr: ":2375", ReadTimeout: time.Minute} // want `host value of http.Server.ListenAndServe`
	go func() {
		docker.ListenAndServe() // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=2375$`
	}()
	select {}
}
