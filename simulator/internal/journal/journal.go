// Package journal keeps the most recent API requests of every account, so
// an integration's author can see what their code sent, refused requests
// included. It is a ring: past its capacity the oldest entry goes and the
// drop is counted against that entry's account.
package journal

import (
	"strconv"
	"strings"
	"sync"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// DefaultCapacity is how many requests a journal keeps across accounts.
const DefaultCapacity = 10_000

// Journal is safe for concurrent use.
type Journal struct {
	mu      sync.Mutex
	ring    []wire.RequestEntry // circular once full
	max     int                 // the capacity: ring grows up to it
	head    int                 // index of the oldest entry when full
	full    bool
	next    uint64
	dropped map[string]uint64 // per account
	total   uint64            // every drop, for metrics
}

// New returns a journal keeping up to capacity requests (DefaultCapacity when
// capacity <= 0).
func New(capacity int) *Journal {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	// The ring grows as requests come instead of being allocated whole: a
	// full default ring is a few megabytes that a server starting up (or a
	// test's) would otherwise zero before its first request.
	return &Journal{max: capacity, dropped: map[string]uint64{}}
}

// grow makes room for one more entry in a ring that is not full, doubling
// up to the capacity so that appends stay amortised.
func grow[T any](ring []T, limit int) []T {
	if len(ring) < cap(ring) {
		return ring
	}
	bigger := make([]T, len(ring), min(limit, max(16, 2*len(ring))))
	copy(bigger, ring)
	return bigger
}

// Add records e, assigning its ID, and returns that ID.
func (j *Journal) Add(e wire.RequestEntry) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next++
	e.ID = j.next
	if !j.full {
		j.ring = append(grow(j.ring, j.max), e)
		j.full = len(j.ring) == j.max
		return e.ID
	}
	old := j.ring[j.head]
	j.dropped[old.Account]++
	j.total++
	j.ring[j.head] = e
	j.head = (j.head + 1) % len(j.ring)
	return e.ID
}

// Filter selects entries; empty fields match everything.
type Filter struct {
	// Account, when set, limits the answer (and the dropped count) to one account.
	Account string
	// Status is an exact status ("400") or a class ("4xx").
	Status string
	// Path matches entries whose path starts with it.
	Path   string
	Method string
	// Limit caps the number of entries returned (newest first); 0: no cap.
	Limit int
}

// ValidStatus says whether a Status filter is usable.
func ValidStatus(s string) bool {
	if s == "" {
		return true
	}
	if len(s) == 3 && strings.HasSuffix(strings.ToLower(s), "xx") && s[0] >= '1' && s[0] <= '5' {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 100 && n <= 599
}

func (f Filter) match(e *wire.RequestEntry) bool {
	if f.Account != "" && e.Account != f.Account {
		return false
	}
	if f.Method != "" && !strings.EqualFold(f.Method, e.Method) {
		return false
	}
	if f.Path != "" && !strings.HasPrefix(e.Path, f.Path) {
		return false
	}
	if f.Status != "" {
		st := strconv.Itoa(e.Status)
		if strings.HasSuffix(strings.ToLower(f.Status), "xx") {
			return st[0] == f.Status[0]
		}
		return st == f.Status
	}
	return true
}

// List returns the matching entries, newest first, with the drop count of
// the filter's account (of every account when it names none).
func (j *Journal) List(f Filter) wire.RequestJournal {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := wire.RequestJournal{Requests: []wire.RequestEntry{}}
	n := len(j.ring)
	for i := n - 1; i >= 0; i-- {
		e := &j.ring[(j.head+i)%n]
		if !f.match(e) {
			continue
		}
		out.Requests = append(out.Requests, *e)
		if f.Limit > 0 && len(out.Requests) == f.Limit {
			break
		}
	}
	if f.Account == "" {
		out.Dropped = j.total
	} else {
		out.Dropped = j.dropped[f.Account]
	}
	return out
}

// Dropped returns how many entries the cap has dropped since the start.
func (j *Journal) Dropped() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.total
}

// Len returns how many entries are kept.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.ring)
}

// Reset forgets one account's entries (every entry when account is empty).
func (j *Journal) Reset(account string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := len(j.ring)
	var kept []wire.RequestEntry
	if account != "" {
		for i := 0; i < n; i++ {
			if e := j.ring[(j.head+i)%n]; e.Account != account {
				kept = append(kept, e)
			}
		}
		delete(j.dropped, account)
	} else {
		j.dropped = map[string]uint64{}
	}
	j.ring, j.head, j.full = kept, 0, len(kept) == j.max
}
