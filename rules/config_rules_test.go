package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// configRules are the rules that read only fly.toml.
var configRules = []*Rule{
	InvalidValueType, PortAsString, UnknownKey, ServiceWithoutPorts, ServiceMissingInternalPort,
	InvalidProtocol, PortOutOfRange, UnknownHandler, ForceHTTPSWithoutHTTPHandler, DuplicateEdgePort,
	DuplicateService, ServiceProcesses, CheckWithoutPort, CheckTiming, InvalidDeployStrategy,
	CanaryWithMounts, MultipleBuildStrategies, UnsplittableCommand, InvalidMount, InvalidRestartPolicy,
	EnvFlyPrefix, UDPAutoStop,
}

// fixesOf runs one rule over a fixture and returns its fixes as
// "line:col NewText" for each edit, in order.
func fixesOf(t *testing.T, r *Rule, dir string) []string {
	t.Helper()
	ws, err := workspace.Load([]string{dir}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Run(ws, []*Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		for _, f := range d.Fixes {
			if f.Message == "" {
				t.Errorf("%s: fix without a message", d.Range)
			}
			for _, e := range f.Edits {
				out = append(out, fmt.Sprintf("%d:%d %s", e.Start.Line, e.Start.Col, e.NewText))
			}
		}
	}
	return out
}

// Fixes are offered exactly where the change is certain, and not where it
// would break the file (renaming a key that is already set).
func TestConfigFixes(t *testing.T) {
	cases := []struct {
		rule *Rule
		dir  string
		want []string
	}{
		// [http_service.check] is not renamed: [http_service.checks] must be an
		// array of tables, so the rename alone would break the file.
		{UnknownKey, "unknown-key/bad", []string{"5:3 force_https"}},
		{InvalidValueType, "invalid-value-type/bad", []string{"4:19 8080", "11:18 25", `14:16 ["tls"]`}},
		{PortAsString, "port-as-string/bad", []string{"4:19 8080", "7:12 443"}},
		{UnknownHandler, "unknown-handler/bad", []string{`8:26 "http"`, `14:17 "pg_tls"`}},
		{InvalidProtocol, "invalid-protocol/bad", []string{`12:14 "udp"`}},
		{InvalidDeployStrategy, "invalid-deploy-strategy/bad", []string{`4:14 "bluegreen"`}},
		{InvalidRestartPolicy, "invalid-restart-policy/bad", []string{`8:12 "on-failure"`}},
		{CheckTiming, "check-timing/bad", []string{`21:10 "http"`}},
		{UDPAutoStop, "udp-auto-stop/bad_stop", []string{`6:24 "off"`}},
		{UDPAutoStop, "udp-auto-stop/bad_true", []string{`6:24 false`}},
	}
	for _, c := range cases {
		t.Run(c.rule.ID, func(t *testing.T) {
			got := fixesOf(t, c.rule, filepath.Join("testdata", c.dir))
			if !slices.Equal(got, c.want) {
				t.Errorf("fixes:\ngot  %q\nwant %q", got, c.want)
			}
		})
	}
}

// Applying every fix of a fixture leaves a file in which the rule finds
// nothing it could fix again.
func TestConfigFixesApply(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "unknown-key", "bad", "fly.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "fly.toml")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Load([]string{dir}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Run(ws, []*Rule{UnknownKey})
	if err != nil {
		t.Fatal(err)
	}
	data := ws.Files[ws.Apps[0].ConfigPath]
	for i := len(ds) - 1; i >= 0; i-- { // from the end, so offsets stay valid
		for _, f := range ds[i].Fixes {
			data, _ = applyTOMLEdits(ws.Apps[0].ConfigPath, data, f.Edits)
		}
	}
	want := strings.Replace(string(src), "force_http =", "force_https =", 1)
	if string(data) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", data, want)
	}
}

func TestShellSplitError(t *testing.T) {
	cases := []struct {
		in   string
		off  int
		kind splitErrorKind
	}{
		{`bin/server`, 0, 0},
		{``, 0, 0},
		{`a "b c" 'd e' f\ g`, 0, 0},
		{`a "it's"`, 0, 0},
		{`a "x\"y"`, 0, 0},
		{`# 'comment`, 0, 0},
		{`a#'b`, 2, splitOpenQuote}, // '#' inside a word is not a comment
		{"a # 'c\nb", 0, 0},
		{"a # c\n'b", 6, splitOpenQuote},
		{`a 'it's up'`, 10, splitOpenQuote},
		{`a "b`, 2, splitOpenQuote},
		{`a "b\`, 2, splitOpenQuote},
		{`a \`, 2, splitTrailingEscape},
		{`a \\`, 0, 0},
		{`a'b'c"d"\`, 8, splitTrailingEscape},
		{"\xff'", 1, splitOpenQuote},
	}
	for _, c := range cases {
		off, kind, bad := shellSplitError(c.in)
		if bad != (c.kind != 0) || kind != c.kind || off != c.off {
			t.Errorf("shellSplitError(%q) = %d, %d, %v; want %d, %d", c.in, off, kind, bad, c.off, c.kind)
		}
	}
}

func TestVolumeSizeGB(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		err  bool
	}{
		{"10", 10, false},
		{"0", 0, false},
		{"-3", -3, false},
		{"20gb", 20, false},
		{"20GB", 20, false},
		{"1GiB", 1, false}, // flyctl's parser is decimal even for "iB"
		{"500mb", 0, false},
		{"1.5g", 1, false},
		{"3000 MB", 3, false},
		{"10b", 0, false},
		{"ten", 0, true},
		{"", 0, true},
		{"10 gigs", 0, true},
		{"10x", 0, true},
		{"10gbb", 0, true},
		{"1e400", 0, true},
	}
	for _, c := range cases {
		got, err := volumeSizeGB(c.in)
		if (err != nil) != c.err || err == nil && got != c.want {
			t.Errorf("volumeSizeGB(%q) = %d, %v; want %d, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestTOMLEscape(t *testing.T) {
	cases := []struct {
		in   string
		want string
		n    int
	}{
		{`n`, "\n", 1}, {`"x`, `"`, 1}, {`\`, `\`, 1}, {`u00e9z`, "é", 5},
		{`U0001F600`, "😀", 9}, {`u12`, "", 0}, {`q`, "", 0}, {`uZZZZ`, "", 0},
	}
	for _, c := range cases {
		if got, n := tomlEscape(c.in); got != c.want || n != c.n {
			t.Errorf("tomlEscape(%q) = %q, %d; want %q, %d", c.in, got, n, c.want, c.n)
		}
	}
}

func TestRestartPolicyMeant(t *testing.T) {
	for in, want := range map[string]string{
		"no": "never", "on-fail": "on-failure", "ON-FAILURE": "on-failure", "Always": "always", "sometimes": "",
	} {
		if got := restartPolicyMeant(in); got != want {
			t.Errorf("restartPolicyMeant(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzConfigRules runs the fly.toml rules over arbitrary files: no input
// may make one panic (Run turns a panic into an error).
func FuzzConfigRules(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "fly.toml"))
	for _, s := range seeds {
		for _, r := range configRules {
			if strings.Contains(s, string(filepath.Separator)+r.ID+string(filepath.Separator)) {
				if data, err := os.ReadFile(s); err == nil {
					f.Add(data)
				}
			}
		}
	}
	f.Add([]byte("[processes]\n  web = \"a \\\"\\u00e9 'b\"\n[deploy]\n  release_command = '\"'\n"))
	f.Add([]byte("[[mounts]]\n  initial_size = \"9999999999999999999999pb\"\n[[restart]]\n  processes = [\"\"]\n"))
	f.Add([]byte("\xef\xbb\xbf[http_service.check\x00]\n"))
	f.Fuzz(func(t *testing.T, config []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "fly.toml"), config, 0o644); err != nil {
			t.Fatal(err)
		}
		ws, err := workspace.Load([]string{dir}, workspace.Options{})
		if err != nil {
			return
		}
		ds, err := Run(ws, configRules)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Message == "" || !d.IsValid() && d.File == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
			for _, fx := range d.Fixes {
				if _, ok := applyTOMLEdits(ws.Apps[0].ConfigPath, config, fx.Edits); !ok {
					t.Fatalf("fix does not apply: %+v", fx)
				}
			}
		}
	})
}

// Each rule's documented Bad example triggers it and its Good example
// does not.
func TestConfigRuleExamples(t *testing.T) {
	for _, r := range configRules {
		for _, ex := range []struct {
			src  string
			want bool
		}{{r.Bad, true}, {r.Good, false}} {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "fly.toml"), []byte("app = \"web\"\n"+ex.src+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			ws, err := workspace.Load([]string{dir}, workspace.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Run(ws, []*Rule{r})
			if err != nil {
				t.Fatal(err)
			}
			if (len(ds) > 0) != ex.want {
				t.Errorf("%s: example (bad=%v) gives %d findings: %v", r.ID, ex.want, len(ds), ds)
			}
		}
	}
}

// A [services.concurrency] beside [http_service] is told as the misplaced
// table it is (flyctl#2521), and not also as a service missing its
// protocol; a real [[services]] stub keeps the general message.
func TestStrayServicesConcurrency(t *testing.T) {
	for _, c := range []struct {
		dir, want       string
		protocolWarning bool
	}{
		{"service-without-ports/bad-stray-concurrency", "rename the table [http_service.concurrency]", false},
		// Without an [http_service] there is nothing it was meant for.
		{"service-without-ports/bad-concurrency-without-http-service", "add one, or remove the service", true},
	} {
		ws, err := workspace.Load([]string{filepath.Join("testdata", c.dir)}, workspace.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ds, err := Run(ws, []*Rule{ServiceWithoutPorts, InvalidProtocol})
		if err != nil {
			t.Fatal(err)
		}
		var stub, protocol int
		for _, d := range ds {
			switch d.Rule {
			case ServiceWithoutPorts.ID:
				stub++
				if !strings.Contains(d.Message, c.want) {
					t.Errorf("%s: message %q lacks %q", c.dir, d.Message, c.want)
				}
			case InvalidProtocol.ID:
				protocol++
			}
		}
		if stub != 1 {
			t.Errorf("%s: %d service-without-ports findings, want 1", c.dir, stub)
		}
		if got := protocol > 0; got != c.protocolWarning {
			t.Errorf("%s: invalid-protocol reported %v, want %v", c.dir, got, c.protocolWarning)
		}
	}
}
