// Shape: two http.Servers in one program, each with a literal Addr, each
// started from its own goroutine: the public one on the service port
// and a second API port reached only over the private network. Seen in
// superfly/rchab@8d37d90dc7d418660b50a10f288715fda4a00b5d
// (dockerproxy/main.go: Addr ":8080" and Addr ":2375", BaseContext and
// RegisterOnShutdown on both; fly.toml http_service internal_port 8080).
package main

import (
	"context"
	"net"
	"net/http"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	public := &http.Server{
		Addr:        ":8080", // want `host value of http\.Server\.ListenAndServe$`
		Handler:     http.NotFoundHandler(),
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	public.RegisterOnShutdown(cancel)
	go func() {
		if err := public.ListenAndServe(); err != http.ErrServerClosed { // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=8080$`
			panic(err)
		}
	}()
	private := &http.Server{
		Addr:        ":2375", // want `host value of http\.Server\.ListenAndServe$`
		Handler:     http.NotFoundHandler(),
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	private.RegisterOnShutdown(cancel)
	go func() {
		if err := private.ListenAndServe(); err != http.ErrServerClosed { // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=2375$`
			panic(err)
		}
	}()
	<-ctx.Done()
}
