// Package bus carries what happens in a simulator to live subscribers (the
// event stream). Publishing never blocks: each subscriber has a bounded
// buffer, and an event that finds it full is dropped for that subscriber and
// counted. A bounded ring of recent events lets a subscriber that reconnects
// (Last-Event-ID) catch up on what it missed.
package bus

import (
	"sync"

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
	ring    []wire.StreamEvent // circular once full
	head    int
	subs    map[*Sub]struct{}
	buffer  int
	dropped uint64
	closed  bool
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
	return &Bus{ring: make([]wire.StreamEvent, 0, ring), subs: map[*Sub]struct{}{}, buffer: buffer}
}

// Publish assigns e its Seq and hands it to every subscriber of its account.
func (b *Bus) Publish(e wire.StreamEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.seq++
	e.Seq = b.seq
	if len(b.ring) < cap(b.ring) {
		b.ring = append(b.ring, e)
	} else {
		b.ring[b.head] = e
		b.head = (b.head + 1) % len(b.ring)
	}
	for s := range b.subs {
		if s.account != "" && s.account != e.Account {
			continue
		}
		select {
		case s.c <- e:
		default:
			s.dropped++
			b.dropped++
		}
	}
}

// Subscribe starts a subscription to one account's events (every account's
// when empty). It returns the kept events after seq after (none when after
// is 0) so that the caller sends them before reading C; events are never
// both replayed and delivered on C.
func (b *Bus) Subscribe(account string, after uint64) (*Sub, []wire.StreamEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := make(chan wire.StreamEvent, b.buffer)
	s := &Sub{C: c, c: c, account: account}
	var replay []wire.StreamEvent
	if after > 0 {
		n := len(b.ring)
		for i := 0; i < n; i++ {
			e := b.ring[(b.head+i)%n]
			if e.Seq > after && (account == "" || e.Account == account) {
				replay = append(replay, e)
			}
		}
	}
	if b.closed {
		close(c)
		return s, replay
	}
	b.subs[s] = struct{}{}
	return s, replay
}

// Cancel ends a subscription and closes its channel.
func (b *Bus) Cancel(s *Sub) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
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
}
