package lifecycle

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// The engine keeps every step not done yet as a plain record in one heap
// ordered by due time, with a single clock timer armed at the earliest. A
// record instead of a closure is what lets a durable simulator write its
// pending steps to the database and resume them after a crash; one timer
// instead of one per step is what keeps a busy simulator from paying a
// runtime timer, and a goroutine when it fires, for every report.

// Kinds of steps the engine runs itself. The names are stored in the
// database: renaming one orphans the steps a running simulator kept.
const (
	kindFinalAtOnce  = "final-at-once" // a message refused at submission: its report
	kindRefused      = "refused"       // a message refused by a rule at acceptance (m.Refusal)
	kindRCSLeg       = "rcs-leg"       // the RCS message goes out
	kindRCSDelivered = "rcs-delivered" // it reached the handset
	kindRCSFailed    = "rcs-failed"    // it did not: error or expiry; the failover takes over
	kindSMSLeg       = "sms-leg"       // the SMS goes out (direct or fallback)
	kindSMSOperator  = "sms-operator"  // S=4: delivered to the operator, the handset follows
	kindSMSFinal     = "sms-final"     // the SMS's outcome
)

// stepArgs are a step's arguments. One shape for every kind keeps the
// record plain (and cheap: nothing is encoded unless the engine persists).
type stepArgs struct {
	At       time.Time   `json:"at,omitzero"` // when the leg went out, or is to go out
	Fallback bool        `json:"fallback,omitempty"`
	Expired  bool        `json:"expired,omitempty"`
	Status   wire.Status `json:"status,omitzero"`
	Error    wire.Error  `json:"error,omitzero"`
	Note     string      `json:"note,omitempty"`
}

// step is one pending step. Its DueSlot's Order is its id: ids grow in
// scheduling order, so steps due at one instant run in the order they were
// scheduled, and a restored step keeps its place.
type step struct {
	clock.DueSlot
	seq  uint64
	kind string
	args stepArgs
}

// ExternalStep runs a step kind that lives outside the engine (the seen
// report and the automatic reply of an R=5 user), with the message's seq.
type ExternalStep func(seq uint64)

// Handle registers the runner of a step kind scheduled with Schedule. It
// must be called before Restore and before any step of the kind falls due.
func (e *Engine) Handle(kind string, run ExternalStep) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.external == nil {
		e.external = map[string]ExternalStep{}
	}
	e.external[kind] = run
}

// Schedule makes a registered kind's step of message seq due after d.
func (e *Engine) Schedule(seq uint64, d time.Duration, kind string) {
	e.after(seq, d, kind, stepArgs{})
}

// UsePending makes the engine keep its pending steps in p (the database of
// a durable simulator); before it, and with store.NoPending, nothing is
// encoded. Call it before traffic.
func (e *Engine) UsePending(p store.Pending) {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, none := p.(store.NoPending)
	if p == nil || none {
		e.pending = nil
		return
	}
	e.pending = p
}

// after schedules a step of message seq, due d from now.
func (e *Engine) after(seq uint64, d time.Duration, kind string, args stepArgs) {
	if d < 0 {
		d = 0
	}
	st := &step{DueSlot: clock.DueSlot{Due: e.clock.Now().Add(d)}, seq: seq, kind: kind, args: args}
	e.mu.Lock()
	e.nextID++
	st.Order = e.nextID
	if e.stopped {
		// A step still running while the engine stops records the step
		// that follows it, in the same unit as its own removal, so a
		// durable restart resumes the message instead of leaving it
		// unfinished with nothing left to run. It is not scheduled here.
		pending := e.pending
		e.mu.Unlock()
		if pending != nil {
			pending.PutStep(record(st))
		}
		return
	}
	e.busy[seq]++
	e.count++
	pending := e.pending
	// On the wall clock a step due now goes straight to the workers: arming
	// a timer for it would cost a runtime timer per message under load.
	direct := e.exec != nil && d == 0
	if !direct {
		e.steps.Push(st)
		e.armLocked()
	}
	e.mu.Unlock()
	if pending != nil {
		pending.PutStep(record(st))
	}
	if direct {
		e.exec.submit(st)
	}
}

func record(st *step) store.PendingStep {
	args, _ := json.Marshal(st.args) // plain values: always encodes
	return store.PendingStep{ID: st.Order, Seq: st.seq, Kind: st.kind, Args: args, Due: st.Due}
}

// armLocked makes sure the timer fires by the earliest step's due time;
// called with e.mu held.
func (e *Engine) armLocked() {
	first, ok := e.steps.Peek()
	if !ok || e.stopped {
		return
	}
	due := first.Due
	if e.timer != nil && !due.Before(e.armedAt) {
		return
	}
	if e.timer != nil {
		e.timer.Stop()
	}
	e.armedAt = due
	e.timer = e.clock.AfterFunc(due.Sub(e.clock.Now()), e.fire)
}

// fire runs the steps that are due, in order, then re-arms for the next.
// With workers (the wall clock) the steps go to them in one batch; a fake
// clock runs them here, inside its Advance.
func (e *Engine) fire() {
	e.mu.Lock()
	e.timer, e.armedAt = nil, time.Time{}
	now := e.clock.Now()
	var due []*step
	for {
		st, ok := e.steps.PopDue(now)
		if !ok {
			break
		}
		due = append(due, st)
	}
	exec := e.exec
	if exec != nil {
		e.armLocked()
	}
	e.mu.Unlock()
	if exec != nil {
		exec.submit(due...)
		return
	}
	for _, st := range due {
		e.run(st)
	}
	e.mu.Lock()
	e.armLocked()
	e.mu.Unlock()
}

// run performs one step and retires it. The step's own changes (the message
// saved, the next step and the callbacks queued) are recorded before it is
// marked done, so a crash in between repeats the step rather than loses it;
// a repeated step finds the message already moved on and does nothing.
func (e *Engine) run(st *step) {
	e.mu.Lock()
	pending := e.pending
	e.mu.Unlock()
	if u, ok := pending.(Units); ok {
		u.BeginUnit()
		defer u.EndUnit()
	}
	e.perform(st)
	e.mu.Lock()
	if e.busy[st.seq]--; e.busy[st.seq] <= 0 {
		delete(e.busy, st.seq)
	}
	e.count--
	e.mu.Unlock()
	if pending != nil {
		pending.DoneStep(st.Order)
	}
}

// Units is what a Pending offers when it can keep a step's changes together:
// between BeginUnit and EndUnit nothing is committed halfway, so a crash
// never keeps a step's final status without the report it queued (the
// repeated step would see the status and report nothing).
type Units interface {
	BeginUnit()
	EndUnit()
}

// Restore schedules the steps a durable simulator kept when it stopped, with
// their ids and due times: those already due run at once (on a fake clock,
// at its next Advance). Steps of a kind this engine does not know are left
// out and reported in the error; the others are restored regardless.
func (e *Engine) Restore(recs []store.PendingStep) error {
	var unknown []string
	e.mu.Lock()
	for _, r := range recs {
		_, ext := e.external[r.Kind]
		if !ext && !engineKind(r.Kind) {
			unknown = append(unknown, fmt.Sprintf("%d (%s)", r.ID, r.Kind))
			continue
		}
		st := &step{DueSlot: clock.DueSlot{Due: r.Due, Order: r.ID}, seq: r.Seq, kind: r.Kind}
		if len(r.Args) > 0 {
			if err := json.Unmarshal(r.Args, &st.args); err != nil {
				unknown = append(unknown, fmt.Sprintf("%d (%s: %v)", r.ID, r.Kind, err))
				continue
			}
		}
		if r.ID > e.nextID {
			e.nextID = r.ID
		}
		e.busy[r.Seq]++
		e.count++
		e.steps.Push(st)
	}
	e.armLocked()
	e.mu.Unlock()
	if len(unknown) > 0 {
		return fmt.Errorf("lifecycle: %d kept steps could not be resumed: %v", len(unknown), unknown)
	}
	return nil
}

func engineKind(k string) bool {
	switch k {
	case kindFinalAtOnce, kindRefused, kindRCSLeg, kindRCSDelivered, kindRCSFailed, kindSMSLeg, kindSMSOperator, kindSMSFinal:
		return true
	}
	return false
}

// UseWorkers makes due steps run on n worker goroutines. On the wall clock
// thousands of steps fall due together under load; run on the timer's
// goroutine they would serialise behind one another, and as goroutines of
// their own they would all fight for the store's lock. A fake clock runs
// steps inline in Advance, so it does not use workers. Stop ends them.
func (e *Engine) UseWorkers(n int) {
	x := &executor{run: e.run}
	x.cond = sync.NewCond(&x.mu)
	for i := 0; i < n; i++ {
		go x.work()
	}
	e.mu.Lock()
	e.exec = x
	e.mu.Unlock()
}

// Stop ends the timer and the workers; steps not yet run stay pending (a
// durable simulator resumes them on its next start).
func (e *Engine) Stop() {
	e.mu.Lock()
	e.stopped = true
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	x := e.exec
	e.mu.Unlock()
	if x != nil {
		x.mu.Lock()
		x.stopped = true
		x.cond.Broadcast()
		x.mu.Unlock()
	}
}

// executor is a queue of due steps and the workers that run them.
type executor struct {
	run     func(*step)
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*step
	stopped bool
}

func (x *executor) submit(steps ...*step) {
	if len(steps) == 0 {
		return
	}
	x.mu.Lock()
	x.queue = append(x.queue, steps...)
	x.mu.Unlock()
	if len(steps) == 1 {
		x.cond.Signal()
	} else {
		x.cond.Broadcast()
	}
}

func (x *executor) work() {
	for {
		x.mu.Lock()
		for len(x.queue) == 0 && !x.stopped {
			x.cond.Wait()
		}
		if x.stopped {
			x.mu.Unlock()
			return
		}
		st := x.queue[0]
		x.queue[0] = nil
		x.queue = x.queue[1:]
		x.mu.Unlock()
		x.run(st)
	}
}

// Busy reports whether message seq still has a step to come.
func (e *Engine) Busy(seq uint64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.busy[seq] > 0
}

// Pending counts the steps scheduled and not yet run, over all messages.
func (e *Engine) Pending() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.count
}
