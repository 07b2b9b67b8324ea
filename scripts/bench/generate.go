package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// corpusApp is one real app: its fly.toml and the Dockerfile beside it
// (nil when it has none, or builds from an image or buildpacks, in which
// case flylint reads no Dockerfile and neither must cat).
type corpusApp struct {
	name   string
	toml   []byte
	docker []byte
}

type corpus struct {
	apps    []corpusApp
	dockers [][]byte // every file named Dockerfile under the corpus
	configs [][]byte // every fly.toml and fly.*.toml under the corpus
}

func (c *corpus) dockerfiles() [][]byte { return c.dockers }
func (c *corpus) tomls() [][]byte       { return c.configs }

// noDockerfile matches the [build] keys that make flyctl build without
// the app's Dockerfile.
var noDockerfile = regexp.MustCompile(`(?m)^\s*(image|builder|buildpacks)\s*=`)

func readCorpus(dir string) (*corpus, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w (pass -corpus: a directory of real apps, one per subdirectory)", err)
	}
	c := &corpus{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		appDir := filepath.Join(dir, e.Name())
		err := filepath.WalkDir(appDir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			name := d.Name()
			isConfig := strings.HasPrefix(name, "fly.") && strings.HasSuffix(name, ".toml")
			if name != "Dockerfile" && !isConfig {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if name == "Dockerfile" {
				c.dockers = append(c.dockers, data)
			} else {
				c.configs = append(c.configs, data)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		toml, err := os.ReadFile(filepath.Join(appDir, "fly.toml"))
		if err != nil {
			continue // a Dockerfile-only app: used in b, not in the monorepos
		}
		app := corpusApp{name: e.Name(), toml: toml}
		if !noDockerfile.Match(toml) {
			if d, err := os.ReadFile(filepath.Join(appDir, "Dockerfile")); err == nil {
				app.docker = d
			}
		}
		c.apps = append(c.apps, app)
	}
	if len(c.apps) == 0 {
		return nil, fmt.Errorf("corpus %s: no app directory with a fly.toml", dir)
	}
	return c, nil
}

// generated is one monorepo: apps/NNNNN/fly.toml (+ Dockerfile).
type generated struct {
	root    string
	apps    int
	all     []string // relative to root, sorted: what cat reads
	bytes   int64
	tomls   [][]byte
	dockers [][]byte
}

func (g *generated) dockerfileContents() [][]byte { return g.dockers }
func (g *generated) tomlContents() [][]byte       { return g.tomls }

var (
	appLine    = regexp.MustCompile(`(?m)^app\s*=\s*["'][^"'\n]*["']`)
	regionLine = regexp.MustCompile(`(?m)^primary_region\s*=\s*["'][^"'\n]*["']`)
	regions    = []string{"ams", "cdg", "dfw", "ewr", "fra", "iad", "lax", "lhr", "nrt", "ord", "sin", "syd"}
)

// generate writes n apps drawn round-robin from the corpus. Each copy gets
// its own app name (so cross-app checks see n distinct apps, as in a real
// monorepo) and a primary region from a rotation; the rest is the real
// file, byte for byte.
func generate(root string, c *corpus, n int) (*generated, error) {
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	g := &generated{root: root, apps: n}
	for i := range n {
		src := c.apps[i%len(c.apps)]
		rel := filepath.Join("apps", fmt.Sprintf("%05d", i))
		if err := os.MkdirAll(filepath.Join(root, rel), 0o755); err != nil {
			return nil, err
		}
		toml := appLine.ReplaceAll(src.toml, fmt.Appendf(nil, `app = "%s-%d"`, strings.ToLower(strings.ReplaceAll(src.name, "_", "-")), i))
		toml = regionLine.ReplaceAll(toml, fmt.Appendf(nil, `primary_region = "%s"`, regions[i%len(regions)]))
		files := map[string][]byte{"fly.toml": toml}
		g.tomls = append(g.tomls, toml)
		if src.docker != nil {
			files["Dockerfile"] = src.docker
			g.dockers = append(g.dockers, src.docker)
		}
		for name, data := range files {
			p := filepath.Join(rel, name)
			if err := os.WriteFile(filepath.Join(root, p), data, 0o644); err != nil {
				return nil, err
			}
			g.all = append(g.all, p)
			g.bytes += int64(len(data))
		}
	}
	slices.Sort(g.all)
	return g, nil
}

// writeEach writes each file alone in its own directory, root/NNNNN/name,
// and returns the paths relative to root and the total size.
func writeEach(root string, files [][]byte, name string) ([]string, int64, error) {
	if err := os.RemoveAll(root); err != nil {
		return nil, 0, err
	}
	var paths []string
	var size int64
	for i, data := range files {
		rel := filepath.Join(fmt.Sprintf("%05d", i), name)
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755); err != nil {
			return nil, 0, err
		}
		if err := os.WriteFile(filepath.Join(root, rel), data, 0o644); err != nil {
			return nil, 0, err
		}
		paths = append(paths, rel)
		size += int64(len(data))
	}
	return paths, size, nil
}
