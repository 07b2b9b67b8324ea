// Command parsefloor reads each file it is given and parses it with the
// libraries flylint is built on, and nothing else: buildkit's Dockerfile
// parser and instruction parser for Dockerfiles, go-toml's unstable
// parser for fly*.toml. scripts/bench runs it beside flylint and cat, so
// the report shows how much of flylint's time these parsers alone take:
// a floor no linter on these libraries can go below. It collects garbage
// as flylint does (internal/gcpolicy), so that the floor gains what
// flylint gains from that and the ratio between them stays fair.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/flylint-dev/flylint/internal/gcpolicy"
)

func main() {
	gcpolicy.Apply()
	files := os.Args[1:]
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	// As many workers as flylint uses, so wall times compare too.
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One TOML parser per worker, as flylint reuses its parsers.
			var p unstable.Parser
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				if err := parse(&p, files[i]); err != nil {
					fmt.Fprintln(os.Stderr, "parsefloor:", err)
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		os.Exit(2)
	}
}

func parse(p *unstable.Parser, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if name := filepath.Base(path); strings.HasPrefix(name, "fly") && strings.HasSuffix(name, ".toml") {
		p.Reset(data)
		for p.NextExpression() {
		}
		// A syntax error is a result like any other: flylint reports it.
		return nil
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	_, _, _ = instructions.Parse(res.AST, nil)
	return nil
}
