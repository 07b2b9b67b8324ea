// Shape: the flag's pointer handed to a function of another package,
// which may write anything through it: the port is unknown. Variant of
// wflagstore.
package main

import (
	"encoding/json"
	"flag"
	"net/http"
	"os"
)

var port = flag.String("port", "8080", "")

func main() {
	flag.Parse()
	if b, err := os.ReadFile("config.json"); err == nil {
		json.Unmarshal(b, port)
	}
	http.ListenAndServe(":"+*port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0$`
}
