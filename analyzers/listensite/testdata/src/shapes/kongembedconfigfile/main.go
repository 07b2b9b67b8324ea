// Clean shape: kong with a configuration file resolver and the flag in
// an embedded struct: the file may set it, so the embedded default is
// not what runs either and nothing is guessed.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type HTTPConfig struct {
	ListenAddr string `default:"localhost:3000"`
}

type CLI struct {
	HTTP HTTPConfig `embed:"" prefix:"http-"`
}

func main() {
	var cli CLI
	kong.Parse(&cli, kong.Configuration(nil, "/etc/app.json"))
	http.ListenAndServe(cli.HTTP.ListenAddr, nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
