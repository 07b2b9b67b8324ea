// Shape: envconfig.Process with a prefix; the host field's variable is
// named by split_words (HTTPHost -> HTTP_HOST), the port's by the field name, both upper-cased
// behind the prefix, each with a default tag.
package main

import (
	"log"
	"net"
	"net/http"

	"github.com/kelseyhightower/envconfig"
)

type Spec struct {
	HTTPHost string `split_words:"true" default:"127.0.0.1"` // want `host value of http.ListenAndServe`
	Port     string `default:"8080"`                         // want `port value of http.ListenAndServe`
	internal string `default:"unused"`
}

func main() {
	var s Spec
	if err := envconfig.Process("myapp", &s); err != nil {
		log.Fatal(err)
	}
	http.ListenAndServe(net.JoinHostPort(s.HTTPHost, s.Port), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=MYAPP_HTTP_HOST port=8080 env=MYAPP_PORT default=8080$`
}
