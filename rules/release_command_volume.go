package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/source"
)

var ReleaseCommandVolume = Register(&Rule{
	ID:       "release-command-volume",
	Severity: diag.Warning,
	Title:    "release_command uses a path on a volume, which the release Machine does not mount",
	Since:    "0.2.0",
	Why: "`[deploy] release_command` names a path under a `[[mounts]]` destination, or runs while an `[env]` database setting points there, but the release Machine has no volume.\n\n" +
		"Fly runs the release command on a temporary Machine built from the new image, with the app's `[env]` and secrets but without volumes (flyctl's release Machine config has no mounts). " +
		"A SQLite migration run there writes to the Machine's throw-away disk, or fails because the directory does not exist, and the app's real database on the volume is never migrated. " +
		"Run the migration when the app starts instead (in the start command or an entrypoint script, before the server), and drop it from `release_command`.",
	ExampleFile: "fly.toml",
	Bad: `[env]
  DATABASE_URL = "sqlite3:///data/production.sqlite3"

[deploy]
  release_command = "bin/rails db:migrate"

[[mounts]]
  source = "data"
  destination = "/data"`,
	Good: `[env]
  DATABASE_URL = "sqlite3:///data/production.sqlite3"

[processes]
  app = "sh -c 'bin/rails db:migrate && exec bin/rails server'"

[[mounts]]
  source = "data"
  destination = "/data"`,
	URLs: []string{
		"https://fly.io/docs/laravel/the-basics/customizing-deployments/#release-command",
		"https://fly.io/docs/reference/configuration/#run-one-off-commands-before-releasing-a-deployment",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/machines.go",
	},
	Tags: []string{"volumes", "commands"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Deploy == nil || !cfg.Deploy.ReleaseCommand.OK || strings.TrimSpace(cfg.Deploy.ReleaseCommand.V) == "" {
			return
		}
		var dests []string
		for _, m := range cfg.Mounts {
			if m != nil && m.Destination.OK && path.IsAbs(m.Destination.V) && path.Clean(m.Destination.V) != "/" {
				dests = append(dests, path.Clean(m.Destination.V))
			}
		}
		if len(dests) == 0 {
			return
		}
		rc := cfg.Deploy.ReleaseCommand
		for _, loc := range absPaths().FindAllStringIndex(rc.V, -1) {
			if d := under(rc.V[loc[0]:loc[1]], dests); d != "" {
				p.Report(diag.Diagnostic{Range: releaseRange(p, rc, loc), Message: fmt.Sprintf(
					"release_command uses %s, on the volume mounted at %s, but the release Machine has no volumes, so it reads and writes a throw-away disk instead. "+
						"Run this step when the app starts (before the server, in the start command) rather than in release_command.", rc.V[loc[0]:loc[1]], d)})
				return
			}
		}
		for _, e := range cfg.Env {
			if e == nil || !e.Value.OK || !databaseSetting().MatchString(e.Name) {
				continue
			}
			for _, loc := range absPaths().FindAllStringIndex(e.Value.V, -1) {
				if d := under(e.Value.V[loc[0]:loc[1]], dests); d != "" {
					p.Report(diag.Diagnostic{Range: rc.Value, Message: fmt.Sprintf(
						"release_command runs on a Machine without volumes, while [env] %s = %q points into the volume mounted at %s, so a migration there changes a throw-away copy and the real database is never migrated. "+
							"Run the migration when the app starts (before the server, in the start command) rather than in release_command.", e.Name, e.Value.V, d),
						Related: []diag.Related{{Range: e.Value.Value, Message: e.Name + " is set here"}}})
					return
				}
			}
		}
	},
})

// absPaths finds absolute paths in a command or a URL ("sqlite3:///data/x",
// "file:/data/x.db", "--db=/data/app.db").
var absPaths = lazyre.New(`/[A-Za-z0-9._\-/]+`)

// databaseSetting names the [env] variables that carry a database's
// location in the frameworks Fly's launchers set up (DATABASE_URL,
// DATABASE_PATH, SQLITE_PATH, DB_FILE, ...).
var databaseSetting = lazyre.New(`(?i)(DATABASE|SQLITE|(^|_)DB($|_))`)

// under returns the mount destination p lies in, or "".
func under(p string, dests []string) string {
	p = path.Clean("/" + strings.TrimLeft(p, "/"))
	for _, d := range dests {
		if p == d || strings.HasPrefix(p, d+"/") {
			return d
		}
	}
	return ""
}

// releaseRange is the range of bytes loc of release_command in fly.toml,
// or the whole value when the string has escapes.
func releaseRange(p *Pass, rc flytoml.Field[string], loc []int) source.Range {
	if offs, ok := stringOffsets(p, rc.Value, rc.V); ok && loc[1]-1 < len(offs) {
		return tomlRange(p, offs[loc[0]], offs[loc[1]-1]+1)
	}
	return rc.Value
}
