package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Public bool `default:"true" negatable:"" help:"listen on every interface"`
}

func main() {
	var cli CLI
	kong.Parse(&cli)
	host := "127.0.0.1"
	if cli.Public {
		host = "0.0.0.0"
	}
	http.ListenAndServe(host+":8080", nil)
}
