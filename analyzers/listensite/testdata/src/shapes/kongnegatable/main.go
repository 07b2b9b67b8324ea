// Shape: a kong bool flag on by default and negatable, so the start
// command turns it off with --no-public (kong v1.16.1 README "Supported
// tags": `negatable:""` adds --no-<flag>); the host is picked by a
// branch on it. Undecided here; the workspace decides it with the start
// command, where --no-public picks loopback.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Public bool `default:"true" negatable:"" env:"PUBLIC" help:"listen on every interface"`
}

func main() {
	var cli CLI
	kong.Parse(&cli)
	host := "127.0.0.1"
	if cli.Public {
		host = "0.0.0.0"
	}
	http.ListenAndServe(host+":8080", nil) // want `http.ListenAndServe tcp host=unknown port=8080 alts=\["127.0.0.1":8080 if -public/no-public>PUBLIC\|true!="true"; "0.0.0.0":8080 if -public/no-public>PUBLIC\|true=="true"\]$`
}
