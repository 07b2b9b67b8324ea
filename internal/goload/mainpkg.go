package goload

import (
	"path"
	"strings"
)

// MainPackageFor finds the package a Dockerfile builds into binaryPath,
// from its RUN scripts: `go build -o /app ./cmd/server` gives
// "./cmd/server", `go build -o /app` gives ".", and `go install
// ./cmd/server` gives "./cmd/server" for a binary named server, and
// `go build -o /coord ./cmd/coord/main.go` gives "./cmd/coord". It
// returns "" and false when no script builds that binary.
func MainPackageFor(binaryPath string, runs []string) (string, bool) {
	want := path.Base(binaryPath)
	for i := len(runs) - 1; i >= 0; i-- {
		for _, cmd := range commands(runs[i]) {
			if pkg, ok := matchGoBuild(cmd, binaryPath, want); ok {
				return pkg, true
			}
		}
	}
	return "", false
}

// commands splits a shell script into simple commands, enough for
// the go build lines Dockerfiles carry.
func commands(script string) [][]string {
	script = strings.NewReplacer("\\\n", " ", "&&", ";", "||", ";", "\n", ";", "|", ";").Replace(script)
	var out [][]string
	for _, c := range strings.Split(script, ";") {
		var words []string
		for _, w := range strings.Fields(c) {
			words = append(words, strings.Trim(w, `"'`))
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

func matchGoBuild(words []string, binaryPath, base string) (string, bool) {
	// Skip environment assignments: CGO_ENABLED=0 GOOS=linux go build.
	for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
		words = words[1:]
	}
	if len(words) < 2 || path.Base(words[0]) != "go" || (words[1] != "build" && words[1] != "install") {
		return "", false
	}
	install := words[1] == "install"
	out := ""
	var pkgs []string
	for i := 2; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "-o" && i+1 < len(words):
			out = words[i+1]
			i++
		case strings.HasPrefix(w, "-o="):
			out = strings.TrimPrefix(w, "-o=")
		case strings.HasPrefix(w, "-"):
			// A flag with a separate value.
			if !strings.Contains(w, "=") && takesValue(w) && i+1 < len(words) {
				i++
			}
		default:
			pkgs = append(pkgs, w)
		}
	}
	pkg := "."
	if len(pkgs) > 0 {
		pkg = pkgs[len(pkgs)-1]
	}
	name := path.Base(strings.TrimSuffix(strings.TrimSuffix(pkg, "/..."), "/"))
	if len(pkgs) > 0 && strings.HasSuffix(pkgs[0], ".go") {
		// go build ./cmd/coord/main.go builds the files' package, and
		// names the binary after the first file, not the directory.
		pkg = path.Dir(pkgs[0])
		if !strings.HasPrefix(pkg, ".") && !strings.HasPrefix(pkg, "/") {
			pkg = "./" + pkg
		}
		name = strings.TrimSuffix(path.Base(pkgs[0]), ".go")
	}
	switch {
	case install:
		return pkg, name == base
	case out == "":
		return pkg, name == base
	case out == binaryPath || path.Base(out) == base && (strings.HasSuffix(out, "/") || path.Base(out) == base):
		return pkg, true
	case strings.HasSuffix(out, "/") && path.Join(out, name) == binaryPath:
		return pkg, true
	}
	return "", false
}

func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "tags", "ldflags", "gcflags", "asmflags", "trimpath=false", "p", "mod", "modfile", "pkgdir", "buildmode", "compiler", "installsuffix", "overlay", "pgo", "toolexec":
		return true
	}
	return false
}
