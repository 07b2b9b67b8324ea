// Package baseline records the findings a repository already has, so
// flylint can be adopted on a large codebase by reporting only new ones.
//
// A baseline is a JSON file:
//
//	{"version": 1, "tool": "flylint",
//	 "findings": [{"rule": "loopback-bind", "file": "web/fly.toml",
//	   "fingerprint": "3f0c9a1b2c3d4e5f:1", "message": "…"}]}
//
// File paths are relative to the directory holding the baseline, with
// "/", so the same baseline works from any working directory and on any
// operating system. Fingerprints come from package fingerprint: a finding
// keeps its fingerprint while lines move around it, while indentation or
// line endings change, and when flylint rewords its message; it loses it
// when the flagged line itself changes. The message is kept only for
// people reading the file; matching ignores it.
//
// Matching counts: a baseline that holds a fingerprint twice absorbs two
// findings with it, and a third is reported.
package baseline
