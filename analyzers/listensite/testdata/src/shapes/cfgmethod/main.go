// Shape: the address made by a method of the config type.
package main

import (
	"fmt"
	"net/http"
)

type Server struct {
	Host string
	Port int
}

func (s Server) Addr() string { return fmt.Sprintf("%s:%d", s.Host, s.Port) }

func main() {
	s := Server{Host: "127.0.0.1", Port: 8001} // want `host value of http.ListenAndServe` `port value of http.ListenAndServe`
	http.ListenAndServe(s.Addr(), nil)         // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=8001$`
}
