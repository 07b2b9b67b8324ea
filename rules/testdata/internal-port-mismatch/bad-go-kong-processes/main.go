package main

import (
	"fmt"
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Port int `short:"p" default:"8080" env:"PORT" help:"port to listen on"`
}

func main() {
	var cli CLI
	kong.Parse(&cli)
	http.ListenAndServe(fmt.Sprintf(":%d", cli.Port), nil)
}
