// Package dockerfile reads a Dockerfile into the facts flylint needs about
// the image Fly runs: the target stage, its environment, exposed ports and
// start command, each with an exact line and column.
//
// Parsing is buildkit's (frontend/dockerfile/parser and instructions);
// variable expansion is buildkit's shell.Lex. Nothing is fetched: a FROM
// naming a registry image contributes nothing but its name.
package dockerfile

import (
	"github.com/flylint/flylint/listen"
	"github.com/flylint/flylint/source"
)

// File is a parsed Dockerfile.
type File struct {
	Path     string
	Stages   []*Stage
	MetaArgs []*Arg // ARGs before the first FROM
	// Problems are things that parse but deserve a word (an unknown
	// instruction, a heredoc flylint does not interpret).
	Problems []Problem
}

// Problem is a non-fatal note about the file.
type Problem struct {
	Range   source.Range
	Message string
}

// SyntaxError is returned by Parse for a Dockerfile buildkit rejects.
type SyntaxError struct {
	Range   source.Range
	Message string
}

func (e *SyntaxError) Error() string { return e.Range.String() + ": " + e.Message }

// Stage is one FROM and what follows it.
type Stage struct {
	Index int
	Name  string       // the AS name, lower-cased as buildkit does; "" if none
	Base  string       // the FROM image or stage name, ARGs expanded
	From  source.Range // the FROM instruction
	// Parent is the stage named by FROM, when it names an earlier stage.
	Parent *Stage

	Args       []*Arg
	Env        []*EnvVar
	Expose     []*Expose
	Cmd        *Instruction // last CMD of this stage, nil if none
	Entrypoint *Instruction // last ENTRYPOINT of this stage, nil if none
	Runs       []*Instruction
	Copies     []*Copy
	Workdir    string
}

// Arg is an ARG instruction's variable.
type Arg struct {
	Name    string
	Default string
	HasDef  bool
	Range   source.Range
}

// EnvVar is one ENV assignment, its value expanded.
type EnvVar struct {
	Name  string
	Value string
	Range source.Range // the NAME=value text
}

// Expose is one EXPOSE argument.
type Expose struct {
	Text    string // as written, e.g. "8080/tcp", "$PORT"
	Port    int    // first port; 0 when it could not be resolved
	EndPort int    // last port of a range; equals Port otherwise
	Proto   listen.Proto
	Range   source.Range
}

// Instruction is a CMD, ENTRYPOINT or RUN with its command.
type Instruction struct {
	Range   source.Range // the whole instruction
	Command listen.Command
}

// Copy is a COPY or ADD.
type Copy struct {
	From    string // --from stage or image, "" for the build context
	Sources []string
	Dest    string
	Range   source.Range
}

// Image is what runs: the target stage with everything it inherits from
// parent stages.
type Image struct {
	Stage      *Stage
	Env        listen.Env // inherited through FROM <stage>, expanded
	Expose     []*Expose  // inherited as well
	Entrypoint *Instruction
	Cmd        *Instruction
	Workdir    string
}
