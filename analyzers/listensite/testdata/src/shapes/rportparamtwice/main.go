// Shape: one listen helper taking the port as an int parameter, started
// twice from main with `go` and a different literal port each time.
// Seen in fly-apps/tcp-echo@fa614279d12136efafcb936608acfa76240b279d
// (main.go: echoServer(ctx, port, transform) listens on
// ":"+strconv.Itoa(port); main runs `go echoServer(ctx, 8080, noop)` and
// `go echoServer(ctx, 8081, bytes.ToUpper)`; fly.toml has services on
// internal ports 8080 and 8081).
package main

import (
	"bytes"
	"context"
	"log"
	"net"
	"strconv"
)

type transformFn func([]byte) []byte

func noop(b []byte) []byte { return b }

func echoServer(ctx context.Context, port int, transform transformFn) {
	ln, err := net.Listen("tcp", ":"+strconv.Itoa(port)) // want `net\.Listen tcp host=dual-stack wildcard port=0 partial$`
	if err != nil {
		log.Fatalln(err)
	}
	defer ln.Close()
	_ = transform
	<-ctx.Done()
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go echoServer(ctx, 8080, noop)          // want `net\.Listen tcp host=dual-stack wildcard port=8080 via$`
	go echoServer(ctx, 8081, bytes.ToUpper) // want `net\.Listen tcp host=dual-stack wildcard port=8081 via$`
	<-ctx.Done()
}
