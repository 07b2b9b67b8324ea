package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/flylint-dev/flylint/internal/workspace"
)

// netRules are the UDP, exposure and private-networking rules.
var netRules = []*Rule{
	UDPPortRemap, UDPWithHandlers, UDPNeedsDedicatedIPv4, UDPMultiGroup,
	PublicSensitivePort, MetricsPortExposed, RawTCPOnSharedIPv4, TLSHandlerPortMismatch,
	FlycastForceHTTPS, FlycastHTTPSURL, FlycastTargetPort, FlycastTargetNoService,
	InternalTargetPort, InternalTargetIPv4Only, PrivatePortIPv4Only, InternalURLAutostop,
	UnknownAppReference,
}

// FuzzNetRules runs the rules over an arbitrary fly.toml called by a
// second app over every kind of reference, and over that second app with
// an arbitrary [env]: no input may make a rule panic (Run turns a panic
// into an error).
func FuzzNetRules(f *testing.F) {
	f.Add([]byte("app = \"api\"\n[http_service]\n  internal_port = 8080\n  force_https = true\n  auto_stop_machines = \"stop\"\n[[metrics]]\n  port = 8080\n"), "http://api.internal")
	f.Add([]byte("app = \"api\"\n[processes]\n  app = \"gunicorn -b 0.0.0.0:8080 app:app\"\n[[services]]\n  protocol = \"udp\"\n  internal_port = 1\n  [[services.ports]]\n    start_port = 5\n    end_port = 2\n    handlers = [\"tls\"]\n"), "https://api.flycast:99999")
	f.Add([]byte("app = \"api\"\n[[services]]\n  protocol = \"tcp\"\n  internal_port = \"5432\"\n  [[services.ports]]\n    port = 443\n    handlers = \"http\"\n"), "_api.internal.x, ops@api.flycast")
	f.Add([]byte("\xef\xbb\xbfapp = \"api\"\x00"), "\xff.internal")
	f.Fuzz(func(t *testing.T, config []byte, env string) {
		dir := t.TempDir()
		for _, d := range []string{"api", "web"} {
			if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		web := "app = \"web\"\n[env]\n  A = \"http://api.internal:8080\"\n  B = \"http://api.flycast\"\n  C = '''" + env + "'''\n"
		if err := os.WriteFile(filepath.Join(dir, "api", "fly.toml"), config, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "web", "fly.toml"), []byte(web), 0o644); err != nil {
			t.Fatal(err)
		}
		ws, err := workspace.Load([]string{dir}, workspace.Options{})
		if err != nil {
			return
		}
		if _, err := Run(ws, netRules); err != nil {
			t.Fatal(err)
		}
	})
}
