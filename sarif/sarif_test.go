package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/*.sarif")

var (
	loopbackBind = &rules.Rule{
		ID: "loopback-bind", Severity: diag.Error,
		Title: "A proxied port is bound to a loopback address",
		Why:   "Fly Proxy connects to the Machine's private IPv4 address, so a server bound to `127.0.0.1` never receives a request. Bind `0.0.0.0` instead.",
		Bad:   "[http_service]\n  internal_port = 8080\n", Good: "[http_service]\n  internal_port = 8080\n",
		ExampleFile: "fly.toml",
		URLs:        []string{"https://fly.io/docs/networking/app-services/"},
		Tags:        []string{"bind", "correctness"},
	}
	publicPort = &rules.Rule{
		ID: "public-sensitive-port", Severity: diag.Warning,
		Title:            "A database or admin port is routed from the internet",
		Why:              "Every port a service exposes on a public IP is open to the whole internet. Keep databases on the private network.",
		Tags:             []string{"security", "exposure"},
		SecuritySeverity: "7.5",
	}
	exposeMismatch = &rules.Rule{
		ID: "expose-mismatch", Severity: diag.Info,
		Title: "The Dockerfile exposes other ports than internal_port",
		Why:   "`fly launch` copies the first EXPOSE into `internal_port`.",
		Tags:  []string{"ports"},
	}
	testRules = []*rules.Rule{exposeMismatch, loopbackBind, publicPort}
)

var opts = Options{
	ToolVersion:    "0.1.0",
	InformationURI: "https://github.com/flylint-dev/flylint",
	HelpURIBase:    "https://github.com/flylint-dev/flylint/blob/main/docs/rules/",
}

// span is the range of the n-th (0-based) occurrence of text in file.
func span(t *testing.T, files map[string][]byte, file, text string, n int) source.Range {
	t.Helper()
	content := string(files[file])
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(content[off:], text)
		if j < 0 {
			t.Fatalf("no %q #%d in %s", text, n, file)
		}
		if i == n {
			off += j
			break
		}
		off += j + len(text)
	}
	return source.NewLines(files[file]).Range(file, off, off+len(text))
}

const flyToml = `app = "web"
primary_region = "ams"

[http_service]
  internal_port = 8080
  force_https = true

[[services]]
  internal_port = 5432
  protocol = "tcp"
  [[services.ports]]
    port = 5432
`

const dockerfile = "FROM python:3.12\nEXPOSE 8000\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"127.0.0.1\", \"--port\", \"8080\"]\n"

func severalRules(t *testing.T) ([]diag.Diagnostic, map[string][]byte) {
	files := map[string][]byte{"web/fly.toml": []byte(flyToml), "web/Dockerfile": []byte(dockerfile)}
	host := span(t, files, "web/Dockerfile", "127.0.0.1", 0)
	return []diag.Diagnostic{
		{
			Rule: "public-sensitive-port", Severity: diag.Warning, Range: span(t, files, "web/fly.toml", "5432", 1),
			Message: "Port 5432 (PostgreSQL) is open to the whole internet. Remove the [[services]] entry and reach the database over 6PN.",
		},
		{
			Rule: "loopback-bind", Severity: diag.Error, Range: host,
			Message: "uvicorn binds 127.0.0.1:8080, which Fly Proxy cannot reach. Pass --host 0.0.0.0.",
			Related: []diag.Related{
				{Range: span(t, files, "web/fly.toml", "internal_port = 8080", 0), Message: "The service that routes to port 8080."},
				{Range: source.Range{File: "web/fly.toml"}, Message: "The app's configuration."},
			},
			Fixes: []diag.Fix{{Message: "Bind all IPv4 addresses.", Edits: []diag.Edit{{Range: host, NewText: "0.0.0.0"}}}},
		},
		{
			Rule: "expose-mismatch", Severity: diag.Info, Range: span(t, files, "web/Dockerfile", "8000", 0),
			Message: "EXPOSE lists 8000 but internal_port is 8080. EXPOSE is documentation only; change it to 8080 to keep them in step.",
			Related: []diag.Related{{Range: span(t, files, "web/fly.toml", "8080", 0), Message: "internal_port."}},
			Fixes: []diag.Fix{{Message: "Expose 8080.", Edits: []diag.Edit{
				{Range: span(t, files, "web/Dockerfile", "8000", 0), NewText: "8080"},
				// An insertion and a deletion, to exercise empty regions.
				{Range: source.NewLines(files["web/fly.toml"]).Range("web/fly.toml", 0, 0), NewText: "# checked\n"},
			}}},
		},
	}, files
}

// The line has "é" (2 bytes, 1 UTF-16 unit) and "😀" (4 bytes, 2 units)
// before the flagged address.
const unicodeToml = "app = \"café\"\n[env]\n  GREETING = \"é😀\"; HOST = \"127.0.0.1\"\n"

func goldenCases(t *testing.T) map[string]func() ([]byte, error) {
	several, severalFiles := severalRules(t)
	uniFiles := map[string][]byte{"fly.toml": []byte(unicodeToml)}
	uni := []diag.Diagnostic{{
		Rule: "loopback-bind", Severity: diag.Error, Range: span(t, uniFiles, "fly.toml", "127.0.0.1", 0),
		Message: "HOST is 127.0.0.1, which Fly Proxy cannot reach. Set HOST to 0.0.0.0.",
	}}
	nopos := []diag.Diagnostic{{
		Rule: "expose-mismatch", Severity: diag.Info, Range: source.Range{File: "api/Dockerfile"},
		Message: "The Dockerfile could not be read, so its EXPOSE lines were not compared with internal_port.",
	}, {
		Rule: "loopback-bind", Severity: diag.Error, Range: source.Range{File: "web/fly.toml"},
		Message: "Go analysis of this app is incomplete, so its listeners are not known.",
	}}
	write := func(diags []diag.Diagnostic, files map[string][]byte, o Options) func() ([]byte, error) {
		return func() ([]byte, error) {
			var buf bytes.Buffer
			err := Write(&buf, diags, testRules, files, o)
			return buf.Bytes(), err
		}
	}
	clean := opts
	clean.Category, clean.SrcRoot = "flylint", "/src/my app"
	return map[string]func() ([]byte, error){
		"clean.sarif":       write(nil, nil, clean),
		"several.sarif":     write(several, severalFiles, opts),
		"unicode.sarif":     write(uni, uniFiles, opts),
		"no-position.sarif": write(nopos, map[string][]byte{"web/fly.toml": []byte(flyToml)}, opts),
	}
}

func TestGolden(t *testing.T) {
	for name, gen := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			got, err := gen()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := gen()
			if !bytes.Equal(got, again) {
				t.Fatal("two runs differ")
			}
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./sarif -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output; if the change is intended, run go test ./sarif -update\n%s", path, got)
			}
			// What flylint wrote must read back as SARIF and pass go-sarif's
			// schema check.
			rep, err := gosarif.FromBytes(got)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestGoldenValidates runs Microsoft's SARIF Multitool (the SARIF and
// GitHub rule sets) over the golden files; CI sets FLYLINT_SARIF_VALIDATE.
func TestGoldenValidates(t *testing.T) {
	if os.Getenv("FLYLINT_SARIF_VALIDATE") != "1" {
		t.Skip("set FLYLINT_SARIF_VALIDATE=1 to run sarif-validate")
	}
	// The validator: $SARIF_VALIDATE, else the shared tools directory next
	// to the repository, else sarif-validate on PATH.
	tool := os.Getenv("SARIF_VALIDATE")
	if tool == "" {
		tool = filepath.Join("..", "..", "shared", "tools", "sarif-validate")
		if _, err := os.Stat(tool); err != nil {
			if tool, err = exec.LookPath("sarif-validate"); err != nil {
				t.Fatal("FLYLINT_SARIF_VALIDATE is set but no sarif-validate was found; set SARIF_VALIDATE to its path")
			}
		}
	}
	golden, _ := filepath.Glob(filepath.Join("testdata", "*.sarif"))
	// The CLI's goldens too: the reports users upload to code scanning.
	cli, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.sarif"))
	golden = append(golden, cli...)
	if len(cli) < 2 || len(golden) < 6 {
		t.Fatalf("golden files: %v", golden)
	}
	out, err := exec.Command(tool, golden...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
}

// decode returns the JSON of data for assertions on single fields.
func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return doc
}

func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object: %v", p, v)
			}
			v = m[p]
		case int:
			a, ok := v.([]any)
			if !ok || p >= len(a) {
				t.Fatalf("at [%d]: not an array that long: %v", p, v)
			}
			v = a[p]
		}
	}
	return v
}
