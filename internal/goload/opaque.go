package goload

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/lazyre"
	"github.com/flylint-dev/flylint/internal/source"
)

// serverCall matches the names libraries give a call that starts a
// server: Run, Start, Serve, ListenAndServe, StartTLS, ...
var serverCall = lazyre.New(`^(?:Run|Start|Serve|Listen)(?:TLS|Server|AndServe|AndServeTLS|Packet|GRPC)?$`)

// opaqueCalls finds the calls in package p, one of the module's, that
// may start a server flylint cannot see: a function of another module
// (dependencies are loaded from export data, so their bodies are not
// analysed) named like a server start, where no listen site was
// recognised, and any call that runs another program (os/exec). A
// program that makes one may listen on more than its sites say, so its
// list of listeners is not complete. inModule holds the module's import
// paths; sites are the listen sites found in p.
func opaqueCalls(p *packages.Package, inModule map[string]bool, sites []*listensite.Site) []source.Range {
	if p.TypesInfo == nil {
		return nil
	}
	recognised := map[token.Pos]bool{}
	for _, s := range sites {
		recognised[s.Pos] = true
	}
	var out []source.Range
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || recognised[call.Pos()] {
				return true
			}
			fn, ok := typeutil.Callee(p.TypesInfo, call).(*types.Func)
			if !ok || fn.Pkg() == nil || inModule[fn.Pkg().Path()] {
				return true
			}
			if !startsProgram(fn) && (isStd(fn.Pkg().Path()) || !serverCall().MatchString(fn.Name()) || runsOwnCode(fn)) {
				return true
			}
			out = append(out, source.FromToken(p.Fset, call.Pos(), call.End()))
			return true
		})
	}
	return out
}

// startsProgram reports whether fn runs another program, whose listeners
// are its own: a supervisor that execs etcd listens where etcd does.
func startsProgram(fn *types.Func) bool {
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os/exec.Command", "os/exec.CommandContext", "os.StartProcess", "syscall.Exec", "syscall.ForkExec", "golang.org/x/sys/unix.Exec":
		return true
	}
	return false
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot, unlike every module path on a proxy.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// runsOwnCode reports whether fn is a command-line library's Run, which
// parses the arguments and calls back into the program's own actions
// (analysed like the rest of the module) and starts no server itself:
// urfave/cli v2 (*App).Run and RunContext, v3 (*Command).Run, kong's
// (*Context).Run.
func runsOwnCode(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	switch fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name() {
	case "github.com/urfave/cli/v2.App.Run", "github.com/urfave/cli/v2.App.RunContext",
		"github.com/urfave/cli/v3.Command.Run", "github.com/alecthomas/kong.Context.Run":
		return true
	}
	return false
}
