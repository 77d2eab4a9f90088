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

// DefaultBodyBytes is how much of each request and answer body an entry
// keeps.
const DefaultBodyBytes = 4 << 10

// Journal is safe for concurrent use.
type Journal struct {
	mu      sync.Mutex
	ring    []slot // circular once full
	max     int    // the capacity: ring grows up to it
	body    int    // answer bytes kept per entry
	head    int    // index of the oldest entry when full
	full    bool
	next    uint64
	dropped map[string]uint64 // per account
	total   uint64            // every drop, for metrics
}

// slot is one kept entry. An answer that fits in the body limit is kept
// whole and read for its violations or message ids only when the entry is
// listed (unparsed): most entries are never read, and decoding every error
// answer on the request path cost more than keeping it.
type slot struct {
	e        wire.RequestEntry
	unparsed bool
}

// New returns a journal keeping up to capacity requests (DefaultCapacity when
// capacity <= 0) and bodyBytes of each answer (DefaultBodyBytes when < 0).
func New(capacity, bodyBytes int) *Journal {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	if bodyBytes < 0 {
		bodyBytes = DefaultBodyBytes
	}
	// The ring grows as requests come instead of being allocated whole: a
	// full default ring is a few megabytes that a server starting up (or a
	// test's) would otherwise zero before its first request.
	return &Journal{max: capacity, body: bodyBytes, dropped: map[string]uint64{}}
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

// Add records e with its answer, assigning its ID, and returns that ID.
// e.ResponseBody, e.Violations and e.MessageIDs are ignored: the journal
// keeps answer cut to its body limit as the ResponseBody (setting Truncated
// when it cuts), and reads the violations of an error status or the message
// ids of any other from the whole answer. The journal keeps answer itself
// when it fits, so the caller must not change its bytes.
func (j *Journal) Add(e wire.RequestEntry, answer string) uint64 {
	sl := slot{e: e}
	if len(answer) <= j.body {
		sl.e.ResponseBody, sl.e.Violations, sl.e.MessageIDs, sl.unparsed = answer, nil, nil, true
	} else {
		// A long answer (a bulk's) is read now, and only its start is kept,
		// copied so that the whole answer is not held through it.
		sl.e.ResponseBody, sl.e.Truncated = strings.Clone(answer[:j.body]), true
		sl.e.Violations, sl.e.MessageIDs = parseAnswer(e.Status, answer)
		for i, id := range sl.e.MessageIDs {
			sl.e.MessageIDs[i] = strings.Clone(id)
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next++
	sl.e.ID = j.next
	if !j.full {
		j.ring = append(grow(j.ring, j.max), sl)
		j.full = len(j.ring) == j.max
		return sl.e.ID
	}
	old := j.ring[j.head]
	j.dropped[old.e.Account]++
	j.total++
	j.ring[j.head] = sl
	j.head = (j.head + 1) % len(j.ring)
	return sl.e.ID
}

// parseAnswer reads the violations of an error answer, or the message ids
// of any other; the other list is empty.
func parseAnswer(status int, answer string) ([]wire.Violation, []string) {
	if status >= 400 {
		return violationsOf(answer), []string{}
	}
	return []wire.Violation{}, messageIDsOf(answer)
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
	out := wire.RequestJournal{Requests: []wire.RequestEntry{}}
	var unparsed []int // indexes in out.Requests
	n := len(j.ring)
	for i := n - 1; i >= 0; i-- {
		sl := &j.ring[(j.head+i)%n]
		if !f.match(&sl.e) {
			continue
		}
		if sl.unparsed {
			unparsed = append(unparsed, len(out.Requests))
		}
		out.Requests = append(out.Requests, sl.e)
		if f.Limit > 0 && len(out.Requests) == f.Limit {
			break
		}
	}
	if f.Account == "" {
		out.Dropped = j.total
	} else {
		out.Dropped = j.dropped[f.Account]
	}
	j.mu.Unlock()
	// Kept answers are strings nobody changes: they are read outside the
	// lock, so a long listing does not hold up the requests being recorded.
	for _, i := range unparsed {
		e := &out.Requests[i]
		e.Violations, e.MessageIDs = parseAnswer(e.Status, e.ResponseBody)
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
	var kept []slot
	if account != "" {
		for i := 0; i < n; i++ {
			if sl := j.ring[(j.head+i)%n]; sl.e.Account != account {
				kept = append(kept, sl)
			}
		}
		delete(j.dropped, account)
	} else {
		j.dropped = map[string]uint64{}
	}
	j.ring, j.head, j.full = kept, 0, len(kept) == j.max
}
