package config

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
)

// known stands in for the rule registry.
func known(id string) bool {
	switch id {
	case "loopback-bind", "expose-mismatch", "raw-tcp-on-shared-ipv4", "unknown-key":
		return true
	}
	return false
}

func TestLoadHappyPath(t *testing.T) {
	src := `# comment
fail-on = "error"
enable = ["unknown-key"]
disable = ["raw-tcp-on-shared-ipv4", "loopback-bind"]
exclude = ["examples", "**/testdata"]
no-inline-ignore = true

[severity]
expose-mismatch = "warning"
"loopback-bind" = 'info'

[apps.orders-api]
flycast = true

[apps."web"]
flycast = false
dedicated-ipv4 = true
`
	c, err := Load("repo/.flylint.toml", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != "repo/.flylint.toml" {
		t.Errorf("Path = %q", c.Path)
	}
	if c.FailOn == nil || *c.FailOn != diag.Error {
		t.Errorf("FailOn = %v", c.FailOn)
	}
	if want := []string{"unknown-key"}; !reflect.DeepEqual(c.Enable, want) {
		t.Errorf("Enable = %q", c.Enable)
	}
	if want := []string{"raw-tcp-on-shared-ipv4", "loopback-bind"}; !reflect.DeepEqual(c.Disable, want) {
		t.Errorf("Disable = %q", c.Disable)
	}
	if want := []string{"examples", "**/testdata"}; !reflect.DeepEqual(c.Exclude, want) {
		t.Errorf("Exclude = %q", c.Exclude)
	}
	if !c.NoInlineIgnore {
		t.Error("NoInlineIgnore = false")
	}
	wantSev := map[string]diag.Severity{"expose-mismatch": diag.Warning, "loopback-bind": diag.Info}
	if !reflect.DeepEqual(c.Severity, wantSev) {
		t.Errorf("Severity = %v", c.Severity)
	}
	if len(c.Apps) != 2 || !c.Apps["orders-api"].Flycast || c.Apps["web"].Flycast {
		t.Errorf("Apps = %+v", c.Apps)
	}
	r := c.Apps["orders-api"].Range
	if r.File != "repo/.flylint.toml" || r.Start.Line != 12 || r.Start.Col != 7 || r.End.Col != 17 {
		t.Errorf("orders-api range = %+v", r)
	}
	if !c.Flycast("orders-api") || c.Flycast("web") || c.Flycast("nope") {
		t.Error("Flycast()")
	}
	if !c.DedicatedIPv4("web") || c.DedicatedIPv4("orders-api") || c.DedicatedIPv4("nope") {
		t.Error("DedicatedIPv4()")
	}
	if c.Enabled("raw-tcp-on-shared-ipv4", true) || !c.Enabled("unknown-key", false) || !c.Enabled("expose-mismatch", true) || c.Enabled("expose-mismatch", false) {
		t.Error("Enabled()")
	}
	if c.SeverityOf("loopback-bind", diag.Error) != diag.Info || c.SeverityOf("unknown-key", diag.Warning) != diag.Warning {
		t.Error("SeverityOf()")
	}
}

// The same settings spelt with dotted keys and inline tables.
func TestLoadOtherSpellings(t *testing.T) {
	src := "severity.expose-mismatch = \"info\"\napps = { a = { flycast = true }, b.flycast = true }\n"
	c, err := Load("f", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	if c.Severity["expose-mismatch"] != diag.Info || !c.Apps["a"].Flycast || !c.Apps["b"].Flycast {
		t.Errorf("got %+v", c)
	}
	if c.FailOn != nil {
		t.Errorf("FailOn = %v, want nil when unset", *c.FailOn)
	}
}

func TestLoadEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n# only a comment\n", "\uFEFF"} {
		c, err := Load("f", []byte(src), nil)
		if err != nil || c == nil || c.FailOn != nil || c.Apps != nil {
			t.Errorf("Load(%q) = %+v, %v", src, c, err)
		}
	}
}

func TestNilConfig(t *testing.T) {
	var c *Config
	if !c.Enabled("x", true) || c.Enabled("x", false) || c.SeverityOf("x", diag.Info) != diag.Info || c.Flycast("a") || c.Excluded("a") {
		t.Error("nil Config must mean defaults")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // file:line:col: message
	}{
		{"bad severity", "fail-on = \"fatal\"\n",
			[]string{`c.toml:1:11: fail-on = "fatal" is not a severity; use "error", "warning" or "info"`}},
		{"severity alias", "fail-on = \"warn\"\n",
			[]string{`c.toml:1:11: fail-on = "warn" is not a severity; use "error", "warning" or "info" (did you mean "warning"?)`}},
		{"severity type", "\n  fail-on = 2\n",
			[]string{`c.toml:2:13: fail-on must be a string: "error", "warning" or "info", not an integer`}},
		{"unknown top key", "fail_on = \"error\"\n",
			[]string{`c.toml:1:1: unknown key "fail_on" (did you mean "fail-on"?)`}},
		{"unknown key no suggestion", "colour = true\n",
			[]string{`c.toml:1:1: unknown key "colour"; valid keys: fail-on, enable, disable, severity, apps, exclude, no-inline-ignore`}},
		{"typo key", "[severty]\n",
			[]string{`c.toml:1:2: unknown key "severty" (did you mean "severity"?)`}},
		{"unknown rule in severity", "[severity]\nloopback-bind = \"error\"\nno-such-rule = \"error\"\n",
			[]string{"c.toml:3:1: [severity] \"no-such-rule\" is not a flylint rule id (`flylint rules` lists them)"}},
		{"bad severity value in table", "[severity]\nexpose-mismatch = \"fatal\"\n",
			[]string{`c.toml:2:19: severity.expose-mismatch = "fatal" is not a severity; use "error", "warning" or "info"`}},
		{"severity not a table", "severity = \"error\"\n",
			[]string{`c.toml:1:12: severity must be a table, not a string`}},
		{"quoted key with equals", "[severity]\n\"loopback-bind\" = [1]\n",
			[]string{`c.toml:2:19: severity.loopback-bind must be a string: "error", "warning" or "info", not an array`}},
		{"unknown rule in disable", "disable = [\"loopback-bind\",\n  \"nope\"]\n",
			[]string{"c.toml:2:3: disable: \"nope\" is not a flylint rule id (`flylint rules` lists them)"}},
		{"disable not array", "disable = \"loopback-bind\"\n",
			[]string{`c.toml:1:11: disable must be an array, not a string`}},
		{"element types", "enable = [1, [\"x\"], { a = 1 }]\n",
			[]string{
				`c.toml:1:11: enable must list rule ids as strings, not an integer`,
				`c.toml:1:14: enable must list rule ids as strings, not an array`,
				`c.toml:1:21: enable must list rule ids as strings, not an inline table`,
			}},
		{"duplicate in list", "disable = [\"loopback-bind\", \"loopback-bind\"]\n",
			[]string{`c.toml:1:29: disable lists "loopback-bind" twice (also at line 1)`}},
		{"enable and disable", "disable = [\"loopback-bind\"]\nenable = [\"unknown-key\", \"loopback-bind\"]\n",
			[]string{`c.toml:2:26: rule "loopback-bind" is in both enable and disable (disable is at line 1); keep it in one list`}},
		{"app key", "[apps.web]\nflycast = true\nflycats = true\n",
			[]string{`c.toml:3:1: unknown key "apps.web.flycats" (did you mean "apps.web.flycast"?)`}},
		{"app value type", "[apps.web]\nflycast = \"yes\"\n",
			[]string{`c.toml:2:11: apps.web.flycast must be a boolean, not a string`}},
		{"dedicated-ipv4 value type", "[apps.game]\ndedicated-ipv4 = 1\n",
			[]string{`c.toml:2:18: apps.game.dedicated-ipv4 must be a boolean, not an integer`}},
		{"dedicated-ipv4 misspelt", "[apps.game]\ndedicated_ipv4 = true\n",
			[]string{`c.toml:2:1: unknown key "apps.game.dedicated_ipv4" (did you mean "apps.game.dedicated-ipv4"?)`}},
		{"app not table", "apps.web = true\n",
			[]string{`c.toml:1:12: apps.web must be a table, not a boolean`}},
		{"apps array of tables", "[[apps]]\nflycast = true\n",
			[]string{`c.toml:1:3: apps must be a table, not an array of tables`}},
		{"no-inline-ignore type", "no-inline-ignore = 1\n",
			[]string{`c.toml:1:20: no-inline-ignore must be a boolean, not an integer`}},
		{"bad globs", "exclude = [\"a/[b\", \"/abs\", \"../up\", \"\", 'a\\b', 3]\n",
			[]string{
				`c.toml:1:12: exclude: "a/[b" is not a valid glob (check its [ ] brackets and { } braces)`,
				`c.toml:1:20: exclude: "/abs" is absolute; exclude globs are relative to the directory of .flylint.toml`,
				`c.toml:1:28: exclude: "../up" climbs out with ".."; flylint only lints below the config file`,
				`c.toml:1:37: exclude: "" is empty`,
				`c.toml:1:41: exclude: "a\\b" uses '\'; write paths with '/' (and [\\*] is not supported)`,
				`c.toml:1:48: exclude must list globs as strings, not an integer`,
			}},
		{"duplicate key", "fail-on = \"error\"\n\nfail-on = \"info\"\n",
			[]string{`c.toml:3:1: fail-on is already set at line 1`}},
		{"duplicate table", "[severity]\n[apps]\n[severity]\n",
			[]string{`c.toml:3:2: severity is already defined at line 1`}},
		{"header over value", "apps = 1\n[apps.web]\n",
			[]string{`c.toml:2:2: apps is an integer (line 1), not a table`}},
		{"dotted over value", "apps = 1\napps.web.flycast = true\n",
			[]string{`c.toml:2:1: apps is an integer (line 1), not a table`}},
		{"extend inline table", "apps = { web = { flycast = true } }\n[apps.api]\n",
			[]string{`c.toml:2:2: apps is an inline table (line 1), which TOML closes where it is written; move these keys into it`}},
		{"invalid toml", "fail-on = \"error\"\ndisable = [\"a\",\n",
			// go-toml reports the end of input at its last byte.
			[]string{`c.toml:2:16: invalid TOML: array is incomplete`}},
		{"invalid toml mid-line", "fail-on = error\n",
			[]string{`c.toml:1:11: invalid TOML: unexpected character U+0065 'e' at start of value`}},
		{"unterminated string", "fail-on = \"error\n",
			[]string{`c.toml:1:17: invalid TOML: basic strings cannot have new lines`}},
		{"crlf positions", "fail-on = \"info\"\r\n\r\n[apps.web]\r\nflycast = 0\r\n",
			[]string{`c.toml:4:11: apps.web.flycast must be a boolean, not an integer`}},
		{"bom positions", "\uFEFFcolor = 1\n",
			[]string{`c.toml:1:4: unknown key "color"; valid keys: fail-on, enable, disable, severity, apps, exclude, no-inline-ignore`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load("c.toml", []byte(tt.src), known)
			if c != nil {
				t.Errorf("config = %+v, want nil on error", c)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v (%T), want ErrorList", err, err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
			var first *Error
			if !errors.As(err, &first) || first != list[0] {
				t.Error("errors.As does not reach the first *Error")
			}
			if err.Error() != strings.Join(got, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestErrorRangeEnd(t *testing.T) {
	_, err := Load("c.toml", []byte("[severity]\nexpose-mismatch = \"fatal\"\n"), known)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if e.Range.Start.Offset != 29 || e.Range.End.Offset != 36 || e.Range.End.Col != 26 {
		t.Errorf("range = %+v, want the quoted value", e.Range)
	}
}

var example = regexp.MustCompile(`^(# [a-z-]+ = |# \[|  # ")`)

func TestStarterLoads(t *testing.T) {
	c, err := Load(Name, Starter(), func(string) bool { return false })
	if err != nil {
		t.Fatalf("starter does not load:\n%v", err)
	}
	if c.FailOn == nil || *c.FailOn != diag.Warning || len(c.Disable) != 0 || c.NoInlineIgnore {
		t.Errorf("starter = %+v", c)
	}
	// Uncommenting the examples must also give a valid file.
	var lines []string
	for _, l := range strings.Split(string(Starter()), "\n") {
		if example.MatchString(l) {
			l = strings.Replace(l, "# ", "", 1)
		}
		lines = append(lines, l)
	}
	all := func(string) bool { return true }
	c, err = Load(Name, []byte(strings.Join(lines, "\n")), all)
	if err != nil {
		t.Fatalf("uncommented starter does not load:\n%v\n%s", err, strings.Join(lines, "\n"))
	}
	if !c.Flycast("orders-api") || c.Severity["expose-mismatch"] != diag.Warning || len(c.Exclude) != 2 || len(c.Disable) != 1 {
		t.Errorf("uncommented starter = %+v", c)
	}
	if b := Starter(); &b[0] == &starter[0] {
		t.Error("Starter returns the embedded slice; callers could change it")
	}
}

func TestLoadLimits(t *testing.T) {
	_, err := Load("c.toml", make([]byte, MaxSize+1), nil)
	if err == nil || err.Error() != "c.toml:1:1: the file is 1048577 bytes, more than the 1048576 a .flylint.toml may have; is this the right file?" {
		t.Errorf("err = %v", err)
	}
	src := strings.Repeat("x = 1\n", 60) // 59 duplicates
	_, err = Load("c.toml", []byte(src), nil)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != maxErrors+1 || list[maxErrors].Error() != "c.toml:52:1: and 9 more errors" {
		t.Errorf("got %d errors, last %v", len(list), list[len(list)-1])
	}
}
