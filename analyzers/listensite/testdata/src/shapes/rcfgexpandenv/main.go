// Clean shape: the listen address comes from a config file named by a
// -config flag, whose text is run through os.ExpandEnv before it is
// decoded into nested config structs; the address reaches a Start
// helper that calls net.Listen. Nothing in the Go code says what the
// file holds, so nothing is guessed. Seen in
// superfly/ssokenizer@0ba283a29beffb9c0b555eda82fc27111cee2586
// (cmd/ssokenizer/serve.go reads -config /etc/ssokenizer.yml,
// cmd/ssokenizer/main.go UnmarshalConfig expands env vars and decodes
// YAML strictly; etc/ssokenizer.yml has http.address ":$PORT" and
// fly.toml [env] PORT = "8080"). The real file is YAML; testdata has no
// YAML stub, so the fixture decodes JSON, which keeps the shape.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"net"
	"os"
)

type HTTPConfig struct {
	Address string `json:"address"`
}

type Config struct {
	URL  string     `json:"url"`
	HTTP HTTPConfig `json:"http"`
}

func unmarshalConfig(c *Config, data []byte) error {
	data = []byte(os.ExpandEnv(string(data)))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(&c)
}

type server struct{ ln net.Listener }

func (s *server) Start(address string) error {
	ln, err := net.Listen("tcp", address) // want `net\.Listen tcp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	s.ln = ln
	return nil
}

func main() {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	path := fs.String("config", "/etc/app.json", "config file path")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return
	}
	buf, err := os.ReadFile(*path)
	if err != nil {
		return
	}
	var c Config
	if err := unmarshalConfig(&c, buf); err != nil {
		return
	}
	s := &server{}
	if err := s.Start(c.HTTP.Address); err != nil { // want `net\.Listen tcp host=unknown port=0 partial via$`
		panic(err)
	}
}
