package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBadInputBounds holds the inputs built to cost time or memory:
// commands nested until the shell parser's stack overflows, variables
// that double until they are gigabytes, and paths that name a FIFO, a
// device or a socket where a file belongs. Each row runs the real binary
// under hostileBound (2 s of CPU, 256 MB), with the exact finding or
// error and exit code it must give.
func TestBadInputBounds(t *testing.T) {
	rows := []badRow{
		// Start commands nested past MaxNesting, or longer than
		// MaxCommandLen: skipped before the shell parser sees them, with
		// the opener that passed the limit as the position.
		{"[processes] $(( a million deep", proc("echo " + nest("$((", "))", 1000000)), nil, ExitFindings,
			`fly.toml:3:10: input-limit: The command of process group "web" is 5000006 bytes long, past flylint's limit of 65536 bytes for a command, so flylint skipped it instead of parsing it`, 1},
		{"[processes] $(( 10,000 deep", proc("echo " + nest("$((", "))", 10000)), nil, ExitFindings,
			`fly.toml:3:207: input-limit: The command of process group "web" nests $( ), ( ), { }, ${ } or quotes 10000 deep, past flylint's limit of 64, so flylint skipped it instead of parsing it`, 1},
		{"[processes] $( a million deep", proc("echo " + nest("$(", ")", 1000000)), nil, ExitFindings,
			`fly.toml:3:10: input-limit: The command of process group "web" is 3000006 bytes long, past flylint's limit of 65536 bytes`, 1},
		{"[processes] $( 20,000 deep", proc("echo " + nest("$(", ")", 20000)), nil, ExitFindings,
			`fly.toml:3:143: input-limit: The command of process group "web" nests $( ), ( ), { }, ${ } or quotes 20000 deep, past flylint's limit of 64`, 1},
		{"[processes] backquotes inside $( 10,000 deep", proc("echo " + nest("$(`", "`)", 10000)), nil, ExitFindings,
			`fly.toml:3:111: input-limit: The command of process group "web" nests $( ), ( ), { }, ${ } or quotes 20000 deep, past flylint's limit of 64`, 1},
		{"[processes] ${a:-${a:-… 10,000 deep", proc("echo " + nest("${a:-", "}", 10000)), nil, ExitFindings,
			`fly.toml:3:335: input-limit: The command of process group "web" nests $( ), ( ), { }, ${ } or quotes 10000 deep, past flylint's limit of 64`, 1},
		{"[processes] sh -c with quoted $( 10,000 deep", procBasic(`sh -c '` + strings.ReplaceAll(nest(`"$(`, `)"`, 10000), `"`, `\"`) + `'`), nil, ExitFindings,
			`fly.toml:3:9: input-limit: The shell command of [processes] web nests $( ), ( ), { }, ${ } or quotes 20000 deep, past flylint's limit of 64`, 1},
		{"[processes] one 1 MB command", proc("exec server " + strings.Repeat("a", 1<<20)), nil, ExitFindings,
			`fly.toml:3:10: input-limit: The command of process group "web" is 1048588 bytes long, past flylint's limit of 65536 bytes for a command, so flylint skipped it instead of parsing it: the ports it listens on are not known, and port rules say nothing about it. Move the script into a file in the image and run that file.`, 1},
		{"[experimental] cmd sh -c with subshells 20,000 deep", files("fly.toml", "app = \"x\"\n[experimental]\n  cmd = [\"sh\", \"-c\", \""+nest("(", ")", 20000)+"\"]\n"), nil, ExitFindings,
			`fly.toml:3:22: input-limit: The shell command of [experimental] cmd nests $( ), ( ), { }, ${ } or quotes 20000 deep, past flylint's limit of 64`, 1},
		{"Dockerfile CMD with groups 10,000 deep", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nCMD "+nest("{ ", "; }", 10000)+"\n"), nil, ExitFindings,
			`Dockerfile:2:133: input-limit: The shell command of Dockerfile CMD nests $( ), ( ), { }, ${ } or quotes 10000 deep, past flylint's limit of 64`, 1},
		{"Dockerfile ENTRYPOINT of 1 MB over continuation lines", files("fly.toml", appOnly, "Dockerfile", "FROM alpine\nENTRYPOINT exec server"+strings.Repeat(" \\\n  "+strings.Repeat("a", 1000), 1000)+"\n"), nil, ExitFindings,
			`Dockerfile:2:12: input-limit: The shell command of Dockerfile ENTRYPOINT is 1003011 bytes long, past flylint's limit of 65536 bytes for a command`, 1},
		{"1 MB release_command is only split, not parsed", files("fly.toml", "app = \"x\"\n[deploy]\n  release_command = \"migrate "+strings.Repeat("$(", 300000)+"\"\n"), nil, ExitClean, "", 0},

		// package.json scripts that each run the next eight times, twenty
		// deep (8^20 walks), and a 60 KB script run a thousand times:
		// resolving them gives up at its bounds, leaving the command
		// unknown. The second also sits behind 256 RUN lines of a build
		// that [env] NEXT_PUBLIC_X sends flylint looking into.
		{"package.json scripts 8 wide and 20 deep behind npm start", files("fly.toml", appOnly, "Dockerfile", "FROM node\nCMD [\"npm\", \"start\"]\n", "package.json", fanOutScripts()), nil, ExitClean, "", 0},
		{"256 RUN npm run of a 60 KB script run 1,000 times", files("fly.toml", appOnly+"[env]\n  NEXT_PUBLIC_X = \"1\"\n", "Dockerfile", "FROM node\n"+strings.Repeat("RUN npm run build\n", 256)+"CMD [\"npm\", \"run\", \"build\"]\n",
			"package.json", `{"dependencies":{"next":"15"},"scripts":{"big":"`+strings.Repeat("x ", 30<<10)+`","build":"`+strings.TrimSuffix(strings.Repeat("npm run big && ", 1000), " && ")+`"}}`), nil, ExitClean, "", 0},

		// Shell assignments that double a value per step.
		{"[processes] sh -c doubling a variable", procBasic(`sh -c 'a=xxxxxxxxxx; ` + strings.Repeat("a="+strings.Repeat("$a", 10)+"; ", 9) + `exec python -m http.server $a'`), nil, ExitFindings,
			`fly.toml:3:16: input-limit: The shell command of [processes] web expands a word to as much as 100020 bytes, past flylint's limit of 65536, so flylint did not expand it: its value is not known, and neither are the ports that depend on it.`, 1},

		// Dockerfile variables that double per line: gigabytes from a
		// few hundred bytes. The value is unknown from the first one
		// past the limit on, and later lines that read it say nothing.
		{"ENV doubling bomb (379 bytes)", dockerfile(bomb("ENV", "$A%d", 8)), nil, ExitFindings,
			`Dockerfile:6:5: input-limit: This ENV could expand to 100030 bytes, past flylint's limit of 65536 bytes for one value, so flylint did not expand it: the value is unknown, and so is everything that uses it.`, 1},
		{"ENV doubling bomb with braces", dockerfile(bomb("ENV", "${A%d}", 8)), nil, ExitFindings,
			`Dockerfile:6:5: input-limit: This ENV could expand to 100050 bytes, past flylint's limit of 65536 bytes for one value`, 1},
		{"ARG doubling bomb and FROM alpine:${A11}", files("fly.toml", httpApp, "Dockerfile", bomb("ARG", "${A%d}", 11)+"FROM alpine:${A11}\n"+httpServer), nil, ExitFindings,
			`Dockerfile:5:5: input-limit: This ARG could expand to 100050 bytes, past flylint's limit of 65536 bytes for one value`, 1},
		{"ARG bomb in a stage read by WORKDIR and EXPOSE", dockerfile(bomb("ARG", "$A%d", 8) + "WORKDIR /$A8\nEXPOSE $A8\n"), nil, ExitFindings,
			`Dockerfile:6:5: input-limit: This ARG could expand to 100030 bytes`, 1},
		{"ENV ${A:-${A:-… 100,000 deep", dockerfile("ENV B=" + continued(nest("${A:-", "}", 100000)) + "\n"), nil, ExitFindings,
			`Dockerfile:2:5: input-limit: This ENV nests ${ } 100000 deep, past flylint's limit of 64, so flylint did not expand it: the value is unknown, and so is everything that uses it.`, 1},
		{"ENV replacement bomb ${A//?/$A}", dockerfile("ENV A=" + strings.Repeat("x", 4000) + "\nENV B=${A//?/$A}\n"), nil, ExitFindings,
			`Dockerfile:3:5: input-limit: This ENV could expand to more than 4194304 bytes, past flylint's limit of 65536 bytes for one value`, 1},
		{"ENV values that add up past the file's budget", dockerfile("ENV A=" + strings.Repeat("x", 60000) + "\n" + repeat(200, "ENV B%d=$A\n")), nil, ExitFindings,
			`Dockerfile:72:5: input-limit: Variable expansions in this Dockerfile add up to more than 4194304 bytes at this ENV, past flylint's limit, so flylint stopped expanding`, 1},
		{"EXPOSE of a doubled variable", dockerfile(bomb("ENV", "$A%d", 3) + "EXPOSE $A3$A3$A3$A3$A3$A3$A3\n"), nil, ExitFindings,
			`Dockerfile:6:8: input-limit: This EXPOSE could expand to 70021 bytes, past flylint's limit of 65536 bytes for one value`, 1},

		// Readers: what is not a regular file is refused before it is
		// opened for reading, and a file over its cap before it is read.
		{"-baseline FIFO", with(files("fly.toml", httpApp), fifo("b.json")), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json is not a regular file (it is a FIFO); flylint reads only regular files, since reading anything else may block or never end", 0},
		{"-baseline /dev/zero", files("fly.toml", httpApp), []string{"-baseline", "/dev/zero", "$DIR"}, ExitUsage,
			"flylint: -baseline: /dev/zero is not a regular file (it is a character device)", 0},
		{"-baseline symlink to /dev/zero", with(files("fly.toml", httpApp), symlink("/dev/zero", "b.json")), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json is not a regular file (it is a character device)", 0},
		{"-baseline socket", with(files("fly.toml", httpApp), socket("b.json")), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json is not a regular file (it is a socket)", 0},
		{"-baseline directory", with(files("fly.toml", httpApp), mkdir("b.json")), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json is a directory, not a file", 0},
		{"-baseline of 100 MB (sparse)", with(files("fly.toml", httpApp), sparse("b.json", 100<<20)), []string{"-baseline", "$DIR/b.json", "$DIR"}, ExitUsage,
			"b.json: larger than 67108864 bytes", 0},
		{"-config symlink to /dev/zero", with(files("fly.toml", httpApp), symlink("/dev/zero", "cfg.toml")), []string{"-config", "$DIR/cfg.toml", "$DIR"}, ExitUsage,
			"cfg.toml is not a regular file (it is a character device)", 0},
		{"-config socket", with(files("fly.toml", httpApp), socket("cfg.toml")), []string{"-config", "$DIR/cfg.toml", "$DIR"}, ExitUsage,
			"cfg.toml is not a regular file (it is a socket)", 0},
		{".flylint.toml found by discovery is a FIFO", with(files("fly.toml", httpApp), fifo(".flylint.toml")), nil, ExitUsage,
			".flylint.toml is not a regular file", 0},
		{".flylint.toml of 2 MB (sparse)", with(files("fly.toml", httpApp), sparse(".flylint.toml", 2<<20)), nil, ExitUsage,
			".flylint.toml is larger than 1048576 bytes; a .flylint.toml is a few lines", 0},
		{"Dockerfile of 20 MB (sparse)", with(files("fly.toml", httpApp), sparse("Dockerfile", 20<<20)), nil, ExitFindings,
			"Dockerfile is 20 MB; flylint reads files up to 10 MB", 1},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			row.run(t)
		})
	}
}

// nest is open n times, "1", then close n times.
func nest(open, close string, n int) string {
	return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
}

// proc is a fly.toml whose process group "web" runs cmd, written as a
// TOML literal string from line 3, column 10.
func proc(cmd string) func(*testing.T, string) {
	return files("fly.toml", "app = \"x\"\n[processes]\n  web = '"+cmd+"'\n")
}

// procBasic is proc with cmd in a TOML basic string, so that it may
// hold single quotes; cmd must be escaped for TOML.
func procBasic(cmd string) func(*testing.T, string) {
	return files("fly.toml", "app = \"x\"\n[processes]\n  web = \""+cmd+"\"\n")
}

// httpServer ends a Dockerfile with a server on the service's port, so a
// row's only finding is the one it is about.
const httpServer = `CMD ["python", "-m", "http.server", "8080"]` + "\n"

// dockerfile is an app whose Dockerfile is FROM alpine, then body (from
// line 2), then httpServer.
func dockerfile(body string) func(*testing.T, string) {
	return files("fly.toml", httpApp, "Dockerfile", "FROM alpine\n"+body+httpServer)
}

// bomb is "<inst> A1=$A0$A0…" ten references a line after A0's ten
// bytes: A_i would hold 10^(i+1) bytes.
func bomb(inst, ref string, lines int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s A0=xxxxxxxxxx\n", inst)
	for i := 1; i <= lines; i++ {
		fmt.Fprintf(&b, "%s A%d=%s\n", inst, i, strings.Repeat(fmt.Sprintf(ref, i-1), 10))
	}
	return b.String()
}

// continued splits a long word over continuation lines, each under the
// 65,535 bytes docker accepts on one line.
func continued(w string) string {
	var parts []string
	for i := 0; i < len(w); i += 60000 {
		parts = append(parts, w[i:min(i+60000, len(w))])
	}
	return strings.Join(parts, "\\\n")
}

// socket leaves a unix socket at name (bound, then closed: the file stays).
func socket(name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = syscall.Close(fd) }()
		if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: filepath.Join(dir, name)}); err != nil {
			t.Fatal(err)
		}
	}
}

// sparse makes name a file of size bytes that takes no disk space.
func sparse(name string, size int64) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// fanOutScripts is a package.json whose script s<i> runs s<i+1> eight
// times, twenty deep.
func fanOutScripts() string {
	var sb strings.Builder
	sb.WriteString(`{"scripts":{"start":"npm run s0",`)
	for i := range 20 {
		call := fmt.Sprintf("npm run s%d", i+1)
		fmt.Fprintf(&sb, `"s%d": %q,`, i, strings.TrimSuffix(strings.Repeat(call+" && ", 8), " && "))
	}
	sb.WriteString(`"s20": "node x.js"}}`)
	return sb.String()
}
