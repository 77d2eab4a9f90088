// Package senders keeps each RCS sender's (agent's) go-live phase: launched
// (the default: any sender the account has not put in testing) or in testing,
// when only its approved test numbers receive its messages.
package senders

import (
	"sort"
	"sync"
	"time"
)

// Sender states (RcsSenderStatus) the simulator uses.
const (
	Launched = "LAUNCHED"
	Testing  = "READY_FOR_TESTING"
)

// Test number states (RcsTestDeviceStatus) the simulator uses. Every number
// added is APPROVED at once: the simulated tester accepts immediately.
const (
	TestApproved = "APPROVED"
)

// Any is the account of a seeded sender every account sees.
const Any = "*"

// TestNumber is one number allowed to receive while the sender tests.
type TestNumber struct {
	Number    string    `json:"testNumber"`
	Status    string    `json:"status"`
	Primary   bool      `json:"primary"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Sender is one sender's go-live state.
type Sender struct {
	Account     string       `json:"account"`
	Name        string       `json:"senderName"`
	Status      string       `json:"senderStatus"`
	TestNumbers []TestNumber `json:"testNumbers"`
	UpdatedAt   time.Time    `json:"updatedAt"`
}

// Registry holds senders. It is safe for concurrent use.
type Registry struct {
	mu sync.RWMutex
	m  map[[2]string]Sender
	// OnChange, when set, is called (outside the lock) with the account
	// whose own sender state changed: a durable simulator keeps it.
	OnChange func(account string)
}

// Owned returns the senders the account has its own state for, by name
// (not the seeded ones it only sees).
func (r *Registry) Owned(account string) []Sender {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := []Sender{}
	for k, s := range r.m {
		if k[0] == account {
			s.TestNumbers = append([]TestNumber(nil), s.TestNumbers...)
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the sender's state: the account's own, else a seeded one,
// else a launched sender (known reports which).
func (r *Registry) Get(account, name string) (s Sender, known bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, k := range [][2]string{{account, name}, {Any, name}} {
		if s, ok := r.m[k]; ok {
			s.Account = account
			s.TestNumbers = append([]TestNumber(nil), s.TestNumbers...)
			return s, true
		}
	}
	return Sender{Account: account, Name: name, Status: Launched, TestNumbers: []TestNumber{}}, false
}

// Put stores s as the account's own state of that sender.
func (r *Registry) Put(s Sender) {
	r.mu.Lock()
	if r.m == nil {
		r.m = map[[2]string]Sender{}
	}
	if s.TestNumbers == nil {
		s.TestNumbers = []TestNumber{}
	}
	sort.Slice(s.TestNumbers, func(i, j int) bool { return s.TestNumbers[i].Number < s.TestNumbers[j].Number })
	r.m[[2]string{s.Account, s.Name}] = s
	f := r.OnChange
	r.mu.Unlock()
	if f != nil && s.Account != Any {
		f(s.Account)
	}
}

// Update applies f to the account's copy of the sender and stores it.
func (r *Registry) Update(account, name string, f func(*Sender)) Sender {
	s, _ := r.Get(account, name)
	f(&s)
	r.Put(s)
	return s
}

// Allowed reports whether the sender may deliver to the number: launched,
// or in testing with the number an approved test number.
func (r *Registry) Allowed(account, name, number string) bool {
	s, _ := r.Get(account, name)
	if s.Status == Launched {
		return true
	}
	for _, t := range s.TestNumbers {
		if t.Number == number && t.Status == TestApproved {
			return true
		}
	}
	return false
}

// List returns the senders an account has state for (its own and seeded),
// by name.
func (r *Registry) List(account string) []Sender {
	r.mu.RLock()
	names := map[string]bool{}
	for k := range r.m {
		if k[0] == account || k[0] == Any {
			names[k[1]] = true
		}
	}
	r.mu.RUnlock()
	out := []Sender{}
	for n := range names {
		s, _ := r.Get(account, n)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Reset forgets an account's senders (every non-seeded one when empty).
func (r *Registry) Reset(account string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.m {
		if k[0] != Any && (account == "" || k[0] == account) {
			delete(r.m, k)
		}
	}
}
