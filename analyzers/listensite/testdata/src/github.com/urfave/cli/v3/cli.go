// Package cli is a stub with the shape of urfave/cli v3's API, for tests:
// flags are instances of one generic FlagBase, as in v3.
package cli

import "context"

type Flag interface{ Names() []string }

type ValueSource interface{ Lookup() (string, bool) }

type ValueSourceChain struct{ Chain []ValueSource }

func EnvVars(keys ...string) ValueSourceChain                 { return ValueSourceChain{} }
func Files(paths ...string) ValueSourceChain                  { return ValueSourceChain{} }
func EnvVar(key string) ValueSource                           { return nil }
func NewValueSourceChain(src ...ValueSource) ValueSourceChain { return ValueSourceChain{} }

type FlagBase[T any] struct {
	Name        string
	Aliases     []string
	Usage       string
	Sources     ValueSourceChain
	Value       T
	Destination *T
}

func (f *FlagBase[T]) Names() []string { return nil }

type (
	StringFlag = FlagBase[string]
	IntFlag    = FlagBase[int]
	BoolFlag   = FlagBase[bool]
)

type Command struct {
	Name     string
	Flags    []Flag
	Commands []*Command
	Action   func(context.Context, *Command) error
}

func (c *Command) String(name string) string                    { return "" }
func (c *Command) Int(name string) int                          { return 0 }
func (c *Command) Bool(name string) bool                        { return false }
func (c *Command) Run(ctx context.Context, args []string) error { return nil }
