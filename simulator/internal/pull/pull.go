// Package pull keeps the reports that no URL was given for, until a client
// fetches them: each report is returned once, as Infobip's pull endpoints do.
package pull

import (
	"sync"
	"time"
)

// Entry is one waiting report (or inbound message). Its filter keys come
// from Keys rather than being copied into it: a held report tells them from
// the message it was made about, so the 200,000 entries of a full queue do
// not each keep a second copy of seven strings.
type Entry struct {
	Family string // which endpoint serves it: sms/1, sms/3, rcs/2, inbox
	At     time.Time
	Body   any
	Keys   Keyer
	// ID is assigned by Put, in Put order (Restore keeps the stored ones).
	ID uint64
}

// Keyer tells an entry's filter keys.
type Keyer interface {
	PullKeys() Keys
}

// Keys are what Take matches an entry on. *Keys is a Keyer, for bodies that
// cannot tell their own (an inbound SMS, an entry read back from a database).
type Keys struct {
	Account             string
	BulkID              string
	MessageID           string
	EntityID            string
	ApplicationID       string
	CampaignReferenceID string
	Channel             string // the reported leg's channel (RCS or SMS), for filters that ask
}

// PullKeys implements Keyer.
func (k *Keys) PullKeys() Keys { return *k }

// keys are e's keys; an entry without a Keyer has none (it matches only
// the empty account).
func (e *Entry) keys() Keys {
	if e.Keys == nil {
		return Keys{}
	}
	return e.Keys.PullKeys()
}

// Filter selects entries; empty fields match everything.
type Filter struct {
	BulkID              string
	MessageID           string
	EntityID            string
	ApplicationID       string
	CampaignReferenceID string
	Channel             string
}

func (f Filter) match(k *Keys) bool {
	return (f.BulkID == "" || f.BulkID == k.BulkID) &&
		(f.MessageID == "" || f.MessageID == k.MessageID) &&
		(f.EntityID == "" || f.EntityID == k.EntityID) &&
		(f.ApplicationID == "" || f.ApplicationID == k.ApplicationID) &&
		(f.CampaignReferenceID == "" || f.CampaignReferenceID == k.CampaignReferenceID) &&
		(f.Channel == "" || f.Channel == k.Channel)
}

// Queue is safe for concurrent use.
type Queue struct {
	// Max bounds the entries kept (0: DefaultMax); beyond it the oldest is
	// dropped and counted, as a report nobody pulls would expire anyway.
	Max int

	mu      sync.Mutex
	entries []Entry
	// ring is the array a full queue slides along (twice the cap long):
	// see Put.
	ring    []Entry
	dropped int
	seq     uint64
	keeper  Keeper
}

// Keeper keeps a queue's entries beyond the process (a durable simulator's
// database). It is called with the queue's lock held, in change order.
type Keeper interface {
	Kept(e Entry)      // an entry was put
	Gone(ids []uint64) // entries were taken, expired or reset
}

// Keep makes the queue report its changes to k.
func (q *Queue) Keep(k Keeper) {
	q.mu.Lock()
	q.keeper = k
	q.mu.Unlock()
}

// Restore puts entries read back from a keeper, oldest first, without
// reporting them again.
func (q *Queue) Restore(entries []Entry) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, e := range entries {
		q.entries = append(q.entries, e)
		q.seq = max(q.seq, e.ID)
	}
}

// DefaultMax is the default bound of a Queue.
const DefaultMax = 200_000

// Put appends an entry, dropping the oldest when the queue is full.
func (q *Queue) Put(e Entry) {
	q.mu.Lock()
	max := q.Max
	if max <= 0 {
		max = DefaultMax
	}
	if len(q.entries) >= max {
		n := len(q.entries) - max + 1
		q.dropped += n
		if q.keeper != nil {
			removed := make([]uint64, 0, n)
			for _, x := range q.entries[:n] {
				removed = append(removed, x.ID)
			}
			q.gone(removed)
		}
		// Drop from the front without copying the rest: at the cap every
		// Put drops one, and copying 200,000 entries each time made a long
		// campaign quadratic (the ring below bounds the array).
		clear(q.entries[:n])
		q.entries = q.entries[n:]
	}
	if len(q.entries) == cap(q.entries) && len(q.entries)+1 >= max {
		// A full queue is a window sliding along one array twice the cap
		// long: when the window reaches its end, the live entries move back
		// to the start. Left to append, the array was reallocated and
		// copied every few thousand Puts (866 bytes allocated per Put).
		if cap(q.ring) < 2*max {
			q.ring = make([]Entry, 2*max)
		}
		q.ring = q.ring[:cap(q.ring)]
		n := copy(q.ring, q.entries) // may overlap: copy moves
		clear(q.ring[n:])
		q.entries = q.ring[:n]
	}
	q.seq++
	e.ID = q.seq
	q.entries = append(q.entries, e)
	if q.keeper != nil {
		q.keeper.Kept(e)
	}
	q.mu.Unlock()
}

// Dropped counts entries dropped because the queue was full.
func (q *Queue) Dropped() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.dropped
}

// gone reports removed entries to the keeper; q.mu must be held.
func (q *Queue) gone(removed []uint64) {
	if q.keeper != nil && len(removed) > 0 {
		q.keeper.Gone(removed)
	}
}

// Take removes and returns up to limit matching entries of an account and
// family, oldest first, entries older than maxAge (measured from now) being
// dropped as Infobip keeps reports for 48 hours. It also returns how many
// matching entries remain.
func (q *Queue) Take(account, family string, f Filter, limit int, now time.Time, maxAge time.Duration) ([]Entry, int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []Entry
	var removed []uint64
	kept := q.entries[:0]
	remaining := 0
	for _, e := range q.entries {
		if maxAge > 0 && now.Sub(e.At) > maxAge {
			removed = append(removed, e.ID)
			continue
		}
		if e.Family != family {
			kept = append(kept, e)
			continue
		}
		if k := e.keys(); k.Account == account && f.match(&k) {
			if len(out) < limit {
				out = append(out, e)
				removed = append(removed, e.ID)
				continue
			}
			remaining++
		}
		kept = append(kept, e)
	}
	for i := len(kept); i < len(q.entries); i++ {
		q.entries[i] = Entry{}
	}
	q.entries = kept
	q.gone(removed)
	return out, remaining
}

// Len counts the entries of an account and family (all when both are empty).
func (q *Queue) Len(account, family string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, e := range q.entries {
		if (family == "" || e.Family == family) && (account == "" || e.keys().Account == account) {
			n++
		}
	}
	return n
}

// Reset drops the entries of one account, or all when account is empty.
func (q *Queue) Reset(account string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var removed []uint64
	kept := q.entries[:0]
	for _, e := range q.entries {
		if account != "" && e.keys().Account != account {
			kept = append(kept, e)
			continue
		}
		removed = append(removed, e.ID)
	}
	for i := len(kept); i < len(q.entries); i++ {
		q.entries[i] = Entry{}
	}
	q.entries = kept
	q.gone(removed)
}
