// Shape: a -dev flag that switches the host to loopback. Undecided here:
// only the port holds on every path; the start command's arguments pick
// the host (the workspace decides it, TestDecideFlagBranch).
package main

import (
	"flag"
	"net/http"
)

var dev = flag.Bool("dev", false, "development mode")

func main() {
	flag.Parse()
	host := "0.0.0.0"
	if *dev {
		host = "127.0.0.1"
	}
	http.ListenAndServe(host+":8080", nil) // want `http.ListenAndServe tcp host=unknown port=8080 alts=\["0.0.0.0":8080 if -dev>\|false!="true"; "127.0.0.1":8080 if -dev>\|false=="true"\]$`
}
