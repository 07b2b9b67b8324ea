package config

import _ "embed"

//go:embed starter.toml
var starter []byte

// Starter returns a commented .flylint.toml for `flylint init`.
func Starter() []byte { return append([]byte(nil), starter...) }
