// Package webhook delivers the simulator's callbacks (delivery reports, seen
// reports, inbound messages, capability results, clicks) to client URLs.
//
// One Dispatcher per server: a bounded queue, a fixed set of workers, and
// retry timers on the injected clock. Queues are per account and URL (split
// into Options.Lanes by end user), so one account's callbacks never share a
// POST with, or wait behind, another's. A pending callback is a plain record
// in its queue: no goroutine waits for it, and Enqueue never blocks.
// Within a queue callbacks are delivered in order: while the batch at its
// head waits for a retry, the items behind it wait too, so reports about one
// message never overtake each other. Items due at the same instant for the
// same queue and of the same kind travel in one POST of up to 100 results.
//
// With Options.Pending set to a database the queue is restart-safe: every
// change is also written as a small record (durable.go), and Restore
// rebuilds the queues, retry schedules and failed list from them.
package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// MaxBatch is Infobip's default number of results per delivery-report POST.
const MaxBatch = 100

// MaxAttemptLog is how many attempts the log keeps; the oldest go first.
const MaxAttemptLog = 100_000

// MaxFailed is how many failed batches are kept; beyond it the oldest go
// first, counted in Dropped.
const MaxFailed = 100_000

// Shape is how a batch of results is wrapped into a request body.
type Shape int

const (
	// Results wraps results as {"results":[...]}.
	Results Shape = iota
	// Inbound wraps results as {"results":[...],"messageCount":n,"pendingMessageCount":0}.
	Inbound
	// Single sends one result as the whole body; such items are never batched.
	Single
	// Events wraps results as {"results":[...],"eventCount":n,"pendingEventCount":0}
	// (RCS typing and conversation-started webhooks).
	Events
)

// Item is one callback to deliver.
type Item struct {
	Account   string `json:"account"`
	URL       string `json:"url"`
	Kind      string `json:"kind"` // delivery, seen, inbound, capability, click
	Shape     Shape  `json:"-"`
	MessageID string `json:"messageId,omitempty"`
	// Ref is the sender's own reference (the message's store sequence).
	Ref uint64 `json:"-"`
	// Tag is a second opaque reference (the report's index on the message).
	Tag int `json:"-"`
	// LaneKey picks the item's lane when the queue has several (the end
	// user's number: reports and replies about one conversation stay in
	// order); empty uses lane 0.
	LaneKey string `json:"laneKey,omitempty"`
	// Result is one result of the body, compact JSON as json.Marshal
	// writes it (render joins results without re-compacting them).
	Result json.RawMessage `json:"result"`
	// XMLRoot, when set, posts a Results batch as application/xml under
	// that root element (webhooks.contentType / notifyContentType XML).
	XMLRoot string `json:"xmlRoot,omitempty"`
	// Seq is assigned by Enqueue, in enqueue order.
	Seq uint64 `json:"seq"`
	// EnqueuedNs is when Enqueue took the item, in Unix nanoseconds on the
	// dispatcher's clock, kept across a restart: OldestQueued measures how
	// long callbacks wait. An int64, not a time.Time: every queued item
	// carries it, and a smaller Item keeps the in-memory path as fast.
	// Enqueue keeps a time the caller set (a sender that has just read the
	// clock saves the dispatcher a second read) and sets it otherwise.
	EnqueuedNs int64 `json:"-"`
}

// Policy is the retry policy: attempt n+1 follows a failed attempt n after
// Base + Unit*n². Infobip's documented cycle is Base = Unit = 1 minute.
type Policy struct {
	Base        time.Duration
	Unit        time.Duration
	MaxAttempts int           // attempts per batch before it is kept as exhausted
	Timeout     time.Duration // per POST
}

// DefaultPolicy is Infobip's push retry cycle, with 20 attempts (about 42
// hours, within the 48-hour validity of a report) and a 10-second timeout.
func DefaultPolicy() Policy {
	return Policy{Base: time.Minute, Unit: time.Minute, MaxAttempts: 20, Timeout: 10 * time.Second}
}

// Delay returns the wait before the retry that follows failed attempt n (n >= 1).
func (p Policy) Delay(n int) time.Duration { return p.Base + p.Unit*time.Duration(n*n) }

// Attempt is one POST and its outcome.
type Attempt struct {
	URL        string    `json:"url"`
	Kind       string    `json:"kind"`
	Account    string    `json:"account"`
	Attempt    int       `json:"attempt"`
	Status     int       `json:"status"` // HTTP status, 0 when none came back
	Error      string    `json:"error,omitempty"`
	At         time.Time `json:"at"`
	Results    int       `json:"results"`
	MessageIDs []string  `json:"messageIds"`
	// Outcome is delivered, retry (NextAttemptAt says when) or exhausted.
	Outcome       string    `json:"outcome"`
	NextAttemptAt time.Time `json:"nextAttemptAt,omitzero"`
	// Body is the request body as POSTed, cut to MaxAttemptBody bytes
	// (BodyTruncated then says so); empty when no POST was made (refused).
	Body          string `json:"body,omitempty"`
	BodyTruncated bool   `json:"bodyTruncated,omitempty"`
}

// MaxAttemptBody bounds the body kept with each attempt: the log holds up to
// MaxAttemptLog attempts, so a full log of large batches stays near 400 MB
// at worst instead of growing with the batch size.
const MaxAttemptBody = 4 << 10

// keepBody returns body cut to MaxAttemptBody bytes (at a UTF-8 boundary)
// and whether it was cut.
func keepBody(body []byte) (string, bool) {
	if len(body) <= MaxAttemptBody {
		return string(body), false
	}
	n := MaxAttemptBody
	for n > 0 && !utf8.RuneStart(body[n]) {
		n--
	}
	return string(body[:n]), true
}

// Failed is a batch that used up its attempts. It is kept, never dropped.
type Failed struct {
	// ID names the batch for a redelivery of it alone; unique for the life
	// of the Dispatcher (a batch failing again after a redelivery gets a new one).
	ID       string    `json:"id"`
	URL      string    `json:"url"`
	Kind     string    `json:"kind"`
	Attempts int       `json:"attempts"`
	LastAt   time.Time `json:"lastAt"`
	// Reason says why a batch was kept without being tried (no URL to go to).
	Reason string `json:"reason,omitempty"`
	Items  []Item `json:"items"`
}

// Options configure a Dispatcher.
type Options struct {
	Clock   clock.Clock
	Client  *http.Client
	Logger  *slog.Logger
	Policy  Policy
	Workers int // default 8
	// QueueLimit is the queue length above which a warning is logged (once
	// per crossing). Enqueue never blocks: a pending callback is a small
	// record in its URL's queue, so a request handler or a lifecycle timer
	// never waits for a slow endpoint, and nothing is dropped. Default 100,000.
	QueueLimit int
	// BatchWindow is how long the first callback for an idle URL waits for
	// others to join its POST. Default 0: callbacks due at the same instant
	// still share a POST, since the flush is itself a timer at that instant.
	BatchWindow time.Duration
	// Guard, when set, is asked before every POST whether the URL may be
	// called; an error refuses the batch for good (kept as failed with the
	// reason, no retry): the simulator keeps callbacks off its own listener.
	Guard func(ctx context.Context, u *url.URL) error
	// KeepUserinfo sends a URL's user:password@ as Basic authorization.
	// Default: dropped.
	KeepUserinfo bool
	// OnRefused is called with a batch Guard refused and the reason.
	OnRefused func(items []Item, reason string)
	// Lanes splits each URL's queue by Item.LaneKey (default 1: one queue
	// per URL). Callbacks with one key stay in order; a refused batch
	// waiting for its retry stalls only its lane, not the whole URL.
	Lanes int
	// Pending keeps the queue beyond the process (the database of a
	// durable simulator); nil or store.NoPending keeps it in memory only,
	// and then no record is ever built. When it also has a Sync method
	// (the sqlite backend does), a batch's in-flight mark is committed
	// before its POST, so that every batch a crash interrupts after it
	// was sent is known to be in flight and is counted when re-sent.
	Pending store.Pending
}

// ErrRefused wraps a Guard's refusal.
var ErrRefused = errors.New("callback refused")

// queueKey names one queue: an account's URL, split into Lanes by end user.
type queueKey struct {
	account, url string
	lane         int
}

// lane picks an item's lane from its LaneKey, so that the callbacks about
// one conversation share a lane (and keep their order) while a batch
// waiting for a retry holds up only its own lane.
func (d *Dispatcher) lane(it Item) int {
	if d.opt.Lanes <= 1 || it.LaneKey == "" {
		return 0
	}
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(it.LaneKey); i++ {
		h = (h ^ uint32(it.LaneKey[i])) * 16777619
	}
	return int(h % uint32(d.opt.Lanes))
}

// ErrClosed is returned by Enqueue after Close.
var ErrClosed = errors.New("webhook: dispatcher closed")

type endpoint struct {
	key     queueKey
	account string
	url     string
	items   []Item
	head    []Item // the batch being delivered or awaiting a retry
	attempt int    // failed attempts of head
	busy    bool   // scheduled, in a worker, or waiting for a retry timer
	timer   clock.Timer
	dropped bool // forgotten by Drop while a POST was in flight
	// resend marks a restored head that was in flight at the crash: its
	// next POST is counted in ResentBatches.
	resend bool
}

// Dispatcher delivers callbacks. It is safe for concurrent use.
type Dispatcher struct {
	opt Options

	mu        sync.Mutex
	work      *sync.Cond             // signalled when ready grows or on close
	overLimit bool                   // queued crossed QueueLimit (warned)
	endpoints map[queueKey]*endpoint // (account, URL, lane) -> queue
	ready     []*endpoint
	queued    int
	seq       uint64
	closed    bool
	attempts  []Attempt
	failed    []Failed
	// dropped counts what the bounded logs forgot.
	droppedAttempts, droppedFailed int
	failedSeq                      int // numbers the failed batches' IDs
	maxFailed                      int // MaxFailed; lower in tests
	delivered                      []func([]Item)
	observers                      []func(Attempt)
	// active counts queues that are ready or being posted; idle is closed
	// (and replaced) whenever it drops to zero.
	active int
	idle   chan struct{}
	// pending is Options.Pending, nil when it keeps nothing, so the
	// in-memory path tests one pointer and builds no record; sync commits
	// what pending has queued (nil when it cannot).
	pending store.Pending
	sync    func()
	resent  int // batches re-posted because a crash caught them in flight
	resentN int // the callbacks those batches carried

	workers sync.WaitGroup
}

// New starts a dispatcher and its workers.
func New(opt Options) *Dispatcher {
	if opt.Clock == nil {
		opt.Clock = clock.Real{}
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Policy.MaxAttempts <= 0 {
		opt.Policy.MaxAttempts = DefaultPolicy().MaxAttempts
	}
	if opt.Policy.Timeout <= 0 {
		opt.Policy.Timeout = DefaultPolicy().Timeout
	}
	if opt.Client == nil {
		opt.Client = &http.Client{}
	}
	// Never follow a redirect: a client URL could bounce a POST anywhere,
	// the simulator's own control plane included. A 3xx is a failed attempt.
	c := *opt.Client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	opt.Client = &c
	if opt.Workers <= 0 {
		opt.Workers = 8
	}
	if opt.QueueLimit <= 0 {
		opt.QueueLimit = 100_000
	}
	d := &Dispatcher{opt: opt, endpoints: map[queueKey]*endpoint{}, idle: make(chan struct{}), maxFailed: MaxFailed}
	if _, none := opt.Pending.(store.NoPending); opt.Pending != nil && !none {
		d.pending = opt.Pending
		if s, ok := opt.Pending.(interface{ Sync() }); ok {
			d.sync = s.Sync
		}
	}
	d.work = sync.NewCond(&d.mu)
	for i := 0; i < opt.Workers; i++ {
		d.workers.Add(1)
		go d.worker()
	}
	return d
}

// OnDelivered registers f to be called with every batch a URL accepted.
func (d *Dispatcher) OnDelivered(f func([]Item)) {
	d.mu.Lock()
	d.delivered = append(d.delivered, f)
	d.mu.Unlock()
}

// OnAttempt registers f to be called after every attempt is recorded. Calls
// for attempts on different workers may arrive in either order; Attempts has
// the order they happened in.
func (d *Dispatcher) OnAttempt(f func(Attempt)) {
	d.mu.Lock()
	d.observers = append(d.observers, f)
	d.mu.Unlock()
}

// Enqueue queues callbacks for delivery. It never blocks.
func (d *Dispatcher) Enqueue(items ...Item) error {
	var now int64
	for i := range items {
		if items[i].EnqueuedNs == 0 {
			now = d.opt.Clock.Now().UnixNano()
			break
		}
	}
	var bodies [][]byte
	if d.pending != nil {
		// Marshalled before the lock: the item record's ID carries the Seq
		// assigned below, so the body does not depend on it.
		bodies = d.encodeItems(items, now)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return ErrClosed
	}
	d.enqueueLocked(items, bodies, now)
	return nil
}

// enqueueLocked queues items, those without an EnqueuedNs taken at now
// (Unix nanoseconds); bodies are their item records (nil in memory).
// Called with d.mu held.
func (d *Dispatcher) enqueueLocked(items []Item, bodies [][]byte, now int64) {
	for i, it := range items {
		d.seq++
		it.Seq = d.seq
		if it.EnqueuedNs == 0 {
			it.EnqueuedNs = now
		}
		if bodies != nil && bodies[i] != nil {
			d.pending.PutCallback(store.QueuedCallback{ID: it.Seq, Items: []json.RawMessage{bodies[i]}})
		}
		key := queueKey{it.Account, it.URL, d.lane(it)}
		ep := d.endpoints[key]
		if ep == nil {
			ep = &endpoint{account: it.Account, url: it.URL, key: key}
			d.endpoints[key] = ep
		}
		ep.items = append(ep.items, it)
		d.queued++
		if !ep.busy {
			ep.busy = true
			ep.timer = d.opt.Clock.AfterFunc(d.opt.BatchWindow, func() { d.schedule(ep) })
		}
	}
	if d.queued > d.opt.QueueLimit && !d.overLimit {
		d.overLimit = true
		d.opt.Logger.Warn("callback queue is long: endpoints are slower than the traffic", "queued", d.queued, "mark", d.opt.QueueLimit)
	}
}

func (d *Dispatcher) schedule(ep *endpoint) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || ep.dropped {
		return
	}
	d.ready = append(d.ready, ep)
	d.active++
	d.work.Signal()
}

// settle marks one ready-or-posting queue as done; called with d.mu held.
func (d *Dispatcher) settle() {
	d.active--
	if d.active == 0 {
		close(d.idle)
		d.idle = make(chan struct{})
	}
}

// WaitIdle blocks until no queue is ready or being posted (queues waiting
// for a retry timer are idle), or ctx ends. With a fake clock it lets time
// move on only after the callbacks due now have been attempted.
func (d *Dispatcher) WaitIdle(ctx context.Context) error {
	for {
		d.mu.Lock()
		if d.active == 0 || d.closed {
			d.mu.Unlock()
			return nil
		}
		ch := d.idle
		d.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (d *Dispatcher) worker() {
	defer d.workers.Done()
	for {
		d.mu.Lock()
		for len(d.ready) == 0 && !d.closed {
			d.work.Wait()
		}
		if d.closed {
			d.mu.Unlock()
			return
		}
		ep := d.ready[0]
		d.ready = d.ready[1:]
		if ep.head == nil {
			ep.head = takeBatch(&ep.items)
		}
		batch := ep.head
		attempt := ep.attempt + 1
		resend := ep.resend
		ep.resend = false
		if d.pending != nil {
			d.pending.PutCallback(d.headRecord(ep, true, time.Time{}))
		}
		d.mu.Unlock()
		if d.sync != nil {
			d.sync() // the in-flight mark is in the database before the POST
		}

		status, body, err := d.post(ep.url, batch)
		if resend && body != nil { // body is nil when no request was made
			d.mu.Lock()
			d.resent++
			d.resentN += len(batch)
			d.mu.Unlock()
		}
		if errors.Is(err, ErrRefused) {
			d.refuse(ep, batch, attempt, err)
		} else {
			d.finish(ep, batch, attempt, status, body, err)
		}
		d.mu.Lock()
		d.settle()
		d.mu.Unlock()
	}
}

// takeBatch removes the next batch from the front of items: one Single item,
// or up to MaxBatch consecutive items of the same kind and shape.
func takeBatch(items *[]Item) []Item {
	q := *items
	n := 1
	if q[0].Shape != Single {
		for n < len(q) && n < MaxBatch && q[n].Kind == q[0].Kind && q[n].Shape == q[0].Shape && q[n].XMLRoot == q[0].XMLRoot {
			n++
		}
	}
	batch := append([]Item(nil), q[:n]...)
	*items = q[n:]
	return batch
}

func (d *Dispatcher) finish(ep *endpoint, batch []Item, attempt, status int, body []byte, err error) {
	now := d.opt.Clock.Now()
	a := Attempt{URL: ep.url, Kind: batch[0].Kind, Account: batch[0].Account, Attempt: attempt, Status: status, At: now, Results: len(batch)}
	a.Body, a.BodyTruncated = keepBody(body)
	for _, it := range batch {
		if it.MessageID != "" {
			a.MessageIDs = append(a.MessageIDs, it.MessageID)
		}
	}
	ok := err == nil && status >= 200 && status < 300
	if err != nil {
		a.Error = err.Error()
	} else if !ok {
		a.Error = fmt.Sprintf("HTTP %d", status)
	}

	d.mu.Lock()
	if ep.dropped {
		a.Outcome = "dropped"
		d.attempts = append(d.attempts, a)
		d.mu.Unlock()
		return
	}
	var hooks []func([]Item)
	switch {
	case ok:
		a.Outcome = "delivered"
		d.forgetBatch(batch)
		d.done(ep, len(batch))
		hooks = d.delivered
	case attempt >= d.opt.Policy.MaxAttempts:
		a.Outcome = "exhausted"
		d.addFailed(Failed{URL: ep.url, Kind: batch[0].Kind, Attempts: attempt, LastAt: now, Items: batch})
		d.forgetBatch(batch)
		d.done(ep, len(batch))
	default:
		a.Outcome = "retry"
		ep.attempt = attempt
		wait := d.opt.Policy.Delay(attempt)
		a.NextAttemptAt = now.Add(wait)
		if d.pending != nil {
			// Recorded even after Close: a restart keeps the schedule.
			d.pending.PutCallback(d.headRecord(ep, false, a.NextAttemptAt))
		}
		if !d.closed {
			ep.timer = d.opt.Clock.AfterFunc(wait, func() { d.schedule(ep) })
		}
	}
	d.attempts = append(d.attempts, a)
	if len(d.attempts) > MaxAttemptLog {
		keep := MaxAttemptLog * 9 / 10
		d.droppedAttempts += len(d.attempts) - keep
		d.attempts = append([]Attempt(nil), d.attempts[len(d.attempts)-keep:]...)
	}
	observers := d.observers
	d.mu.Unlock()

	d.opt.Logger.Info("callback", "url", a.URL, "kind", a.Kind, "attempt", a.Attempt, "status", a.Status, "outcome", a.Outcome, "results", a.Results, "err", a.Error)
	for _, h := range hooks {
		h(batch)
	}
	for _, o := range observers {
		o(a)
	}
}

// refuse records a batch the Guard refused: one attempt with outcome
// "refused", the batch kept as failed with the reason, no retry.
func (d *Dispatcher) refuse(ep *endpoint, batch []Item, attempt int, err error) {
	now := d.opt.Clock.Now()
	a := Attempt{URL: ep.url, Kind: batch[0].Kind, Account: batch[0].Account, Attempt: attempt, At: now, Results: len(batch),
		Error: err.Error(), Outcome: "refused"}
	for _, it := range batch {
		if it.MessageID != "" {
			a.MessageIDs = append(a.MessageIDs, it.MessageID)
		}
	}
	d.mu.Lock()
	if ep.dropped {
		d.mu.Unlock()
		return
	}
	d.addFailed(Failed{URL: ep.url, Kind: batch[0].Kind, Attempts: attempt, LastAt: now, Reason: err.Error(), Items: batch})
	d.forgetBatch(batch)
	d.done(ep, len(batch))
	d.attempts = append(d.attempts, a)
	observers := d.observers
	d.mu.Unlock()
	d.opt.Logger.Warn("callback refused", "url", a.URL, "kind", a.Kind, "reason", a.Error)
	if d.opt.OnRefused != nil {
		d.opt.OnRefused(batch, err.Error())
	}
	for _, o := range observers {
		o(a)
	}
}

// done retires the head batch and moves on; called with d.mu held.
func (d *Dispatcher) done(ep *endpoint, n int) {
	ep.head, ep.attempt = nil, 0
	d.queued -= n
	if d.queued <= d.opt.QueueLimit/2 {
		d.overLimit = false
	}
	if len(ep.items) > 0 && !d.closed {
		d.ready = append(d.ready, ep)
		d.active++
		d.work.Signal()
		return
	}
	ep.busy = false
	// An idle queue is forgotten, so a stream of distinct URLs (a notifyUrl
	// per message) does not grow the map without bound.
	if d.endpoints[ep.key] == ep {
		delete(d.endpoints, ep.key)
	}
}

// Drop forgets the queued callbacks of an account (all when empty): items
// waiting, batches waiting for a retry, and the outcome of POSTs in flight.
// It returns how many callbacks it dropped.
func (d *Dispatcher) Drop(account string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for key, ep := range d.endpoints {
		if account != "" && ep.account != account {
			continue
		}
		if ep.timer != nil {
			ep.timer.Stop()
		}
		n += len(ep.items) + len(ep.head)
		if d.pending != nil {
			d.forgetBatch(ep.head)
			for _, it := range ep.items {
				d.pending.DoneCallback(it.Seq)
			}
		}
		ep.dropped = true
		ep.items, ep.head = nil, nil
		delete(d.endpoints, key)
	}
	kept := d.ready[:0]
	for _, ep := range d.ready {
		if ep.dropped {
			d.settle()
			continue
		}
		kept = append(kept, ep)
	}
	d.ready = kept
	d.queued -= n
	return n
}

// AttemptCount counts the attempts recorded for an account (all when empty).
func (d *Dispatcher) AttemptCount(account string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if account == "" {
		return len(d.attempts)
	}
	n := 0
	for _, a := range d.attempts {
		if a.Account == account {
			n++
		}
	}
	return n
}

// post sends batch to rawURL and returns the HTTP status and the body it
// POSTed (nil when it made no request).
func (d *Dispatcher) post(rawURL string, batch []Item) (int, []byte, error) {
	body, err := render(batch)
	if err != nil {
		return 0, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.opt.Policy.Timeout)
	defer cancel()
	u, err := url.Parse(rawURL)
	if err != nil {
		return 0, nil, err
	}
	if !d.opt.KeepUserinfo {
		u.User = nil
	}
	if d.opt.Guard != nil {
		if err := d.opt.Guard(ctx, u); err != nil {
			return 0, nil, fmt.Errorf("%w: %v", ErrRefused, err)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if batch[0].XMLRoot != "" && batch[0].Shape == Results {
		req.Header.Set("Content-Type", "application/xml")
	}
	req.Header.Set("User-Agent", "jiocxsim")
	resp, err := d.opt.Client.Do(req)
	if err != nil {
		return 0, body, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return resp.StatusCode, body, nil
}

func render(batch []Item) ([]byte, error) {
	if batch[0].XMLRoot != "" && batch[0].Shape == Results {
		return renderXML(batch[0].XMLRoot, batch)
	}
	switch batch[0].Shape {
	case Single:
		return batch[0].Result, nil
	case Inbound:
		return appendCounts(appendResults(batch), `,"messageCount":`, len(batch), `,"pendingMessageCount":0}`), nil
	case Events:
		return appendCounts(appendResults(batch), `,"eventCount":`, len(batch), `,"pendingEventCount":0}`), nil
	default:
		return append(appendResults(batch), '}'), nil
	}
}

// appendResults writes `{"results":[...]` from the batch's results. They
// are compact JSON as json.Marshal writes it (see Item.Result), so joining
// them gives the bytes json.Marshal would, without it re-scanning every
// result to compact it again (7% of CPU at 35k callbacks/s).
func appendResults(batch []Item) []byte {
	n := len(`{"results":[]`) + len(`,"pendingMessageCount":0,"messageCount":}`) + 20
	for _, it := range batch {
		n += len(it.Result) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, `{"results":[`...)
	for i, it := range batch {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it.Result...)
	}
	return append(b, ']')
}

func appendCounts(b []byte, countKey string, count int, rest string) []byte {
	b = append(b, countKey...)
	b = strconv.AppendInt(b, int64(count), 10)
	return append(b, rest...)
}

// Attempts returns every attempt made so far, oldest first, optionally only
// those of one account (empty: all).
func (d *Dispatcher) Attempts(account string) []Attempt {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := []Attempt{}
	for _, a := range d.attempts {
		if account == "" || a.Account == account {
			out = append(out, a)
		}
	}
	return out
}

// Failed returns the batches that used up their attempts.
func (d *Dispatcher) Failed(account string) []Failed {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := []Failed{}
	for _, f := range d.failed {
		if account == "" || f.Items[0].Account == account {
			out = append(out, f)
		}
	}
	return out
}

// Park keeps callbacks that have nowhere to go (no URL was given or
// configured) in the failed list, so they are listed rather than lost. A
// later Redeliver sends them only if they have gained a URL.
func (d *Dispatcher) Park(items []Item, reason string, at time.Time) {
	if len(items) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.addFailed(Failed{URL: items[0].URL, Kind: items[0].Kind, LastAt: at, Reason: reason, Items: items})
}

// addFailed keeps a failed batch, dropping (and counting) the oldest beyond
// MaxFailed; called with d.mu held. With a Pending the batch is recorded
// whole before its queue records go (forgetBatch), so a crash between the
// two finds it twice, never nowhere: Restore keeps the failed copy.
func (d *Dispatcher) addFailed(f Failed) {
	d.failedSeq++
	f.ID = "fb-" + strconv.Itoa(d.failedSeq)
	if d.pending != nil {
		d.recordFailed(f)
	}
	d.failed = append(d.failed, f)
	if over := len(d.failed) - d.maxFailed; over > 0 {
		for _, g := range d.failed[:over] {
			d.droppedFailed += len(g.Items)
			if d.pending != nil {
				d.pending.DoneCallback(failedRecordID(g.ID))
			}
		}
		d.failed = append(d.failed[:0:0], d.failed[over:]...)
	}
}

// Dropped counts the attempts and failed callbacks the bounded logs forgot.
func (d *Dispatcher) Dropped() (attempts, failedCallbacks int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.droppedAttempts, d.droppedFailed
}

// Pending counts callbacks not yet delivered or exhausted.
func (d *Dispatcher) Pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queued
}

// ErrNoFailedBatch is returned by RedeliverBatch for an id that names no
// failed batch of the account.
var ErrNoFailedBatch = errors.New("no failed callback batch with that id")

// ErrNowhereToSend is returned by RedeliverBatch for a batch that still has
// no URL; it stays in the failed list.
var ErrNowhereToSend = errors.New("the failed callback batch still has no URL to go to")

// Redeliver queues the exhausted batches of an account (all when empty) again,
// with fresh attempt counts, and returns how many callbacks it queued.
func (d *Dispatcher) Redeliver(account string) (int, error) {
	return d.redeliver(account, "")
}

// RedeliverBatch queues the one failed batch named id again (only if it
// belongs to account; any account when empty), with a fresh attempt count,
// and returns how many callbacks it queued.
func (d *Dispatcher) RedeliverBatch(account, id string) (int, error) {
	return d.redeliver(account, id)
}

// redeliver requeues the failed batches of account (all when empty) that
// have a URL, only the one named id when id is set (an error when it names
// none of the account's, or one without a URL). The batches leave the
// failed list and join the queue under one lock, and their new item
// records are written before the failed records go: a crash in between
// can duplicate a redelivered callback, never lose it.
func (d *Dispatcher) redeliver(account, id string) (int, error) {
	now := d.opt.Clock.Now().UnixNano()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return 0, ErrClosed // the batches stay listed
	}
	var again []Item
	var gone []string // ids of the batches requeued
	found := false
	kept := d.failed[:0]
	for _, f := range d.failed {
		mine := account == "" || f.Items[0].Account == account
		if id != "" && (f.ID != id || !mine) {
			kept = append(kept, f) // not the batch asked for
			continue
		}
		found = true
		if f.URL == "" {
			kept = append(kept, f) // still nowhere to send it
			continue
		}
		if mine {
			for _, it := range f.Items {
				it.EnqueuedNs = 0 // queued afresh: its age starts now
				again = append(again, it)
			}
			gone = append(gone, f.ID)
			continue
		}
		kept = append(kept, f)
	}
	clear(d.failed[len(kept):]) // let the requeued batches' items go
	d.failed = kept
	switch {
	case id != "" && !found:
		return 0, ErrNoFailedBatch
	case id != "" && len(again) == 0:
		return 0, ErrNowhereToSend
	}
	var bodies [][]byte
	if d.pending != nil {
		bodies = d.encodeItems(again, now)
	}
	d.enqueueLocked(again, bodies, now)
	if d.pending != nil {
		for _, g := range gone {
			d.pending.DoneCallback(failedRecordID(g))
		}
	}
	return len(again), nil
}

// ForgetHistory clears the attempt log and the exhausted list of one account
// (all when empty). Callbacks still queued are delivered as usual.
func (d *Dispatcher) ForgetHistory(account string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	keptA := d.attempts[:0]
	for _, a := range d.attempts {
		if account != "" && a.Account != account {
			keptA = append(keptA, a)
		}
	}
	d.attempts = keptA
	keptF := d.failed[:0]
	for _, f := range d.failed {
		if account != "" && f.Items[0].Account != account {
			keptF = append(keptF, f)
		} else if d.pending != nil {
			d.pending.DoneCallback(failedRecordID(f.ID))
		}
	}
	clear(d.failed[len(keptF):])
	d.failed = keptF
}

// Close stops the workers after their in-flight deliveries and waits for
// them, or for ctx. Callbacks still queued or awaiting a retry stay listed
// (Pending) but are not delivered.
func (d *Dispatcher) Close(ctx context.Context) error {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		for _, ep := range d.endpoints {
			if ep.timer != nil {
				ep.timer.Stop()
			}
		}
		d.work.Broadcast()
	}
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.workers.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// queues counts the queues held (for tests).
func (d *Dispatcher) queues() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.endpoints)
}
