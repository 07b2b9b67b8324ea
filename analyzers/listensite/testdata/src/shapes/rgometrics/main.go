// Shape: a metrics server whose Addr is a package constant, built in a
// function that main starts with `go f(ctx)`, served from a second
// goroutine and shut down when the context ends. Seen in
// fly-apps/fly-etcd@a07959eac51a0f5082b31e1c65c66a975190f5bf
// (cmd/etcd-backup/metrics.go: a const ":2112" in a const block is the
// Addr of an http.Server with a BaseContext; fly.toml [[metrics]] port
// 2112).
package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"
)

const (
	metricsAddr = ":2112"
	scrapePath  = "/metrics"
)

func startMetrics(ctx context.Context) {
	srv := &http.Server{
		Addr:        metricsAddr, // want `host value of http\.Server\.ListenAndServe$`
		Handler:     http.NotFoundHandler(),
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed { // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=2112$`
			panic(err)
		}
	}()
	<-ctx.Done()
	shut, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go startMetrics(ctx)
	<-ctx.Done()
	_ = scrapePath
}
