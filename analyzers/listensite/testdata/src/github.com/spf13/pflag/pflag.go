// Package pflag is a stub with the shape of spf13/pflag's API, for tests.
package pflag

type FlagSet struct{}

func NewFlagSet(name string, _ int) *FlagSet { return &FlagSet{} }

func (f *FlagSet) String(name, value, usage string) *string                    { return &value }
func (f *FlagSet) StringP(name, short, value, usage string) *string            { return &value }
func (f *FlagSet) StringVar(p *string, name, value, usage string)              {}
func (f *FlagSet) StringVarP(p *string, name, short, value, usage string)      {}
func (f *FlagSet) Int(name string, value int, usage string) *int               { return &value }
func (f *FlagSet) IntP(name, short string, value int, usage string) *int       { return &value }
func (f *FlagSet) IntVar(p *int, name string, value int, usage string)         {}
func (f *FlagSet) IntVarP(p *int, name, short string, value int, usage string) {}
func (f *FlagSet) Parse(args []string) error                                   { return nil }

var CommandLine = &FlagSet{}

func String(name, value, usage string) *string                    { return &value }
func StringP(name, short, value, usage string) *string            { return &value }
func StringVar(p *string, name, value, usage string)              {}
func StringVarP(p *string, name, short, value, usage string)      {}
func Int(name string, value int, usage string) *int               { return &value }
func IntP(name, short string, value int, usage string) *int       { return &value }
func IntVar(p *int, name string, value int, usage string)         {}
func IntVarP(p *int, name, short string, value int, usage string) {}
func Parse()                                                      {}

func (f *FlagSet) Bool(name string, value bool, usage string) *bool         { return &value }
func (f *FlagSet) BoolP(name, short string, value bool, usage string) *bool { return &value }
func (f *FlagSet) BoolVar(p *bool, name string, value bool, usage string)   {}
func (f *FlagSet) Lookup(name string) *Flag                                 { return nil }

type Flag struct{ Name string }

func Bool(name string, value bool, usage string) *bool         { return &value }
func BoolP(name, short string, value bool, usage string) *bool { return &value }
