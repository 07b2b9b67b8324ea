// Shape: package-level flags that a generic loop may fill from the
// environment before flag.Parse: each flag's variable is the flag name
// upper-cased with "-" turned into "_", so -bind also reads BIND. Seen
// in fly-apps/how2make@ba409862da17989f98a34a43c7c40c9c0c4162cf
// (main.go: -bind ":8080", facebookgo/flagenv.Parse() then flag.Parse(),
// http.ListenAndServe(*bind, mux); fly.toml [env] PORT = '8080', no
// BIND, internal_port 8080). There the loop is facebookgo/flagenv's;
// testdata has no stub of it, so the fixture writes the same loop with
// the standard library. The env name the loop derives is not followed,
// and f.Value.Set may give any flag any value: the address is unknown,
// never the flag's default taken as definite.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strings"
)

var (
	bind   = flag.String("bind", ":8080", "address to bind to")
	bucket = flag.String("bucket", "uploads", "bucket name")
)

func envFlags(set *flag.FlagSet) {
	set.VisitAll(func(f *flag.Flag) {
		key := strings.ReplaceAll(strings.ToUpper(f.Name), "-", "_")
		if v := os.Getenv(key); v != "" {
			_ = f.Value.Set(v)
		}
	})
}

func main() {
	envFlags(flag.CommandLine)
	flag.Parse()
	_ = *bucket
	log.Fatal(http.ListenAndServe(*bind, http.NewServeMux())) // want `http\.ListenAndServe tcp host=unknown port=0$`
}
