// Shape: the port read through the app's own getenv helper (LookupEnv,
// else a literal default) and joined as ":"+port.
// Seen in thraxil/augend@95bafdf7340de5ece1533516d62d50a3ae7e494d
// (augend.go: getEnv("AUGEND_PORT", "9999") through a LookupEnv helper,
// address ":"+port; fly.toml sets AUGEND_PORT=8080 and internal_port
// 8080. The real server is a graceful wrapper around net/http; the
// fixture listens with net/http itself, since only the port's path
// matters to the shape).
package main

import (
	"net/http"
	"os"
)

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func main() {
	port := getEnv("AUGEND_PORT", "9999") // want `port value of http.ListenAndServe`
	http.ListenAndServe(":"+port, nil)    // want `http.ListenAndServe tcp host=dual-stack wildcard port=9999 env=AUGEND_PORT default=9999$`
}
