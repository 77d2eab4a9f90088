package store

import (
	"encoding/json"
	"time"
)

// The records below are how the lifecycle engine's pending steps and the
// webhook dispatcher's queue are persisted; both keep their work as plain
// records (no parked goroutines or closures), which is what lets it be
// written down. The engine and the dispatcher call a Pending (the database
// when durable; in memory they are given none and encode nothing). On
// start a durable simulator reads them back, fires the steps already due
// and keeps each callback's schedule.

// PendingStep is one lifecycle step not done yet.
type PendingStep struct {
	// ID is the engine's own identifier of the step, unique per simulator.
	ID uint64 `json:"id"`
	// Seq is the store sequence of the message the step is about.
	Seq uint64 `json:"seq"`
	// Kind names what the step does (the engine's vocabulary: "rcs-leg",
	// "rcs-delivered", "sms-final", "seen", ...); Args are its arguments as
	// the engine wrote them.
	Kind string          `json:"kind"`
	Args json.RawMessage `json:"args,omitempty"`
	Due  time.Time       `json:"due"`
}

// QueuedCallback is one record of the webhook dispatcher's queue. The
// dispatcher keeps its queue as three kinds of record, told apart by ID
// (its layout is the dispatcher's; the backend only keys rows by it):
//
//   - an item: one callback, written once when it is queued (Items holds it
//     alone), so the durable write per callback stays one small row;
//   - a head: the batch at the front of a queue, written when its POST
//     starts (InFlight) and when it is rescheduled (Attempts, NextAttemptAt);
//     Batch names its items, which stay item records;
//   - a failed batch (FailedID set): exhausted, refused or parked callbacks,
//     Items holding the whole batch, so the failed list outlives a restart.
//
// Unset fields are left out of the JSON body to keep each row small.
type QueuedCallback struct {
	// ID is the dispatcher's own identifier of the record.
	ID      uint64 `json:"id"`
	Account string `json:"account,omitempty"`
	URL     string `json:"url,omitempty"`
	Kind    string `json:"kind,omitempty"`
	// Items are the dispatcher's items, each as it marshals them.
	Items []json.RawMessage `json:"items,omitempty"`
	// Batch lists the IDs of the item records a head record is about, in
	// queue order.
	Batch []uint64 `json:"batch,omitempty"`
	// Attempts is how many POSTs already failed; NextAttemptAt when the
	// next one is due.
	Attempts      int       `json:"attempts,omitempty"`
	NextAttemptAt time.Time `json:"nextAttemptAt,omitzero"`
	// InFlight says a POST had started and was not recorded as answered:
	// after a crash the batch is posted again (at least once) and counted
	// as re-sent.
	InFlight bool `json:"inFlight,omitempty"`
	// FailedID, Reason and LastAt describe a failed batch: its id in the
	// failed list (kept across a restart so a redelivery by id still
	// works), why it was kept without a try, and when it was last tried.
	FailedID string    `json:"failedId,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	LastAt   time.Time `json:"lastAt,omitzero"`
}

// Pending keeps lifecycle steps and queued callbacks. Calls may be made
// with the caller's lock held: implementations only queue the change.
type Pending interface {
	// PutStep records a step (new or moved).
	PutStep(PendingStep)
	// DoneStep forgets a step that ran or was cancelled.
	DoneStep(id uint64)
	// PutCallback records a queue record (new or changed).
	PutCallback(QueuedCallback)
	// DoneCallback forgets a queue record (delivered, dropped, redelivered
	// or evicted).
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
