// Package cli is a vendored stub with the shape of urfave/cli v2.27.5's API, for tests.
package cli

type Flag interface{ Names() []string }

type StringFlag struct {
	Name        string
	Aliases     []string
	Usage       string
	EnvVars     []string
	FilePath    string
	Value       string
	Destination *string
}

type IntFlag struct {
	Name        string
	Aliases     []string
	Usage       string
	EnvVars     []string
	FilePath    string
	Value       int
	Destination *int
}

type BoolFlag struct {
	Name        string
	Aliases     []string
	EnvVars     []string
	Value       bool
	Destination *bool
}

func (f *StringFlag) Names() []string { return nil }
func (f *IntFlag) Names() []string    { return nil }
func (f *BoolFlag) Names() []string   { return nil }

type Context struct{}

func (c *Context) String(name string) string { return "" }
func (c *Context) Int(name string) int       { return 0 }
func (c *Context) Bool(name string) bool     { return false }

type ActionFunc func(*Context) error

type Command struct {
	Name   string
	Flags  []Flag
	Action ActionFunc
}

type App struct {
	Name     string
	Flags    []Flag
	Commands []*Command
	Action   ActionFunc
}

func (a *App) Run(args []string) error { return nil }
