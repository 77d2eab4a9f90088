// Package lifecycle gives every accepted message a life: its RCS leg succeeds
// or fails by the destination's behaviour in the number plan, an SMS failover
// takes over where one was requested, and each step that a client would be
// told about is emitted as a Report. It schedules everything on the injected
// clock and never touches the network: the server routes the reports.
package lifecycle

import (
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/smsenc"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Delays are how long each step takes. Defaults are short so that a person
// watching sees a report within about a second.
type Delays struct {
	RCS  time.Duration // accepted -> RCS outcome
	SMS  time.Duration // SMS leg start -> SMS outcome
	Slow time.Duration // S=4: DELIVERED_TO_OPERATOR -> DELIVERED_TO_HANDSET
	Seen time.Duration // R=5: delivered -> seen
}

// DefaultDelays are the real-time defaults.
func DefaultDelays() Delays {
	return Delays{RCS: 300 * time.Millisecond, SMS: 300 * time.Millisecond, Slow: 2 * time.Second, Seen: time.Second}
}

// Step names what a report is about.
type Step string

// Steps of a message's life that produce reports.
const (
	StepFinal        Step = "final"        // the outcome of the message
	StepIntermediate Step = "intermediate" // a pending state, reported when intermediate reports were asked for
	StepFailover     Step = "failover"     // the RCS step of a failover, when triggered-failover reports were asked for
	StepSeen         Step = "seen"         // the user saw the RCS message
)

// Report is one thing a client is told about a message.
type Report struct {
	Step    Step
	Message *store.Message // the message as it stood when the report was made
	// Channel is the leg reported on: RCS, or SMS for a fallback or a direct SMS.
	Channel string
	Status  wire.Status
	Error   wire.Error
	Sender  string // the sender of the leg: the SMS sender for a fallback
	Parts   int    // messages the leg took (SMS parts)
	SentAt  time.Time
	DoneAt  time.Time
}

// Hooks is how the engine reaches the rest of the server.
type Hooks struct {
	// Report is called for every report, in order per message.
	Report func(Report)
	// Filter may refuse an SMS leg before it is sent (DLT scrubbing).
	Filter func(m *store.Message, leg Leg) Refusal
	// Blocked reports whether the user blocked the sender (after a STOP).
	Blocked func(account, sender, destination string) bool
	// RCSCheck, when set, may fail an RCS leg the platform would refuse
	// (a sender in testing, a template not approved): the error and why.
	RCSCheck func(m *store.Message) (wire.Error, string, bool)
	// Delivered is called when an RCS message reaches the handset.
	Delivered func(m *store.Message, b numberplan.Behavior)
}

// Refusal is a Filter's verdict on an SMS leg; the zero value lets it go.
type Refusal struct {
	Refused bool
	Status  wire.Status
	Error   wire.Error
	Reason  string
}

// Leg describes an SMS leg: a direct SMS or a fallback.
type Leg struct {
	Sender   string
	Text     string
	Validity time.Duration
	Fallback bool
	DLT      *wire.IndiaDLT
}

// Engine runs message lifecycles.
type Engine struct {
	clock  clock.Clock
	store  *store.Store
	plan   *numberplan.Plan
	delays Delays
	hooks  Hooks

	mu   sync.Mutex
	busy map[uint64]int // message seq -> steps scheduled, not yet run
	exec *executor      // nil: steps run on their timer's goroutine
}

// New builds an engine.
func New(c clock.Clock, s *store.Store, p *numberplan.Plan, d Delays, h Hooks) *Engine {
	if h.Report == nil {
		h.Report = func(Report) {}
	}
	return &Engine{clock: c, store: s, plan: p, delays: d, hooks: h}
}

// Start begins the life of a freshly stored message.
func (e *Engine) Start(m *store.Message) {
	if m.Status.Final() {
		// Refused at submission (a destination that is not a number): the
		// report follows at once.
		e.after(m.Seq, 0, func() {
			if cur, ok := e.store.BySeq(m.Seq); ok {
				e.report(Report{Step: StepFinal, Message: cur, Channel: cur.Channel, Status: cur.Status, Error: cur.Error,
					Sender: cur.Sender, Parts: cur.Parts, SentAt: cur.AcceptedAt, DoneAt: cur.DoneAt})
			}
		})
		return
	}
	if m.Refusal != nil {
		seq, r := m.Seq, *m.Refusal
		e.after(seq, e.delays.RCS, func() {
			now := e.clock.Now()
			if cur, ok := e.finish(seq, m.Channel, r.Status, r.Error, now, "refused: "+r.Reason); ok {
				e.report(Report{Step: StepFinal, Message: cur, Channel: cur.Channel, Status: r.Status, Error: r.Error,
					Sender: cur.Sender, Parts: cur.Parts, SentAt: cur.AcceptedAt, DoneAt: now})
			}
		})
		return
	}
	now := e.clock.Now()
	start := m.AcceptedAt
	if m.SendAt.After(start) {
		start = m.SendAt
	}
	start = NextInWindow(start, m.Window)
	wait := start.Sub(now)
	if wait < 0 {
		wait = 0
	}
	seq := m.Seq
	if m.Channel == store.RCS {
		e.after(seq, wait, func() { e.rcsLeg(seq, start) })
		return
	}
	leg := Leg{Sender: m.Sender, Text: m.Text, Validity: time.Duration(m.Validity), DLT: m.DLT}
	e.after(seq, wait, func() { e.smsLeg(seq, start, leg) })
}

func (e *Engine) behavior(m *store.Message) numberplan.Behavior {
	return e.plan.Resolve(m.Account, m.Destination).Behavior.Effective()
}

func rich(contentType string) bool {
	return contentType == wire.ContentCard || contentType == wire.ContentCarousel || contentType == wire.ContentFile
}

// rcsLeg runs when an RCS message goes out.
func (e *Engine) rcsLeg(seq uint64, sentAt time.Time) {
	m, ok := e.store.BySeq(seq)
	if !ok {
		return
	}
	e.update(seq, func(m *store.Message) {
		m.History = append(m.History, store.Event{At: sentAt, Channel: store.RCS, Status: m.Status, Error: m.Error, Note: "RCS sent"})
	})
	b := e.behavior(m)
	blocked := e.hooks.Blocked != nil && e.hooks.Blocked(m.Account, m.Sender, m.Destination)
	var checkErr wire.Error
	checked := false
	if e.hooks.RCSCheck != nil {
		var why string
		if checkErr, why, checked = e.hooks.RCSCheck(m); checked {
			e.update(seq, func(m *store.Message) {
				m.History = append(m.History, store.Event{At: sentAt, Channel: store.RCS, Status: m.Status, Error: checkErr, Note: why})
			})
		}
	}
	switch {
	case checked:
		e.after(seq, e.delays.RCS, func() { e.rcsFailed(seq, sentAt, checkErr, false) })
	case blocked || b.RCS == numberplan.RCSBlocked:
		e.after(seq, e.delays.RCS, func() { e.rcsFailed(seq, sentAt, wire.ErrorFor(wire.ErrBlockedUser), false) })
	case b.RCS == numberplan.RCSNotCapable:
		e.after(seq, e.delays.RCS, func() { e.rcsFailed(seq, sentAt, wire.ErrorFor(wire.ErrUnknownUser), false) })
	case b.RCS == numberplan.RCSCarrier:
		e.after(seq, e.delays.RCS, func() { e.rcsFailed(seq, sentAt, wire.ErrorFor(wire.ErrForbiddenAccess), false) })
	case b.RCS == numberplan.RCSNoRich && rich(m.ContentType):
		e.after(seq, e.delays.RCS, func() { e.rcsFailed(seq, sentAt, wire.ErrorFor(wire.ErrRCSBadRequest), false) })
	case b.RCS == numberplan.RCSOffline:
		e.after(seq, time.Duration(m.Validity), func() { e.rcsFailed(seq, sentAt, wire.ErrorFor(wire.ErrValidityExpired), true) })
	default:
		e.after(seq, e.delays.RCS, func() { e.rcsDelivered(seq, sentAt, b) })
	}
}

func (e *Engine) rcsDelivered(seq uint64, sentAt time.Time, b numberplan.Behavior) {
	now := e.clock.Now()
	status := wire.StatusFor(wire.StatusDeliveredToHandset)
	m, ok := e.finish(seq, store.RCS, status, wire.NoError(), now, "delivered to handset")
	if !ok {
		return
	}
	e.report(Report{Step: StepFinal, Message: m, Channel: store.RCS, Status: status, Error: wire.NoError(),
		Sender: m.Sender, Parts: m.Parts, SentAt: sentAt, DoneAt: now})
	if e.hooks.Delivered != nil {
		e.hooks.Delivered(m, b)
	}
}

// rcsFailed ends the RCS leg without delivery: an error, or the validity
// period running out (expired). With a failover the SMS leg takes over.
func (e *Engine) rcsFailed(seq uint64, sentAt time.Time, rcsErr wire.Error, expired bool) {
	m, ok := e.store.BySeq(seq)
	if !ok || m.Status.Final() {
		return
	}
	now := e.clock.Now()
	note := "RCS failed: " + rcsErr.Name
	if expired {
		note = "RCS validity period ended without delivery"
	}
	if f := m.Failover; f != nil {
		step := wire.StatusFor(wire.StatusPendingEnroute)
		m, ok = e.update(seq, func(m *store.Message) {
			m.Status, m.Error = step, rcsErr
			m.History = append(m.History, store.Event{At: now, Channel: store.RCS, Status: step, Error: rcsErr, Note: note + "; falling back to SMS"})
		})
		if !ok {
			return
		}
		if m.TriggeredFailoverReports {
			e.report(Report{Step: StepFailover, Message: m, Channel: store.RCS, Status: step, Error: rcsErr,
				Sender: m.Sender, Parts: m.Parts, SentAt: sentAt, DoneAt: now})
		}
		leg := Leg{Sender: f.Sender, Text: f.Text, Validity: time.Duration(f.Validity), Fallback: true, DLT: f.DLT}
		e.smsLeg(seq, now, leg)
		return
	}
	status := wire.StatusFor(wire.StatusUndeliverableRejectedOperator)
	if expired {
		status = wire.StatusFor(wire.StatusExpiredExpired)
	}
	m, ok = e.finish(seq, store.RCS, status, rcsErr, now, note)
	if !ok {
		return
	}
	e.report(Report{Step: StepFinal, Message: m, Channel: store.RCS, Status: status, Error: rcsErr,
		Sender: m.Sender, Parts: m.Parts, SentAt: sentAt, DoneAt: now})
}

// smsLeg runs when an SMS goes out, directly or as a fallback.
func (e *Engine) smsLeg(seq uint64, sentAt time.Time, leg Leg) {
	m, ok := e.update(seq, func(m *store.Message) {
		note := "SMS sent"
		if leg.Fallback {
			note = "SMS fallback sent"
		}
		m.History = append(m.History, store.Event{At: sentAt, Channel: store.SMS, Status: m.Status, Error: m.Error, Note: note})
	})
	if !ok {
		return
	}
	parts := smsenc.CountText(leg.Text).Parts
	if m.Channel == store.SMS {
		parts = m.Parts
	}
	final := func(status wire.Status, err wire.Error, note string) func() {
		return func() {
			now := e.clock.Now()
			m, ok := e.finish(seq, store.SMS, status, err, now, note)
			if ok {
				e.report(Report{Step: StepFinal, Message: m, Channel: store.SMS, Status: status, Error: err,
					Sender: leg.Sender, Parts: parts, SentAt: sentAt, DoneAt: now})
			}
		}
	}
	if e.hooks.Filter != nil {
		if r := e.hooks.Filter(m, leg); r.Refused {
			e.after(seq, e.delays.SMS, final(r.Status, r.Error, "SMS refused: "+r.Error.Name+": "+r.Reason))
			return
		}
	}
	b := e.behavior(m)
	switch b.SMS {
	case numberplan.SMSAbsent:
		e.after(seq, e.delays.SMS, final(wire.StatusFor(wire.StatusUndeliverableNotDelivered), wire.ErrorFor(wire.ErrAbsentSubscriber), "handset absent"))
	case numberplan.SMSDND:
		e.after(seq, e.delays.SMS, final(wire.StatusFor(wire.StatusRejectedDND), wire.ErrorFor(wire.ErrDestAddressBlacklisted), "destination on the DND register"))
	case numberplan.SMSNeverDone:
		e.after(seq, leg.Validity, final(wire.StatusFor(wire.StatusExpiredExpired), wire.ErrorFor(wire.ErrValidityExpired), "SMS validity period ended without delivery"))
	case numberplan.SMSUnknown:
		e.after(seq, e.delays.SMS, final(wire.StatusFor(wire.StatusUndeliverableNotDelivered), wire.ErrorFor(wire.ErrUnknownSubscriber), "unknown subscriber"))
	case numberplan.SMSSlow:
		e.after(seq, e.delays.SMS, func() {
			now := e.clock.Now()
			status := wire.StatusFor(wire.StatusDeliveredToOperator)
			m, ok := e.update(seq, func(m *store.Message) {
				m.Status, m.Error = status, wire.NoError()
				m.History = append(m.History, store.Event{At: now, Channel: store.SMS, Status: status, Error: wire.NoError(), Note: "delivered to operator"})
			})
			if !ok {
				return
			}
			if m.IntermediateReport {
				e.report(Report{Step: StepIntermediate, Message: m, Channel: store.SMS, Status: status, Error: wire.NoError(),
					Sender: leg.Sender, Parts: parts, SentAt: sentAt, DoneAt: now})
			}
			e.after(seq, e.delays.Slow, final(wire.StatusFor(wire.StatusDeliveredToHandset), wire.NoError(), "delivered to handset"))
		})
	default:
		e.after(seq, e.delays.SMS, final(wire.StatusFor(wire.StatusDeliveredToHandset), wire.NoError(), "delivered to handset"))
	}
}

// finish records a final status; false when the message is gone (reset) or
// already final.
func (e *Engine) finish(seq uint64, channel string, status wire.Status, err wire.Error, at time.Time, note string) (*store.Message, bool) {
	already := false
	m, ok := e.store.Update(seq, func(m *store.Message) {
		if m.Status.Final() {
			already = true
			return
		}
		m.Status, m.Error, m.DoneAt, m.FinalChannel = status, err, at, channel
		m.History = append(m.History, store.Event{At: at, Channel: channel, Status: status, Error: err, Note: note})
	})
	return m, ok && !already
}

func (e *Engine) update(seq uint64, f func(m *store.Message)) (*store.Message, bool) {
	return e.store.Update(seq, f)
}

// after schedules a step of message seq, counting it until it has run, so
// that eviction can tell a message still in its lifecycle and a shutdown can
// say how many steps were left undone. A pending step is one clock timer and
// a closure: no goroutine waits for it.
func (e *Engine) after(seq uint64, d time.Duration, f func()) {
	e.mu.Lock()
	if e.busy == nil {
		e.busy = map[uint64]int{}
	}
	e.busy[seq]++
	e.mu.Unlock()
	run := func() {
		defer func() {
			e.mu.Lock()
			if e.busy[seq]--; e.busy[seq] <= 0 {
				delete(e.busy, seq)
			}
			e.mu.Unlock()
		}()
		f()
	}
	if x := e.exec; x != nil {
		e.clock.AfterFunc(d, func() { x.submit(run) })
		return
	}
	e.clock.AfterFunc(d, run)
}

// UseWorkers makes due steps run on n worker goroutines instead of each on
// its own timer goroutine. On the wall clock thousands of steps fall due
// together under load; as goroutines of their own they all fight for the
// store's lock (and a contended mutex hands over at scheduling speed), which
// cut throughput to a fraction of one core. A fake clock runs steps inline
// in Advance, so it does not use workers. Stop ends them.
func (e *Engine) UseWorkers(n int) {
	x := &executor{}
	x.cond = sync.NewCond(&x.mu)
	for i := 0; i < n; i++ {
		go x.work()
	}
	e.exec = x
}

// Stop ends the workers of UseWorkers; steps still queued do not run.
func (e *Engine) Stop() {
	if x := e.exec; x != nil {
		x.mu.Lock()
		x.stopped = true
		x.cond.Broadcast()
		x.mu.Unlock()
	}
}

// executor is a queue of due steps and the workers that run them.
type executor struct {
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []func()
	stopped bool
}

func (x *executor) submit(f func()) {
	x.mu.Lock()
	x.queue = append(x.queue, f)
	x.mu.Unlock()
	x.cond.Signal()
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
		f := x.queue[0]
		x.queue[0] = nil
		x.queue = x.queue[1:]
		x.mu.Unlock()
		f()
	}
}

// After schedules a later step of message seq that lives outside the engine
// (the seen report), counted like the engine's own.
func (e *Engine) After(seq uint64, d time.Duration, f func()) { e.after(seq, d, f) }

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
	n := 0
	for _, c := range e.busy {
		n += c
	}
	return n
}

func (e *Engine) report(r Report) { e.hooks.Report(r) }

var weekdays = map[string]time.Weekday{"SUNDAY": time.Sunday, "MONDAY": time.Monday, "TUESDAY": time.Tuesday,
	"WEDNESDAY": time.Wednesday, "THURSDAY": time.Thursday, "FRIDAY": time.Friday, "SATURDAY": time.Saturday}

// NextInWindow returns the first instant at or after t inside a delivery time
// window (UTC days and hours; a window whose end is before its start runs
// past midnight). A nil window is always open.
func NextInWindow(t time.Time, w *wire.DeliveryTimeWindow) time.Time {
	if w == nil || len(w.Days) == 0 {
		return t
	}
	days := map[time.Weekday]bool{}
	for _, d := range w.Days {
		if wd, ok := weekdays[d]; ok {
			days[wd] = true
		}
	}
	from, to := 0*time.Minute, 24*time.Hour
	if w.From != nil && w.To != nil {
		from = time.Duration(w.From.Hour)*time.Hour + time.Duration(w.From.Minute)*time.Minute
		to = time.Duration(w.To.Hour)*time.Hour + time.Duration(w.To.Minute)*time.Minute
		if to <= from {
			to += 24 * time.Hour
		}
	}
	u := t.UTC()
	midnight := time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
	for k := -1; k <= 7; k++ { // yesterday's window may run past midnight
		day := midnight.AddDate(0, 0, k)
		if !days[day.Weekday()] {
			continue
		}
		start, end := day.Add(from), day.Add(to)
		switch {
		case !u.Before(start) && u.Before(end):
			return t
		case u.Before(start):
			return start
		}
	}
	return t
}
