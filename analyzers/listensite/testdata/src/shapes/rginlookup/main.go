// Shape: gin started with ":"+port, the port from os.LookupEnv with a
// literal default when the variable is unset; the engine comes from a
// setup helper. Seen in
// fly-apps/flygreeting@a99655a7b3c18f7e4e1017477e0bb04071657f8a
// (flygreeting.go: LookupEnv("PORT"), !ok gives "8080", r.Run(":"+port);
// fly.toml internal_port 8080 and no PORT set).
package main

import (
	"os"

	"github.com/gin-gonic/gin"
)

func setup() *gin.Engine {
	return gin.Default()
}

func main() {
	r := setup()
	port, ok := os.LookupEnv("PORT")
	if !ok {
		port = "8080" // want `port value of gin\.Engine\.Run$`
	}
	r.Run(":" + port) // want `gin\.Engine\.Run tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
