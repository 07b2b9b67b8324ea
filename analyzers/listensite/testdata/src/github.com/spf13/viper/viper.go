// Package viper is a stub with the shape of spf13/viper's API, for tests.
package viper

import (
	"strings"

	"github.com/spf13/pflag"
)

func SetDefault(key string, value interface{})     {}
func AutomaticEnv()                                {}
func SetEnvPrefix(in string)                       {}
func SetConfigName(in string)                      {}
func ReadInConfig() error                          { return nil }
func GetString(key string) string                  { return "" }
func GetInt(key string) int                        { return 0 }
func BindEnv(input ...string) error                { return nil }
func SetEnvKeyReplacer(r *strings.Replacer)        {}
func BindPFlag(key string, flag *pflag.Flag) error { return nil }
func BindPFlags(flags *pflag.FlagSet) error        { return nil }
func AllowEmptyEnv(allowEmptyEnv bool)             {}
func GetViper() *Viper                             { return nil }

// Viper is an instance with its own defaults, env bindings and config.
type Viper struct{}

func New() *Viper                                             { return &Viper{} }
func (v *Viper) SetDefault(key string, value interface{})     {}
func (v *Viper) AutomaticEnv()                                {}
func (v *Viper) SetEnvPrefix(in string)                       {}
func (v *Viper) SetConfigName(in string)                      {}
func (v *Viper) AddConfigPath(in string)                      {}
func (v *Viper) ReadInConfig() error                          { return nil }
func (v *Viper) GetString(key string) string                  { return "" }
func (v *Viper) GetInt(key string) int                        { return 0 }
func (v *Viper) GetBool(key string) bool                      { return false }
func (v *Viper) BindEnv(input ...string) error                { return nil }
func (v *Viper) MustBindEnv(input ...string)                  {}
func (v *Viper) SetEnvKeyReplacer(r *strings.Replacer)        {}
func (v *Viper) BindPFlag(key string, flag *pflag.Flag) error { return nil }
func (v *Viper) Set(key string, value interface{})            {}
func (v *Viper) Unmarshal(rawVal interface{}) error           { return nil }
func (v *Viper) Sub(key string) *Viper                        { return nil }
