package consts

import "os"

const Port = 8100

const Host = "127.0.0.1"

var Addr = ":8101"

func ListenAddr() string {
	if p := os.Getenv("APP_PORT"); p != "" {
		return ":" + p
	}
	return ":8102"
}
