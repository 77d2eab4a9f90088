package simulator

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Condition is what WaitFor waits for. All set fields must hold.
type Condition struct {
	// Status is a status name (DELIVERED_TO_HANDSET) or group name (DELIVERED).
	Status string `json:"status,omitempty"`
	// Final asks for a final status (anything but PENDING and DELIVERED_TO_OPERATOR).
	Final bool `json:"final,omitempty"`
	// ReportDelivered asks that a report matching Status/Final (any report when
	// both are unset) was accepted by its URL.
	ReportDelivered bool `json:"reportDelivered,omitempty"`
}

func statusMatches(want, name, group string) bool {
	return want == "" || strings.EqualFold(want, name) || strings.EqualFold(want, group)
}

func (c Condition) holds(m *store.Message) bool {
	if !c.ReportDelivered {
		return statusMatches(c.Status, m.Status.Name, m.Status.GroupName) && (!c.Final || m.Status.Final())
	}
	for _, r := range m.Reports {
		if r.Delivered && statusMatches(c.Status, r.Status.Name, r.Status.GroupName) && (!c.Final || r.Status.Final()) {
			return true
		}
	}
	return false
}

type waiter struct {
	account, messageID string
	cond               Condition
	ch                 chan *store.Message
}

type waiters struct {
	mu   sync.Mutex
	list []*waiter
}

func (w *waiters) add(x *waiter) {
	w.mu.Lock()
	w.list = append(w.list, x)
	w.mu.Unlock()
}

func (w *waiters) remove(x *waiter) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, y := range w.list {
		if y == x {
			w.list = append(w.list[:i], w.list[i+1:]...)
			return
		}
	}
}

// notify wakes the waiters a changed message satisfies.
func (w *waiters) notify(m *store.Message) {
	w.mu.Lock()
	defer w.mu.Unlock()
	kept := w.list[:0]
	for _, x := range w.list {
		if x.messageID == m.MessageID && (x.account == "" || x.account == m.Account) && x.cond.holds(m) {
			x.ch <- m // buffered 1, each waiter is woken once
			continue
		}
		kept = append(kept, x)
	}
	w.list = kept
}

// ErrNoMessage is returned by WaitFor for an unknown message id.
var ErrNoMessage = errors.New("simulator: no such message")

// WaitFor blocks until the message (the latest with that id in the account,
// or in any account when account is empty) satisfies cond, or ctx ends. It
// never sleeps: it is woken by the change itself.
func (s *Server) WaitFor(ctx context.Context, account, messageID string, cond Condition) (*Message, error) {
	account = s.acct(account)
	w := &waiter{account: account, messageID: messageID, cond: cond, ch: make(chan *store.Message, 1)}
	s.waiters.add(w)
	defer s.waiters.remove(w)
	m, ok := s.store.Get(account, messageID)
	if !ok {
		return nil, ErrNoMessage
	}
	if cond.holds(m) {
		return m, nil
	}
	select {
	case m := <-w.ch:
		return m, nil
	case <-ctx.Done():
		latest, _ := s.store.Get(account, messageID)
		return latest, ctx.Err()
	}
}

// knownStatus reports whether s names a status or a status group.
func knownStatus(s string) bool {
	switch strings.ToUpper(s) {
	case "ACCEPTED", "PENDING", "UNDELIVERABLE", "DELIVERED", "EXPIRED", "REJECTED":
		return true
	}
	_, ok := wire.LookupStatus(0, strings.ToUpper(s))
	return ok
}
