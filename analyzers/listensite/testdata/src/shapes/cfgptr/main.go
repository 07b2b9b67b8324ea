// Shape: the config returned as a pointer (&Config{...}) and joined with
// net.JoinHostPort. Seen in superfly/machine-proxy@165bfb629067e00df02129ecd983485963fa2d8f
// (config.go builds the config, main.go listens on cfg.addr).
package main

import (
	"net"
	"os"
)

type Config struct {
	Host string
	Port string
}

func newConfig() *Config {
	c := &Config{Host: "localhost", Port: "4000"} // want `host value of net.Listen` `port value of net.Listen`
	if p, ok := os.LookupEnv("APP_PORT"); ok {
		c.Port = p
	}
	return c
}

func main() {
	cfg := newConfig()
	net.Listen("tcp", net.JoinHostPort(cfg.Host, cfg.Port)) // want `net.Listen tcp host=loopback "localhost" port=4000 env=APP_PORT default=4000$`
}
