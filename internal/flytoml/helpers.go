package flytoml

import "slices"

// DefaultGroup is the process group flyctl gives whatever names no
// processes: "app" when there is no [processes] or it has an "app"
// entry, else the first name in byte order (flyctl's DefaultProcessName).
func (c *Config) DefaultGroup() string {
	names := c.GroupNames()
	if slices.Contains(names, "app") {
		return "app"
	}
	return slices.Min(names)
}

// GroupNames lists the process groups: the [processes] names in file
// order, or just "app" when there are none.
func (c *Config) GroupNames() []string {
	var names []string
	for _, p := range c.Processes {
		if !slices.Contains(names, p.Name) {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return []string{"app"}
	}
	return names
}

// HasProcesses reports whether the file defines process groups.
func (c *Config) HasProcesses() bool { return len(c.Processes) > 0 }

// Process returns the [processes] entry of a group, or nil.
func (c *Config) Process(name string) *Process {
	for _, p := range c.Processes {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// GroupsFor returns the groups a section with this processes list applies
// to: the names it lists, or the default group when it lists none (as
// flyctl's Flatten assigns it).
func (c *Config) GroupsFor(processes Strings) []string {
	if processes.OK && len(processes.V) > 0 {
		return processes.V
	}
	return []string{c.DefaultGroup()}
}

// Has reports whether the list holds s.
func (s Strings) Has(v string) bool { return s.OK && slices.Contains(s.V, v) }

// ProblemsOf returns the problems of one kind, in file order.
func (c *Config) ProblemsOf(kind ProblemKind) []Problem {
	var out []Problem
	for _, p := range c.Problems {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}
