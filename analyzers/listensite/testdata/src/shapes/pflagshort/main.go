// Shape: package-level pflag flags with shorthands, the host from
// StringP and the port from IntVarP, joined in main.
package main

import (
	"net"
	"net/http"
	"strconv"

	"github.com/spf13/pflag"
)

var host = pflag.StringP("host", "H", "127.0.0.1", "host to bind") // want `host value of http.ListenAndServe`

var port int

func init() {
	pflag.IntVarP(&port, "port", "p", 8080, "port to bind")
}

func main() {
	pflag.Parse()
	http.ListenAndServe(net.JoinHostPort(*host, strconv.Itoa(port)), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" flag=host short=H port=8080 flag=port short=p$`
}
