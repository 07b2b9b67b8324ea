package workspace

import (
	"bytes"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// startCommand works out how a process group starts, by Fly's precedence:
// [processes].<group> (split like a shell, replaces CMD, keeps ENTRYPOINT)
// > [experimental] exec > [experimental] entrypoint + (cmd or image CMD)
// > image ENTRYPOINT + CMD. ok is false when nothing sets a command.
func (b *appBuilder) startCommand(g *Group, proc *flytoml.Process) (cmd listen.Command, ok bool) {
	var ep, cm *listen.Command
	if b.app.Image != nil {
		if i := b.app.Image.Entrypoint; i != nil {
			ep = &i.Command
		}
		if i := b.app.Image.Cmd; i != nil {
			cm = &i.Command
		}
	} else if b.built != nil {
		// The default process of a buildpack or builtin build stands
		// where an image CMD would: [processes] replaces it.
		cm = b.built.cmd
	}
	var exp *flytoml.Experimental
	if b.app.Config != nil {
		exp = b.app.Config.Experimental
	}
	if exp != nil && exp.Entrypoint.Set && exp.Entrypoint.OK {
		c := b.tomlList(exp.Entrypoint, "[experimental] entrypoint")
		ep = &c
		cm = nil // a new entrypoint drops the image CMD unless cmd is given again
	}
	if exp != nil && exp.Cmd.Set && exp.Cmd.OK {
		c := b.tomlList(exp.Cmd, "[experimental] cmd")
		cm = &c
	}
	switch {
	case proc != nil && proc.Command.OK:
		c, err := b.splitProcess(proc)
		if err != nil {
			g.CommandErr = err
			return listen.Command{}, false
		}
		cm = &c
	case exp != nil && exp.Exec.Set && exp.Exec.OK:
		return b.tomlList(exp.Exec, "[experimental] exec"), true
	}
	if ep == nil && cm == nil {
		// The Dockerfile inherits its process from an official image
		// flylint knows (nginx, httpd, caddy).
		return b.baseCommand()
	}
	return joinCommand(ep, cm)
}

// joinCommand combines ENTRYPOINT and CMD the way Docker does: a
// shell-form ENTRYPOINT ignores CMD; an exec-form one gets CMD's argv
// appended (a shell-form CMD as /bin/sh -c script).
func joinCommand(ep, cm *listen.Command) (listen.Command, bool) {
	switch {
	case ep == nil && cm == nil:
		return listen.Command{}, false
	case ep == nil:
		return *cm, true
	case ep.Shell || cm == nil:
		return *ep, true
	}
	out := listen.Command{Origin: ep.Origin + " + " + cm.Origin}
	out.Args = append(out.Args, ep.Args...)
	if cm.Shell {
		r := source.Range{}
		if len(cm.Args) > 0 {
			r = cm.Args[0].Range
		}
		out.Args = append(out.Args, listen.Arg{Text: "/bin/sh", Range: r}, listen.Arg{Text: "-c", Range: r})
	}
	out.Args = append(out.Args, cm.Args...)
	return out, true
}

// tomlList turns an [experimental] cmd/entrypoint/exec value into argv. A
// single string is ONE argv element, not a split command: that is how Fly
// runs it, and experimental-cmd-string warns about it.
func (b *appBuilder) tomlList(s flytoml.Strings, origin string) listen.Command {
	c := listen.Command{Origin: origin}
	for i, v := range s.V {
		r := s.Value
		if i < len(s.Elems) {
			r = s.Elems[i]
		}
		c.Args = append(c.Args, listen.Arg{Text: v, Range: r})
	}
	return c
}

// splitProcess splits a [processes] command like a shell, as flyctl does:
// quotes group words, nothing is expanded ($PORT stays "$PORT": no shell
// runs it). Each word keeps its exact position when the TOML string is
// written without escapes.
func (b *appBuilder) splitProcess(p *flytoml.Process) (listen.Command, error) {
	text := p.Command.V
	origin := "[processes] " + p.Name
	base, exact := b.stringContentOffset(p.Command.Value, text)
	if ex := listen.CheckCommand(text); ex != nil {
		// Checked before the shell parser sees it: deep nesting costs
		// that parser time with the square of the depth, then its stack.
		r := p.Command.Value
		if exact {
			r = b.lines.Range(b.app.ConfigPath, base+ex.Offset, base+ex.End)
		}
		return listen.Command{}, &LimitError{Range: r, Message: ex.Message(fmt.Sprintf("The command of process group %q", p.Name))}
	}
	words, err := splitWords(text)
	if err != nil {
		return listen.Command{}, &LoadError{Range: p.Command.Value, Message: fmt.Sprintf("flylint cannot read the command of process group %q as shell words: %v", p.Name, err)}
	}
	c := listen.Command{Origin: origin}
	for _, w := range words {
		r := p.Command.Value
		if exact {
			r = b.lines.Range(b.app.ConfigPath, base+w.start, base+w.end)
		}
		c.Args = append(c.Args, listen.Arg{Text: w.text, Range: r})
	}
	return c, nil
}

// stringContentOffset returns the offset in the fly.toml where the content
// of a string value starts, when the raw text maps byte for byte onto the
// decoded value (no escapes, one line); exact is false otherwise.
func (b *appBuilder) stringContentOffset(v source.Range, decoded string) (int, bool) {
	raw := b.configData
	if v.Start.Offset < 0 || v.End.Offset > len(raw) || v.Start.Offset >= v.End.Offset {
		return 0, false
	}
	lit := raw[v.Start.Offset:v.End.Offset]
	for _, q := range []string{`"`, `'`} {
		if len(lit) == len(decoded)+2 && bytes.HasPrefix(lit, []byte(q)) && string(lit[1:len(lit)-1]) == decoded {
			return v.Start.Offset + 1, true
		}
	}
	return 0, false
}

type word struct {
	text       string
	start, end int // byte offsets in the split string
}

// splitWords splits s into shell words without expanding anything.
func splitWords(s string) ([]word, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(s), "")
	if err != nil {
		return nil, err
	}
	var out []word
	syntax.Walk(f, func(n syntax.Node) bool {
		w, ok := n.(*syntax.Word)
		if !ok {
			return true
		}
		out = append(out, word{text: wordText(s, w), start: int(w.Pos().Offset()), end: int(w.End().Offset())})
		return false
	})
	return out, nil
}

// wordText is a word's value after quote removal, with expansions kept as
// written.
func wordText(src string, w *syntax.Word) string {
	var sb strings.Builder
	var parts func([]syntax.WordPart)
	parts = func(ps []syntax.WordPart) {
		for _, p := range ps {
			switch p := p.(type) {
			case *syntax.Lit:
				sb.WriteString(unescape(p.Value))
			case *syntax.SglQuoted:
				sb.WriteString(p.Value)
			case *syntax.DblQuoted:
				parts(p.Parts)
			default:
				sb.WriteString(src[p.Pos().Offset():p.End().Offset()])
			}
		}
	}
	parts(w.Parts)
	return sb.String()
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
