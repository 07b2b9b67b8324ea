// Package project says where flylint lives. Every link flylint prints or
// writes (SARIF's informationUri and helpUri, the analyzers' URLs, the
// rule pages the language server opens, where to report a crash) is
// built from these constants, so moving the project changes one line
// here and the module path in go.mod.
package project

// Module is flylint's module path; its import paths start with it.
const Module = "github.com/flylint-dev/flylint"

// Home is the project's repository.
const Home = "https://" + Module

// Issues is where bugs are reported.
const Issues = Home + "/issues"

// RuleDocs is the prefix of each rule's documentation page: RuleDocs +
// id + ".md".
const RuleDocs = Home + "/blob/main/docs/rules/"

// RuleDoc is the documentation page of the rule id.
func RuleDoc(id string) string { return RuleDocs + id + ".md" }
