// Package config is a stub with the shape of hertz's option type, for
// tests.
package config

type Options struct {
	Addr    string
	Network string
}

type Option struct {
	F func(o *Options)
}
