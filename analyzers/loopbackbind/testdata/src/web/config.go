package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
)

// A config struct built in one function and read in another: the
// finding stands where the loopback host is written, not at the call.
type config struct {
	Host string
	Port int
}

func loadConfig() config {
	c := config{Host: "127.0.0.1", Port: 8080} // want `http.ListenAndServe binds "127.0.0.1", a loopback address, so Fly Proxy cannot reach port 8080`
	if p, err := strconv.Atoi(os.Getenv("CONFIG_PORT")); err == nil {
		c.Port = p
	}
	return c
}

func serveConfigured() {
	cfg := loadConfig()
	http.ListenAndServe(fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), nil)
}
