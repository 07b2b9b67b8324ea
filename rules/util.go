package rules

import "strings"

func trimPeriod(s string) string { return strings.TrimRight(s, ". ") }
