package simulator

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
)

// Callback fault kinds: what can go wrong between the platform and a
// client's callback endpoint, as a test wants to reproduce it. The platform
// delivers at least once, not exactly once, and not in order.
const (
	// CallbackDuplicate delivers the callback, then the same body again in a
	// second POST Delay later (default 1 s).
	CallbackDuplicate = "duplicate"
	// CallbackDelay holds the callback for Delay before it is queued.
	CallbackDelay = "delay"
	// CallbackReorder holds the next Count callbacks to a URL and releases
	// them newest first, one POST each, Delay apart once all are in (or once
	// the first has waited a minute).
	CallbackReorder = "reorder"
	// CallbackDrop loses the callback after the platform has counted it as
	// acknowledged: it is logged as delivered, never retried, and the
	// endpoint never receives it (what a proxy that answers 200 and loses the
	// body does to a client).
	CallbackDrop = "drop"
)

// Which callbacks a fault applies to (CallbackFault.Callbacks).
const (
	CallbacksDelivery = "delivery" // delivery reports (the default)
	CallbacksInbound  = "inbound"  // forwarded inbound messages
	CallbacksSeen     = "seen"     // seen reports
	CallbacksAny      = "any"      // all three
)

// reorderWait is the longest the first held callback of a reorder fault
// waits for the others to arrive.
const reorderWait = time.Minute

// CallbackFault changes how the platform delivers an account's callbacks.
// Faults apply in the order they were armed, one per callback; each affects
// Count callbacks and is then spent. Probability below 1 draws from the
// server's seeded source, so a run with the same seed and traffic affects the
// same callbacks.
type CallbackFault struct {
	Account string `json:"account,omitempty"`
	// Kind is duplicate, delay, reorder or drop.
	Kind string `json:"kind"`
	// Callbacks is delivery (default), inbound, seen or any.
	Callbacks string `json:"callbacks,omitempty"`
	// URL restricts the fault to callbacks posted to this URL; empty: any.
	URL string `json:"url,omitempty"`
	// Count is how many callbacks the fault affects (default 1).
	Count int `json:"count"`
	// Delay is a Go duration: the hold of delay (required), the gap before a
	// duplicate (default 1s), the gap between reordered POSTs (default 1s).
	Delay string `json:"delay,omitempty"`
	// Probability that a matching callback is affected (default 1).
	Probability float64 `json:"probability,omitempty"`
}

// AppliedCallbackFault records a callback a fault changed.
type AppliedCallbackFault struct {
	Account   string    `json:"account"`
	Kind      string    `json:"kind"`
	URL       string    `json:"url"`
	Callback  string    `json:"callback"` // the callback's kind, e.g. delivery-rcs
	MessageID string    `json:"messageId,omitempty"`
	At        time.Time `json:"at"`
}

type armedCallbackFault struct {
	CallbackFault
	delay time.Duration
}

type heldCallbacks struct {
	fault *armedCallbackFault
	items []webhook.Item
	timer clock.Timer
}

// callbackFaults is one server's armed callback faults and what they did.
type callbackFaults struct {
	mu      sync.Mutex
	rng     *rand.Rand
	armed   []*armedCallbackFault
	held    map[string]*heldCallbacks // account + " " + URL -> callbacks a reorder holds
	applied []AppliedCallbackFault
}

// maxAppliedLog bounds the record of applied faults.
const maxAppliedLog = 10_000

// validate fills defaults and checks the fault.
func (f *CallbackFault) validate() (time.Duration, error) {
	switch f.Kind {
	case CallbackDuplicate, CallbackDelay, CallbackReorder, CallbackDrop:
	default:
		return 0, fmt.Errorf("kind must be duplicate, delay, reorder or drop, not %q", f.Kind)
	}
	switch f.Callbacks {
	case "":
		f.Callbacks = CallbacksDelivery
	case CallbacksDelivery, CallbacksInbound, CallbacksSeen, CallbacksAny:
	default:
		return 0, fmt.Errorf("callbacks must be delivery, inbound, seen or any, not %q", f.Callbacks)
	}
	if f.Count == 0 {
		f.Count = 1
	}
	if f.Count < 0 || f.Count > 1000 {
		return 0, errors.New("count must be between 1 and 1000")
	}
	if f.Kind == CallbackReorder && f.Count < 2 {
		return 0, errors.New("a reorder fault needs a count of at least 2 (the callbacks it reverses)")
	}
	if f.Probability < 0 || f.Probability > 1 {
		return 0, errors.New("probability must be between 0 and 1")
	}
	if f.Probability == 0 {
		f.Probability = 1
	}
	d := time.Second
	if f.Delay != "" {
		var err error
		if d, err = time.ParseDuration(f.Delay); err != nil || d <= 0 || d > 48*time.Hour {
			return 0, fmt.Errorf("delay must be a positive Go duration up to 48h such as 30s, not %q", f.Delay)
		}
	} else if f.Kind == CallbackDelay {
		return 0, errors.New("a delay fault needs delay, a Go duration such as 30s")
	}
	return d, nil
}

// InjectCallbackFault arms a callback fault; its Account field scopes it
// (empty: every account).
func (s *Server) InjectCallbackFault(f CallbackFault) error {
	d, err := f.validate()
	if err != nil {
		return fmt.Errorf("simulator: %w", err)
	}
	s.cbFaults.mu.Lock()
	defer s.cbFaults.mu.Unlock()
	s.cbFaults.armed = append(s.cbFaults.armed, &armedCallbackFault{CallbackFault: f, delay: d})
	return nil
}

// CallbackFaults lists the callback faults still armed for an account (all
// when empty) and the callbacks they changed, oldest first.
func (s *Server) CallbackFaults(account string) (armed []CallbackFault, applied []AppliedCallbackFault) {
	s.cbFaults.mu.Lock()
	defer s.cbFaults.mu.Unlock()
	armed, applied = []CallbackFault{}, []AppliedCallbackFault{}
	for _, f := range s.cbFaults.armed {
		if account == "" || f.Account == account {
			armed = append(armed, f.CallbackFault)
		}
	}
	for _, a := range s.cbFaults.applied {
		if account == "" || a.Account == account {
			applied = append(applied, a)
		}
	}
	return armed, applied
}

// resetCallbackFaults disarms an account's callback faults (all when empty),
// forgets what they did, and drops the callbacks a reorder still holds, as
// Reset drops queued callbacks.
func (s *Server) resetCallbackFaults(account string) {
	c := &s.cbFaults
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := c.armed[:0]
	for _, f := range c.armed {
		if account != "" && f.Account != account {
			keep = append(keep, f)
		}
	}
	c.armed = keep
	kept := c.applied[:0]
	for _, a := range c.applied {
		if account != "" && a.Account != account {
			kept = append(kept, a)
		}
	}
	c.applied = kept
	for k, h := range c.held {
		if account == "" || strings.HasPrefix(k, account+" ") {
			h.timer.Stop()
			delete(c.held, k)
		}
	}
}

func callbackClass(kind string) string {
	switch {
	case strings.HasPrefix(kind, "delivery"):
		return CallbacksDelivery
	case strings.HasPrefix(kind, "inbound"):
		return CallbacksInbound
	case kind == "seen":
		return CallbacksSeen
	}
	return ""
}

// take finds the first armed fault that applies to it, spends one use of
// it, and records the effect. Callers hold c.mu.
func (c *callbackFaults) take(it webhook.Item, now time.Time) *armedCallbackFault {
	class := callbackClass(it.Kind)
	if class == "" {
		return nil
	}
	for i, f := range c.armed {
		if f.Account != "" && f.Account != it.Account {
			continue
		}
		if f.Callbacks != CallbacksAny && f.Callbacks != class {
			continue
		}
		if f.URL != "" && f.URL != it.URL {
			continue
		}
		if f.Probability < 1 {
			if c.rng.Float64() >= f.Probability {
				continue
			}
		}
		if f.Count--; f.Count == 0 {
			c.armed = append(c.armed[:i], c.armed[i+1:]...)
		}
		if len(c.applied) >= maxAppliedLog {
			c.applied = c.applied[1:]
		}
		c.applied = append(c.applied, AppliedCallbackFault{Account: it.Account, Kind: f.Kind, URL: it.URL, Callback: it.Kind, MessageID: it.MessageID, At: now})
		return f
	}
	return nil
}

// handOff is where the server gives a report or an inbound message to the
// dispatcher: armed callback faults act here, before the queue, so the
// dispatcher's own ordering and retry rules stay as they are.
func (s *Server) handOff(it webhook.Item) error {
	c := &s.cbFaults
	c.mu.Lock()
	f := c.take(it, s.clock.Now())
	if f == nil {
		c.mu.Unlock()
		return s.dispatcher.Enqueue(it)
	}
	switch f.Kind {
	case CallbackDuplicate:
		c.mu.Unlock()
		s.clock.AfterFunc(f.delay, func() { s.enqueueLate(it) })
		return s.dispatcher.Enqueue(it)
	case CallbackDelay:
		c.mu.Unlock()
		s.clock.AfterFunc(f.delay, func() { s.enqueueLate(it) })
		return nil
	case CallbackDrop:
		c.mu.Unlock()
		s.delivered([]webhook.Item{it})
		return nil
	}
	// Reorder: hold until the fault's count of callbacks for this URL is in.
	key := it.Account + " " + it.URL
	if c.held == nil {
		c.held = map[string]*heldCallbacks{}
	}
	h := c.held[key]
	if h == nil || h.fault != f {
		h = &heldCallbacks{fault: f}
		h.timer = s.clock.AfterFunc(reorderWait, func() { s.releaseHeld(key, h) })
		c.held[key] = h
	}
	h.items = append(h.items, it)
	full := f.Count == 0 // spent: this was the last callback it holds
	c.mu.Unlock()
	if full {
		s.releaseHeld(key, h)
	}
	return nil
}

// releaseHeld queues a reorder's callbacks newest first, one instant apart,
// so each travels in its own POST.
func (s *Server) releaseHeld(key string, h *heldCallbacks) {
	c := &s.cbFaults
	c.mu.Lock()
	if c.held[key] != h {
		c.mu.Unlock()
		return // already released, or dropped by Reset
	}
	delete(c.held, key)
	h.timer.Stop()
	items := h.items
	c.mu.Unlock()
	for i := range items {
		it := items[len(items)-1-i]
		if i == 0 {
			s.enqueueLate(it)
			continue
		}
		s.clock.AfterFunc(time.Duration(i)*h.fault.delay, func() { s.enqueueLate(it) })
	}
}

func (s *Server) enqueueLate(it webhook.Item) {
	if err := s.dispatcher.Enqueue(it); err != nil {
		s.log.Warn("callback not queued: server closing", "messageId", it.MessageID)
	}
}

func (s *Server) callbackFaultRoutes(add func(method, path string, h controlHandler)) {
	list := func(account string) map[string]any {
		armed, applied := s.CallbackFaults(account)
		return map[string]any{"faults": armed, "applied": applied}
	}
	add(http.MethodGet, "/callbacks/faults", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		return http.StatusOK, list(account)
	})
	add(http.MethodPut, "/callbacks/faults", func(_ http.ResponseWriter, r *http.Request, account string) (int, any) {
		var f CallbackFault
		if err := readJSON(r, &f); err != nil {
			return http.StatusBadRequest, controlError{Error: "body must be {\"kind\",\"count\",\"delay\",\"url\",\"callbacks\",\"probability\"}: " + err.Error()}
		}
		if account != "" {
			f.Account = account
		}
		if err := s.InjectCallbackFault(f); err != nil {
			return http.StatusBadRequest, controlError{Error: strings.TrimPrefix(err.Error(), "simulator: ")}
		}
		return http.StatusOK, list(account)
	})
	add(http.MethodDelete, "/callbacks/faults", func(_ http.ResponseWriter, _ *http.Request, account string) (int, any) {
		s.resetCallbackFaults(account)
		return http.StatusOK, list(account)
	})
}
