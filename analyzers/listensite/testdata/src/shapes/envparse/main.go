// Shape: a config struct filled by caarlos0/env's Parse, the address
// from a field tagged with env and envDefault.
package main

import (
	"log"
	"net/http"

	"github.com/caarlos0/env/v11"
)

type config struct {
	Addr  string `env:"LISTEN_ADDR" envDefault:"localhost:8080"` // want `host value of http.ListenAndServe`
	Debug bool   `env:"DEBUG"`
}

func main() {
	var cfg config
	if err := env.Parse(&cfg); err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(cfg.Addr, nil)) // want `http.ListenAndServe tcp host=loopback "localhost" env=LISTEN_ADDR whole port=8080 env=LISTEN_ADDR default=8080$`
}
