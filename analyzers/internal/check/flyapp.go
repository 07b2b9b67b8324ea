// Package check holds what flylint's reporting analyzers share: finding
// the fly.toml that governs a Go file, and turning listen sites into
// diagnostics at the right place.
package check

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/safefile"
)

// maxFlyToml is the largest fly.toml the analyzers read, as flylint's own
// loader (workspace.MaxFileSize).
const maxFlyToml = 10 << 20

// App is what the reporting analyzers need from a fly.toml.
type App struct {
	Path string
	// TCP and UDP are the internal ports Fly Proxy routes, by protocol.
	TCP, UDP map[int]bool
}

// Routed reports whether Fly Proxy routes some port of any protocol.
func (a *App) Routed() bool { return len(a.TCP)+len(a.UDP) > 0 }

var cache sync.Map // directory → *App (nil when none)

// FindApp returns the app of the nearest fly.toml found walking up from
// dir, or nil. The walk stops at a repository root (a directory holding
// .git) so that code outside a Fly app is left alone; a fly.toml that
// does not parse counts as none.
func FindApp(dir string) *App {
	dir = filepath.Clean(dir)
	if v, ok := cache.Load(dir); ok {
		return v.(*App)
	}
	var app *App
	path := filepath.Join(dir, "fly.toml")
	// The fly.toml beside a Go file comes from the repository being
	// vetted: a FIFO or a device there must not hang go vet.
	if data, err := safefile.Read(path, path, maxFlyToml); err == nil {
		app = parseApp(path, data)
	} else if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		if parent := filepath.Dir(dir); parent != dir {
			app = FindApp(parent)
		}
	}
	cache.Store(dir, app)
	return app
}

func parseApp(path string, data []byte) *App {
	cfg, err := flytoml.Parse(path, data)
	if err != nil || cfg == nil {
		return nil
	}
	app := &App{Path: path, TCP: map[int]bool{}, UDP: map[int]bool{}}
	if h := cfg.HTTPService; h != nil && h.InternalPort.OK {
		app.TCP[h.InternalPort.V] = true
	}
	for _, s := range cfg.Services {
		if s == nil || !s.InternalPort.OK {
			continue
		}
		if s.Protocol.OK && s.Protocol.V == "udp" {
			app.UDP[s.InternalPort.V] = true
		} else {
			app.TCP[s.InternalPort.V] = true
		}
	}
	return app
}
