package store

import (
	"encoding/json"
	"time"
)

// The records below are how the lifecycle engine's pending steps and the
// webhook dispatcher's queue are persisted, once both keep them as plain
// records (no parked goroutines or closures): the engine and the dispatcher
// call a Pending (a no-op in memory, the database when durable) and never
// know which one they have. On start a durable simulator reads them back,
// fires the steps already due and keeps each callback's schedule.

// PendingStep is one lifecycle step not done yet.
type PendingStep struct {
	// ID is the engine's own identifier of the step, unique per simulator.
	ID uint64 `json:"id"`
	// Seq is the store sequence of the message the step is about.
	Seq uint64 `json:"seq"`
	// Kind names what the step does (the engine's vocabulary: "rcs-outcome",
	// "sms-outcome", "seen", ...); Args are its arguments as the engine
	// wrote them.
	Kind string          `json:"kind"`
	Args json.RawMessage `json:"args,omitempty"`
	Due  time.Time       `json:"due"`
}

// QueuedCallback is one callback batch waiting for delivery or a retry.
type QueuedCallback struct {
	// ID is the dispatcher's own identifier of the batch.
	ID      uint64 `json:"id"`
	Account string `json:"account"`
	URL     string `json:"url"`
	Kind    string `json:"kind"`
	// Items are the dispatcher's items, each as it marshals them.
	Items []json.RawMessage `json:"items"`
	// Attempts is how many POSTs already failed; NextAttemptAt when the
	// next one is due.
	Attempts      int       `json:"attempts"`
	NextAttemptAt time.Time `json:"nextAttemptAt"`
	// InFlight says a POST had started and was not recorded as answered:
	// after a crash the batch is posted again (at least once) and counted
	// as re-sent.
	InFlight bool `json:"inFlight,omitempty"`
}

// Pending keeps lifecycle steps and queued callbacks. Calls may be made
// with the caller's lock held: implementations only queue the change.
type Pending interface {
	// PutStep records a step (new or moved).
	PutStep(PendingStep)
	// DoneStep forgets a step that ran or was cancelled.
	DoneStep(id uint64)
	// PutCallback records a batch (queued, rescheduled, or starting a POST
	// with InFlight set).
	PutCallback(QueuedCallback)
	// DoneCallback forgets a batch that was delivered or exhausted (the
	// exhausted one lives on in the failed list).
	DoneCallback(id uint64)
	// Restore returns what was pending when the simulator stopped.
	Restore() ([]PendingStep, []QueuedCallback, error)
}

// NoPending is the in-memory Pending: nothing to keep, nothing to restore.
type NoPending struct{}

func (NoPending) PutStep(PendingStep)        {}
func (NoPending) DoneStep(uint64)            {}
func (NoPending) PutCallback(QueuedCallback) {}
func (NoPending) DoneCallback(uint64)        {}

// Restore implements Pending.
func (NoPending) Restore() ([]PendingStep, []QueuedCallback, error) { return nil, nil, nil }
