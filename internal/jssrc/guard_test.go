package jssrc

import (
	"os"
	"strings"
	"testing"
)

// TestHostileShapes: each shape would crash esbuild or cost seconds
// without the guard; with it the file is refused quickly with a reason.
func TestHostileShapes(t *testing.T) {
	shapes := map[string]string{
		"parens":      "x = " + strings.Repeat("(", 120000) + "1" + strings.Repeat(")", 120000),
		"functions":   strings.Repeat("function f(){", 1000) + strings.Repeat("}", 1000),
		"templates":   "x = " + strings.Repeat("`${", 200) + "1" + strings.Repeat("}`", 200),
		"unary":       "x = " + strings.Repeat("!", 100000) + "1",
		"conditional": "x = " + strings.Repeat("a ? b : ", 20000) + "1",
		"redeclared":  strings.Repeat("export class S<T> { f(): T | undefined { return undefined; } }\n", 2000),
	}
	for name, src := range shapes {
		for _, file := range []string{"a.js", "a.ts"} {
			res := Analyze(file, Options{MaxFileSize: 1 << 20, ReadFile: func(string) ([]byte, error) { return []byte(src), nil }})
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "flylint did not analyse") {
				t.Errorf("%s %s: errors %v", name, file, res.Errors)
			}
		}
	}
	// Ordinary code with strings, comments, templates and regexps that
	// contain brackets passes.
	ok := "// ((((((\nconst s = '(((((', t = `${'{'}` + `(${[1].map(x => `${x}`)}`;\n/* [[[[ */ const r = /\\(/;\nx ? y?.z ?? 1 : -(-1);\n"
	if err := guard("ok.js", []byte(strings.Repeat(ok, 200))); err != nil {
		t.Error(err)
	}
}

func TestByteBudget(t *testing.T) {
	big := "export const a = 1;\n" + strings.Repeat("// filler\n", 30000)
	files := map[string]string{"main.js": "import './b.js';\nimport './c.js';\napp.listen(80);\n", "b.js": big, "c.js": big}
	res := Analyze("main.js", Options{MaxBytes: 400 << 10, ReadFile: func(rel string) ([]byte, error) {
		if d, ok := files[rel]; ok {
			return []byte(d), nil
		}
		return nil, os.ErrNotExist
	}})
	if len(res.Files) != 2 || len(res.Listeners) != 1 {
		t.Errorf("files %v listeners %d", res.Files, len(res.Listeners))
	}
}
