// Shape: a -mode string flag compared with a literal picks the port;
// the bind host is the same on every path.
package main

import (
	"flag"
	"fmt"
	"net/http"
)

func main() {
	mode := flag.String("mode", "prod", "run mode")
	flag.Parse()
	port := 8080
	if *mode != "prod" {
		port = 3000
	}
	http.ListenAndServe(fmt.Sprintf("0.0.0.0:%d", port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" port=0 alts=\["0.0.0.0":8080 if -mode>\|prod=="prod"; "0.0.0.0":3000 if -mode>\|prod!="prod"\]$`
}
