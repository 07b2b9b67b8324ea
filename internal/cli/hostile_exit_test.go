package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/flylint-dev/flylint/internal/baseline"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// These cases run the real binary on repositories built to make flylint
// report less than it was asked to check: an app it could not read must
// never give exit 0, and settings it finds by searching must be the
// repository's own. The tests run as root in CI, where file modes stop
// nothing, so the unreadable cases run flylint as nobody (65534).

var nobody = &syscall.Credential{Uid: 65534, Gid: 65534}

// notChecked ends every finding for something flylint could not read.
const notChecked = " flylint could not check what is in it, and the run fails until it can, whatever -disable, [severity], flylint:ignore, exclude or a baseline say."

// tree writes name/content pairs into a fresh repository (it has .git,
// so no .flylint.toml above it is found) that nobody can read.
func tree(t *testing.T, kv ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	files(kv...)(t, dir)
	return dir
}

// lock takes every permission away from name, for everyone but root.
func lock(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Chmod(filepath.Join(dir, name), 0); err != nil {
		t.Fatal(err)
	}
}

// findings runs flylint -format json with args in dir and returns the exit
// code and one "file:line:col: rule: message" line per finding.
func findings(t *testing.T, dir string, cred *syscall.Credential, args ...string) (int, []string, binRun) {
	t.Helper()
	r := runBinary(t, binOpts{Dir: dir, Cred: cred}, append([]string{"-format", "json"}, args...)...)
	if r.Code > ExitFindings {
		return r.Code, nil, r
	}
	return r.Code, renderJSON(t, []byte(r.Stdout)), r
}

func wantFindings(t *testing.T, code int, got []string, r binRun, wantCode int, want ...string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("exit %d, want %d\nstdout: %.1000s\nstderr: %.1000s", code, wantCode, r.Stdout, r.Stderr)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s\nstderr: %.1000s", strings.Join(got, "\n"), strings.Join(want, "\n"), r.Stderr)
	}
}

const lockedDir = "locked:0:0: file-not-read: cannot list the directory locked: permission denied, so apps in it were not looked for; " +
	"make it readable and searchable (chmod u+rx) by the user flylint runs as, or lint a path that does not contain it." + notChecked

// Item 1: a directory under the linted path that cannot be listed is
// reported with its path and reason, and fails the run, where it used to
// be skipped with exit 0.
func TestHostileUnreadableDirectory(t *testing.T) {
	t.Parallel()
	t.Run("beside a readable app", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "ok/fly.toml", httpApp, "locked/fly.toml", port("0"))
		lock(t, dir, "locked")
		code, got, r := findings(t, dir, nobody, ".")
		wantFindings(t, code, got, r, ExitFindings, lockedDir)
	})
	t.Run("the only place an app could be", func(t *testing.T) {
		t.Parallel()
		// Not "no fly.toml found": there may well be one in there.
		dir := tree(t, "locked/fly.toml", httpApp)
		lock(t, dir, "locked")
		code, got, r := findings(t, dir, nobody, ".")
		wantFindings(t, code, got, r, ExitFindings, lockedDir)
	})
	t.Run("text report names it", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "ok/fly.toml", httpApp, "locked/fly.toml", httpApp)
		lock(t, dir, "locked")
		r := runBinary(t, binOpts{Dir: dir, Cred: nobody}, ".")
		if r.Code != ExitFindings || !strings.Contains(r.Stdout, "locked: error: cannot list the directory locked: permission denied") {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.Code, r.Stdout, r.Stderr)
		}
	})
	t.Run("-disable file-not-read", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "ok/fly.toml", httpApp, "locked/fly.toml", httpApp)
		lock(t, dir, "locked")
		code, got, r := findings(t, dir, nobody, "-disable", "file-not-read", ".")
		wantFindings(t, code, got, r, ExitFindings, lockedDir)
	})
	t.Run("under node_modules it is never read", func(t *testing.T) {
		t.Parallel()
		// Discovery skips node_modules before listing it, so nothing
		// there was missed.
		dir := tree(t, "ok/fly.toml", httpApp, "node_modules/locked/fly.toml", port("0"))
		lock(t, dir, "node_modules/locked")
		code, got, r := findings(t, dir, nobody, ".")
		wantFindings(t, code, got, r, ExitClean)
	})
	t.Run("a fly.toml symlink out of the tree beside a readable app", func(t *testing.T) {
		t.Parallel()
		// Discovery does not follow it, and used to pass over it in
		// silence: exit 0 with one app of two checked.
		outside := t.TempDir()
		write(t, outside, "fly.toml", port("0"))
		dir := tree(t, "ok/fly.toml", httpApp)
		if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		symlink(filepath.Join(outside, "fly.toml"), "out/fly.toml")(t, dir)
		code, got, r := findings(t, dir, nil, "-disable", "file-not-read", ".")
		wantFindings(t, code, got, r, ExitFindings,
			"out/fly.toml:0:0: file-not-read: out/fly.toml is a symlink that leads outside .; flylint does not follow links out of the directory it lints."+notChecked)
	})
	t.Run("a fly.toml symlink to a file inside the tree is linted", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "ok/fly.toml", httpApp, "deploy/web.toml", port("0"))
		if err := os.Mkdir(filepath.Join(dir, "web"), 0o755); err != nil {
			t.Fatal(err)
		}
		symlink("../deploy/web.toml", "web/fly.toml")(t, dir)
		code, got, r := findings(t, dir, nil, ".")
		wantFindings(t, code, got, r, ExitFindings,
			"web/fly.toml:3:19: port-out-of-range: internal_port 0 is not a port: ports are 1 to 65535, and nothing can listen on or connect to 0. Set it to the port you mean.")
	})
	t.Run("the linted directory itself", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "locked/fly.toml", httpApp)
		lock(t, dir, "locked")
		r := runBinary(t, binOpts{Dir: dir, Cred: nobody}, "locked")
		if r.Code != ExitUsage || !strings.Contains(r.Stderr, "flylint: cannot look for .flylint.toml in "+filepath.Join(dir, "locked")+": permission denied; make the directory readable and searchable by the user flylint runs as\n") {
			t.Errorf("exit %d, want %d\nstderr: %s", r.Code, ExitUsage, r.Stderr)
		}
	})
}

// Item 2: every route by which configuration could hide a fly.toml that
// was not read. Each runs twice: as nobody on a fly.toml it may not read,
// and as root on one over the size cap.
func TestHostileUnreadAppNeverPasses(t *testing.T) {
	t.Parallel()
	const deniedMsg = "locked/fly.toml:0:0: file-not-read: cannot read locked/fly.toml: permission denied." + notChecked
	const bigMsg = "big/fly.toml:0:0: file-not-read: big/fly.toml is 12 MB; flylint reads files up to 10 MB, and a real fly.toml or Dockerfile is far smaller." + notChecked
	kinds := []struct {
		name  string
		cred  *syscall.Credential
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"unreadable", nobody, func(t *testing.T, dir string) {
			write(t, dir, "locked/fly.toml", port("0"))
			lock(t, dir, "locked/fly.toml")
		}, deniedMsg},
		{"oversized", nil, func(t *testing.T, dir string) {
			// A directive at the top must not help, should a reader
			// ever look at the head of a file it refuses.
			write(t, dir, "big/fly.toml", "# flylint:ignore file-not-read\n"+strings.Repeat("#"+strings.Repeat(" ", 98)+"\n", 12<<20/100))
		}, bigMsg},
	}
	routes := []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
	}{
		{"no options", nil, nil},
		{"-disable file-not-read", nil, []string{"-disable", "file-not-read"}},
		{"-enable another rule", nil, []string{"-enable", "loopback-bind"}},
		{"-fail-on error", nil, []string{"-fail-on", "error"}},
		{"[severity] info with fail-on warning", files(".flylint.toml", "fail-on = \"warning\"\n[severity]\nfile-not-read = \"info\"\n"), nil},
		{"config disable", files(".flylint.toml", "disable = [\"file-not-read\"]\n"), nil},
		{"config exclude everything", files(".flylint.toml", "exclude = [\"**\"]\n"), nil},
		{"-no-inline-ignore is no route either", nil, []string{"-no-inline-ignore"}},
	}
	for _, k := range kinds {
		for _, rt := range routes {
			t.Run(k.name+"/"+rt.name, func(t *testing.T) {
				t.Parallel()
				dir := tree(t, "ok/fly.toml", httpApp)
				if rt.setup != nil {
					rt.setup(t, dir)
				}
				k.setup(t, dir)
				code, got, r := findings(t, dir, k.cred, append(rt.args, ".")...)
				wantFindings(t, code, got, r, ExitFindings, k.want)
			})
		}
		t.Run(k.name+"/a baseline holding it", func(t *testing.T) {
			t.Parallel()
			dir := tree(t, "ok/fly.toml", httpApp)
			k.setup(t, dir)
			writeUnreadBaseline(t, dir, k.want)
			code, got, r := findings(t, dir, k.cred, "-baseline", "b.json", ".")
			wantFindings(t, code, got, r, ExitFindings, k.want)
		})
		t.Run(k.name+"/-write-baseline", func(t *testing.T) {
			t.Parallel()
			dir := tree(t, "ok/fly.toml", httpApp)
			k.setup(t, dir)
			if err := os.Chmod(dir, 0o777); err != nil { // nobody writes the baseline
				t.Fatal(err)
			}
			r := runBinary(t, binOpts{Dir: dir, Cred: k.cred}, "-write-baseline", "b.json", ".")
			if r.Code != ExitFindings || !strings.Contains(r.Stderr, "flylint: the baseline leaves out what could not be read (above)") {
				t.Errorf("exit %d, want %d\nstderr: %s", r.Code, ExitFindings, r.Stderr)
			}
			data, err := os.ReadFile(filepath.Join(dir, "b.json"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "file-not-read") {
				t.Errorf("the baseline records the unread app:\n%s", data)
			}
		})
		t.Run(k.name+"/-fix", func(t *testing.T) {
			t.Parallel()
			dir := tree(t, "ok/fly.toml", httpApp)
			k.setup(t, dir)
			r := runBinary(t, binOpts{Dir: dir, Cred: k.cred}, "-fix", "-disable", "file-not-read", ".")
			if r.Code != ExitFindings {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.Code, ExitFindings, r.Stdout, r.Stderr)
			}
		})
		t.Run(k.name+"/sarif with the rule disabled", func(t *testing.T) {
			t.Parallel()
			dir := tree(t, "ok/fly.toml", httpApp)
			k.setup(t, dir)
			r := runBinary(t, binOpts{Dir: dir, Cred: k.cred}, "-format", "sarif", "-disable", "file-not-read", ".")
			var log struct {
				Runs []struct {
					Results []struct {
						RuleID string `json:"ruleId"`
						Level  string
					}
				}
			}
			if err := json.Unmarshal([]byte(r.Stdout), &log); err != nil {
				t.Fatalf("SARIF: %v\n%.500s", err, r.Stdout)
			}
			if r.Code != ExitFindings || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 ||
				log.Runs[0].Results[0].RuleID != "file-not-read" || log.Runs[0].Results[0].Level != "error" {
				t.Errorf("exit %d, results %+v", r.Code, log.Runs)
			}
		})
	}
	t.Run("a Dockerfile linted alone", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "Dockerfile", "FROM alpine\n")
		lock(t, dir, "Dockerfile")
		code, got, r := findings(t, dir, nobody, "-disable", "file-not-read", "Dockerfile")
		wantFindings(t, code, got, r, ExitFindings, "Dockerfile:0:0: file-not-read: cannot read Dockerfile: permission denied."+notChecked)
	})
	t.Run("a Dockerfile beside a read fly.toml follows the configuration", func(t *testing.T) {
		t.Parallel()
		// The app itself was read and checked; its Dockerfile's
		// finding is an ordinary one the user may turn off.
		dir := tree(t, "fly.toml", appOnly, "Dockerfile", "FROM alpine\n")
		lock(t, dir, "Dockerfile")
		code, got, r := findings(t, dir, nobody, "-disable", "file-not-read", ".")
		wantFindings(t, code, got, r, ExitClean)
	})
}

// writeUnreadBaseline records the finding want in dir/b.json, as a
// baseline written before flylint refused to record such findings would
// hold it. A file that was not read is fingerprinted by the finding's
// words, so the entry is built from them.
func writeUnreadBaseline(t *testing.T, dir, want string) {
	t.Helper()
	file, _, _ := strings.Cut(want, ":")
	msg := strings.SplitN(want, ": ", 3)[2]
	ws := &workspace.Workspace{Apps: []*workspace.App{{Unread: &workspace.LoadError{
		Range:   source.Range{File: file},
		Message: strings.TrimSuffix(strings.TrimSuffix(msg, notChecked), "."),
	}}}}
	diags := rules.Unread(ws)
	if len(diags) != 1 || diags[0].Message != msg {
		t.Fatalf("rebuilt %+v, want the message %q", diags, msg)
	}
	b := baseline.New(diags, nil, baseline.NewPaths(dir, dir))
	if err := baseline.Write(filepath.Join(dir, "b.json"), b); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "b.json"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Item 3: a .flylint.toml found by searching is the repository's own.
func TestHostileDiscoveredConfig(t *testing.T) {
	t.Parallel()
	// The settings a hostile link would bring in: with them, the app's
	// internal_port = 0 passes.
	const silence = "disable = [\"port-out-of-range\"]\n"
	const portFinding = "fly.toml:3:19: port-out-of-range: internal_port 0 is not a port"
	outside := t.TempDir()
	write(t, outside, "evil.toml", silence)

	t.Run("a symlink out of the repository is refused", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "fly.toml", port("0"))
		symlink(filepath.Join(outside, "evil.toml"), ".flylint.toml")(t, dir)
		r := runBinary(t, binOpts{Dir: dir}, "-format", "json", ".")
		want := filepath.Join(dir, ".flylint.toml") + " leads outside " + dir + " (it resolves to " + filepath.Join(outside, "evil.toml") +
			"); flylint does not follow a .flylint.toml it finds by searching out of the tree it lints. Make it a regular file, or pass the file with -config if you mean to use it"
		if r.Code != ExitUsage || r.Stderr != "flylint: "+want+"\n" {
			t.Errorf("exit %d, want %d\nstderr: %s\nwant:   flylint: %s", r.Code, ExitUsage, r.Stderr, want)
		}
	})
	t.Run("a directory link out of the repository is refused", func(t *testing.T) {
		t.Parallel()
		// Linting apps/web, where apps is a link out: apps/.flylint.toml
		// is not inside the repository nor the linted directory.
		elsewhere := t.TempDir()
		write(t, elsewhere, ".flylint.toml", silence)
		write(t, elsewhere, "web/fly.toml", port("0"))
		dir := tree(t)
		symlink(elsewhere, "apps")(t, dir)
		r := runBinary(t, binOpts{Dir: dir}, "apps/web")
		if r.Code != ExitUsage || !strings.Contains(r.Stderr, filepath.Join(dir, "apps", ".flylint.toml")+" leads outside "+dir) {
			t.Errorf("exit %d, want %d\nstderr: %s", r.Code, ExitUsage, r.Stderr)
		}
	})
	t.Run("a symlink inside the repository is followed", func(t *testing.T) {
		t.Parallel()
		dir := tree(t, "apps/web/fly.toml", port("0"), "shared/flylint.toml", silence)
		symlink("../shared/flylint.toml", "apps/.flylint.toml")(t, dir)
		code, got, r := findings(t, dir, nil, "apps/web")
		wantFindings(t, code, got, r, ExitClean)
	})
	t.Run("-config may point anywhere", func(t *testing.T) {
		t.Parallel()
		// The user's own choice, not the repository's.
		dir := tree(t, "fly.toml", port("0"))
		code, got, r := findings(t, dir, nil, "-config", filepath.Join(outside, "evil.toml"), ".")
		wantFindings(t, code, got, r, ExitClean)
	})
	t.Run("the search stops at the repository root", func(t *testing.T) {
		t.Parallel()
		parent := t.TempDir()
		write(t, parent, ".flylint.toml", silence)
		for _, marker := range []string{".git", ".hg", ".svn"} {
			repo := filepath.Join(parent, "repo"+marker)
			write(t, repo, "fly.toml", port("0"))
			if err := os.Mkdir(filepath.Join(repo, marker), 0o755); err != nil {
				t.Fatal(err)
			}
			code, got, r := findings(t, repo, nil, ".")
			wantFindings(t, code, got, r, ExitFindings, portFinding+": ports are 1 to 65535, and nothing can listen on or connect to 0. Set it to the port you mean.")
		}
	})
}
