// Command of the rpkgstart shape: main only calls the library's start
// function; the listen site is in package api.
package main

import (
	"log"

	"shapes/rpkgstart/api"
)

func main() {
	if err := api.StartHTTPServer(); err != nil {
		log.Fatal(err)
	}
}
