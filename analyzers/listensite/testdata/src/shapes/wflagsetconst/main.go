// Shape: flag.Set under a constant name. Setting -addr adds its value
// as an alternative; setting another flag (-debug) leaves -addr alone.
// Variant of wflagsetenv.
package main

import (
	"flag"
	"net"
	"net/http"
	"os"
)

var (
	addr  = flag.String("addr", "127.0.0.1:8080", "")
	admin = flag.String("admin", "127.0.0.1:9000", "") // want `host value of net.Listen`
	debug = flag.Bool("debug", false, "")
)

func main() {
	flag.Parse()
	if os.Getenv("APP_ENV") == "production" {
		flag.Set("addr", "0.0.0.0:8080")
	}
	flag.Set("debug", "true")
	net.Listen("tcp", *admin)       // want `net.Listen tcp host=loopback "127.0.0.1" flag=admin whole port=9000 flag=admin$`
	http.ListenAndServe(*addr, nil) // want `http.ListenAndServe tcp host=unknown port=0 alts=\["127.0.0.1":8080; "0.0.0.0":8080 if APP_ENV=="production"\]$`
}
