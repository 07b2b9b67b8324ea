// Shape: a kong bool flag (with an env fallback) picks a loopback host;
// undecided here, the workspace decides it with the start command.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Dev bool `env:"DEV" help:"development mode"`
}

func main() {
	var cli CLI
	kong.Parse(&cli)
	addr := "0.0.0.0:8080"
	if cli.Dev {
		addr = "127.0.0.1:8080"
	}
	http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=unknown port=8080 alts=\["0.0.0.0":8080 if -dev>DEV\|false!="true"; "127.0.0.1":8080 if -dev>DEV\|false=="true"\]$`
}
