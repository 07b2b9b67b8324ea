package listen

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"github.com/flylint-dev/flylint/internal/source"
)

// script interprets a shell script (a shell-form command, or the argument
// of sh -c) without running it. Every simple command is looked at; the
// ones that can still be running when the script ends (the last one,
// anything sent to the background with &, and what exec replaces the
// shell with) decide Known, because a command that is followed by another
// must have exited for the next to run.
func (in *interp) script(a Arg, sc *scope) Result {
	if ex := CheckCommand(a.Text); ex != nil {
		in.skip(argRange(a, ex.Offset, ex.End), ex.Message(in.what()))
		return Result{}
	}
	f, err := syntax.NewParser().Parse(strings.NewReader(a.Text), "")
	if err != nil || len(f.Stmts) == 0 {
		return Result{}
	}
	sh := &shellRun{in: in, arg: a, exact: exactArg(a), res: Result{Known: true}}
	sh.stmts(f.Stmts, sc, true)
	if !sh.sawTail {
		sh.res.Known = false
	}
	sh.res.Reads = dedupe(sh.res.Reads)
	sh.res.Config = dedupe(sh.res.Config)
	return sh.res
}

// maxOthers bounds Result.Others: a script is untrusted text.
const maxOthers = 32

type shellRun struct {
	in      *interp
	arg     Arg
	exact   bool
	res     Result
	sawTail bool
}

// stmts walks a list; it reports whether an exec ended the shell.
func (sh *shellRun) stmts(list []*syntax.Stmt, sc *scope, tail bool) bool {
	for i, st := range list {
		if sh.stmt(st, sc, tail && i == len(list)-1 || st.Background) && !st.Background {
			return true
		}
	}
	return false
}

func (sh *shellRun) stmt(st *syntax.Stmt, sc *scope, tail bool) (stop bool) {
	if st == nil {
		return false
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		return sh.call(c, sc, tail)
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.AndStmt:
			if sh.stmt(c.X, sc, false) {
				return true
			}
			return sh.stmt(c.Y, sc, tail)
		default: // ||, pipes: either side may be what keeps running
			x := sh.stmt(c.X, sc, tail)
			y := sh.stmt(c.Y, sc, tail)
			return x && y
		}
	case *syntax.Block:
		return sh.stmts(c.Stmts, sc, tail)
	case *syntax.Subshell:
		sh.stmts(c.Stmts, sc.clone(), tail)
		return false
	case *syntax.DeclClause:
		sh.decl(c, sc)
		if tail {
			sh.sawTail = true
		}
		return false
	case *syntax.TimeClause:
		return sh.stmt(c.Stmt, sc, tail)
	case *syntax.IfClause:
		return sh.branches(sc, tail, ifBodies(c)...)
	case *syntax.CaseClause:
		var bodies [][]*syntax.Stmt
		for _, it := range c.Items {
			bodies = append(bodies, it.Stmts)
		}
		return sh.branches(sc, tail, bodies...)
	case *syntax.WhileClause:
		// `while true; do server; done` restarts a server: its body is
		// what runs.
		sh.stmts(c.Do, sc, tail)
		return false
	case *syntax.ForClause:
		sh.stmts(c.Do, sc, tail)
		return false
	case *syntax.FuncDecl:
		return false
	}
	if tail {
		sh.sawTail = true
		sh.res.Known = false
	}
	return false
}

func ifBodies(c *syntax.IfClause) [][]*syntax.Stmt {
	var out [][]*syntax.Stmt
	for ; c != nil; c = c.Else {
		out = append(out, c.Then)
	}
	return out
}

// branches walks alternatives flylint cannot choose between. Their
// listeners are all kept, but if a branch can end the script (it is the
// tail, or it execs), which server runs is not known.
func (sh *shellRun) branches(sc *scope, tail bool, bodies ...[]*syntax.Stmt) bool {
	allStop := len(bodies) > 0
	anyStop := false
	for _, b := range bodies {
		stop := sh.stmts(b, sc.clone(), tail)
		anyStop = anyStop || stop
		allStop = allStop && stop
	}
	if (tail || anyStop) && len(bodies) > 1 {
		sh.res.Known = false
	}
	if anyStop && !tail {
		sh.sawTail = true
		sh.res.Known = false
	}
	return allStop && len(bodies) > 1
}

func (sh *shellRun) decl(c *syntax.DeclClause, sc *scope) {
	export := c.Variant != nil && c.Variant.Value == "export"
	for _, as := range c.Args {
		if as == nil || as.Name == nil {
			continue
		}
		name := as.Name.Value
		if !as.Naked && as.Value != nil {
			sc.vars[name] = sh.assignVar(as, sc)
		}
		if export {
			sc.exported[name] = true
		}
	}
}

func (sh *shellRun) assignVar(as *syntax.Assign, sc *scope) Var {
	v := Var{Name: as.Name.Value, Range: sh.nodeRange(as), Origin: "command"}
	if !sh.expandable(as.Value, sc) {
		// Not known: a later $NAME must not read as empty.
		v.Unknown = true
		return v
	}
	v.Value, _ = expand.Literal(sh.cfg(sc), as.Value)
	return v
}

// expandable reports whether w can be expanded within the limits: the
// values it substitutes are all known, and what it could grow to is
// within MaxExpansion and what is left of the command's budget. An
// expansion past a limit is a Skip, and the word is treated as unknown.
func (sh *shellRun) expandable(w *syntax.Word, sc *scope) bool {
	if w == nil {
		return true
	}
	size, unknown := expansionBound(w, sc)
	if unknown {
		sc.sawUnknown()
		return false
	}
	if sh.in.spent+size <= maxExpandTotal && size <= MaxExpansion {
		sh.in.spent += size
		return true
	}
	if sh.in.spent <= maxExpandTotal { // once past the total, the first refusal said so
		if size > MaxExpansion {
			sh.in.skip(sh.nodeRange(w), fmt.Sprintf("%s expands a word to as much as %d bytes, past flylint's limit of %d, so flylint did not expand it: its value is not known, and neither are the ports that depend on it. No real start command builds a value this large; write the value out, or set it in the image.",
				sh.in.what(), size, MaxExpansion))
		} else {
			sh.in.skip(sh.nodeRange(w), fmt.Sprintf("%s expands to more than %d bytes in all, past flylint's limit, so flylint expanded nothing from here on: those values are not known, and neither are the ports that depend on them. No real start command builds values this large; write them out, or set them in the image.",
				sh.in.what(), maxExpandTotal))
		}
	}
	// Once over budget, every later large word counts as spent, so one
	// command gives at most a few findings, whatever its length.
	sh.in.spent += min(size, MaxExpansion)
	sc.sawUnknown()
	return false
}

// expansionBound is the most w can expand to: its own text plus, for
// each parameter expansion in it (defaults included), the whole value of
// the variable; a ${X/pattern/repl} may put repl in at every byte of X,
// so it multiplies. unknown is true when w reads a variable whose value
// is not known.
func expansionBound(w *syntax.Word, sc *scope) (size int, unknown bool) {
	size = int(w.End().Offset()) - int(w.Pos().Offset())
	longest := -1
	repl := 0
	syntax.Walk(w, func(n syntax.Node) bool {
		p, ok := n.(*syntax.ParamExp)
		if !ok || p.Param == nil {
			return true
		}
		v, set := sc.vars[p.Param.Value]
		switch {
		case set && v.Unknown:
			unknown = true
		case p.Excl:
			// ${!X} names another variable: any of them.
			if longest < 0 {
				for _, v := range sc.vars {
					longest = max(longest, len(v.Value))
				}
			}
			size = BoundAdd(size, max(longest, 0), maxExpandTotal)
		case set:
			size = BoundAdd(size, len(v.Value), maxExpandTotal)
		}
		if p.Repl != nil {
			repl++
		}
		return !unknown
	})
	for range repl {
		size = BoundMul(size, size+1, maxExpandTotal)
	}
	return size, unknown
}

func (sh *shellRun) call(c *syntax.CallExpr, sc *scope, tail bool) (stop bool) {
	if len(c.Args) == 0 {
		for _, as := range c.Assigns {
			if as != nil && as.Name != nil && as.Value != nil {
				sc.vars[as.Name.Value] = sh.assignVar(as, sc)
			}
		}
		if tail {
			sh.sawTail = true
		}
		return false
	}
	ws := sh.words(c.Args, sc)
	cmdScope := sc
	if len(c.Assigns) > 0 {
		cmdScope = sc.clone()
		for _, as := range c.Assigns {
			if as != nil && as.Name != nil && as.Value != nil {
				cmdScope.vars[as.Name.Value] = sh.assignVar(as, sc)
				cmdScope.exported[as.Name.Value] = true
			}
		}
	}
	if len(ws) == 0 {
		return false
	}
	isExec := !ws[0].opaque && ws[0].value() == "exec" && len(ws) > 1
	r := sh.in.run(ws, cmdScope)
	sh.res.Listeners = append(sh.res.Listeners, r.Listeners...)
	sh.res.Reads = append(sh.res.Reads, r.Reads...)
	sh.res.Config = append(sh.res.Config, r.Config...)
	if tail || isExec {
		sh.res.Tails++
		sh.sawTail = true
		if !r.Known {
			sh.res.Known = false
		}
		sh.res.Program, sh.res.Argv = r.Program, r.Argv
	} else if len(r.Argv) > 0 && len(sh.res.Others) < maxOthers {
		sh.res.Others = append(sh.res.Others, r.Argv)
	}
	return isExec
}

// cfg expands against the shell's variables; command substitution has no
// handler, so it fails instead of running anything.
func (sh *shellRun) cfg(sc *scope) *expand.Config {
	return &expand.Config{Env: scopeEnviron{sc}}
}

type scopeEnviron struct{ sc *scope }

func (e scopeEnviron) Get(name string) expand.Variable {
	v, ok := e.sc.vars[name]
	if !ok {
		return expand.Variable{}
	}
	return expand.Variable{Set: true, Exported: e.sc.exported[name], Kind: expand.String, Str: v.Value}
}

func (e scopeEnviron) Each(fn func(string, expand.Variable) bool) {
	for name := range e.sc.vars {
		if !fn(name, e.Get(name)) {
			return
		}
	}
}

// words expands a command's arguments as the shell would, field splitting
// included. A word that expands to one field keeps its structure (which
// part is which variable, where each part is written); one that splits
// or cannot be expanded loses it.
func (sh *shellRun) words(args []*syntax.Word, sc *scope) []word {
	cfg := sh.cfg(sc)
	var out []word
	for _, w := range args {
		rng := sh.nodeRange(w)
		if hasBraces(w) || !sh.expandable(w, sc) {
			// Brace expansion can multiply one word into thousands; no
			// start command needs it to name its listen address.
			out = append(out, word{tmpl: sh.rawText(w), rng: rng, opaque: true})
			continue
		}
		fields, err := expand.Fields(cfg, w)
		if err != nil {
			out = append(out, word{tmpl: sh.rawText(w), rng: rng, opaque: true})
			continue
		}
		switch len(fields) {
		case 0:
			// An unset $PORT leaves no argument at all; keep the
			// reference so the port can be reported as required.
			if hasParam(w) {
				out = append(out, sh.template(w, sc, cfg, rng, ""))
			}
		case 1:
			out = append(out, sh.template(w, sc, cfg, rng, fields[0]))
		default:
			for _, f := range fields {
				out = append(out, word{tmpl: f, rng: rng})
			}
		}
	}
	return out
}

// template builds a word's template from its parts. Each part is expanded
// by the expand package on its own; only simple references ($X, ${X},
// ${X:-d}, ${X-d}) become placeholders.
func (sh *shellRun) template(w *syntax.Word, sc *scope, cfg *expand.Config, rng source.Range, field string) word {
	out := word{rng: rng}
	var b strings.Builder
	exact := sh.exact
	var spans []span
	addLit := func(val string, raw string, off int) {
		t0 := b.Len()
		b.WriteString(val)
		if exact && val == raw && off >= 0 {
			spans = append(spans, span{t0, b.Len(), off, off + len(raw), true})
		} else {
			exact = false
		}
	}
	var walk func(parts []syntax.WordPart, quoted bool)
	walk = func(parts []syntax.WordPart, quoted bool) {
		for _, p := range parts {
			switch p := p.(type) {
			case *syntax.Lit:
				addLit(expandPart(cfg, p, quoted), p.Value, int(p.Pos().Offset()))
			case *syntax.SglQuoted:
				off := int(p.Left.Offset()) + 1
				if p.Dollar {
					off = -1
				}
				addLit(expandPart(cfg, p, quoted), p.Value, off)
			case *syntax.DblQuoted:
				walk(p.Parts, true)
			case *syntax.ParamExp:
				if name, ok := simpleRef(p); ok && len(out.refs) < 0xFFFF {
					rf := ref{name: name, value: expandPart(cfg, p, quoted)}
					v, set := sc.vars[name]
					rf.set, rf.env = set, v.Value
					if p.Exp != nil {
						rf.hasDef = true
						rf.def, _ = expand.Literal(cfg, p.Exp.Word)
					}
					if set && v.Origin == "command" {
						// Set by the command itself: as good as a literal.
						addLit(rf.value, "", -1)
						continue
					}
					t0 := b.Len()
					b.WriteString(placeholder(len(out.refs)))
					out.refs = append(out.refs, rf)
					spans = append(spans, span{t0, b.Len(), int(p.Pos().Offset()), int(p.End().Offset()), false})
					continue
				}
				addLit(expandPart(cfg, p, quoted), "", -1)
			default:
				addLit(expandPart(cfg, p, quoted), "", -1)
			}
		}
	}
	walk(w.Parts, false)
	out.tmpl = b.String()
	if out.value() != field || hasPlaceholderRunes(field) {
		// The parts did not add up to what the shell produces (brace or
		// tilde expansion, say): keep the value, drop the structure.
		return word{tmpl: field, rng: rng}
	}
	if exact {
		out.spans = spans
		out.base = sh.arg.Range.Start
	}
	return out
}

// simpleRef recognises $X, ${X}, ${X:-d} and ${X-d} for an ordinary name.
func simpleRef(p *syntax.ParamExp) (string, bool) {
	if p.Param == nil || !syntax.ValidName(p.Param.Value) || p.Excl || p.Length || p.Width || p.IsSet ||
		p.Index != nil || p.Slice != nil || p.Repl != nil || p.Names != 0 || p.NestedParam != nil ||
		len(p.Modifiers) > 0 || p.Flags != nil {
		return "", false
	}
	if p.Exp != nil && p.Exp.Op != syntax.DefaultUnset && p.Exp.Op != syntax.DefaultUnsetOrNull {
		return "", false
	}
	return p.Param.Value, true
}

func expandPart(cfg *expand.Config, p syntax.WordPart, quoted bool) string {
	if quoted {
		p = &syntax.DblQuoted{Parts: []syntax.WordPart{p}}
	}
	s, _ := expand.Literal(cfg, &syntax.Word{Parts: []syntax.WordPart{p}})
	return s
}

// nodeRange is where a node of the script is in the file: exact when the
// script maps byte for byte, else the whole script argument.
func (sh *shellRun) nodeRange(n syntax.Node) source.Range {
	if !sh.exact {
		return sh.arg.Range
	}
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s < 0 || e > len(sh.arg.Text) || s > e {
		return sh.arg.Range
	}
	st := sh.arg.Range.Start
	return source.Range{File: sh.arg.Range.File, Start: shift(st, s), End: shift(st, e)}
}

func (sh *shellRun) rawText(n syntax.Node) string {
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s < 0 || e > len(sh.arg.Text) || s > e {
		return ""
	}
	return sh.arg.Text[s:e]
}

func dedupe(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func hasParam(w *syntax.Word) bool {
	found := false
	syntax.Walk(w, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.ParamExp); ok {
			found = true
		}
		return !found
	})
	return found
}

// hasBraces reports whether the shell would brace-expand w.
func hasBraces(w *syntax.Word) bool {
	c := *w
	return syntax.SplitBraces(&c)
}
