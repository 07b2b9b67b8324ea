// Clean shape: the address comes from a file read at run time; it must
// stay unknown.
package main

import (
	"net/http"
	"os"
	"strings"
)

func main() {
	b, _ := os.ReadFile("/etc/app/addr")
	http.ListenAndServe(strings.TrimSpace(string(b)), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
