// Shape: a config filled through a *Config parameter.
package main

import (
	"fmt"
	"net/http"
)

type Settings struct {
	Bind string
	Port int
}

func defaults(s *Settings) {
	s.Bind = "0.0.0.0" // want `host value of http.ListenAndServe`
	s.Port = 5000      // want `port value of http.ListenAndServe`
}

func main() {
	var s Settings
	defaults(&s)
	http.ListenAndServe(fmt.Sprintf("%s:%d", s.Bind, s.Port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" port=5000$`
}
