// Package workspace finds the Fly apps under the paths flylint is given and
// assembles, for each, everything the rules look at: its fly.toml, its
// Dockerfile image, the effective environment and start command of each
// process group, the listeners those commands open, and its references to
// other apps.
package workspace

import (
	"github.com/flylint-dev/flylint/internal/dockerfile"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Workspace is every app of one run.
type Workspace struct {
	Apps []*App
	// Files holds the content of every file read, by the path diagnostics
	// use, so formatters can quote source lines.
	Files map[string][]byte
	// NotRead are what discovery found and could not read: directories
	// under a linted path it could not list (apps in them may have been
	// missed), and fly.toml symlinks that lead out of the tree or nowhere.
	NotRead []*LoadError
	// GoModules are the directories of the Go modules analysed: the go
	// command reads their files too, which are not all in Files.
	GoModules []string
	byName    map[string][]*App
}

// Unread lists what flylint was asked to check and could not read: what
// discovery could not read (NotRead), then each app whose own file (its
// fly.toml, or the Dockerfile linted alone) it could not read. A run
// with any of them must not pass, whatever the configuration says.
func (w *Workspace) Unread() []*LoadError {
	out := append([]*LoadError(nil), w.NotRead...)
	for _, a := range w.Apps {
		if a.Unread != nil {
			out = append(out, a.Unread)
		}
	}
	return out
}

// AppsNamed returns the apps whose fly.toml says app = name.
func (w *Workspace) AppsNamed(name string) []*App { return w.byName[name] }

// App is one fly.toml and what it deploys.
type App struct {
	Name       string // app = "…", "" when unset
	Dir        string // directory of the fly.toml, relative to the working directory
	ConfigPath string
	Config     *flytoml.Config // nil when the file could not be read or parsed
	ConfigErr  error           // *flytoml.SyntaxError or *LoadError
	// Unread is set when the app's own file (its fly.toml, or the
	// Dockerfile linted alone) could not be read at all, so nothing of
	// the app was checked; it is also ConfigErr or DockerfileErr.
	Unread *LoadError

	// Dockerfile is the file [build] dockerfile names (default Dockerfile
	// beside fly.toml); nil when there is none, it was not read or it
	// does not parse.
	DockerfilePath string
	Dockerfile     *dockerfile.File
	DockerfileErr  error // *dockerfile.SyntaxError or *LoadError
	Image          *dockerfile.Image

	// Env is the environment Fly gives the app's processes: Dockerfile
	// ENV overridden by fly.toml [env]. Fly adds no PORT.
	Env listen.Env

	// Inlined are the JavaScript builds in the image that inline
	// environment variables into their bundle (next build, vite build),
	// looked for only when [env] sets a variable with such a prefix.
	Inlined []*InlinedEnv

	Groups   []*Group
	Services []*Service
	Refs     []*Ref

	// Limits are the inputs flylint did not analyse because they passed
	// a limit on time or memory (a command nested too deep, a Dockerfile
	// variable that would expand to gigabytes), one per place.
	Limits []*LimitError

	// LocalFileProblems are the [[files]] local_path values flyctl
	// could not read at deploy, each at the value, its Message saying
	// why (`"app.yml" does not exist`).
	LocalFileProblems []*LoadError

	// GoProblems says what Go analysis could not load or type-check;
	// the listeners it found elsewhere are still used.
	GoProblems []string
	// GoProblemAt is where the first of them is, when it names a Go
	// source position (a type error); otherwise it is not valid.
	GoProblemAt source.Range
	// GoNotes are the parts of the app's Go module flylint left out on
	// purpose (cgo files, links and replace directives leading out of
	// the tree, named pipes), each where it is fixed. Each note is given
	// to one app of the module only.
	GoNotes []GoNote
	// goBins maps the Go binaries a build without a Dockerfile produces
	// (Paketo, flyctl's builtin "go") to their main package's directory
	// relative to the app; nil for other builds.
	goBins map[string]string
	// root is the directory flylint was asked to lint; nothing above it
	// is read.
	root string

	// Flycast is true when the app is reached over Flycast (configured,
	// marked with "# flylint:flycast", or referenced as <app>.flycast).
	Flycast bool
	// DedicatedIPv4 is true when the configuration says the app has a
	// dedicated public IPv4 address, which nothing in the tree shows.
	DedicatedIPv4 bool
}

// GoNote is one part of a Go module left out of the analysis, and why.
type GoNote struct {
	Range   source.Range
	Message string
}

// Group is one process group: [processes] entry, or "app" without them.
type Group struct {
	Name string
	// Key is the [processes] key; invalid for the implicit "app" group.
	Key source.Range
	// Command is the effective argv by Fly's precedence; HasCommand is
	// false when nothing sets one (an image CMD flylint cannot see).
	Command    listen.Command
	HasCommand bool
	// CommandErr is set when flylint cannot split the group's command
	// into words (flyctl may still accept it: see unsplittable-command).
	CommandErr error
	// Listeners are the sockets the group's process opens, from its
	// command and (with Go analysis) its Go source. ListenersKnown is
	// true when flylint understood the program well enough that a
	// service port absent from Listeners is really not listened on.
	Listeners      []listen.Listener
	ListenersKnown bool
	// Interpreted is what the start-command interpreter made of Command.
	Interpreted listen.Result
	// GoMain is the import path of the Go main package whose listeners
	// the group has, when Go analysis found which one it runs.
	GoMain string
	// cnbCommand is set when [processes] gives the command of a group
	// whose image a buildpack built: its listeners are never taken as
	// complete (see noDockerfile.cnb).
	cnbCommand bool
}

// Service is one proxied service: a [[services]] entry or the TCP service
// [http_service] defines, seen the same way.
type Service struct {
	HTTP    *flytoml.HTTPService // set for [http_service]
	Service *flytoml.Service     // set for [[services]]

	Proto        listen.Proto
	InternalPort flytoml.Field[int]
	Header       source.Range // the section header, for messages
	// Groups are the process groups the service routes to (all of them
	// when it names none).
	Groups []string
	// Edge are the external ports it claims. [http_service] claims 80
	// (http, force_https as set) and 443 (tls, http).
	Edge []EdgePort
}

// EdgePort is one external port of a service.
type EdgePort struct {
	Port       int // first port (0 when not a valid number)
	EndPort    int // last port of a range; equals Port otherwise
	Handlers   []string
	ForceHTTPS bool
	Range      source.Range
	Config     *flytoml.ServicePort // nil for [http_service]'s implicit ports
}

// Ref is a reference from this app to another: <app>.internal or
// <app>.flycast in a URL or address.
type Ref struct {
	Target string // the other app's name
	Kind   string // "internal" or "flycast"
	Scheme string // "http", "https", "postgres", … or ""
	Port   int    // explicit port, or the scheme's default (http 80, https 443); 0 if neither
	Text   string // the address as written
	Range  source.Range
	Origin string // "fly.toml [env] API_URL", "Dockerfile ENV", "Go string"
}

// LoadError is a file flylint could not read, or would not.
type LoadError struct {
	Range   source.Range // where the file is named, or the file itself
	Message string
}

func (e *LoadError) Error() string { return e.Range.String() + ": " + e.Message }

// LimitError is input flylint did not analyse because it passed one of
// the limits that keep a run bounded in time and memory (a command
// nested too deep, an expansion too large). The rest of the app is
// still checked.
type LimitError struct {
	Range   source.Range
	Message string
}

func (e *LimitError) Error() string { return e.Range.String() + ": " + e.Message }
