package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/flytomlschema"
	"github.com/flylint-dev/flylint/internal/suppress"
	"github.com/flylint-dev/flylint/internal/workspace"
	"github.com/flylint-dev/flylint/rules"
)

// explainCommand opens a rule's documentation.
const explainCommand = "flylint.explain"

func (s *server) hover(p TextDocumentPositionParams) (any, error) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	s.mu.Lock()
	r, enc := s.results[path], s.enc
	var text []byte
	if d := s.docs[path]; d != nil {
		text = d.text
	}
	s.mu.Unlock()
	if r != nil {
		off := r.index.offset(p.Position, enc)
		var docs []string
		var at *Range
		for _, f := range r.findings {
			lo, hi := byteOffset(r.index, f.d.Start), byteOffset(r.index, f.d.End)
			if !f.d.Start.IsValid() || off < lo || off > hi {
				continue
			}
			rule := rules.Lookup(f.d.Rule)
			if rule == nil {
				continue
			}
			md := rules.Markdown(rule)
			if !slices.Contains(docs, md) {
				docs = append(docs, md)
			}
			if at == nil {
				rg := f.lsp.Range
				at = &rg
			}
		}
		if len(docs) > 0 {
			return Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(docs, "\n---\n\n")}, Range: at}, nil
		}
	}
	if text != nil && isFlyTOML(path) {
		li := newLineIndex(text)
		if md, start, end, ok := flytomlschema.Hover(text, li.offset(p.Position, enc)); ok {
			rg := li.rangeOf(start, end, enc)
			return Hover{Contents: MarkupContent{Kind: "markdown", Value: md}, Range: &rg}, nil
		}
	}
	return nil, nil
}

// complete answers textDocument/completion in a fly.toml buffer: table
// names after "[" or "[[", the keys of the table at the cursor, the
// enumerated values after "key =", each with the docs hover shows
// (internal/flytomlschema, from the schema the decoder checks files
// against). Other files get no items.
func (s *server) complete(p TextDocumentPositionParams) (any, error) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	s.mu.Lock()
	enc := s.enc
	var text []byte
	if d := s.docs[path]; d != nil {
		text = d.text
	}
	s.mu.Unlock()
	items := []CompletionItem{}
	if text == nil || !isFlyTOML(path) {
		return CompletionList{Items: items}, nil
	}
	li := newLineIndex(text)
	for _, c := range flytomlschema.Complete(text, li.offset(p.Position, enc)) {
		items = append(items, CompletionItem{
			Label:         c.Label,
			Kind:          completionKind(c.Kind),
			Detail:        c.Detail,
			Documentation: &MarkupContent{Kind: "markdown", Value: c.Doc},
			TextEdit:      &TextEdit{Range: li.rangeOf(c.ReplaceStart, c.ReplaceEnd, enc), NewText: c.InsertText},
		})
	}
	return CompletionList{Items: items}, nil
}

// completionKind is the LSP CompletionItemKind a candidate shows as:
// Module for a table, Property for a key, EnumMember for a value.
func completionKind(k flytomlschema.CandidateKind) int {
	switch k {
	case flytomlschema.Table:
		return 9
	case flytomlschema.Key:
		return 10
	}
	return 20
}

func isFlyTOML(path string) bool {
	return workspace.IsConfigName(strings.ToLower(filepath.Base(path)))
}

func (s *server) codeActions(p CodeActionParams) (any, error) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool { return k == "quickfix" || k == "" }) {
		return []CodeAction{}, nil
	}
	s.mu.Lock()
	r, enc, snippets := s.results[path], s.enc, s.caps.Workspace.WorkspaceEdit.SnippetEditSupport
	version := (*int)(nil)
	if d := s.docs[path]; d != nil {
		v := d.version
		version = &v
	}
	results := s.results
	s.mu.Unlock()
	actions := []CodeAction{}
	if r == nil {
		return actions, nil
	}
	ignored, explained := map[string]bool{}, map[string]bool{}
	for _, f := range r.findings {
		if !overlaps(f.lsp.Range, p.Range) {
			continue
		}
		for _, fix := range f.d.Fixes {
			edit := &WorkspaceEdit{Changes: map[string][]TextEdit{}}
			for _, e := range fix.Edits {
				abs, err := filepath.Abs(filepath.FromSlash(e.File))
				if err != nil || results[abs] == nil {
					continue
				}
				li := results[abs].index
				edit.Changes[uriOf(abs)] = append(edit.Changes[uriOf(abs)], TextEdit{
					Range: li.rangeOf(byteOffset(li, e.Start), byteOffset(li, e.End), enc), NewText: e.NewText,
				})
			}
			actions = append(actions, CodeAction{
				Title: fix.Message, Kind: "quickfix", Diagnostics: []Diagnostic{f.lsp},
				IsPreferred: len(f.d.Fixes) == 1, Edit: edit,
			})
		}
		if rule := rules.Lookup(f.d.Rule); rule != nil && f.d.Start.IsValid() {
			key := fmt.Sprintf("%s:%d", f.d.Rule, f.d.Start.Line)
			if a, ok := ignoreAction(r.index, path, f, enc, snippets, version); ok && !ignored[key] {
				ignored[key] = true
				actions = append(actions, a)
			}
			if !explained[f.d.Rule] {
				explained[f.d.Rule] = true
				actions = append(actions, CodeAction{
					Title: "Explain " + f.d.Rule, Kind: "quickfix", Diagnostics: []Diagnostic{f.lsp},
					Command: &Command{Title: "Explain " + f.d.Rule, Command: explainCommand, Arguments: []any{f.d.Rule}},
				})
			}
		}
	}
	return actions, nil
}

func overlaps(a, b Range) bool {
	before := func(x, y Position) bool { return x.Line < y.Line || x.Line == y.Line && x.Character <= y.Character }
	return before(a.Start, b.End) && before(b.Start, a.End)
}

// ignoreAction inserts a flylint:ignore directive on its own line above
// the finding, indented as the line is, in the file's comment syntax: a
// directive alone on a line covers the next line that is not a comment,
// and it is the only form Dockerfiles allow. The reason is a snippet
// placeholder where the client takes snippet edits (LSP 3.18); elsewhere
// it is left out, and flylint's own "gives no reason" warning then
// stands at the directive until one is written.
func ignoreAction(li *lineIndex, path string, f finding, enc string, snippets bool, version *int) (CodeAction, bool) {
	var marker string
	switch suppress.LangOf(filepath.Base(path)) {
	case suppress.TOML, suppress.Dockerfile:
		marker = "# "
	case suppress.Go:
		marker = "//"
	default:
		return CodeAction{}, false // JSON and JS sources take no directive
	}
	line := f.d.Start.Line - 1
	if line < 0 || line >= len(li.starts) {
		return CodeAction{}, false
	}
	start := li.starts[line]
	indent := start
	for indent < len(li.text) && (li.text[indent] == ' ' || li.text[indent] == '\t') {
		indent++
	}
	directive := string(li.text[start:indent]) + marker + "flylint:ignore " + f.d.Rule
	at := li.rangeOf(start, start, enc)
	title := "Ignore " + f.d.Rule + " on this line"
	uri := uriOf(path)
	a := CodeAction{Title: title, Kind: "quickfix", Diagnostics: []Diagnostic{f.lsp}}
	if snippets {
		a.Edit = &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{
			TextDocument: OptionalVersionedTextDocumentIdentifier{URI: uri, Version: version},
			Edits:        []any{SnippetTextEdit{Range: at, Snippet: StringValue{Kind: "snippet", Value: directive + " ${1:reason it does not apply here}\n"}}},
		}}}
	} else {
		a.Edit = &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {{Range: at, NewText: directive + "\n"}}}}
	}
	return a, true
}

// executeCommand runs flylint.explain: the rule's page in the browser
// when the client can open one (window/showDocument), else its text as a
// message.
func (s *server) executeCommand(ctx context.Context, p ExecuteCommandParams) (any, error) {
	if p.Command != explainCommand {
		return nil, &rpcError{codeInvalidParams, "flylint has no command " + p.Command}
	}
	var id string
	if len(p.Arguments) != 1 || json.Unmarshal(p.Arguments[0], &id) != nil {
		return nil, &rpcError{codeInvalidParams, explainCommand + " takes one argument, a rule id"}
	}
	rule := rules.Lookup(id)
	if rule == nil {
		return nil, &rpcError{codeInvalidParams, fmt.Sprintf("%q is not a flylint rule", id)}
	}
	s.mu.Lock()
	show := s.caps.Window.ShowDocument.Support
	s.mu.Unlock()
	if show {
		if err := s.call(ctx, "window/showDocument", ShowDocumentParams{URI: docURL(id), External: true}); err == nil {
			return nil, nil
		}
	}
	s.showMessage(3, rules.Markdown(rule))
	return nil, nil
}
