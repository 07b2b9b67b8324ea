// Package envconfig is a stub with the shape of kelseyhightower/envconfig's
// API, for tests.
package envconfig

func Process(prefix string, spec interface{}) error { return nil }

func MustProcess(prefix string, spec interface{}) {}
