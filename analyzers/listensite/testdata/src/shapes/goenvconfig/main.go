// Shape: sethvargo/go-envconfig tags with a default option, filled by
// envconfig.Process in a loader that returns the config.
package main

import (
	"context"
	"net"
	"net/http"

	"github.com/sethvargo/go-envconfig"
)

type Config struct {
	Host string `env:"HOST, default=localhost"` // want `host value of http.ListenAndServe`
	Port string `env:"PORT, default=8080"`      // want `port value of http.ListenAndServe`
}

func load(ctx context.Context) (*Config, error) {
	var c Config
	if err := envconfig.Process(ctx, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

func main() {
	c, _ := load(context.Background())
	http.ListenAndServe(net.JoinHostPort(c.Host, c.Port), nil) // want `http.ListenAndServe tcp host=loopback "localhost" env=HOST port=8080 env=PORT default=8080$`
}
