package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The peer versions are pinned so that runs months apart compare alike.
var peerPackages = []string{"dockerfilelint@1.8.0", "dockerfile-utils@0.16.3", "@taplo/cli@0.7.0"}

// cliSample is how many files dockerfile-utils' CLI, which lints one file
// per process, is run on: enough for a stable per-file figure.
const cliSample = 10

// driverJS runs dockerfile-utils' validate (what its `lint` command calls)
// over every file named on the command line in one node process, so that
// node's start-up is paid once, as flylint's is.
const driverJS = `// Written by flylint's scripts/bench: dockerfile-utils' validate over many files in one process.
const fs = require("fs");
const path = require("path");
const { validate } = require(path.join(__dirname, "node_modules", "dockerfile-utils"));
let n = 0;
for (const f of process.argv.slice(2)) n += validate(fs.readFileSync(f, "utf8")).length;
process.stdout.write(n + " problems\n");
`

type peers struct {
	skip            string // why the peers cannot run
	node            string
	dockerfilelint  string
	dockerfileUtils string
	driver          string
	taplo           string
}

// setupPeers installs the peers into o.cache with npm when they are not
// there yet. It never fails the bench: without npm the rows are skipped.
func setupPeers(o options) *peers {
	p := &peers{}
	if !o.peers {
		p.skip = "-no-peers"
		return p
	}
	node, err := exec.LookPath("node")
	if err != nil {
		p.skip = "node not found"
		return p
	}
	p.node = node
	bin := filepath.Join(o.cache, "node_modules", ".bin")
	p.dockerfilelint = filepath.Join(bin, "dockerfilelint")
	p.dockerfileUtils = filepath.Join(bin, "dockerfile-utils")
	p.taplo = filepath.Join(bin, "taplo")
	p.driver = filepath.Join(o.cache, "flylint-bench-dockerfile-utils.js")
	anyExit[p.dockerfilelint] = true
	if !exists(p.dockerfilelint) || !exists(p.dockerfileUtils) || !exists(p.taplo) {
		npm, err := exec.LookPath("npm")
		if err != nil {
			p.skip = "npm not found"
			return p
		}
		if err := os.MkdirAll(o.cache, 0o755); err != nil {
			p.skip = err.Error()
			return p
		}
		fmt.Fprintf(os.Stderr, "bench: installing %s into %s\n", strings.Join(peerPackages, " "), o.cache)
		args := append([]string{"install", "--prefix", o.cache, "--no-audit", "--no-fund", "--no-save"}, peerPackages...)
		if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
			p.skip = fmt.Sprintf("npm install failed: %v: %s", err, tail(string(out)))
			return p
		}
	}
	if err := os.WriteFile(p.driver, []byte(driverJS), 0o644); err != nil {
		p.skip = err.Error()
	}
	return p
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func (p *peers) version(what string) string {
	if p.skip != "" {
		return ""
	}
	out, err := exec.Command(p.node, "-e", fmt.Sprintf(`console.log(require(%q).version)`, filepath.Join(filepath.Dir(filepath.Dir(p.taplo)), what, "package.json"))).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func (p *peers) describeDocker() {
	if p.skip != "" {
		fmt.Printf("Peers skipped: %s.\n", p.skip)
		return
	}
	nodeV, _ := exec.Command(p.node, "--version").Output()
	fmt.Printf("Peers (node %s):\n", strings.TrimSpace(string(nodeV)))
	fmt.Printf("  dockerfilelint %s: `dockerfilelint <every file>`, one process for all files.\n", p.version("dockerfilelint"))
	fmt.Printf("  dockerfile-utils %s: its CLI lints one file per process (`dockerfile-utils lint <file>`), so it is\n", p.version("dockerfile-utils"))
	fmt.Printf("    run on the first %d files only (startup-bound); the fair row calls its validate() on every file\n", cliSample)
	fmt.Printf("    in one node process (%s).\n", filepath.Base(p.driver))
}

func (p *peers) describeTOML() {
	if p.skip != "" {
		fmt.Printf("Peer skipped: %s.\n", p.skip)
		return
	}
	fmt.Printf("Peer: @taplo/cli %s: `taplo check <every file>`, one process for all files.\n", p.version("@taplo/cli"))
}

func (p *peers) skipped(names ...string) []row {
	var rows []row
	for _, n := range names {
		rows = append(rows, row{name: n, res: result{skip: p.skip}})
	}
	return rows
}

// docker measures the Dockerfile peers on paths (relative to root). The
// one-process-per-file CLI runs only when withCLI: on a large set it
// would take minutes and say nothing new.
func (p *peers) docker(root string, paths []string, runs int, withCLI bool) []row {
	if p.skip != "" {
		return p.skipped("dockerfilelint <files>", "dockerfile-utils validate() <files>")
	}
	rows := []row{
		{"dockerfilelint <files>", measure(runs, nodeCmd(root, p.dockerfilelint, paths...)), len(paths)},
		{"dockerfile-utils validate() <files>", measure(runs, nodeCmd(root, p.node, append([]string{p.driver}, paths...)...)), len(paths)},
	}
	if withCLI {
		sample := paths[:min(cliSample, len(paths))]
		res := measureMany(runs, func() []*exec.Cmd {
			var cmds []*exec.Cmd
			for _, f := range sample {
				cmds = append(cmds, nodeCmd(root, p.dockerfileUtils, "lint", f)())
			}
			return cmds
		})
		rows = append(rows, row{"dockerfile-utils lint <file>, per file", res, len(sample)})
	}
	return rows
}

func (p *peers) toml(root string, paths []string, runs int) []row {
	if p.skip != "" {
		return p.skipped("taplo check <files>")
	}
	return []row{{"taplo check <files>", measure(runs, nodeCmd(root, p.taplo, append([]string{"check", "--colors", "never"}, paths...)...)), len(paths)}}
}

func nodeCmd(dir, bin string, args ...string) func() *exec.Cmd {
	return func() *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Dir = dir
		return c
	}
}
