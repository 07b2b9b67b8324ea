package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/rules"
)

// parityRows are the rows of docs/flyctl-parity.md marked covered: each
// fly.toml trips one of flyctl's checks (at superfly/flyctl ad0172f), and
// the rule must report it at the position given. A rule that stops
// covering a row fails here instead of leaving the table wrong.
// mnt starts a fly.toml with one mount, for the validateMounts rows.
const mnt = "app = \"a\"\n[[mounts]]\n  source = \"a\"\n  destination = \"/a\"\n"

var parityRows = []struct {
	row, rule, toml string
	at              string // fly.toml:line:col of the finding
}{
	{"V1 build strategies", "multiple-build-strategies", "app = \"a\"\n[build]\n  image = \"nginx\"\n  dockerfile = \"Dockerfile\"\n", "fly.toml:4:3"},
	{"V2 release_command split", "unsplittable-command", "app = \"a\"\n[deploy]\n  release_command = \"sh -c 'x\"\n", "fly.toml:3:28"},
	{"V3 deploy strategy", "invalid-deploy-strategy", "app = \"a\"\n[deploy]\n  strategy = \"fast\"\n", "fly.toml:3:14"},
	{"V4 canary with mounts", "canary-with-mounts", "app = \"a\"\n[deploy]\n  strategy = \"canary\"\n[[mounts]]\n  source = \"data\"\n  destination = \"/data\"\n", "fly.toml:3:14"},
	{"V5 check type", "check-timing", "app = \"a\"\n[checks.web]\n  type = \"grpc\"\n  port = 8080\n", "fly.toml:3:10"},
	{"V5 check type missing", "check-timing", "app = \"a\"\n[checks.web]\n  port = 8080\n", "fly.toml:2:1"},
	{"V6 check interval", "check-timing", "app = \"a\"\n[checks.web]\n  type = \"tcp\"\n  port = 8080\n  interval = \"1s\"\n", "fly.toml:5:14"},
	{"V7 check timeout", "check-timing", "app = \"a\"\n[checks.web]\n  type = \"tcp\"\n  port = 8080\n  timeout = \"61s\"\n", "fly.toml:5:13"},
	{"V8 service without processes", "service-processes", "app = \"a\"\n[processes]\n  web = \"./web\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = 443\n    handlers = [\"tls\"]\n", "fly.toml:4:1"},
	{"V9 service unknown process", "service-processes", "app = \"a\"\n[processes]\n  web = \"./web\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  processes = [\"wrk\"]\n  [[services.ports]]\n    port = 443\n    handlers = [\"tls\"]\n", "fly.toml:7:16"},
	{"V10 service without ports", "service-without-ports", "app = \"a\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n", "fly.toml:2:1"},
	{"V11 service check under 1s", "check-timing", "app = \"a\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = 443\n    handlers = [\"tls\"]\n  [[services.tcp_checks]]\n    interval = \"500ms\"\n", "fly.toml:9:16"},
	{"V11 service check over 1m", "check-timing", "app = \"a\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  [[services.ports]]\n    port = 443\n    handlers = [\"tls\"]\n  [[services.http_checks]]\n    grace_period = \"2m\"\n", "fly.toml:9:20"},
	{"V12 processes split", "unsplittable-command", "app = \"a\"\n[processes]\n  web = \"sh -c 'x\"\n", "fly.toml:3:16"},
	{"V14 console_command split", "unsplittable-command", "app = \"a\"\nconsole_command = \"sh -c 'x\"\n", "fly.toml:2:26"},
	{"V15 two mounts for one group", "invalid-mount", "app = \"a\"\n[[mounts]]\n  source = \"a\"\n  destination = \"/a\"\n[[mounts]]\n  source = \"b\"\n  destination = \"/b\"\n", "fly.toml:5:1"},
	{"V16 initial_size unparsable", "invalid-mount", "app = \"a\"\n[[mounts]]\n  source = \"a\"\n  destination = \"/a\"\n  initial_size = \"lots\"\n", "fly.toml:5:18"},
	{"V17 initial_size under 1GB", "invalid-mount", "app = \"a\"\n[[mounts]]\n  source = \"a\"\n  destination = \"/a\"\n  initial_size = \"500mb\"\n", "fly.toml:5:18"},
	{"V18 snapshot_retention", "invalid-mount", mnt + "  snapshot_retention = 90\n", "fly.toml:5:24"},
	{"V19 auto_extend_size_increment unparsable", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n  auto_extend_size_increment = \"lots\"\n", "fly.toml:6:32"},
	{"V19 auto_extend_size_increment under 1GB", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n  auto_extend_size_increment = \"500mb\"\n", "fly.toml:6:32"},
	{"V20 auto_extend_size_limit unparsable", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n  auto_extend_size_increment = \"1gb\"\n  auto_extend_size_limit = \"lots\"\n", "fly.toml:7:28"},
	{"V21 threshold without increment", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n", "fly.toml:2:1"},
	{"V22 threshold range", "invalid-mount", mnt + "  auto_extend_size_threshold = 20\n  auto_extend_size_increment = \"1gb\"\n", "fly.toml:5:32"},
	{"V22 threshold missing", "invalid-mount", mnt + "  auto_extend_size_increment = \"1gb\"\n", "fly.toml:2:1"},
	{"V23 increment range", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n  auto_extend_size_increment = \"101gb\"\n", "fly.toml:6:32"},
	{"V24 limit range", "invalid-mount", mnt + "  auto_extend_size_threshold = 80\n  auto_extend_size_increment = \"1gb\"\n  auto_extend_size_limit = \"600gb\"\n", "fly.toml:7:28"},
	{"V25 restart unknown process", "invalid-restart-policy", "app = \"a\"\n[processes]\n  web = \"./web\"\n[[restart]]\n  policy = \"always\"\n  processes = [\"wrk\"]\n", "fly.toml:6:16"},
	{"V26 restart policy", "invalid-restart-policy", "app = \"a\"\n[[restart]]\n  policy = \"sometimes\"\n", "fly.toml:3:12"},
	{"V27 compression", "invalid-build-compression", "app = \"a\"\n[build]\n  compression = \"brotli\"\n", "fly.toml:3:17"},
	{"V28 compression level", "invalid-build-compression", "app = \"a\"\n[build]\n  compression_level = 12\n", "fly.toml:3:23"},
	{"P1 decode error (patches)", "invalid-value-type", "app = \"a\"\n[[services]]\n  internal_port = 8080\n  protocol = \"tcp\"\n  concurrency = \"lots\"\n  [[services.ports]]\n    port = 443\n    handlers = [\"tls\"]\n", "fly.toml:5:17"},
	{"P2 decode error (typed)", "invalid-value-type", "app = \"a\"\n[http_service]\n  internal_port = \"8080\"\n", "fly.toml:3:19"},
	{"P3 TOML syntax", "toml-syntax", "app = \"a\n", "fly.toml:1:9"},
	{"S1 unknown section", "unknown-key", "app = \"a\"\n[servics]\n  x = 1\n", "fly.toml:2:2"},
	{"S2 unknown nested key", "unknown-key", "app = \"a\"\n[http_service]\n  internal_port = 8080\n  forse_https = true\n", "fly.toml:4:3"},
	{"M1 check without port", "check-without-port", "app = \"a\"\n[checks.web]\n  type = \"tcp\"\n", "fly.toml:2:1"},
	{"M4 vm size", "invalid-vm-size", "app = \"a\"\n[[vm]]\n  size = \"huge\"\n", "fly.toml:3:10"},
	{"M5 vm memory unparsable", "invalid-vm-size", "app = \"a\"\n[[vm]]\n  memory = \"lots\"\n", "fly.toml:3:12"},
	{"M6 vm memory zero", "invalid-vm-size", "app = \"a\"\n[[vm]]\n  memory = \"0\"\n", "fly.toml:3:12"},
	{"M7 several vm sections for a group", "vm-sections-overlap", "app = \"a\"\n[[vm]]\n  size = \"shared-cpu-1x\"\n[[vm]]\n  size = \"shared-cpu-2x\"\n[[vm]]\n  memory = \"1gb\"\n", "fly.toml:4:1"},
	{"M8 files local_path", "files-local-path-unreadable", "app = \"a\"\n[[files]]\n  guest_path = \"/a\"\n  local_path = \"missing.txt\"\n", "fly.toml:4:16"},
}

func TestFlyctlParity(t *testing.T) {
	for _, row := range parityRows {
		t.Run(row.row, func(t *testing.T) {
			t.Parallel()
			i := slices.IndexFunc(rules.All(), func(r *rules.Rule) bool { return r.ID == row.rule })
			if i < 0 {
				t.Fatalf("no rule %s", row.rule)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "fly.toml"), []byte(row.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			got := runRule(t, rules.All()[i], dir)
			// The position must be reported; a second finding of the same
			// rule elsewhere is allowed (some rows trip two facets).
			at := func(g string) bool { pos, _, _ := strings.Cut(g, " "); return pos == row.at }
			if !slices.ContainsFunc(got, at) {
				t.Errorf("%s: want %s at %s, got %v", row.row, row.rule, row.at, got)
			}
		})
	}
}

// parityTable reads the rows of a "| # | ... |" parity table from a
// Markdown file: id → cells after the id.
func parityTable(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(l), "|"), " | ")
		if len(cells) < 3 {
			continue
		}
		id := strings.TrimSpace(cells[0])
		if len(id) < 2 || !strings.ContainsRune("VPSM", rune(id[0])) || strings.Trim(id[1:], "0123456789") != "" {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[id] = cells[1:]
	}
	return rows
}

// leadingRule is the rule id a parity cell starts with ("`id` ..."), or "".
func leadingRule(cell string) string {
	rest, ok := strings.CutPrefix(cell, "`")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "`")
	return id
}

// TestReadmeParityTable keeps the README's table of flyctl's checks equal
// to docs/flyctl-parity.md (same rows, flyctl's wording, rule), and the
// rule each test case of TestFlyctlParity exercises equal to its row's.
func TestReadmeParityTable(t *testing.T) {
	docs := parityTable(t, filepath.Join("..", "docs", "flyctl-parity.md"))
	readme := parityTable(t, filepath.Join("..", "README.md"))
	if len(docs) != 43 {
		t.Fatalf("docs/flyctl-parity.md: %d rows, want 43", len(docs))
	}
	for id, d := range docs {
		r, ok := readme[id]
		if !ok {
			t.Errorf("README: no row %s", id)
			continue
		}
		// docs: function, wording, rule, finding; README: wording, rule.
		if len(d) < 3 || len(r) < 2 {
			t.Errorf("%s: short row", id)
			continue
		}
		if r[0] != d[1] {
			t.Errorf("%s: README wording %q, docs %q", id, r[0], d[1])
		}
		if want := leadingRule(d[2]); leadingRule(r[1]) != want {
			t.Errorf("%s: README rule %q, docs rule %q", id, r[1], want)
		} else if want != "" && !slices.ContainsFunc(rules.All(), func(x *rules.Rule) bool { return x.ID == want }) {
			t.Errorf("%s: no rule %s", id, want)
		}
	}
	for id := range readme {
		if _, ok := docs[id]; !ok {
			t.Errorf("README: row %s is not in docs/flyctl-parity.md", id)
		}
	}
	for _, row := range parityRows {
		id, _, _ := strings.Cut(row.row, " ")
		d, ok := docs[id]
		if !ok {
			t.Errorf("%s: no row in docs/flyctl-parity.md", row.row)
			continue
		}
		if got := leadingRule(d[2]); got != row.rule {
			t.Errorf("%s: the test case exercises %s, the table says %s", row.row, row.rule, got)
		}
	}
}
