// Shape: a config read from the environment (LookupEnv, default when
// unset or empty), returned with an error, and handed down two
// functions to a goroutine that listens. Seen in
// superfly/machine-proxy@165bfb629067e00df02129ecd983485963fa2d8f
// (config.go configFromEnv; main.go serve listens on cfg.addr).
package main

import (
	"errors"
	"net"
	"os"
)

type config struct {
	addr     string
	upstream string
}

func fromEnv() (*config, error) {
	addr, ok := os.LookupEnv("ADDR")
	if !ok || addr == "" {
		addr = ":8080" // want `port value of net.Listen`
	}
	up, ok := os.LookupEnv("UPSTREAM")
	if !ok {
		return nil, errors.New("UPSTREAM not set")
	}
	return &config{addr: addr, upstream: up}, nil
}

func run(cfg *config) {
	done := make(chan struct{})
	go serve(cfg, done)
	<-done
}

func serve(cfg *config, done chan struct{}) {
	defer close(done)
	go func() {
		net.Listen("tcp", cfg.addr) // want `net.Listen tcp host=dual-stack wildcard env=ADDR whole port=8080 env=ADDR default=8080$`
	}()
}

func main() {
	cfg, err := fromEnv()
	if err != nil {
		return
	}
	run(cfg)
}
