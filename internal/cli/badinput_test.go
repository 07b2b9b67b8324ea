package cli

import (
	"strings"
	"testing"
)

const (
	appOnly   = "app = \"x\"\n"
	httpApp   = "app = \"x\"\n[http_service]\n  internal_port = 8080\n"
	loopCMD   = `CMD ["python", "-m", "http.server", "--bind", "127.0.0.1", "8080"]`
	goModule  = "module x\n\ngo 1.22\n"
	goMain    = "package main\n\nfunc main() {}\n"
	portUnset = "app = \"x\"\n[http_service]\n  internal_port = "
)

// port is an http_service whose internal_port is the TOML value v, on
// line 3, column 19.
func port(v string) string { return portUnset + v + "\n" }

// TestBadInput feeds broken inputs through the real CLI. Each must end
// within a deadline, with a defined exit code and a message that says
// what is wrong (at its position when it has one), never a panic, and
// never a report cut short. badRow.run holds the checks every row gets.
func TestBadInput(t *testing.T) {
	// The Go rows must not reach the network or download a toolchain,
	// and must see flylint's own -mod=readonly, not the user's GOFLAGS.
	// Set here, before the rows go parallel.
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "off")

	rows := []badRow{
		// fly.toml: encodings and bytes.
		{"empty fly.toml", files("fly.toml", ""), nil, ExitClean, "", 0},
		{"binary junk", files("fly.toml", "\x00\x01\x02\xff\xfe PNG\x89"), nil, ExitFindings, "fly.toml:1:1: toml-syntax", 1},
		{"NUL in a string", files("fly.toml", "app = \"a\x00b\"\n"), nil, ExitFindings, "fly.toml:1:9: toml-syntax: This fly.toml is not valid TOML: basic strings cannot have control characters", 1},
		{"NUL in an [env] value", files("fly.toml", "app = \"x\"\n[env]\n  K = \"a\x00b\"\n"), nil, ExitFindings, "fly.toml:3:9: toml-syntax", 1},
		{"invalid UTF-8 in a value", files("fly.toml", "app = \"\xc3\x28\"\n"), nil, ExitFindings, "fly.toml:1:8: toml-syntax: This fly.toml is not valid TOML: invalid UTF-8", 1},
		{"invalid UTF-8 in a key", files("fly.toml", "app = \"x\"\n[env]\n  K\xff\xfe = \"v\"\n"), nil, ExitFindings, "fly.toml:3:4: toml-syntax", 1},
		{"UTF-8 BOM, positions after it still right", files("fly.toml", "\xef\xbb\xbf"+port("0")), nil, ExitFindings, "fly.toml:3:19: port-out-of-range", 2},
		{"UTF-8 BOM is reported", files("fly.toml", "\xef\xbb\xbfapp = \"x\"\n"), nil, ExitFindings, "fly.toml:1:1: toml-syntax: fly.toml starts with a UTF-8 byte order mark", 1},
		{"UTF-16 fly.toml", files("fly.toml", utf16(httpApp)), nil, ExitFindings, "fly.toml:1:1: toml-syntax: This fly.toml is not valid TOML: the file is UTF-16", 1},
		{"CRLF is fine", files("fly.toml", "app = \"x\"\r\n[http_service]\r\n  internal_port = 8080\r\n"), nil, ExitClean, "", 0},
		{"CRLF positions", files("fly.toml", strings.ReplaceAll(port("0"), "\n", "\r\n")), nil, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},

		// fly.toml: truncated.
		{"truncated in a table header", files("fly.toml", "app = \"x\"\n[http_serv"), nil, ExitFindings, "fly.toml:2:10: toml-syntax: This fly.toml is not valid TOML: expected ']' to close table name", 1},
		{"truncated in a string", files("fly.toml", "app = \"x"), nil, ExitFindings, "fly.toml:1:8: toml-syntax: This fly.toml is not valid TOML: unterminated basic string", 1},
		{"truncated in an array", files("fly.toml", "app = \"x\"\nx = [1, 2,\n"), nil, ExitFindings, "fly.toml:2:11: toml-syntax: This fly.toml is not valid TOML: array is incomplete", 1},

		// fly.toml: wrong types and ranges.
		{"internal_port string", files("fly.toml", port(`"abc"`)), nil, ExitFindings, `fly.toml:3:19: invalid-value-type: internal_port in [http_service] must be an integer, not a string ("abc")`, 1},
		{"internal_port float", files("fly.toml", port("3.5")), nil, ExitFindings, "fly.toml:3:19: invalid-value-type: internal_port in [http_service] must be an integer, not a float (3.5)", 1},
		{"internal_port bool", files("fly.toml", port("true")), nil, ExitFindings, "fly.toml:3:19: invalid-value-type: internal_port in [http_service] must be an integer, not a boolean", 1},
		{"internal_port array", files("fly.toml", port("[]")), nil, ExitFindings, "fly.toml:3:19: invalid-value-type: internal_port in [http_service] must be an integer, not an array", 1},
		{"internal_port table", files("fly.toml", port("{}")), nil, ExitFindings, "fly.toml:3:19: invalid-value-type: internal_port in [http_service] must be an integer, not a table", 1},
		{"internal_port 0", files("fly.toml", port("0")), nil, ExitFindings, "fly.toml:3:19: port-out-of-range: internal_port 0 is not a port", 1},
		{"internal_port 70000", files("fly.toml", port("70000")), nil, ExitFindings, "fly.toml:3:19: port-out-of-range: internal_port 70000 is not a port", 1},
		{"internal_port -1", files("fly.toml", port("-1")), nil, ExitFindings, "fly.toml:3:19: port-out-of-range: internal_port -1 is not a port", 1},

		// fly.toml: size and depth.
		{"10,000 nested arrays", files("fly.toml", "x = "+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n"), nil, ExitFindings, "fly.toml:1:", 0},
		{"10,000 nested inline tables", files("fly.toml", appOnly+"x = "+strings.Repeat("{a = ", 10000)+"1"+strings.Repeat("}", 10000)+"\n"), nil, ExitFindings, `fly.toml:2:1: unknown-key: "x" is not a key flyctl knows`, 1},
		{"100,000-line fly.toml", files("fly.toml", "app = \"x\"\n[env]\n"+repeat(100000, "  K%d = \"v\"\n")+"[http_service]\n  internal_port = 0\n"), nil, ExitFindings, "fly.toml:100004:19: port-out-of-range", 1},
		{"5 MB line in fly.toml", files("fly.toml", "app = \"x\"\n[env]\n  LONG = \""+strings.Repeat("a", 5<<20)+"\"\n[http_service]\n  internal_port = 0\n"), nil, ExitFindings, "fly.toml:5:19: port-out-of-range", 1},
		{"50 MB fly.toml", func(t *testing.T, dir string) {
			write(t, dir, "fly.toml", strings.Repeat("# padding padding padding padding padding padding padding\n", 50<<20/58))
		}, nil, ExitFindings, "fly.toml is 49 MB; flylint reads files up to 10 MB", 1},

		// Dockerfile.
		{"binary Dockerfile", files("fly.toml", appOnly, "Dockerfile", "\x7fELF\x00\x00\x01"), nil, ExitFindings, `Dockerfile:1:1: dockerfile-syntax: The Dockerfile does not parse: Unknown instruction "\x7fELF\x00\x00\x01"`, 1},
		{"binary Dockerfile, text report", files("fly.toml", appOnly, "Dockerfile", "\x7fELF\x00\x00\x01"), []string{"$DIR"}, ExitFindings, "Dockerfile:1:1: error: The Dockerfile does not parse", 0},
		{"UTF-16 Dockerfile", files("fly.toml", appOnly, "Dockerfile", utf16("FROM alpine\nCMD [\"x\"]\n")), nil, ExitFindings, "Dockerfile:1:1: dockerfile-syntax: The Dockerfile does not parse: The Dockerfile is encoded as UTF-16", 1},
		{"UTF-8 BOM Dockerfile", files("fly.toml", httpApp, "Dockerfile", "\xef\xbb\xbfFROM alpine\nEXPOSE 8080\n"+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:3:48: loopback-bind", 1},
		{"CRLF Dockerfile positions", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\r\nEXPOSE 8080\r\n"+loopCMD+"\r\n"), nil, ExitFindings, "Dockerfile:3:48: loopback-bind", 1},
		{"NUL bytes in a Dockerfile", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\nRUN a\x00b\n"+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:3:48: loopback-bind", 1},
		{"invalid UTF-8 in a Dockerfile", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\nENV \xff=\xfe\n"+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:3:48: loopback-bind", 1},
		{"100,000-line Dockerfile", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\n"+repeat(100000, "RUN echo %d\n")+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:100002:48: loopback-bind", 1},
		{"5 MB line in a Dockerfile", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\nRUN echo "+strings.Repeat("a", 5<<20)+"\n"+loopCMD+"\n"), nil, ExitFindings, "Dockerfile:2:1: dockerfile-syntax: The Dockerfile does not parse: Line 2 is", 1},
		{"unterminated heredoc", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nRUN <<EOF\necho hi\n"), nil, ExitFindings, "Dockerfile:2:1: dockerfile-syntax: The Dockerfile does not parse: docker build rejects this instruction: unterminated heredoc", 1},
		{"terminated heredoc", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nRUN <<EOF\necho hi\nEOF\nCMD [\"sleep\", \"infinity\"]\n"), nil, ExitClean, "", 0},
		// docker build accepts a backslash on the last line: the
		// instruction simply ends there.
		{"line continuation at EOF", files("fly.toml", httpApp, "Dockerfile", "FROM alpine\nCMD python -m http.server --bind 127.0.0.1 8080 \\"), nil, ExitFindings, "Dockerfile:2:34: loopback-bind", 1},
		{"unknown instruction", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nFROBNICATE x\n"), nil, ExitFindings, "Dockerfile:2:1: dockerfile-syntax: The Dockerfile does not parse: Unknown instruction FROBNICATE", 1},
		{"instruction before FROM", files("fly.toml", appOnly, "Dockerfile", "RUN echo hi\nCMD [\"x\"]\n"), nil, ExitFindings, "Dockerfile:1:1: dockerfile-syntax: The Dockerfile does not parse: RUN comes before any FROM", 1},
		{"no FROM at all", files("fly.toml", appOnly, "Dockerfile", "# just a comment\n"), nil, ExitFindings, "Dockerfile:1:1: dockerfile-syntax: The Dockerfile does not parse: The Dockerfile has no FROM instruction", 1},
		{"ARG with no name", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nARG\n"), nil, ExitFindings, "Dockerfile:2:1: dockerfile-syntax: The Dockerfile does not parse: docker build rejects this instruction: ARG requires at least one argument", 1},
		{"ARG with an empty name", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nARG =foo\n"), nil, ExitFindings, "Dockerfile:2:1: dockerfile-syntax: The Dockerfile does not parse: docker build rejects this instruction: ARG names can not be blank", 1},
		// Not JSON, so docker runs it in shell form: valid, if useless.
		{"CMD JSON cut short", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nCMD [\"a\", \n"), nil, ExitFindings, `Dockerfile:2:5: exec-form-not-json: CMD ["a", is not a valid JSON array (it does not end with ])`, 1},
		{"CMD JSON with bad escapes", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nCMD [\"a\\qb\", \"\\u12\"]\n"), nil, ExitFindings, `Dockerfile:2:5: exec-form-not-json: CMD ["a\qb", "\u12"] is not a valid JSON array (JSON: invalid character 'q' in string escape code)`, 1},
		{"[build] dockerfile missing", files("fly.toml", "app = \"x\"\n[build]\n  dockerfile = \"sub/Dockerfile.prod\"\n"), nil, ExitFindings, "sub/Dockerfile.prod does not exist", 1},
		{"[build] build-target unknown", files("fly.toml", "app = \"x\"\n[build]\n  build-target = \"nope\"\n", "Dockerfile", "FROM alpine AS base\nCMD [\"x\"]\n"), nil, ExitFindings, `fly.toml:3:18: file-not-read: build target "nope" is not a stage of /`, 1},
		{"Dockerfile is a directory", with(files("fly.toml", appOnly), mkdir("Dockerfile")), nil, ExitFindings, "Dockerfile is not a regular file", 1},
		{"Dockerfile is a FIFO", with(files("fly.toml", appOnly), fifo("Dockerfile")), nil, ExitFindings, "Dockerfile is not a regular file", 1},
		{"[build] dockerfile = /dev/null", files("fly.toml", "app = \"x\"\n[build]\n  dockerfile = \"/dev/null\"\n"), nil, ExitFindings, "001/dev/null does not exist", 1},
		{"[build] dockerfile links to /dev/zero", with(files("fly.toml", "app = \"x\"\n[build]\n  dockerfile = \"zero\"\n"), symlink("/dev/zero", "zero")), nil, ExitFindings, "001/zero is a symlink that leads outside", 1},
		{"Dockerfile links to /dev/zero", with(files("fly.toml", appOnly), symlink("/dev/zero", "Dockerfile")), nil, ExitFindings, "Dockerfile is a symlink that leads outside", 1},
		{"Dockerfile links to a file outside", with(files("fly.toml", appOnly, "../outside/Dockerfile", "FROM alpine\n"), symlink("../outside/Dockerfile", "Dockerfile")), nil, ExitFindings, "Dockerfile is a symlink that leads outside", 1},
		{"dangling Dockerfile symlink", with(files("fly.toml", appOnly), symlink("nothere", "Dockerfile")), nil, ExitFindings, "Dockerfile does not exist", 1},
		{"Dockerfile symlink loop", with(files("fly.toml", appOnly), symlink("Dockerfile", "Dockerfile")), nil, ExitFindings, "Dockerfile is a symlink loop: following its links never reaches a file", 1},
		{"unreadable Dockerfile", with(files("fly.toml", appOnly, "Dockerfile", "FROM alpine\n"), unreadable("Dockerfile")), nil, ExitFindings, "permission denied", 1},

		// fly.toml as a file system object.
		{"symlinked directory loop", with(files("fly.toml", appOnly), symlink("loop", "loop"), symlink("a", "sub"), symlink("sub", "a")), nil, ExitClean, "", 0},
		{"fly.toml symlink loop", symlink("fly.toml", "fly.toml"), nil, ExitUsage, "skipped", 0},
		{"fly.toml symlink loop named", symlink("fly.toml", "fly.toml"), []string{"$DIR/fly.toml"}, ExitUsage, "fly.toml: too many levels of symbolic links", 0},
		{"fly.toml links outside, directory given", symlink("/dev/null", "fly.toml"), nil, ExitUsage, "fly.toml (a symlink: flylint does not follow them when searching; pass the file itself)", 0},
		{"fly.toml links outside, file given", with(files("../outside/fly.toml", appOnly), symlink("../outside/fly.toml", "fly.toml")), []string{"-format", "json", "$DIR/fly.toml"}, ExitFindings, "fly.toml is a symlink that leads outside", 1},
		{"dangling fly.toml symlink", symlink("nothere.toml", "fly.toml"), []string{"$DIR/fly.toml"}, ExitUsage, "fly.toml: no such file or directory", 0},
		{"directory named fly.toml", mkdir("fly.toml"), nil, ExitUsage, "001/fly.toml (a directory)", 0},
		{"FIFO fly.toml named", fifo("fly.toml"), []string{"$DIR/fly.toml"}, ExitUsage, "fly.toml: not a regular file", 0},
		{"FIFO fly.staging.toml beside a fly.toml", with(files("fly.toml", httpApp), fifo("fly.staging.toml")), nil, ExitClean, "", 0},
		{"fly.toml is /dev/zero", symlink("/dev/zero", "fly.toml"), []string{"$DIR/fly.toml"}, ExitUsage, "fly.toml: not a regular file", 0},
		{"/dev/zero as the path", nil, []string{"/dev/zero"}, ExitUsage, "/dev/zero: not a regular file", 0},
		{"unreadable fly.toml", with(files("fly.toml", appOnly), unreadable("fly.toml")), nil, ExitFindings, "permission denied", 1},
		{"no fly.toml", nil, nil, ExitUsage, "no fly.toml", 0},
		{"10,000 apps", manyApps(10000), nil, ExitFindings, "a09000/fly.toml:3:19: port-out-of-range", 10},

		// Go.
		{"Go with cgo", files("fly.toml", httpApp, "go.mod", goModule, "main.go", "package main\n\n// int two(void) { return 2; }\nimport \"C\"\n\nfunc main() { _ = C.two() }\n"), nil, ExitClean, "main.go:4:8: go-analysis-incomplete: Go analysis of this app is incomplete: cgo files were not analysed: main.go (in ", 1},
		{"Go syntax error", files("fly.toml", httpApp, "go.mod", goModule, "main.go", "package main\nfunc main() {\n"), nil, ExitClean, "main.go:2:15: expected '}', found 'EOF'", 1},
		{"Go type error", files("fly.toml", httpApp, "go.mod", goModule, "main.go", "package main\nfunc main() { nope() }\n"), nil, ExitClean, "main.go:2:15: go-analysis-incomplete: Go analysis of this app is incomplete: x: undefined: nope.", 1},
		{"go.mod bad go directive", files("fly.toml", httpApp, "go.mod", "module x\n\ngo banana\n", "main.go", goMain), nil, ExitClean, "go.mod:3: invalid go version 'banana'", 1},
		{"go.mod needs a newer Go", files("fly.toml", httpApp, "go.mod", "module x\n\ngo 1.99\n", "main.go", goMain), nil, ExitClean, "go.mod requires go >= 1.99", 1},
		{"go.mod requires a missing module", files("fly.toml", httpApp, "go.mod", goModule+"\nrequire example.com/nothere v1.2.3\n", "main.go", "package main\n\nimport _ \"example.com/nothere\"\n\nfunc main() {}\n"), nil, ExitClean, "missing go.sum entry for module providing package example.com/nothere", 1},
		{"go.sum names a module not in the cache", files("fly.toml", httpApp, "go.mod", goModule+"\nrequire example.com/nothere v1.2.3\n",
			"go.sum", "example.com/nothere v1.2.3 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/nothere v1.2.3/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
			"main.go", "package main\n\nimport _ \"example.com/nothere\"\n\nfunc main() {}\n"), nil, ExitClean, "module lookup disabled by GOPROXY=off", 1},
		{"main package of build-constrained files", files("fly.toml", httpApp, "go.mod", goModule, "main.go", "//go:build ignore\n\n"+goMain, "w.go", "//go:build windows\n\npackage main\n"), nil, ExitClean, "", 0},

		// .flylint.toml.
		{".flylint.toml unknown key", files("fly.toml", httpApp, ".flylint.toml", "bogus = 1\n"), nil, ExitUsage, `.flylint.toml:1:1: unknown key "bogus"`, 0},
		{".flylint.toml wrong type", files("fly.toml", httpApp, ".flylint.toml", "fail-on = 3\n"), nil, ExitUsage, ".flylint.toml:1:11: fail-on must be a string", 0},
		{".flylint.toml bad fail-on", files("fly.toml", httpApp, ".flylint.toml", "fail-on = \"fatal\"\n"), nil, ExitUsage, `.flylint.toml:1:11: fail-on = "fatal" is not a severity`, 0},
		{".flylint.toml bad rule severity", files("fly.toml", httpApp, ".flylint.toml", "[severity]\nloopback-bind = \"fatal\"\n"), nil, ExitUsage, `.flylint.toml:2:17: severity.loopback-bind = "fatal" is not a severity`, 0},
		{".flylint.toml unknown rule in disable", files("fly.toml", httpApp, ".flylint.toml", "disable = [\"nope\"]\n"), nil, ExitUsage, `.flylint.toml:1:12: disable: "nope" is not a flylint rule id`, 0},
		{".flylint.toml unknown rule in [severity]", files("fly.toml", httpApp, ".flylint.toml", "[severity]\nno-such-rule = \"error\"\n"), nil, ExitUsage, `.flylint.toml:2:1: [severity] "no-such-rule" is not a flylint rule id`, 0},
		{".flylint.toml invalid TOML", files("fly.toml", httpApp, ".flylint.toml", "disable = [\n"), nil, ExitUsage, ".flylint.toml:1:12: invalid TOML: array is incomplete", 0},
		{".flylint.toml CRLF positions", files("fly.toml", httpApp, ".flylint.toml", "fail-on = \"error\"\r\nbogus = 1\r\n"), nil, ExitUsage, `.flylint.toml:2:1: unknown key "bogus"`, 0},
		{".flylint.toml NUL", files("fly.toml", httpApp, ".flylint.toml", "fail-on = \"err\x00or\"\n"), nil, ExitUsage, ".flylint.toml:1:15: invalid TOML", 0},
		{".flylint.toml empty", files("fly.toml", httpApp, ".flylint.toml", ""), nil, ExitClean, "", 0},
		{".flylint.toml is a directory", with(files("fly.toml", httpApp), mkdir(".flylint.toml")), nil, ExitUsage, ".flylint.toml is a directory", 0},
		{"-config /dev/zero", files("fly.toml", httpApp), []string{"-config", "/dev/zero", "$DIR"}, ExitUsage, "-config: /dev/zero is not a regular file", 0},
		{"-config is a FIFO", with(files("fly.toml", httpApp), fifo("cfg.toml")), []string{"-config", "$DIR/cfg.toml", "$DIR"}, ExitUsage, "cfg.toml is not a regular file", 0},
		{"-config missing", files("fly.toml", httpApp), []string{"-config", "$DIR/nope.toml", "$DIR"}, ExitUsage, "nope.toml: no such file or directory", 0},

		// Command line.
		{"unknown flag", files("fly.toml", httpApp), []string{"-frobnicate", "$DIR"}, ExitUsage, "flag provided but not defined: -frobnicate\nRun 'flylint -h' for the flags.", 0},
		{"-format bogus", files("fly.toml", httpApp), []string{"-format", "bogus", "$DIR"}, ExitUsage, `-format: unknown format "bogus" (want checkstyle, compact, github, gitlab, json, junit, sarif, text)`, 0},
		{"-fail-on bogus", files("fly.toml", httpApp), []string{"-fail-on", "bogus", "$DIR"}, ExitUsage, `-fail-on: unknown severity "bogus"`, 0},
		{"-enable bogus", files("fly.toml", httpApp), []string{"-enable", "bogus", "$DIR"}, ExitUsage, `-enable: unknown rule "bogus"`, 0},
		{"-o into a missing directory", files("fly.toml", port("0")), []string{"-format", "json", "-o", "$OUT/missing/report.json", "$DIR"}, ExitUsage, "missing/report.json: directory ", 0},
		{"-o into a read-only directory", with(files("fly.toml", port("0")), readOnlyDir), []string{"-format", "sarif", "-o", readOnlyTarget(), "$DIR"}, ExitUsage, "report.json: cannot create a file in", 0},
		{"-o json complete", files("fly.toml", port("0")), []string{"-format", "json", "-o", "$OUT/report.json", "$DIR"}, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"-o sarif complete", files("fly.toml", port("0")), []string{"-format", "sarif", "-o", "$OUT/report.sarif", "$DIR"}, ExitFindings, `"ruleId": "port-out-of-range"`, 0},
		{"-o not written on a config error", files("fly.toml", port("0"), ".flylint.toml", "bogus = 1\n"), []string{"-format", "json", "-o", "$OUT/report.json", "$DIR"}, ExitUsage, "unknown key", 0},
		{"-diff without -fix", files("fly.toml", httpApp), []string{"-diff", "$DIR"}, ExitUsage, "-diff goes with -fix", 0},
		{"nonexistent path", nil, []string{"$DIR/nope"}, ExitUsage, "nope: no such file or directory", 0},
		{"empty path", nil, []string{""}, ExitUsage, "an empty path was given", 0},
		{"a path given twice", files("fly.toml", port("0")), []string{"-format", "json", "$DIR", "$DIR"}, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"a directory and its fly.toml", files("fly.toml", port("0")), []string{"-format", "json", "$DIR", "$DIR/fly.toml"}, ExitFindings, "fly.toml:3:19: port-out-of-range", 1},
		{"-- then a path starting with -", files("-app/fly.toml", port("0")), []string{"-format", "json", "--", "$DIR/-app"}, ExitFindings, "-app/fly.toml:3:19: port-out-of-range", 1},
		{"a relative path starting with - without --", nil, []string{"-app"}, ExitUsage, "flag provided but not defined: -app", 0},
	}
	if len(rows) < 45 {
		t.Fatalf("%d rows; the robustness suite keeps at least 45", len(rows))
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			row.run(t)
		})
	}
}

// utf16 encodes ASCII s as UTF-16LE with a byte order mark, as Windows
// editors save "Unicode" files.
func utf16(s string) string {
	b := []byte{0xff, 0xfe}
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return string(b)
}
