// Package version says which flylint is running, from what the Go
// toolchain recorded in the binary: the module version for a `go
// install …@vX.Y.Z`, and the VCS revision, time and dirty flag for a
// build from a clone. Nothing is hard-coded, so every report names the
// code that made it.
package version

import (
	"runtime/debug"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Info is what the build says about itself.
type Info struct {
	// Version is the module version ("v0.2.0"), or "(devel)" for a build
	// from a clone or a test binary.
	Version string
	// Revision, Time and Modified come from the VCS stamp go build
	// writes in a clone (-buildvcs); empty without one.
	Revision string
	Time     string
	Modified bool
	// Go is the toolchain that built the binary ("go1.26.8").
	Go string
}

// Read returns the running binary's build information.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "(devel)"}
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	i := Info{Version: bi.Main.Version, Go: bi.GoVersion}
	if i.Version == "" {
		i.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Revision = s.Value
		case "vcs.time":
			i.Time = s.Value
		case "vcs.modified":
			i.Modified = s.Value == "true"
		}
	}
	return i
}

// Released reports whether the binary is a tagged module version, as
// `go install github.com/…/cmd/flylint@v0.2.0` builds.
func (i Info) Released() bool {
	return i.clean() && !module.IsPseudoVersion(i.Version)
}

// clean reports whether Version names a commit exactly: a tag, or the
// pseudo-version Go 1.24+ stamps on a build from a clean clone.
func (i Info) clean() bool {
	return semver.IsValid(i.Version) && !strings.HasSuffix(i.Version, "+dirty")
}

// Short is the version a report records: "0.2.0" for a release, the
// pseudo-version ("0.0.0-20261206232548-7c9dc80ca6cf") for a build from
// a clean clone, else "0.0.0-devel", followed by "+" and the first 12
// digits of the revision (and ".dirty" for a modified tree) when the
// build was stamped. All are SemVer, which SARIF's semanticVersion then
// receives.
func (i Info) Short() string {
	if i.clean() {
		return strings.TrimPrefix(i.Version, "v")
	}
	// SARIF validators want a version that starts with a number
	// (SARIF2005), and this is also valid SemVer: a pre-release of
	// nothing, with the commit as build metadata.
	s := "0.0.0-devel"
	if i.Revision != "" {
		s += "+" + i.Revision[:min(12, len(i.Revision))]
		if i.Modified {
			s += ".dirty"
		}
	}
	return s
}

// String is the long form `flylint version` prints: the version, the
// revision and its time when stamped, the dirty flag and the Go version.
func (i Info) String() string {
	var b strings.Builder
	b.WriteString(i.Version)
	if i.Revision != "" {
		b.WriteString(" revision " + i.Revision[:min(12, len(i.Revision))])
		if i.Time != "" {
			b.WriteString(" (" + i.Time + ")")
		}
		if i.Modified {
			b.WriteString(", modified")
		}
	}
	if i.Go != "" {
		b.WriteString(", built with " + i.Go)
	}
	return b.String()
}
