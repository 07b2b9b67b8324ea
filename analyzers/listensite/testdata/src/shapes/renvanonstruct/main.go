// Shape: caarlos0/env v11 parses into an anonymous struct local to the
// loader (Host and Port with envDefault tags), copied field by field into
// the returned config; echo's Start or StartTLS, picked by whether a
// certificate is configured, listens on fmt.Sprintf("%s:%d", host,
// port). Seen in 0x2E/fusion@6a4e99d0fafd0408febd45e8288c706c5d866111
// (conf/conf.go Load: HOST default "0.0.0.0", PORT default 8080;
// api/api.go Run; fly.toml [env] HOST = "127.0.0.1", internal_port 8080,
// which the deployed app binds on loopback: fusion PR 185).
package main

import (
	"fmt"

	"github.com/caarlos0/env/v11"
	"github.com/labstack/echo/v4"
)

type Conf struct {
	Host    string
	Port    int
	TLSCert string
	TLSKey  string
}

func load() (Conf, error) {
	var c struct {
		Host    string `env:"HOST" envDefault:"0.0.0.0"` // want `host value of echo\.Echo\.StartTLS$` `host value of echo\.Echo\.Start$`
		Port    int    `env:"PORT" envDefault:"8080"`    // want `port value of echo\.Echo\.StartTLS$` `port value of echo\.Echo\.Start$`
		TLSCert string `env:"TLS_CERT"`
		TLSKey  string `env:"TLS_KEY"`
	}
	if err := env.Parse(&c); err != nil {
		return Conf{}, err
	}
	return Conf{Host: c.Host, Port: c.Port, TLSCert: c.TLSCert, TLSKey: c.TLSKey}, nil
}

func run(p Conf) {
	r := echo.New()
	var err error
	addr := fmt.Sprintf("%s:%d", p.Host, p.Port)
	if p.TLSCert != "" {
		err = r.StartTLS(addr, p.TLSCert, p.TLSKey) // want `echo\.Echo\.StartTLS tcp host=dual-stack wildcard "0\.0\.0\.0" env=HOST port=8080 env=PORT default=8080$`
	} else {
		err = r.Start(addr) // want `echo\.Echo\.Start tcp host=dual-stack wildcard "0\.0\.0\.0" env=HOST port=8080 env=PORT default=8080$`
	}
	if err != nil {
		return
	}
}

func main() {
	c, err := load()
	if err != nil {
		panic(err)
	}
	run(c)
}
