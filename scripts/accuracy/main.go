// Command accuracy lints the labelled corpus of real Fly apps and prints,
// as markdown, how flylint's findings compare with LABELS.md: per rule the
// expected, found, missed and false-alarm counts, then each miss, false
// alarm and judged finding. It exits 1 when any of them is unexplained.
//
//	go run ./scripts/accuracy [-corpus ../shared/corpus]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/flylint-dev/flylint/internal/corpus"
)

func main() {
	root := flag.String("corpus", "../shared/corpus", "corpus directory holding LABELS.md and apps/")
	flag.Parse()
	r, err := corpus.Evaluate(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	fmt.Print(r.Markdown())
	if n := len(r.Unexplained()); n > 0 {
		fmt.Fprintf(os.Stderr, "accuracy: %d unexplained misses, false alarms or unjudged findings\n", n)
		os.Exit(1)
	}
}
