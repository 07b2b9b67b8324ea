package main

import "github.com/gin-gonic/gin"

// gin's Run() with no address listens on ":"+$PORT, else ":8080"
// (the shape of 0Zeno/qrAPI@923121ba2e8cec2287056527f832a61f101e448e,
// which sets PORT=8080 in fly.toml; here PORT is not set anywhere).
func main() {
	router := gin.Default()
	router.Run()
}
