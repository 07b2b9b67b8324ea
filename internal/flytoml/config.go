// Package flytoml reads fly.toml into a typed Config in which every key
// and value keeps its source range.
//
// It reads files the way flyctl's loader does: it accepts the sloppy and
// old spellings flyctl accepts (build_target, [[env]], string ports in
// [[services]], bare-number durations meaning milliseconds, [services] as
// one table, v1 [[processes]]) and records in Problems what flyctl would
// reject or ignore, so that rules can report it with a position.
package flytoml

import (
	"time"

	"github.com/flylint-dev/flylint/internal/source"
)

// Kind is a TOML value's type as written in the file.
type Kind int

const (
	KindNone Kind = iota
	KindString
	KindInt
	KindFloat
	KindBool
	KindDatetime
	KindArray
	KindTable
)

func (k Kind) String() string {
	return [...]string{"none", "string", "integer", "float", "boolean", "datetime", "array", "table"}[k]
}

// Field is one value read from fly.toml.
type Field[T any] struct {
	V T
	// Set is true when the key is present, whatever its value.
	Set bool
	// OK is true when the value could be read as T (possibly coerced, as
	// flyctl coerces "8080" to 8080). A present key with OK false has a
	// matching Problem of kind ProblemType.
	OK bool
	// Kind is the TOML type as written; rules use it to spot coercions
	// (a port written as a string).
	Kind  Kind
	Key   source.Range // the key, as written (the last segment of a dotted key)
	Value source.Range // the value
}

// Strings is a list of strings with each element's position. flyctl
// accepts a lone string where it expects a list; Kind is KindString then.
type Strings struct {
	Field[[]string]
	Elems []source.Range
}

// Duration is a duration; a bare number means milliseconds, as in flyctl.
type Duration = Field[time.Duration]

// Section is where a table starts: its [header] or, for an inline or
// dotted table, its key.
type Section struct {
	Header source.Range
}

// Config is one fly.toml.
type Config struct {
	Path string // as given to Parse

	App           Field[string]
	PrimaryRegion Field[string]
	KillSignal    Field[string]
	KillTimeout   Duration
	SwapSizeMB    Field[int]
	// ConsoleCommand is read only because flyctl refuses to deploy when it
	// cannot split it into words (validateConsoleCommand).
	ConsoleCommand Field[string]

	Build        *Build
	Deploy       *Deploy
	Env          []*EnvVar // in file order
	EnvSection   *Section
	Processes    []*Process // in file order
	ProcessesSec *Section
	HTTPService  *HTTPService
	Services     []*Service
	Checks       []*Check // top-level [checks.<name>], in file order
	Experimental *Experimental
	Mounts       []*Mount
	Metrics      []*Metrics
	Restart      []*Restart
	VMs          []*VM
	Statics      []*Static
	Files        []*File

	// Problems are what flyctl would reject, coerce or ignore.
	Problems []Problem
}

// ProblemKind classifies a Problem.
type ProblemKind int

const (
	// ProblemType: a value flyctl cannot coerce to the type it needs.
	ProblemType ProblemKind = iota + 1
	// ProblemCoerced: a value of the wrong type that flyctl coerces (a
	// port written as a string).
	ProblemCoerced
	// ProblemUnknownKey: a key flyctl does not know; Suggestion may name
	// the key that was probably meant.
	ProblemUnknownKey
	// ProblemRejected: bytes flyctl's TOML reader refuses although
	// flylint reads past them (a UTF-8 byte order mark).
	ProblemRejected
)

// Problem codes name the specific cases rules single out.
const (
	// CodePortAsString: [[services]] internal_port or ports.port written
	// as a string (ProblemCoerced).
	CodePortAsString = "port-as-string"
	// CodeNanoseconds: a bare number where flyctl applies no unit, so it
	// means nanoseconds (ProblemCoerced).
	CodeNanoseconds = "duration-nanoseconds"
	// CodeBOM: the file starts with a byte order mark (ProblemRejected).
	CodeBOM = "byte-order-mark"
	// CodeMisplacedTopLevel: a top-level key written below a table
	// header, which TOML puts in that table (ProblemUnknownKey);
	// Problem.MoveTo is where it belongs.
	CodeMisplacedTopLevel = "misplaced-top-level-key"
)

// Problem is one thing the loader noticed while reading the file.
type Problem struct {
	Kind       ProblemKind
	Path       string // dotted key path, e.g. "http_service.internal_port"
	Range      source.Range
	Message    string // complete sentence(s) saying what and how to fix
	Suggestion string // for unknown keys: the key probably meant
	Code       string // one of the Code constants, or ""
	// MoveTo is, for CodeMisplacedTopLevel, the start of the first table
	// header's line: the key belongs above it.
	MoveTo source.Pos
}

// SyntaxError is returned by Parse for a file that is not valid TOML.
type SyntaxError struct {
	Range   source.Range
	Message string
}

func (e *SyntaxError) Error() string { return e.Range.String() + ": " + e.Message }

// Build is [build].
type Build struct {
	Section
	Builder    Field[string]
	Buildpacks Strings
	// Builtin names one of flyctl's builtin builders ("go", "node", ...):
	// a Dockerfile template flyctl fills in when the app has none.
	Builtin    Field[string]
	Image      Field[string]
	Dockerfile Field[string]
	Ignorefile Field[string]
	Target     Field[string] // build-target (or build_target)
	Args       []*EnvVar     // [build.args]
	Settings   *Section      // [build.settings]
	// Compression and CompressionLevel are how the image layers are
	// compressed; flyctl validates both before it builds.
	Compression      Field[string]
	CompressionLevel Field[int]
}

// Deploy is [deploy].
type Deploy struct {
	Section
	Strategy       Field[string]
	ReleaseCommand Field[string]
	MaxUnavailable Field[float64]
	WaitTimeout    Duration
}

// EnvVar is one entry of [env] or [build.args]. Non-string values are
// read as their TOML text (PORT = 8080 is "8080").
type EnvVar struct {
	Name  string
	Key   source.Range
	Value Field[string]
}

// Process is one [processes] entry.
type Process struct {
	Name    string
	Key     source.Range
	Command Field[string]
}

// Concurrency is [http_service.concurrency] or [services.concurrency].
type Concurrency struct {
	Section
	Type      Field[string]
	HardLimit Field[int]
	SoftLimit Field[int]
}

// HTTPService is [http_service].
type HTTPService struct {
	Section
	InternalPort       Field[int]
	ForceHTTPS         Field[bool]
	AutoStopMachines   Field[string] // "off", "stop" or "suspend"; true is "stop", false "off"
	AutoStartMachines  Field[bool]
	MinMachinesRunning Field[int]
	Processes          Strings
	Concurrency        *Concurrency
	TLSOptions         *TLSOptions
	HTTPOptions        *HTTPOptions
	Checks             []*ServiceCheck // [[http_service.checks]]
}

// Service is one [[services]] entry.
type Service struct {
	Section
	Protocol           Field[string]
	InternalPort       Field[int]
	Processes          Strings
	AutoStopMachines   Field[string]
	AutoStartMachines  Field[bool]
	MinMachinesRunning Field[int]
	Ports              []*ServicePort
	Concurrency        *Concurrency
	TCPChecks          []*ServiceCheck
	HTTPChecks         []*ServiceCheck
}

// ServicePort is one [[services.ports]] entry.
type ServicePort struct {
	Section
	Port              Field[int]
	StartPort         Field[int]
	EndPort           Field[int]
	Handlers          Strings
	ForceHTTPS        Field[bool]
	TLSOptions        *TLSOptions
	HTTPOptions       *HTTPOptions
	ProxyProtoOptions *Section
}

// TLSOptions is the tls_options of [http_service] or of a
// [[services.ports]] entry: how Fly Proxy terminates TLS.
type TLSOptions struct {
	Section
	// ALPN is the protocols offered to clients, in order ("h2",
	// "http/1.1"); unset leaves Fly's default.
	ALPN Strings
}

// HTTPOptions is the http_options of [http_service] or of a
// [[services.ports]] entry: how Fly Proxy's http handler talks to the
// app.
type HTTPOptions struct {
	Section
	// H2Backend is true when the app speaks HTTP/2 cleartext with prior
	// knowledge; without it the http handler sends HTTP/1.1.
	H2Backend Field[bool]
}

// ServiceCheck is a check inside a service: [[services.tcp_checks]],
// [[services.http_checks]] or [[http_service.checks]].
type ServiceCheck struct {
	Section
	Kind        string // "tcp" or "http"
	Interval    Duration
	Timeout     Duration
	GracePeriod Duration
	Method      Field[string]
	Path        Field[string]
	Protocol    Field[string]
	Headers     Headers
	// Port is never set: flyctl's service checks have no port (they probe
	// the service's internal_port), so a port key is an unknown key.
	Port Field[int]
}

// Check is a top-level [checks.<name>] machine check.
type Check struct {
	Section
	Name        string
	Type        Field[string] // "http" or "tcp"
	Port        Field[int]
	Interval    Duration
	Timeout     Duration
	GracePeriod Duration
	Method      Field[string]
	Path        Field[string]
	Headers     Headers
	Processes   Strings
}

// Headers is an HTTP check's headers table: the request headers Fly sends
// with the check, and nothing else (a check does not pass through Fly
// Proxy, which is what adds X-Forwarded-Proto to real requests).
type Headers struct {
	// Values maps each header name, lower-cased (HTTP names are
	// case-insensitive), to its value, for a table of strings.
	Values map[string]string
	// Known is false when the key is there but not a table of strings,
	// so what the check sends cannot be told.
	Known bool
}

// Experimental is [experimental].
type Experimental struct {
	Section
	Cmd        Strings
	Entrypoint Strings
	Exec       Strings
}

// Mount is one [[mounts]] (or [mounts]) entry.
type Mount struct {
	Section
	Source      Field[string]
	Destination Field[string]
	InitialSize Field[string]
	// SnapshotRetention and the AutoExtend* keys are read only to repeat
	// flyctl's range checks on them (validateMounts).
	SnapshotRetention       Field[int]
	AutoExtendSizeThreshold Field[int]
	AutoExtendSizeIncrement Field[string]
	AutoExtendSizeLimit     Field[string]
	Processes               Strings
}

// Metrics is one [[metrics]] (or [metrics]) entry.
type Metrics struct {
	Section
	Port      Field[int]
	Path      Field[string]
	Processes Strings
}

// Restart is one [[restart]] entry.
type Restart struct {
	Section
	Policy     Field[string]
	MaxRetries Field[int]
	Processes  Strings
}

// Static is one [[statics]] entry: files under GuestPath in the image
// (or in TigrisBucket) that Fly Proxy serves for URLs under URLPrefix.
type Static struct {
	Section
	GuestPath     Field[string]
	URLPrefix     Field[string]
	TigrisBucket  Field[string]
	IndexDocument Field[string]
}

// File is one [[files]] entry: a file written into the Machine at
// GuestPath from exactly one of LocalPath, SecretName or RawValue.
type File struct {
	Section
	GuestPath  Field[string]
	LocalPath  Field[string]
	SecretName Field[string]
	RawValue   Field[string]
	Processes  Strings
}

// VM is one [[vm]] entry.
type VM struct {
	Section
	// Table is the name the section is written under: "vm", or the old
	// spellings "compute" and "computes" that flyctl still reads.
	Table     string
	Size      Field[string]
	Memory    Field[string]
	MemoryMB  Field[int] // memory_mb, fly-go's spelling, which wins over memory
	CPUs      Field[int]
	CPUKind   Field[string]
	Processes Strings
}
