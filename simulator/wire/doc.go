// Package wire holds the JSON shapes the simulated JioCX (Infobip) API puts on
// the wire: request and response bodies, both error envelopes, the status and
// error catalogue, and Infobip's timestamp format.
//
// It imports nothing else of the project, so a client or a test harness can
// use it to speak the protocol without pulling in the simulator.
package wire
