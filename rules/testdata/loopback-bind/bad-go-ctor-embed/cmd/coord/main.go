package main

import (
	"log"

	"example.com/app/coord"
)

func main() {
	srv := coord.New("127.0.0.1", 8000)
	log.Fatal(coord.Run(srv.Server))
}
