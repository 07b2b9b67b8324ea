package workspace

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// railsApp is a minimal Rails app whose production.rb turns force_ssl
// on; edit changes its files before they are written.
func railsApp(edit func(map[string]string)) map[string]string {
	files := map[string]string{
		"fly.toml": "app = \"web\"\n\n[http_service]\n  internal_port = 3000\n",
		"Dockerfile": "FROM ruby:3.3-slim\nWORKDIR /rails\nENV RAILS_ENV=production\nCOPY . .\n" +
			"CMD [\"./bin/rails\", \"server\"]\n",
		"config/application.rb":                           "require_relative \"boot\"\nmodule Web\n  class Application < Rails::Application\n  end\nend\n",
		"config/environments/production.rb":               "Rails.application.configure do\n  config.force_ssl = true\nend\n",
		"config/initializers/filter_parameter_logging.rb": "Rails.application.config.filter_parameters += [:passw]\n",
	}
	if edit != nil {
		edit(files)
	}
	return files
}

func TestRailsRoutes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(map[string]string)
		routes bool
	}{
		{"force-ssl", nil, true},
		// Rails.env takes RACK_ENV when RAILS_ENV is empty (.presence).
		{"rack-env", func(f map[string]string) {
			f["Dockerfile"] = strings.Replace(f["Dockerfile"], "ENV RAILS_ENV=production", "ENV RAILS_ENV=\"\" RACK_ENV=production", 1)
		}, true},
		// config/initializers/**/*.rb are all loaded.
		{"nested-initializer", func(f map[string]string) {
			f["config/initializers/deep/ssl.rb"] = "Rails.application.config.force_ssl = false\n"
		}, false},
		{"application-rb", func(f map[string]string) {
			f["config/application.rb"] = "module Web\n  class Application < Rails::Application\n    config.assume_ssl = true\n  end\nend\n"
		}, false},
		{"unreadable-initializer", func(f map[string]string) {
			f["config/initializers/odd.rb"] = "x = \"open\n"
		}, false},
		{"no-application-rb", func(f map[string]string) { delete(f, "config/application.rb") }, false},
		// An environment name is not a path: Rails would look for
		// config/environments/../evil.rb and flylint reads no other file.
		{"path-env", func(f map[string]string) {
			f["fly.toml"] += "\n[env]\n  RAILS_ENV = \"../evil\"\n"
			f["config/evil.rb"] = f["config/environments/production.rb"]
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := Load([]string{writeFiles(t, railsApp(tc.edit))}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ws.Apps[0].Groups[0]
			if tc.name == "path-env" {
				// Puma would load config/puma/../evil.rb: the
				// listeners are not known either.
				if len(g.Listeners) != 0 || g.ListenersKnown {
					t.Fatalf("listeners %+v", g.Listeners)
				}
				return
			}
			if len(g.Listeners) != 1 {
				t.Fatalf("listeners %+v", g.Listeners)
			}
			if got := g.Listeners[0].Routes != nil; got != tc.routes {
				t.Errorf("routes = %v, want %v", got, tc.routes)
			}
		})
	}
}

// An initializers directory reached through a link out of the linted
// tree is not listed, so its settings are not known.
func TestRailsInitializersOutside(t *testing.T) {
	outside := writeFiles(t, map[string]string{"initializers/README": "notes\n"})
	files := railsApp(nil)
	delete(files, "config/initializers/filter_parameter_logging.rb")
	dir := writeFiles(t, files)
	if err := os.Symlink(filepath.Join(outside, "initializers"), filepath.Join(dir, "config", "initializers")); err != nil {
		t.Skip(err)
	}
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := ws.Apps[0].Groups[0].Listeners[0].Routes; r != nil {
		t.Errorf("routes %+v through a link out of the tree", r)
	}
}

// A tree past maxInitializerEntries is not read to its end, so its
// settings are not known.
func TestRailsInitializerBound(t *testing.T) {
	files := railsApp(nil)
	for i := 0; i <= maxInitializerEntries; i++ {
		files["config/initializers/many/f"+strconv.Itoa(i)+".txt"] = ""
	}
	ws, err := Load([]string{writeFiles(t, files)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := ws.Apps[0].Groups[0].Listeners[0].Routes; r != nil {
		t.Errorf("routes %+v with an initializer tree past the bound", r)
	}
}
