// Shape: the app's own server type (not net/http's) with an Addr field,
// filled in main from ":"+port, where port is a literal replaced by
// $PORT when os.Getenv (called twice) is non-empty; its ListenAndServe
// method in another package calls net.Listen on the field. Seen in
// harveysanders/protohackers@7d62c13d2f2aadadacec23604c6d4a59ff6cb1fa
// (9-job-centre/cmd/main.go: port "9999" unless PORT, &jcp.Server{Addr:
// ":" + port}; 9-job-centre/jcp/jcp.go ListenAndServe;
// fly.9-jobcentre.toml sets PORT=8080, internal_port 8080). The method's
// site waits on the Addr field; main is the only package storing into
// it, so the site is finished here, at the store, as a constructor's
// call finishes one waiting on a parameter (srvparam, ctorembed).
package main

import (
	"os"

	"shapes/sownserver/jcp"
)

func main() {
	port := "9999"
	if os.Getenv("PORT") != "" {
		port = os.Getenv("PORT")
	}
	srv := &jcp.Server{Addr: ":" + port} // want `net.Listen tcp host=dual-stack wildcard port=9999 env=PORT default=9999 via$`
	srv.ListenAndServe()
}
