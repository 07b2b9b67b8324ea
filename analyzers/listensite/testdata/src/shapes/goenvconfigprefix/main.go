// Shape: go-envconfig through ProcessWith and a PrefixLookuper, so every
// variable takes the APP_ prefix.
package main

import (
	"context"
	"net/http"

	"github.com/sethvargo/go-envconfig"
)

type Config struct {
	Addr string `env:"ADDR, default=127.0.0.1:4000"` // want `host value of http.ListenAndServe`
}

func main() {
	var c Config
	envconfig.ProcessWith(context.Background(), &envconfig.Config{
		Target:   &c,
		Lookuper: envconfig.PrefixLookuper("APP_", envconfig.OsLookuper()),
	})
	http.ListenAndServe(c.Addr, nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=APP_ADDR whole port=4000 env=APP_ADDR default=4000$`
}
