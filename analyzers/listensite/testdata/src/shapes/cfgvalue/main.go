// Shape: a config struct with literal defaults and env overrides, built
// in one function and returned by value; main formats its fields.
// Seen in 0x2E/fusion@1f99b1fc654baa0108e4df4577429d62d0e53cb8
// (backend/internal/config: Port from the environment, else a default).
package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
)

type Config struct {
	Host string
	Port int
}

func load() Config {
	cfg := Config{Host: "127.0.0.1", Port: 8080} // want `host value of http.ListenAndServe` `port value of http.ListenAndServe`
	if v := os.Getenv("PORT"); v != "" {
		cfg.Port, _ = strconv.Atoi(v)
	}
	return cfg
}

func main() {
	cfg := load()
	http.ListenAndServe(fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=8080 env=PORT default=8080$`
}
