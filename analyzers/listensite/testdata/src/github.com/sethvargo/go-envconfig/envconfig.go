// Package envconfig is a stub with the shape of sethvargo/go-envconfig's
// API, for tests.
package envconfig

import "context"

type Lookuper interface {
	Lookup(key string) (string, bool)
}

type osLookuper struct{}

func (osLookuper) Lookup(key string) (string, bool) { return "", false }

type prefixLookuper struct{}

func (prefixLookuper) Lookup(key string) (string, bool) { return "", false }

type mapLookuper map[string]string

func (mapLookuper) Lookup(key string) (string, bool) { return "", false }

func OsLookuper() Lookuper                              { return osLookuper{} }
func PrefixLookuper(prefix string, l Lookuper) Lookuper { return prefixLookuper{} }
func MapLookuper(m map[string]string) Lookuper          { return mapLookuper(m) }

type Mutator interface{}

type Config struct {
	Target   any
	Lookuper Lookuper
	Mutators []Mutator
}

func Process(ctx context.Context, i any, mus ...Mutator) error { return nil }
func MustProcess(ctx context.Context, i any, mus ...Mutator)   {}
func ProcessWith(ctx context.Context, c *Config) error         { return nil }
