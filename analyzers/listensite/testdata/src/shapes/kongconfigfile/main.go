// Clean shape: kong with a configuration file resolver: the file may set
// the flag, so its default is not what runs and nothing is guessed.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Addr string `default:"localhost:8080"`
}

func main() {
	var cli CLI
	kong.Parse(&cli, kong.Configuration(nil, "/etc/app.json"))
	http.ListenAndServe(cli.Addr, nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
