package rules

import (
	"fmt"

	"github.com/flylint-dev/flylint/internal/diag"
)

var FilesLocalPathUnreadable = Register(&Rule{
	ID:       "files-local-path-unreadable",
	Severity: diag.Error,
	Title:    "[[files]] local_path names a file that is not there",
	Since:    "0.2.0",
	Why: "A `[[files]]` entry's `local_path` does not exist (or is a directory), so `fly deploy` fails with \"could not read file\" when it builds the Machine config.\n\n" +
		"flyctl reads `local_path` from your machine at deploy time, base64-encodes it and writes it into every Machine at `guest_path`; the file does not go through the Docker build. " +
		"A relative path is read from the directory flyctl runs in, which for `fly deploy` is the app's directory (the one holding fly.toml), so flylint checks it there. " +
		"Fix the path, create the file, or take the content from a secret (`secret_name`) or inline (`raw_value`). flylint checks only paths inside the linted tree; an absolute path is not checked.",
	ExampleFile: "fly.toml",
	Bad: `[[files]]
  guest_path = "/etc/app/config.yml"
  local_path = "config/app.yml"   # no such file`,
	Good: `[[files]]
  guest_path = "/etc/app/config.yml"
  secret_name = "APP_CONFIG"`,
	URLs: []string{
		"https://fly.io/docs/reference/configuration/#the-files-section",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/config.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		for _, e := range p.App.LocalFileProblems {
			p.Report(diag.Diagnostic{Range: e.Range, Message: fmt.Sprintf(
				"local_path %s, so fly deploy fails (\"could not read file\"): flyctl reads it from your machine when it deploys, not from the image. Fix the path, add the file, or use secret_name or raw_value instead.",
				e.Message)})
		}
	},
})
