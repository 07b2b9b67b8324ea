package rules

import (
	"github.com/flylint-dev/flylint/internal/diag"
)

var InputLimit = Register(&Rule{
	ID:       "input-limit",
	Severity: diag.Warning,
	Title:    "Part of the app was not analysed because it passed a limit",
	Since:    "0.1.0",
	Why: "A start command or a Dockerfile variable is so deeply nested or would expand to so much that flylint did not analyse it, so what that part of the app listens on was not checked.\n\n" +
		"flylint lints repositories nobody has vetted (pull requests in CI, fresh clones in editors), so every input is bounded in time and memory. " +
		"A shell command (in `[processes]`, `[experimental]`, or a Dockerfile CMD or ENTRYPOINT) longer than 64 KiB, or whose `$( )`, `( )`, `{ }`, `${ }` or quotes nest more than 64 deep, is skipped before it is parsed; " +
		"a variable expansion (Dockerfile `ARG`, `ENV`, `FROM`, `WORKDIR`, `EXPOSE`, or an assignment in a shell command) that could grow past 64 KiB, or past a total for the whole file, is not expanded, and the variable's value is treated as unknown rather than guessed. " +
		"No real app comes near these limits: the usual cause is a generated or hostile file, such as `ENV A1=$A0$A0…` repeated until the value is gigabytes.\n\n" +
		"The rest of the app is still checked, but port findings that depend on the skipped part are held back. Write the value out, flatten the command, or move a long script into a file in the image.",
	ExampleFile: "Dockerfile",
	Bad: `FROM alpine
ENV A0=xxxxxxxxxx
ENV A1=$A0$A0$A0$A0$A0$A0$A0$A0$A0$A0
ENV A2=$A1$A1$A1$A1$A1$A1$A1$A1$A1$A1
ENV A3=$A2$A2$A2$A2$A2$A2$A2$A2$A2$A2
ENV A4=$A3$A3$A3$A3$A3$A3$A3$A3$A3$A3
CMD ["./server"]`,
	Good: `FROM alpine
ENV APP_HOME=/app
ENV PATH=$APP_HOME/bin:$PATH
CMD ["./server"]`,
	URLs: []string{
		"https://docs.docker.com/reference/dockerfile/#environment-replacement",
		"https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html",
	},
	Tags: []string{"io", "limits"},
	Check: func(p *Pass) {
		for _, l := range p.App.Limits {
			p.Report(diag.Diagnostic{Range: l.Range, Message: l.Message})
		}
	},
})
