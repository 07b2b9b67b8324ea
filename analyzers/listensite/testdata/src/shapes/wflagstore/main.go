// Shape: a flag's default replaced by $PORT through the pointer
// flag.String returned, in init (before flag.Parse, so the command line
// still wins). The store must show env PORT, never leave the flag's
// default definite. Seen in
// d-led/mermaidlive@0b5a43a4ba03a35cf8227d1da7f04f01a9811aef
// (cmd/mermaidlive/main.go: a -port flag, *port = $PORT when set;
// fly.toml at a751792).
package main

import (
	"flag"
	"net/http"
	"os"
)

var port = flag.String("port", "8080", "") // want `port value of http.ListenAndServe`

func init() {
	if v, ok := os.LookupEnv("PORT"); ok {
		*port = v
	}
}

func main() {
	flag.Parse()
	http.ListenAndServe(":"+*port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080 flag=port$`
}
