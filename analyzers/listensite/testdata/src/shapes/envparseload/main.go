// Shape: a load function sets literal defaults, lets caarlos0/env (v6)
// override them, and returns the config to main. HOST has no
// envDefault, so when it is unset the literal stays.
package main

import (
	"net"
	"net/http"
	"strconv"

	"github.com/caarlos0/env/v6"
)

type Config struct {
	Host string `env:"HOST"`
	Port int    `env:"PORT" envDefault:"3000"` // want `port value of http.ListenAndServe`
	Path string `env:"CONFIG_PATH,file"`
}

func load() (*Config, error) {
	cfg := &Config{Host: "127.0.0.1"} // want `host value of http.ListenAndServe`
	if err := env.Parse(cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

func main() {
	cfg, err := load()
	if err != nil {
		panic(err)
	}
	http.ListenAndServe(net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=HOST port=3000 env=PORT default=3000$`
}
