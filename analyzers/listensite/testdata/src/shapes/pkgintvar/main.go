// Shape: flag.IntVar into a package-level port, formatted in main.
package main

import (
	"flag"
	"fmt"
	"net/http"
)

var port int

func init() {
	flag.IntVar(&port, "port", 3000, "port to listen on")
}

func main() {
	flag.Parse()
	http.ListenAndServe(fmt.Sprintf(":%d", port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=3000 flag=port$`
}
