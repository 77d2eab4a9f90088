// Package steps is the conformance harness: godog step definitions of the
// go-live checklist in features/, a per-scenario World, the targets a run
// can point at (a simulator in this process, or any base URL), and the
// callback endpoint that records the reports and replies a target sends.
//
// Steps talk to a target over HTTP only, through the real API and, where a
// scenario needs it, the control plane client. The vocabulary is exported:
// call Register on a godog ScenarioContext to use it in your own features.
package steps
