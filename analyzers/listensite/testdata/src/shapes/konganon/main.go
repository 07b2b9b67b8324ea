// Shape: kong's README style, an anonymous struct in a local variable
// with a short flag and a default, the address read after Parse.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

func main() {
	var cli struct {
		Listen string `short:"l" default:"localhost:8000" env:"LISTEN"` // want `host value of http.ListenAndServe`
	}
	kong.Parse(&cli)
	http.ListenAndServe(cli.Listen, nil) // want `http.ListenAndServe tcp host=loopback "localhost" env=LISTEN flag=listen short=l whole port=8000 env=LISTEN default=8000 flag=listen short=l$`
}
