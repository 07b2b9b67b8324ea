// Package api holds the listen call of the rpkgstart shape: an exported
// start function in a library package, its port a package constant.
// Seen in fly-apps/postgres-flex@d263c9ed942703028ae017c54e8a054547fa2c73
// (internal/api/handler.go: const Port = 5500, StartHttpServer returns
// (&http.Server{Addr: fmt.Sprintf(":%v", Port)}).ListenAndServe(); the
// fly.toml checks probe port 5500 and the app has no services).
package api

import (
	"fmt"
	"net/http"
	"time"
)

const Port = 5500

func StartHTTPServer() error {
	server := &http.Server{
		Handler:           http.NotFoundHandler(),
		Addr:              fmt.Sprintf(":%v", Port), // want `host value of http\.Server\.ListenAndServe$`
		ReadHeaderTimeout: 3 * time.Second,
	}
	return server.ListenAndServe() // want `http\.Server\.ListenAndServe tcp host=dual-stack wildcard port=5500$`
}
