// Package server holds the listen call of the rgosupervisor shape: the
// port constant formatted with %d straight into http.ListenAndServe,
// the error dropped. Seen in
// fly-apps/postgres-ha@44ab26a7cd0c3f8345887e9e7b9f48a73851eaf5
// (pkg/server/http.go: const Port = 5500, StartHttpServer; started by
// pkg/supervisor/supervisor.go with `go server.StartHttpServer()` from
// a method of the supervisor; fly.toml checks on port 5500, services
// = []).
package server

import (
	"fmt"
	"net/http"
)

const Port = 5500

func StartHTTPServer() {
	mux := http.NewServeMux()
	http.ListenAndServe(fmt.Sprintf(":%d", Port), mux) // want `http\.ListenAndServe tcp host=dual-stack wildcard port=5500$`
}
