package jssrc

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// benchFile is one source file of a benchmark app.
type benchFile struct {
	name string
	data []byte
}

// generatedApp is a 1,000-file app: TypeScript services and JavaScript
// helpers (3:2), each importing the next, the entry listening. The shapes
// are those of real Express/Fastify apps: classes, async handlers,
// interfaces, generics, template literals.
func generatedApp() []benchFile {
	var out []benchFile
	for i := 0; i < 1000; i++ {
		var sb strings.Builder
		next := fmt.Sprintf("./m%d", i+1)
		if i == 999 {
			next = "./m0"
		}
		ts := i%5 < 3
		if ts {
			fmt.Fprintf(&sb, "import { helper%d } from %q;\n", i+1, next)
			fmt.Fprintf(&sb, "interface Item%d<T> { id: number; value: T; tags?: string[] }\n", i)
			fmt.Fprintf(&sb, "export class Service%d<T extends object> {\n  private items: Map<number, Item%d<T>> = new Map();\n", i, i)
			for j := 0; j < 12; j++ {
				fmt.Fprintf(&sb, "  async get%d(id: number): Promise<Item%d<T> | undefined> {\n    const v = this.items.get(id) as Item%d<T> | undefined;\n    if (!v) { throw new Error(`missing ${id} in %d`); }\n    return { ...v, tags: [...(v.tags ?? []), 't%d'] };\n  }\n", j, i, i, i, j)
			}
			sb.WriteString("}\n")
			fmt.Fprintf(&sb, "export const helper%d = (x: number): number => helper%d(x) + 1;\n", i, i+1)
		} else {
			fmt.Fprintf(&sb, "const { helper%d } = require(%q);\n", i+1, next)
			for j := 0; j < 12; j++ {
				fmt.Fprintf(&sb, "function route%d(req, res, next) {\n  const q = req.query || {};\n  if (q.id === undefined) return next(new Error(`bad ${q.id}`));\n  res.json({ id: Number(q.id), ok: /^[0-9]+$/.test(q.id), n: helper%d(%d) });\n}\n", j, i+1, j)
			}
			fmt.Fprintf(&sb, "exports.helper%d = (x) => helper%d(x) * 2;\n", i, i+1)
		}
		if i == 0 {
			sb.WriteString("const PORT = Number(process.env.PORT) || 3000;\nconst app: any = {};\napp.listen(PORT, '0.0.0.0');\n")
		}
		ext := ".js"
		if ts {
			ext = ".ts"
		}
		out = append(out, benchFile{fmt.Sprintf("m%d%s", i, ext), []byte(sb.String())})
	}
	return out
}

// corpusFiles are the JavaScript and TypeScript files of the src-apps
// corpus, when it is present.
func corpusFiles(b *testing.B) []benchFile {
	root := os.Getenv("FLYLINT_SRC_APPS")
	if root == "" {
		root = "../../../shared/corpus/src-apps"
	}
	var out []benchFile
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch filepath.Ext(p) {
		case ".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".jsx":
			if data, err := os.ReadFile(p); err == nil {
				out = append(out, benchFile{p, data})
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(out) == 0 {
		b.Skip("src-apps corpus not found")
	}
	return out
}

func esbuildLoader(name string) api.Loader {
	if l, ok := loaderFor(name); ok {
		return l
	}
	return api.LoaderJS
}

// runSet measures, in one run: esbuild's own transform of every file
// (the reference the issue sets: flylint within 2x of it), tdewolff's
// parse alone on JavaScript, and flylint's per-file analysis (transform
// when TypeScript, parse, walk).
func runSet(b *testing.B, files []benchFile) {
	var size int64
	for _, f := range files {
		size += int64(len(f.data))
	}
	b.Run("esbuild-transform", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				r := api.Transform(string(f.data), api.TransformOptions{Loader: esbuildLoader(f.name), Sourcefile: f.name, LogLevel: api.LogLevelSilent})
				if len(r.Errors) > 0 {
					b.Fatalf("%s: %v", f.name, r.Errors[0].Text)
				}
			}
		}
	})
	b.Run("tdewolff-parse-js-only", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				if _, ts := loaderFor(f.name); ts {
					continue
				}
				if _, err := js.Parse(parse.NewInputBytes(f.data), js.Options{}); err != nil {
					b.Fatalf("%s: %v", f.name, err)
				}
			}
		}
	})
	b.Run("flylint-jssrc", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				pf, err := parseFile(f.name, f.data)
				if err != nil {
					b.Fatal(err)
				}
				a := &analysis{opt: Options{Runtime: "node"}, mods: map[string]*module{}, budget: 1 << 20}
				a.sites(newModule(pf, f.name), true)
			}
		}
	})
}

func BenchmarkCorpus(b *testing.B) { runSet(b, corpusFiles(b)) }

func BenchmarkGenerated1000(b *testing.B) {
	files := generatedApp()
	runSet(b, files)
	// The whole app through Analyze: entry, imports followed, cap raised.
	b.Run("flylint-analyze-app", func(b *testing.B) {
		byName := map[string][]byte{}
		for _, f := range files {
			byName[f.name] = f.data
		}
		for b.Loop() {
			res := Analyze("m0.ts", Options{MaxFiles: 2000, MaxBytes: 64 << 20, ReadFile: func(rel string) ([]byte, error) {
				if d, ok := byName[rel]; ok {
					return d, nil
				}
				return nil, os.ErrNotExist
			}})
			if len(res.Files) != 1000 || len(res.Listeners) != 1 {
				b.Fatalf("files %d listeners %d errors %v", len(res.Files), len(res.Listeners), res.Errors)
			}
		}
	})
}
