package suppress

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// brief renders a directive as "line:col-endcol covers L rules=[..] reason=..".
func brief(d Directive) string {
	var rr []string
	for _, r := range d.RuleRanges {
		rr = append(rr, fmt.Sprintf("%d:%d-%d", r.Start.Line, r.Start.Col, r.End.Col))
	}
	return fmt.Sprintf("%d:%d-%d:%d covers %d rules=%q at %v reason=%q",
		d.Range.Start.Line, d.Range.Start.Col, d.Range.End.Line, d.Range.End.Col, d.Line, d.Rules, rr, d.Reason)
}

func briefs(ds []Directive) []string {
	var out []string
	for _, d := range ds {
		out = append(out, brief(d))
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		src  string
		want []string
	}{
		{"toml trailing", TOML,
			"app = \"x\"\ninternal_port = 8080 # flylint:ignore internal-port-mismatch proxied by a sidecar\n",
			[]string{`2:22-2:82 covers 2 rules=["internal-port-mismatch"] at [2:39-61] reason="proxied by a sidecar"`}},
		{"toml line above", TOML,
			"# flylint:ignore loopback-bind debug only\n[http_service]\n",
			[]string{`1:1-1:42 covers 2 rules=["loopback-bind"] at [1:18-31] reason="debug only"`}},
		{"toml indented own line", TOML,
			"[env]\n  #flylint:ignore env-fly-prefix set by our wrapper\n  FLY_X = \"1\"\n",
			[]string{`2:3-2:52 covers 3 rules=["env-fly-prefix"] at [2:19-33] reason="set by our wrapper"`}},
		{"stacked directives", TOML,
			"# flylint:ignore a why a\n# plain comment\n# flylint:ignore b why b\nx = 1\n",
			[]string{
				`1:1-1:25 covers 4 rules=["a"] at [1:18-19] reason="why a"`,
				`3:1-3:25 covers 4 rules=["b"] at [3:18-19] reason="why b"`,
			}},
		{"blank line ends the reach", TOML,
			"# flylint:ignore a why\n\nx = 1\n",
			[]string{`1:1-1:23 covers 2 rules=["a"] at [1:18-19] reason="why"`}},
		{"multiple rules", TOML,
			"x = 1 # flylint:ignore a,b,c  three at once \n",
			[]string{`1:7-1:45 covers 1 rules=["a" "b" "c"] at [1:24-25 1:26-27 1:28-29] reason="three at once"`}},
		{"rules with spaces after commas", TOML,
			"x = 1 # flylint:ignore a, b,\tc reason\n",
			[]string{`1:7-1:38 covers 1 rules=["a" "b" "c"] at [1:24-25 1:27-28 1:30-31] reason="reason"`}},
		{"missing reason", TOML,
			"x = 1 # flylint:ignore a\n",
			[]string{`1:7-1:25 covers 1 rules=["a"] at [1:24-25] reason=""`}},
		{"no rules", TOML,
			"x = 1 #flylint:ignore   \n",
			[]string{`1:7-1:25 covers 1 rules=[] at [] reason=""`}},
		{"not directives", TOML,
			"# flylint:ignored a b\n# flylint:flycast\n# flylint: ignore a b\n# see flylint:ignore a b\nx = 1\n",
			nil},
		{"hash in strings", TOML,
			"a = \"# flylint:ignore r basic\"\n" +
				"b = '# flylint:ignore r literal'\n" +
				"c = \"\"\"\n# flylint:ignore r multi\n\\\"\"\" # flylint:ignore r still inside\n\"\"\"\n" +
				"d = '''\n# flylint:ignore r multi literal\n'''' # flylint:ignore r after quote\n" +
				"\"#k\" = \"\\\"# flylint:ignore r escaped\" # flylint:ignore r real\n",
			[]string{
				`9:6-9:36 covers 9 rules=["r"] at [9:23-24] reason="after quote"`,
				`10:39-10:62 covers 10 rules=["r"] at [10:56-57] reason="real"`,
			}},
		{"toml inside array", TOML,
			"ports = [\n  # flylint:ignore r why\n  80,\n  443, # flylint:ignore s why\n]\n",
			[]string{
				`2:3-2:25 covers 3 rules=["r"] at [2:20-21] reason="why"`,
				`4:8-4:30 covers 4 rules=["s"] at [4:25-26] reason="why"`,
			}},
		{"toml crlf", TOML,
			"# flylint:ignore a why\r\nx = 1 # flylint:ignore b why\r\n",
			[]string{
				`1:1-1:23 covers 2 rules=["a"] at [1:18-19] reason="why"`,
				`2:7-2:29 covers 2 rules=["b"] at [2:24-25] reason="why"`,
			}},
		{"toml invalid document", TOML,
			"x = = 1\n# flylint:ignore toml-syntax fixture\ny = [\n",
			[]string{`2:1-2:37 covers 3 rules=["toml-syntax"] at [2:18-29] reason="fixture"`}},
		{"dockerfile", Dockerfile,
			"# syntax=docker/dockerfile:1\nFROM golang\n# flylint:ignore expose-mismatch port set at run time\nEXPOSE 80\n",
			[]string{`3:1-3:54 covers 4 rules=["expose-mismatch"] at [3:18-33] reason="port set at run time"`}},
		{"dockerfile trailing hash is an argument", Dockerfile,
			"FROM x\nEXPOSE 80 # flylint:ignore expose-mismatch why\n",
			nil},
		{"dockerfile inside continuation", Dockerfile,
			"FROM x\nCMD [\"a\", \\\n  # flylint:ignore loopback-bind why\n  \"--host=127.0.0.1\"]\n",
			[]string{`3:3-3:37 covers 4 rules=["loopback-bind"] at [3:20-33] reason="why"`}},
		{"dockerfile heredoc body is not a comment", Dockerfile,
			"FROM x\nRUN <<EOF\n# flylint:ignore a inside heredoc\nEOF\nCOPY <<-'END' /f\n\t# flylint:ignore b inside\n\tEND\n# flylint:ignore c after\nCMD x\n",
			[]string{`8:1-8:25 covers 9 rules=["c"] at [8:18-19] reason="after"`}},
		{"dockerfile escape directive", Dockerfile,
			"# escape=`\nFROM x\nRUN <<EOF `\n  && y\n# flylint:ignore a inside\nEOF\n# flylint:ignore b why\nCMD z\n",
			[]string{`7:1-7:23 covers 8 rules=["b"] at [7:18-19] reason="why"`}},
		{"dockerfile crlf", Dockerfile,
			"FROM x\r\n  # flylint:ignore a why\r\nCMD y\r\n",
			[]string{`2:3-2:25 covers 3 rules=["a"] at [2:20-21] reason="why"`}},
		{"go", Go,
			"package p\n\n//flylint:ignore loopback-bind test server\nvar a = \"127.0.0.1:80\"\nvar b = \"//flylint:ignore x in a string\" // flylint:ignore y trailing\n",
			[]string{
				`3:1-3:43 covers 4 rules=["loopback-bind"] at [3:18-31] reason="test server"`,
				`5:42-5:70 covers 5 rules=["y"] at [5:60-61] reason="trailing"`,
			}},
		{"go raw string and block comment", Go,
			"package p\n\nvar a = `x\n//flylint:ignore x not a comment\n` //flylint:ignore y end of raw string\n/* flylint:ignore z block */\nvar b = 1\n",
			[]string{`5:3-5:39 covers 5 rules=["y"] at [5:20-21] reason="end of raw string"`}},
		{"go crlf", Go,
			"package p\r\n\r\n//flylint:ignore a why\r\nvar a = 1 //flylint:ignore b why\r\n",
			[]string{
				`3:1-3:23 covers 4 rules=["a"] at [3:18-19] reason="why"`,
				`4:11-4:33 covers 4 rules=["b"] at [4:28-29] reason="why"`,
			}},
		{"go broken file", Go,
			"package p\nfunc {\n//flylint:ignore a why\nx := \"\n",
			[]string{`3:1-3:23 covers 4 rules=["a"] at [3:18-19] reason="why"`}},
		{"go with a NUL byte is not Go", Go, "package p\x00\n//flylint:ignore a why\nvar x = 1\n", nil},
		{"toml with a NUL byte", TOML, "x = \"\x00\"\n# flylint:ignore a why\ny = 1\n",
			[]string{`2:1-2:23 covers 3 rules=["a"] at [2:18-19] reason="why"`}},
		{"unknown lang", 0, "# flylint:ignore a b\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(Parse("f", []byte(tt.src), tt.lang))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseOffsets(t *testing.T) {
	src := "a = 1\r\nb = 2 # flylint:ignore r why\r\n"
	ds := Parse("fly.toml", []byte(src), TOML)
	if len(ds) != 1 {
		t.Fatal(ds)
	}
	d := ds[0]
	if d.Range.File != "fly.toml" || src[d.Range.Start.Offset:d.Range.End.Offset] != "# flylint:ignore r why" {
		t.Errorf("range %+v", d.Range)
	}
	if r := d.RuleRanges[0]; src[r.Start.Offset:r.End.Offset] != "r" {
		t.Errorf("rule range %+v", r)
	}
	gosrc := "package p\r\nvar x = 1 //flylint:ignore r\rwhy\r\n"
	ds = Parse("x.go", []byte(gosrc), Go)
	if len(ds) != 1 || gosrc[ds[0].Range.Start.Offset:ds[0].Range.End.Offset] != "//flylint:ignore r\rwhy" {
		t.Errorf("go range %+v", ds)
	}
}

func TestLangOf(t *testing.T) {
	for name, want := range map[string]Lang{
		"fly.toml": TOML, "apps/web/fly.staging.toml": TOML, "Dockerfile": Dockerfile,
		"docker/Dockerfile.prod": Dockerfile, "web.dockerfile": Dockerfile, "Containerfile": Dockerfile,
		"main.go": Go, `dir\main.go`: Go, "README.md": 0, "go.mod": 0,
	} {
		if got := LangOf(name); got != want {
			t.Errorf("LangOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestParseHuge(t *testing.T) {
	line := "x = \"# not a comment\" # flylint:ignore r why\n"
	src := strings.Repeat(line, 200_000) // ~9 MB
	if n := len(Parse("f", []byte(src), TOML)); n != 200_000 {
		t.Errorf("got %d directives", n)
	}
}

func TestParseStackedRun(t *testing.T) {
	// 200k stacked directives above one line: each covers it, in linear time.
	src := strings.Repeat("# flylint:ignore a why\n", 200_000) + "x = 1\n"
	ds := Parse("f", []byte(src), TOML)
	if len(ds) != 200_000 || ds[0].Line != 200_001 || ds[len(ds)-1].Line != 200_001 {
		t.Errorf("got %d directives, first covers %d", len(ds), ds[0].Line)
	}
}
