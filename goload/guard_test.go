package goload

import "testing"

// BenchmarkInspect is the walk guard adds before every load, over
// flylint's own module (some 1,500 files); BenchmarkAnalyze is the load
// it precedes.
func BenchmarkInspect(b *testing.B) {
	for b.Loop() {
		g, err := inspect("..", "..", nil)
		if err != nil || g.fatal != nil || len(g.notes) != 0 {
			b.Fatalf("inspect: %v %v %v", err, g.fatal, g.notes)
		}
	}
}
