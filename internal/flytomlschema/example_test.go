package flytomlschema_test

import (
	"fmt"
	"strings"

	"github.com/flylint-dev/flylint/internal/flytomlschema"
)

func ExampleHover() {
	src := []byte("[http_service]\n  internal_port = 8080\n")
	off := strings.Index(string(src), "port") // the cursor on "internal_port"
	md, start, end, ok := flytomlschema.Hover(src, off)
	first, _, _ := strings.Cut(md, "\n")
	fmt.Println(ok, string(src[start:end]))
	fmt.Println(first)
	// Output:
	// true internal_port
	// **`http_service.internal_port`** (integer)
}

func ExampleComplete() {
	src := []byte("[http_service]\n  auto_stop_machines = \"su\"\n")
	off := strings.Index(string(src), "su") + 2 // the cursor after "su"
	for _, c := range flytomlschema.Complete(src, off) {
		fmt.Printf("%s replaces %s with %s\n", c.Label, src[c.ReplaceStart:c.ReplaceEnd], c.InsertText)
	}
	// Output:
	// "off" replaces "su" with "off"
	// "stop" replaces "su" with "stop"
	// "suspend" replaces "su" with "suspend"
	// true replaces "su" with true
	// false replaces "su" with false
}
