// Shape: a port read from an app-specific variable, then PORT, then a
// default, stored in a config field and used in an http.Server literal.
// Seen in 0x2E/fusion@1f99b1fc654baa0108e4df4577429d62d0e53cb8.
package main

import (
	"net/http"
	"os"
	"strconv"
)

type Conf struct{ Port int }

func parse() *Conf {
	p := os.Getenv("APP_PORT")
	if p == "" {
		p = os.Getenv("PORT")
	}
	if p == "" {
		p = "8080" // want `port value of http.Server.ListenAndServe`
	}
	n, _ := strconv.Atoi(p)
	return &Conf{Port: n}
}

func main() {
	c := parse()
	srv := &http.Server{Addr: ":" + strconv.Itoa(c.Port)} // want `host value of http.Server.ListenAndServe`
	srv.ListenAndServe()                                  // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8080 env=APP_PORT fallback=PORT default=8080$`
}
