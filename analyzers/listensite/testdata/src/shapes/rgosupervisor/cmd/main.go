// Command of the rgosupervisor shape.
package main

import "shapes/rgosupervisor/supervisor"

func main() {
	s := &supervisor.Supervisor{}
	s.StartHTTPListener()
	select {}
}
