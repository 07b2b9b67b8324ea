// Package config is the shape where configuration lives in its own
// package: an exported getenv helper with a default, and a loader that
// fills a struct. Seen in 0x2E/fusion@1f99b1fc654baa0108e4df4577429d62d0e53cb8
// (backend/internal/config).
package config

import (
	"os"
	"strconv"
)

type Config struct {
	Host string
	Port int
}

func Getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func Load() Config {
	port, _ := strconv.Atoi(Getenv("HTTP_PORT", "8800"))
	return Config{Host: Getenv("HTTP_HOST", "localhost"), Port: port}
}
