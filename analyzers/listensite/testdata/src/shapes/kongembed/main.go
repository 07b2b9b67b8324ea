// Shape: kong flags in an embedded struct with a flag prefix and an env
// prefix, read after kong.New(...).Parse; the field name makes the flag
// name (ListenAddr: --http-listen-addr).
package main

import (
	"net/http"
	"os"

	"github.com/alecthomas/kong"
)

type HTTPConfig struct {
	ListenAddr string `default:":3000" env:"LISTEN_ADDR"` // want `port value of http.ListenAndServe`
}

type CLI struct {
	HTTP HTTPConfig `embed:"" prefix:"http-" envprefix:"HTTP_"`
}

func main() {
	var cli CLI
	parser, _ := kong.New(&cli)
	parser.Parse(os.Args[1:])
	http.ListenAndServe(cli.HTTP.ListenAddr, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard env=HTTP_LISTEN_ADDR flag=http-listen-addr whole port=3000 env=HTTP_LISTEN_ADDR default=3000 flag=http-listen-addr$`
}
