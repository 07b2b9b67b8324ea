// Package flyrefs defines an Analyzer that finds the names of other Fly
// apps, <app>.internal and <app>.flycast, written in a package's string
// literals.
//
// # Analyzer flyrefs
//
// flyrefs: find references to Fly apps on the private network in string literals
//
// A Go program that calls another app names it in a string: a URL
// constant, a flag's default, the fallback of an os.Getenv. The
// analyzer reports nothing; its Result lists every such reference with
// its exact position, for analyzers and for flylint's cross-app rules
// (an https:// URL to Flycast, a port the target app does not serve).
// Names of other networks that share the suffixes (host.docker.internal,
// metadata.google.internal, e-mail addresses) are left out, as package
// flyaddr decides.
package flyrefs
