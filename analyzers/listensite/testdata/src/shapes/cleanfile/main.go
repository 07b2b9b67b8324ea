// Clean shape: the address comes from a file read at run time; it must
// stay unknown. Seen in superfly/ssokenizer@0ba283a29beffb9c0b555eda82fc27111cee2586
// (cmd/ssokenizer/serve.go: the listen address is http.address in a YAML
// file the program reads with os.ReadFile at start-up, /etc/ssokenizer.yml
// by default, expands $VARS in and decodes into its config struct; the
// second listen below stands in for that with encoding/json).
package main

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
)

type listenSection struct {
	Address string `json:"address"`
}

type settings struct {
	HTTP listenSection `json:"http"`
}

func main() {
	b, _ := os.ReadFile("/etc/app/addr")
	http.ListenAndServe(strings.TrimSpace(string(b)), nil) // want `http.ListenAndServe tcp host=unknown port=0$`

	var s settings
	raw, _ := os.ReadFile("/etc/app/settings.json")
	if err := json.Unmarshal([]byte(os.ExpandEnv(string(raw))), &s); err != nil {
		return
	}
	net.Listen("tcp", s.HTTP.Address) // want `net.Listen tcp host=unknown port=0 partial$`
}
