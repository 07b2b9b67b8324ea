// Shape: a loader fills a config with envconfig.MustProcess; the port's
// envconfig tag makes APP_PORT the variable, with PORT as the fallback
// envconfig looks up when APP_PORT is unset, then the default tag. An ignored field keeps what the program set.
// service.go holds the real app's form of the tag (cited there).
package main

import (
	"fmt"
	"net/http"

	"github.com/kelseyhightower/envconfig"
)

type Config struct {
	Port    int    `envconfig:"port" default:"4000"` // want `port value of http.Server.ListenAndServe`
	Metrics string `ignored:"true"`
}

func load() *Config {
	c := &Config{Metrics: ":9091"} // want `port value of http.ListenAndServe`
	envconfig.MustProcess("app", c)
	return c
}

func main() {
	go runService()
	c := load()
	srv := &http.Server{Addr: fmt.Sprintf(":%d", c.Port)} // want `host value of http.Server.ListenAndServe`
	go srv.ListenAndServe()                               // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=4000 env=APP_PORT fallback=PORT default=4000$`
	http.ListenAndServe(c.Metrics, nil)                   // want `http.ListenAndServe tcp host=dual-stack wildcard port=9091$`
}
