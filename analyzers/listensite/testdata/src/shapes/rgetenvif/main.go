// Shape: os.Getenv("PORT") with an `if port == ""` default, joined as
// ":"+port in the listen call, the error ignored. Seen in
// fly-apps/litevfs-demo@b1fc2b8f46f826ece01d873b9699e0bf185dc1c7
// (fly/main.go: PORT else "8080", http.ListenAndServe(":"+port, nil);
// fly/fly.toml [env] PORT = "8080", internal_port 8080).
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080" // want `port value of http\.ListenAndServe$`
	}
	log.Printf("listening on %s", port)
	http.ListenAndServe(":"+port, nil) // want `http\.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
