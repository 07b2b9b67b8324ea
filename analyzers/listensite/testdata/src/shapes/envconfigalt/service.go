package main

// The tag alone names the variable when the prefix is empty, and with no
// default tag the port is whatever the deployment sets: required, never
// guessed. Seen in flowck/dobermann@0035398cc48904a00fe4a089e0820778cb9aa25e
// (cmd/service/main.go: envconfig.Process("", cfg) with the port tagged
// HTTP_PORT and no default; misc/deploy/service.fly.toml sets
// HTTP_PORT = "8080" for internal_port 8080). The real app passes the port
// to internal/ports/http, whose server (kept in a struct field) listens on
// ":%d"; the server is built here, in the package that reads the
// variable, because a site in another package, or a server reached
// through a constructor's result, is not resolved to this variable today.

import (
	"fmt"
	"net/http"

	"github.com/kelseyhightower/envconfig"
)

type serviceSettings struct {
	Port  int    `envconfig:"HTTP_PORT"`
	Debug string `envconfig:"DEBUG_MODE"`
}

func runService() {
	s := &serviceSettings{}
	if err := envconfig.Process("", s); err != nil {
		panic(err)
	}
	srv := &http.Server{Addr: fmt.Sprintf(":%d", s.Port)} // want `host value of http.Server.ListenAndServe`
	srv.ListenAndServe()                                  // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 env=HTTP_PORT required$`
}
