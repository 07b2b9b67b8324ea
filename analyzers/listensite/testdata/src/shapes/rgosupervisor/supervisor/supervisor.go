// Package supervisor starts the rgosupervisor shape's server from a
// method, in a goroutine.
package supervisor

import "shapes/rgosupervisor/server"

type Supervisor struct{ name string }

func (s *Supervisor) StartHTTPListener() {
	go server.StartHTTPServer()
}
