// Clean shape: flag pointers declared in main and captured by closures,
// as in rlocalflags, but written after parsing: through the pointer
// (from $METRICS_ADDR), or by a helper the pointer is handed to. The
// flag's default is then only one value among others: neither site
// takes it for the address.
package main

import (
	"flag"
	"net/http"
	"os"
)

func fromEnv(p *string, name string) {
	if v := os.Getenv(name); v != "" {
		*p = v
	}
}

func main() {
	metricsAddr := flag.String("metrics-addr", "localhost:9090", "metrics bind address")
	debugAddr := flag.String("debug-addr", "localhost:6060", "debug bind address")
	flag.Parse()
	if v := os.Getenv("METRICS_ADDR"); v != "" {
		*metricsAddr = v
	}
	fromEnv(debugAddr, "DEBUG_ADDR")

	go func() { _ = http.ListenAndServe(*metricsAddr, http.NotFoundHandler()) }() // want `http\.ListenAndServe tcp host=unknown port=0$`
	go func() { _ = http.ListenAndServe(*debugAddr, http.NotFoundHandler()) }()   // want `http\.ListenAndServe tcp host=unknown port=0$`
	select {}
}
