// Shape: a struct field kong is told to skip (`kong:"-"`, Tag.Ignored in
// alecthomas/kong tag.go at 556f8b773b24e22c5dcb05a1a740567c19d1ef99):
// Parse leaves its fields alone, so the address is the one the program
// stored, not the default tag inside.
package main

import (
	"net/http"

	"github.com/alecthomas/kong"
)

type HTTPConfig struct {
	ListenAddr string `default:":3000"`
}

type CLI struct {
	Debug bool
	HTTP  HTTPConfig `kong:"-"`
}

func main() {
	var cli CLI
	cli.HTTP.ListenAddr = "127.0.0.1:4000" // want `host value of http.ListenAndServe`
	kong.Parse(&cli)
	http.ListenAndServe(cli.HTTP.ListenAddr, nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" port=4000$`
}
