package rules

import (
	"errors"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/dockerfile"
)

var DockerfileSyntax = Register(&Rule{
	ID:       "dockerfile-syntax",
	Severity: diag.Error,
	Title:    "The Dockerfile does not parse",
	Since:    "0.1.0",
	Why: `The app's Dockerfile must parse: ` + "`fly deploy`" + ` builds it with BuildKit, which rejects the same errors before building anything.

Fix the instruction at the position given: an unknown instruction, a malformed JSON array in CMD or ENTRYPOINT, or a file with no FROM.`,
	ExampleFile: "Dockerfile",
	Bad: `FROM golang:1.23 AS build
RUNN go build -o /app .`,
	Good: `FROM golang:1.23 AS build
RUN go build -o /app .`,
	URLs: []string{"https://docs.docker.com/reference/dockerfile/", "https://fly.io/docs/languages-and-frameworks/dockerfile/"},
	Tags: []string{"syntax"},
	Check: func(p *Pass) {
		var se *dockerfile.SyntaxError
		if errors.As(p.App.DockerfileErr, &se) {
			p.Reportf(se.Range, "The Dockerfile does not parse: %s. fly deploy would fail to build it; fix this instruction.", trimPeriod(se.Message))
		}
	},
})
