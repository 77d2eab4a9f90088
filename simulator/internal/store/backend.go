package store

import (
	"encoding/json"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Backend keeps the store's messages beyond the process: the database of a
// durable simulator. The store stays the one API its users see, and the
// in-memory index stays the read path, so the lifecycle engine and the
// dispatcher never know whether a backend is set. Calls arrive outside the
// store's lock, in the order the changes happened, with copies the backend
// may keep.
type Backend interface {
	// Save records the latest version of messages (added or updated).
	Save(msgs ...*Message)
	// Forget removes messages (evicted by the caps).
	Forget(seqs []uint64)
	// Reset removes one account's messages (every account's when empty).
	Reset(account string)
}

// SetBackend makes the store write through b.
func (s *Store) SetBackend(b Backend) {
	s.mu.Lock()
	s.backend = b
	s.mu.Unlock()
}

// Load primes an empty store with messages read back from a backend, in
// acceptance order; later Adds continue after the largest Seq.
func (s *Store) Load(msgs []*Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range msgs {
		// Read back, each message and event has its own copies: share them again.
		m.Status, m.Error = s.internedStatus(m.Status), s.internedError(m.Error)
		s.fillStatus(m)
		for i := range m.History {
			m.History[i].Status, m.History[i].Error = s.internedStatus(m.History[i].Status), s.internedError(m.History[i].Error)
		}
		for i := range m.Reports {
			m.Reports[i].Status, m.Reports[i].Error = s.internedStatus(m.Reports[i].Status), s.internedError(m.Reports[i].Error)
		}
		s.all = append(s.all, m)
		s.byID.add(m)
		if m.Seq > s.seq {
			s.seq = m.Seq
		}
	}
}

// SetMaxAge makes the store forget messages accepted longer than d before
// now() (0: no age limit). The check runs as messages are added.
func (s *Store) SetMaxAge(d time.Duration, now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxAge, s.now = d, now
}

// UnmarshalJSON reads what MarshalJSON writes, so a message read back from a
// backend keeps its validity.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

func (s *Store) internedStatus(p *wire.Status) *wire.Status {
	if p == nil {
		return nil
	}
	return s.Status(*p)
}

func (s *Store) internedError(p *wire.Error) *wire.Error {
	if p == nil {
		return nil
	}
	return s.Error(*p)
}
