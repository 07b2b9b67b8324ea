package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// The rule rests on two facts, neither of which says the conclusion alone:
//
//  1. Autostop/autostart is Fly Proxy's: the proxy "automatically stops (or
//     suspends) and starts existing Machines based on incoming requests",
//     stops one when a region has excess capacity as measured against each
//     Machine's concurrency soft_limit (or, for a lone Machine, when it has
//     "no traffic (a load of 0)"), and starts one when it "waits for a
//     request to your app" that the running Machines cannot take
//     (superfly/docs 5c22c8c, reference/fly-proxy-autostop-autostart and
//     launch/autostop-autostart).
//  2. UDP does not go through Fly Proxy: "for TCP, everything is handled by
//     the Fly Proxy ...; UDP, however, is served by a simple piece of eBPF
//     program running in the kernel network stack", with "many useful
//     features ... left out" (Fly staff, community.fly.io/t/26270, the post
//     that announced per-port UDP routing).
//
// Hence UDP packets are neither load the proxy measures nor requests it
// waits for. flyctl's issue tracker asks for this very check:
// superfly/flyctl#3583 ("flyctl config validation improvements", filed by
// a Fly engineer, open) lists "auto-start requested on UDP (which doesn't
// support it)", linking community.fly.io/t/machines-first-impressions/5571/9. Fly's docs never describe UDP load counting or UDP waking a
// Machine; flyctl (ad0172f) looks at UDP only to choose a dedicated IPv4
// (Config.DetermineIPType, HasUdpService) and has no UDP case in autostop.
//
// A Machine carries all of its process group's services, and flyctl's
// deploy (ad0172f, internal/command/deploy/machines_deploymachinesapp.go,
// deployCreateMachinesForGroups) records how the proxy combines them: "The
// proxy will use the most restrictive (which, in terms of the
// fly.MachineAutostop type, is the least) autostop setting across all of
// the group's services", where an unset setting counts as off
// (fly-go 22d6e51 orders MachineAutostop off < stop < suspend). So a UDP
// service with autostop on is harmless when any other service of the
// group leaves it off, and the rule looks at the whole group.

var UDPAutoStop = Register(&Rule{
	ID:       "udp-auto-stop",
	Severity: diag.Warning,
	Title:    "Fly Proxy stops Machines that serve UDP, and UDP traffic never starts them again",
	Since:    "0.2.0",
	Why: "A `[[services]]` entry with `protocol = \"udp\"` has `auto_stop_machines` on (`\"stop\"`, `\"suspend\"` or `true`), every other service of its process group has it on too, and none sets `min_machines_running` above 0.\n\n" +
		"Autostop and autostart are done by Fly Proxy, \"based on incoming requests\": it stops a Machine when the region has spare capacity by each Machine's concurrency `soft_limit` (a lone Machine when it has no traffic), and starts one when it has a request to route. " +
		"UDP does not go through Fly Proxy: a Fly engineer explains that TCP is handled by the proxy while UDP is served by a small eBPF program in the kernel, with many of the proxy's features left out. " +
		"Fly's docs have no single sentence that says what follows, but it follows from the two, and flyctl's issue tracker lists \"auto-start requested on UDP (which doesn't support it)\" among the checks flyctl should make: UDP packets are not load the proxy can see, so it stops a Machine while UDP clients are still using it, and they are not requests it can route, so they never start a stopped Machine. " +
		"The UDP side of the app goes quiet after the first idle spell and stays down until TCP or HTTP traffic, a deploy or `fly machine start` brings a Machine back.\n\n" +
		"The proxy applies the lowest `auto_stop_machines` among a Machine's services (flyctl's deploy says so, an unset one counting as `\"off\"`), so the rule stays quiet when another service of the group leaves autostop off. " +
		"It also stays quiet when a service of the group sets `min_machines_running` to 1 or more: Fly Proxy then keeps that many Machines running in the primary region, so the app is never left with every Machine stopped. " +
		"That is a weaker fix than it looks: Fly sends all of an app's UDP to one Machine at a time (\"only one instance will be picked\"), and does not document which, so a kept Machine helps only if it is the one UDP is routed to, which is certain only when the app has a single Machine.\n\n" +
		"Set `auto_stop_machines = \"off\"` on the UDP service, which keeps the group's Machines running (and so turns autostop off for the group's other services too), or, to keep autostop for the TCP services, run the UDP service in a process group of its own and set it off there. " +
		"`auto_stop_machines` is off by default for `[[services]]`, so leaving it out is also fine.",
	ExampleFile: "fly.toml",
	Bad: `[[services]]
  protocol = "udp"
  internal_port = 5000
  auto_stop_machines = "stop"
  auto_start_machines = true
  [[services.ports]]
    port = 5000`,
	Good: `[[services]]
  protocol = "udp"
  internal_port = 5000
  auto_stop_machines = "off"
  [[services.ports]]
    port = 5000`,
	URLs: []string{
		"https://fly.io/docs/reference/fly-proxy-autostop-autostart/",
		"https://fly.io/docs/launch/autostop-autostart/",
		"https://community.fly.io/t/per-port-udp-service-routing-is-now-available/26270",
		"https://github.com/superfly/flyctl/issues/3583",
		"https://fly.io/docs/reference/configuration/#the-services-sections",
		"https://github.com/superfly/flyctl/blob/ad0172face303b77584eea95b46fa3ddc61d5ddd/internal/command/deploy/machines_deploymachinesapp.go#L386-L404",
	},
	Tags: []string{"udp", "availability"},
	Check: func(p *Pass) {
		if p.App.Config == nil {
			return
		}
		for _, s := range p.App.Services {
			if s.Proto != listen.UDP || s.Service == nil {
				continue
			}
			group, others := stoppableGroup(p.App, s)
			if group == "" {
				continue
			}
			stop := s.Service.AutoStopMachines
			d := diag.Diagnostic{
				Range: stop.Value,
				Message: fmt.Sprintf("This UDP service lets Fly Proxy stop its Machines (auto_stop_machines = %s, and min_machines_running is 0), but UDP packets do not pass through Fly Proxy: "+
					"they are not load it can see, so it stops a Machine while UDP clients are still using it, and they never start a stopped one. "+
					"Set auto_stop_machines = \"off\" here, which keeps the Machines of process group %q running (Fly Proxy applies the lowest setting among a Machine's services), "+
					"or min_machines_running = 1, which keeps one Machine running in the primary region and helps only if it is the Machine Fly routes the app's UDP to.",
					strings.TrimSpace(textAt(p, stop.Value)), group),
			}
			for _, o := range others {
				d.Related = append(d.Related, diag.Related{Range: o.Value, Message: fmt.Sprintf("another service of process group %q lets Fly Proxy stop the same Machines", group)})
			}
			if t := textAt(p, stop.Value); t == "true" {
				d.Fixes = replaceBoolFix(p, stop.Value, "false", "Keep this UDP service's Machines running")
			} else {
				d.Fixes = replaceStringFix(p, stop.Value, "off", "Keep this UDP service's Machines running")
			}
			p.Report(d)
		}
	},
})

func autostopOn(f flytoml.Field[string]) bool {
	return f.OK && f.V != "off"
}

// stoppableGroup returns the first process group of service s whose
// Machines Fly Proxy may stop down to none: every service of the group has
// autostop on (the proxy takes the lowest) and none keeps a Machine
// running. It also returns the other services' auto_stop_machines, to
// show that turning this one off changes theirs too.
func stoppableGroup(a *workspace.App, s *workspace.Service) (string, []flytoml.Field[string]) {
	for _, g := range s.Groups {
		ok := true
		var others []flytoml.Field[string]
		for _, o := range a.Services {
			if !slices.Contains(o.Groups, g) {
				continue
			}
			stop, minRunning := serviceAutostop(o)
			if !autostopOn(stop) || (minRunning.OK && minRunning.V > 0) {
				ok = false
				break
			}
			if o != s {
				others = append(others, stop)
			}
		}
		if ok {
			return g, others
		}
	}
	return "", nil
}

func serviceAutostop(s *workspace.Service) (flytoml.Field[string], flytoml.Field[int]) {
	switch {
	case s.Service != nil:
		return s.Service.AutoStopMachines, s.Service.MinMachinesRunning
	case s.HTTP != nil:
		return s.HTTP.AutoStopMachines, s.HTTP.MinMachinesRunning
	}
	return flytoml.Field[string]{}, flytoml.Field[int]{}
}
