// Package dockerfile reads a Dockerfile into the facts flylint needs about
// the image Fly runs: the target stage, its environment, exposed ports and
// start command, each with an exact line and column.
//
// Parsing is buildkit's (frontend/dockerfile/parser and instructions);
// variable expansion is buildkit's shell.Lex. Nothing is fetched: a FROM
// naming a registry image contributes nothing but its name.
package dockerfile

import (
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// File is a parsed Dockerfile.
type File struct {
	Path     string
	Stages   []*Stage
	MetaArgs []*Arg // ARGs before the first FROM
	// Problems are things that parse but deserve a word (an empty
	// continuation line, a duplicate stage name, an EXPOSE docker would
	// reject when it runs the build).
	Problems []Problem
	// Limits are variable expansions flylint refused because they could
	// grow past MaxExpansion (a doubling bomb), in the file's default
	// build; the values concerned are unknown.
	Limits []Problem

	// Escape is the escape and line-continuation character (the
	// "# escape=" directive, default '\\').
	Escape rune

	text *text
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
	// Workdir is the working directory at the end of this stage, relative
	// WORKDIRs joined to the inherited one ("/" when nothing set one).
	Workdir string

	baseRaw string // the FROM argument as written
	ops     []op   // ARG, ENV, EXPOSE, WORKDIR, CMD, ENTRYPOINT, SHELL, COPY in order
}

// Arg is an ARG instruction's variable.
type Arg struct {
	Name    string
	Default string // as written; expanded only when a build uses it
	HasDef  bool
	Range   source.Range // the NAME or NAME=default text
}

// EnvVar is one ENV assignment, its value expanded.
type EnvVar struct {
	Name  string
	Value string
	// Unknown is true when the value passed an expansion limit: Value
	// is then empty and means nothing.
	Unknown bool
	Range   source.Range // the NAME=value text
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
//
// Exec form (a JSON array) gives one Arg per element, its Range the text
// inside the quotes (so a fix can replace the value and keep the quotes),
// its Text the decoded string. Shell form gives one Arg whose Text is the
// script exactly as /bin/sh -c receives it (continuations joined, comment
// lines inside them dropped) and whose Range runs from its first to its
// last byte in the file, across continuation lines.
type Instruction struct {
	Range   source.Range // the whole instruction, heredoc bodies included
	Command listen.Command
	// Heredocs are the here-documents of a RUN (RUN <<EOF ... EOF).
	Heredocs []Heredoc
}

// Heredoc is one here-document body.
type Heredoc struct {
	Name    string // the delimiter word, quotes removed
	Content string // the body as written, terminator excluded
	Range   source.Range
}

// Copy is a COPY or ADD.
type Copy struct {
	From    string // --from stage or image, "" for the build context
	Sources []string
	Dest    string
	Range   source.Range
	// Workdir is the WORKDIR in effect at the instruction ("/" when
	// none is), which a relative Dest is joined to; set when the image
	// is evaluated.
	Workdir string
}

// Image is what runs: the target stage with everything it inherits from
// parent stages.
type Image struct {
	Stage *Stage
	// Chain is the FROM <stage> chain this build follows, first base
	// first, Stage last. Build args can change it (FROM ${STAGE}), so it
	// may differ from following Stage.Parent, which holds for the file's
	// defaults.
	Chain []*Stage
	// Root is the image the first stage of Chain builds FROM, as this
	// build's args expand it ("scratch" for an empty filesystem); it is
	// the FROM text as written when a variable in it is not known.
	Root       string
	Env        listen.Env // inherited through FROM <stage>, expanded
	Expose     []*Expose  // inherited as well
	Entrypoint *Instruction
	Cmd        *Instruction
	Workdir    string
	// Shell is the SHELL in effect for shell-form commands; nil means
	// docker's default, /bin/sh -c.
	Shell []string
	// Problems are what stops this build, or what flylint could not work
	// out, for this target and these build args (an unset required
	// variable, a blank FROM).
	Problems []Problem
	// Limits are the expansions this build refused (see File.Limits).
	Limits []Problem
}
