package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNodeBudget: a repository with hundreds of process groups, each
// running a different large TypeScript file, has at most maxNodeBytes of
// JavaScript and TypeScript read for the app (plus the one file that
// crosses the line), and still reports the listener of the first.
func TestNodeBudget(t *testing.T) {
	dir := t.TempDir()
	var procs strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&procs, "  p%d = \"node f%d.ts\"\n", i, i%40)
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("fly.toml", "app = \"h\"\n\n[processes]\n"+procs.String()+"\n[http_service]\n  internal_port = 8080\n  processes = [\"p0\"]\n")
	write("Dockerfile", "FROM node:22\nCOPY . .\n")
	var fb strings.Builder
	for k := 0; k < 3000; k++ {
		fmt.Fprintf(&fb, "export function f%d(x: number): number { return x + 1 }\n", k)
	}
	filler := fb.String()
	for i := 0; i < 40; i++ {
		write(fmt.Sprintf("f%d.ts", i), fmt.Sprintf("import './f%d';\n%s\napp.listen(3000);\n", (i+1)%40, filler))
	}
	ws, err := Load([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for name, data := range ws.Files {
		if strings.HasSuffix(name, ".ts") {
			read += len(data)
		}
	}
	if read > maxNodeBytes+len(filler)+200 {
		t.Errorf("read %d bytes of TypeScript, budget %d", read, maxNodeBytes)
	}
	if len(ws.Apps[0].Limits) == 0 {
		t.Error("the files not analysed are not reported as limits")
	}
	g := ws.Apps[0].Groups[0]
	if len(g.Listeners) == 0 || g.Listeners[0].Port.Number != 3000 {
		t.Errorf("group %s listeners %v", g.Name, g.Listeners)
	}
}
