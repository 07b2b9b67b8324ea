// Clean shape: a flag with no default, set by the start command at
// deploy time.
package main

import (
	"flag"
	"net/http"
)

var addr = flag.String("addr", "", "listen address (required)") // want `host value of http.ListenAndServe`

func main() {
	flag.Parse()
	http.ListenAndServe(*addr, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard flag=addr whole port=80 flag=addr$`
}
