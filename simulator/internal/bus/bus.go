// Package bus carries what happens in a simulator to live subscribers (the
// event stream). Publishing never blocks: each subscriber has a bounded
// buffer, and an event that finds it full is dropped for that subscriber and
// counted. A bounded ring of recent events lets a subscriber that reconnects
// (Last-Event-ID) catch up on what it missed.
//
// An event's payload is encoded to JSON only when someone reads it: while
// nobody subscribes, the ring keeps the value the publisher handed over and
// a later replay encodes it then. Most servers run under load with nobody
// watching the stream, and encoding every event for a reader that never
// comes was a tenth of the CPU of a send.
package bus

import (
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Defaults.
const (
	DefaultRing   = 10_000 // events kept for replay
	DefaultBuffer = 1024   // events buffered per subscriber
)

// Bus is safe for concurrent use.
type Bus struct {
	mu      sync.Mutex
	seq     uint64
	ring    []entry // circular once full
	max     int     // the ring's capacity: it grows up to it
	head    int
	subs    map[*Sub]struct{}
	buffer  int
	dropped uint64
	closed  bool
	// live mirrors len(subs) so that Publish can decide without the lock
	// whether to encode before taking it.
	live atomic.Int64
}

// entry is one kept event: e.Data is empty until the payload is encoded,
// and data is the payload until then.
type entry struct {
	e    wire.StreamEvent
	data any
}

// event returns the entry as subscribers see it, its payload encoded.
func (en entry) event() wire.StreamEvent {
	if en.data != nil {
		en.e.Data = encode(en.data)
	}
	return en.e
}

// encode renders a payload; a value that cannot be encoded becomes an empty
// object rather than a broken data line.
func encode(data any) json.RawMessage {
	raw, err := json.Marshal(data)
	if err != nil {
		return json.RawMessage("{}")
	}
	return raw
}

// Sub is one subscriber. C is closed when the bus closes or the subscriber
// is cancelled.
type Sub struct {
	C       <-chan wire.StreamEvent
	c       chan wire.StreamEvent
	account string
	dropped uint64 // guarded by the bus's mutex
}

// New returns a bus keeping ring events for replay and buffering buffer
// events per subscriber (defaults when <= 0).
func New(ring, buffer int) *Bus {
	if ring <= 0 {
		ring = DefaultRing
	}
	if buffer <= 0 {
		buffer = DefaultBuffer
	}
	// The ring grows as events come instead of being allocated whole: a
	// full default ring is over a megabyte that a server starting up (or a
	// test's) would otherwise zero before its first event.
	return &Bus{max: ring, subs: map[*Sub]struct{}{}, buffer: buffer}
}

// Publish assigns e its Seq and hands it to every subscriber of its account.
// When data is not nil it is e's payload, encoded with encoding/json when a
// subscriber first needs it (now, for a live one; at replay otherwise), and
// e.Data is ignored. The bus keeps data for a while and may encode it on
// another goroutine: the caller must hand over a value nobody changes
// afterwards (plain values, or slices and maps of its own).
func (b *Bus) Publish(e wire.StreamEvent, data any) {
	if data != nil && b.live.Load() > 0 {
		// Someone listens: encode before taking the lock, so that
		// concurrent publishers encode in parallel.
		e.Data, data = encode(data), nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.seq++
	e.Seq = b.seq
	for s := range b.subs {
		if s.account != "" && s.account != e.Account {
			continue
		}
		if data != nil {
			// A subscriber came between the check above and the lock.
			e.Data, data = encode(data), nil
		}
		select {
		case s.c <- e:
		default:
			s.dropped++
			b.dropped++
		}
	}
	en := entry{e: e, data: data}
	if len(b.ring) < b.max {
		if len(b.ring) == cap(b.ring) {
			// Double up to the capacity, so that appends stay amortised.
			bigger := make([]entry, len(b.ring), min(b.max, max(16, 2*len(b.ring))))
			copy(bigger, b.ring)
			b.ring = bigger
		}
		b.ring = append(b.ring, en)
	} else {
		b.ring[b.head] = en
		b.head = (b.head + 1) % len(b.ring)
	}
}

// Subscribe starts a subscription to one account's events (every account's
// when empty). It returns the kept events after seq after (none when after
// is 0) so that the caller sends them before reading C; events are never
// both replayed and delivered on C.
func (b *Bus) Subscribe(account string, after uint64) (*Sub, []wire.StreamEvent) {
	b.mu.Lock()
	c := make(chan wire.StreamEvent, b.buffer)
	s := &Sub{C: c, c: c, account: account}
	var kept []entry
	if after > 0 {
		n := len(b.ring)
		for i := 0; i < n; i++ {
			en := b.ring[(b.head+i)%n]
			if en.e.Seq > after && (account == "" || en.e.Account == account) {
				kept = append(kept, en)
			}
		}
	}
	if b.closed {
		close(c)
	} else {
		b.subs[s] = struct{}{}
		b.live.Add(1)
	}
	b.mu.Unlock()
	// Kept payloads are values nobody changes (see Publish), so they are
	// encoded outside the lock: a replay of the whole ring must not hold up
	// the publishers.
	if kept == nil {
		return s, nil
	}
	replay := make([]wire.StreamEvent, len(kept))
	for i, en := range kept {
		replay[i] = en.event()
	}
	return s, replay
}

// Cancel ends a subscription and closes its channel.
func (b *Bus) Cancel(s *Sub) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
		b.live.Add(-1)
		close(s.c)
	}
}

// Dropped returns how many events subscribers missed because their buffer
// was full, over all subscribers since the start.
func (b *Bus) Dropped() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.dropped
}

// SubDropped returns how many events one subscriber missed.
func (b *Bus) SubDropped(s *Sub) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return s.dropped
}

// Subscribers counts the live subscriptions.
func (b *Bus) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Close ends every subscription; later publishes are ignored.
func (b *Bus) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	for s := range b.subs {
		close(s.c)
	}
	b.subs = map[*Sub]struct{}{}
	b.live.Store(0)
}
