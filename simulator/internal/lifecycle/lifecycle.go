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

	mu       sync.Mutex
	steps    clock.DueHeap[*step] // steps waiting for their due time
	timer    clock.Timer          // armed at armedAt, the earliest due time
	armedAt  time.Time            //
	nextID   uint64               // the last step id handed out
	busy     map[uint64]int       // message seq -> steps scheduled, not yet run
	count    int                  // steps scheduled, not yet run
	exec     *executor            // nil: steps run on the timer's goroutine
	pending  store.Pending        // nil: steps are not kept beyond the process
	external map[string]ExternalStep
	stopped  bool
}

// New builds an engine.
func New(c clock.Clock, s *store.Store, p *numberplan.Plan, d Delays, h Hooks) *Engine {
	if h.Report == nil {
		h.Report = func(Report) {}
	}
	return &Engine{clock: c, store: s, plan: p, delays: d, hooks: h, busy: map[uint64]int{}}
}

// Start begins the life of a freshly stored message.
func (e *Engine) Start(m *store.Message) {
	if m.Status.Final() {
		// Refused at submission (a destination that is not a number): the
		// report follows at once.
		e.after(m.Seq, 0, kindFinalAtOnce, stepArgs{})
		return
	}
	if m.Refusal != nil {
		e.after(m.Seq, e.delays.RCS, kindRefused, stepArgs{})
		return
	}
	start := m.AcceptedAt
	if m.SendAt.After(start) {
		start = m.SendAt
	}
	start = NextInWindow(start, m.Window)
	wait := start.Sub(e.clock.Now())
	if m.Channel == store.RCS {
		e.after(m.Seq, wait, kindRCSLeg, stepArgs{At: start})
		return
	}
	e.after(m.Seq, wait, kindSMSLeg, stepArgs{At: start})
}

// perform does what a step is for.
func (e *Engine) perform(st *step) {
	seq, a := st.seq, st.args
	switch st.kind {
	case kindFinalAtOnce:
		if cur, ok := e.store.BySeq(seq); ok {
			e.report(Report{Step: StepFinal, Message: cur, Channel: cur.Channel, Status: *cur.Status, Error: *cur.Error,
				Sender: cur.Sender, Parts: cur.Parts, SentAt: cur.AcceptedAt, DoneAt: cur.DoneAt})
		}
	case kindRefused:
		m, ok := e.store.BySeq(seq)
		if !ok || m.Refusal == nil {
			return
		}
		r := *m.Refusal
		now := e.clock.Now()
		if cur, ok := e.finish(seq, m.Channel, r.Status, r.Error, now, "refused: "+r.Reason); ok {
			e.report(Report{Step: StepFinal, Message: cur, Channel: cur.Channel, Status: r.Status, Error: r.Error,
				Sender: cur.Sender, Parts: cur.Parts, SentAt: cur.AcceptedAt, DoneAt: now})
		}
	case kindRCSLeg:
		e.rcsLeg(seq, a.At)
	case kindRCSDelivered:
		e.rcsDelivered(seq, a.At)
	case kindRCSFailed:
		e.rcsFailed(seq, a.At, a.Error, a.Expired)
	case kindSMSLeg:
		e.smsLeg(seq, a.At, a.Fallback)
	case kindSMSOperator:
		e.smsOperator(seq, a)
	case kindSMSFinal:
		e.smsFinal(seq, a)
	default:
		e.mu.Lock()
		run := e.external[st.kind]
		e.mu.Unlock()
		if run != nil {
			run(seq)
		}
	}
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
	if !ok || m.Status.Final() {
		return
	}
	e.update(seq, func(m *store.Message) {
		m.History = append(m.History, m.StatusEvent(sentAt, store.RCS, "RCS sent"))
	})
	b := e.behavior(m)
	blocked := e.hooks.Blocked != nil && e.hooks.Blocked(m.Account, m.Sender, m.Destination)
	failed := func(err wire.Error) { e.after(seq, e.delays.RCS, kindRCSFailed, stepArgs{At: sentAt, Error: err}) }
	if e.hooks.RCSCheck != nil {
		if checkErr, why, checked := e.hooks.RCSCheck(m); checked {
			e.update(seq, func(m *store.Message) {
				m.History = append(m.History, store.Event{At: sentAt, Channel: store.RCS, Status: m.Status, Error: e.store.Error(checkErr), Note: why})
			})
			failed(checkErr)
			return
		}
	}
	switch {
	case blocked || b.RCS == numberplan.RCSBlocked:
		failed(wire.ErrorFor(wire.ErrBlockedUser))
	case b.RCS == numberplan.RCSNotCapable:
		failed(wire.ErrorFor(wire.ErrUnknownUser))
	case b.RCS == numberplan.RCSCarrier:
		failed(wire.ErrorFor(wire.ErrForbiddenAccess))
	case b.RCS == numberplan.RCSNoRich && rich(m.ContentType):
		failed(wire.ErrorFor(wire.ErrRCSBadRequest))
	case b.RCS == numberplan.RCSOffline:
		e.after(seq, time.Duration(m.Validity), kindRCSFailed, stepArgs{At: sentAt, Error: wire.ErrorFor(wire.ErrValidityExpired), Expired: true})
	default:
		e.after(seq, e.delays.RCS, kindRCSDelivered, stepArgs{At: sentAt})
	}
}

func (e *Engine) rcsDelivered(seq uint64, sentAt time.Time) {
	now := e.clock.Now()
	status := wire.StatusFor(wire.StatusDeliveredToHandset)
	m, ok := e.finish(seq, store.RCS, status, wire.NoError(), now, "delivered to handset")
	if !ok {
		return
	}
	e.report(Report{Step: StepFinal, Message: m, Channel: store.RCS, Status: status, Error: wire.NoError(),
		Sender: m.Sender, Parts: m.Parts, SentAt: sentAt, DoneAt: now})
	if e.hooks.Delivered != nil {
		e.hooks.Delivered(m, e.behavior(m))
	}
}

// rcsFailed ends the RCS leg without delivery: an error, or the validity
// period running out (expired). With a failover the SMS leg takes over.
func (e *Engine) rcsFailed(seq uint64, sentAt time.Time, rcsErr wire.Error, expired bool) {
	m, ok := e.store.BySeq(seq)
	if !ok || m.Status.Final() || smsStarted(m) {
		return
	}
	now := e.clock.Now()
	note := "RCS failed: " + rcsErr.Name
	if expired {
		note = "RCS validity period ended without delivery"
	}
	if m.Failover != nil {
		step := wire.StatusFor(wire.StatusPendingEnroute)
		m, ok = e.update(seq, func(m *store.Message) {
			e.store.SetStatus(m, step, rcsErr)
			m.History = append(m.History, e.store.NewEvent(now, store.RCS, step, rcsErr, note+"; falling back to SMS"))
		})
		if !ok {
			return
		}
		if m.TriggeredFailoverReports {
			e.report(Report{Step: StepFailover, Message: m, Channel: store.RCS, Status: step, Error: rcsErr,
				Sender: m.Sender, Parts: m.Parts, SentAt: sentAt, DoneAt: now})
		}
		e.smsLeg(seq, now, true)
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

// smsStarted reports whether the message's SMS leg already went out: a
// failure step repeated after a crash must not send a second fallback.
func smsStarted(m *store.Message) bool {
	for _, h := range m.History {
		if h.Channel == store.SMS {
			return true
		}
	}
	return false
}

// legOf is the SMS leg of a message: the message itself for a direct SMS,
// its failover for a fallback.
func legOf(m *store.Message, fallback bool) Leg {
	if fallback && m.Failover != nil {
		f := m.Failover
		return Leg{Sender: f.Sender, Text: f.Text, Validity: time.Duration(f.Validity), Fallback: true, DLT: f.DLT}
	}
	return Leg{Sender: m.Sender, Text: m.Text, Validity: time.Duration(m.Validity), DLT: m.DLT}
}

// legParts is how many messages the leg took.
func legParts(m *store.Message, leg Leg) int {
	if m.Channel == store.SMS {
		return m.Parts
	}
	return smsenc.CountText(leg.Text).Parts
}

// smsLeg runs when an SMS goes out, directly or as a fallback.
func (e *Engine) smsLeg(seq uint64, sentAt time.Time, fallback bool) {
	m, ok := e.store.BySeq(seq)
	if !ok || m.Status.Final() {
		return
	}
	leg := legOf(m, fallback)
	m, ok = e.update(seq, func(m *store.Message) {
		note := "SMS sent"
		if leg.Fallback {
			note = "SMS fallback sent"
		}
		m.History = append(m.History, m.StatusEvent(sentAt, store.SMS, note))
	})
	if !ok {
		return
	}
	final := func(d time.Duration, status wire.Status, err wire.Error, note string) {
		e.after(seq, d, kindSMSFinal, stepArgs{At: sentAt, Fallback: fallback, Status: status, Error: err, Note: note})
	}
	if e.hooks.Filter != nil {
		if r := e.hooks.Filter(m, leg); r.Refused {
			final(e.delays.SMS, r.Status, r.Error, "SMS refused: "+r.Error.Name+": "+r.Reason)
			return
		}
	}
	b := e.behavior(m)
	switch b.SMS {
	case numberplan.SMSAbsent:
		final(e.delays.SMS, wire.StatusFor(wire.StatusUndeliverableNotDelivered), wire.ErrorFor(wire.ErrAbsentSubscriber), "handset absent")
	case numberplan.SMSDND:
		final(e.delays.SMS, wire.StatusFor(wire.StatusRejectedDND), wire.ErrorFor(wire.ErrDestAddressBlacklisted), "destination on the DND register")
	case numberplan.SMSNeverDone:
		final(leg.Validity, wire.StatusFor(wire.StatusExpiredExpired), wire.ErrorFor(wire.ErrValidityExpired), "SMS validity period ended without delivery")
	case numberplan.SMSUnknown:
		final(e.delays.SMS, wire.StatusFor(wire.StatusUndeliverableNotDelivered), wire.ErrorFor(wire.ErrUnknownSubscriber), "unknown subscriber")
	case numberplan.SMSSlow:
		e.after(seq, e.delays.SMS, kindSMSOperator, stepArgs{At: sentAt, Fallback: fallback})
	default:
		final(e.delays.SMS, wire.StatusFor(wire.StatusDeliveredToHandset), wire.NoError(), "delivered to handset")
	}
}

// smsOperator is S=4's first outcome: the operator has the SMS; the handset
// gets it later.
func (e *Engine) smsOperator(seq uint64, a stepArgs) {
	now := e.clock.Now()
	status := wire.StatusFor(wire.StatusDeliveredToOperator)
	m, ok := e.update(seq, func(m *store.Message) {
		if m.Status.Final() {
			return
		}
		e.store.SetStatus(m, status, wire.NoError())
		m.History = append(m.History, e.store.NewEvent(now, store.SMS, status, wire.NoError(), "delivered to operator"))
	})
	if !ok || m.Status.Final() {
		return
	}
	if m.IntermediateReport {
		leg := legOf(m, a.Fallback)
		e.report(Report{Step: StepIntermediate, Message: m, Channel: store.SMS, Status: status, Error: wire.NoError(),
			Sender: leg.Sender, Parts: legParts(m, leg), SentAt: a.At, DoneAt: now})
	}
	e.after(seq, e.delays.Slow, kindSMSFinal, stepArgs{At: a.At, Fallback: a.Fallback,
		Status: wire.StatusFor(wire.StatusDeliveredToHandset), Error: wire.NoError(), Note: "delivered to handset"})
}

// smsFinal records the SMS leg's outcome and reports it.
func (e *Engine) smsFinal(seq uint64, a stepArgs) {
	now := e.clock.Now()
	m, ok := e.finish(seq, store.SMS, a.Status, a.Error, now, a.Note)
	if !ok {
		return
	}
	leg := legOf(m, a.Fallback)
	e.report(Report{Step: StepFinal, Message: m, Channel: store.SMS, Status: a.Status, Error: a.Error,
		Sender: leg.Sender, Parts: legParts(m, leg), SentAt: a.At, DoneAt: now})
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
		e.store.SetStatus(m, status, err)
		m.DoneAt, m.FinalChannel = at, channel
		m.History = append(m.History, e.store.NewEvent(at, channel, status, err, note))
	})
	return m, ok && !already
}

func (e *Engine) update(seq uint64, f func(m *store.Message)) (*store.Message, bool) {
	return e.store.Update(seq, f)
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
