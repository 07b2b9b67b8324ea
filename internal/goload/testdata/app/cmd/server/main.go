package main

import (
	"net"
	"os"

	"example.com/app/internal/serve"
)

func main() {
	addr := os.Getenv("METRICS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:9091"
	}
	go net.Listen("tcp", addr)
	serve.New(8080).Run()
}
