package webhook

// The dispatcher's queue as records, so that a durable simulator keeps its
// callbacks across a restart (SIGKILL included).
//
// Record layout (store.QueuedCallback, keyed by ID):
//
//   - item record, ID = the item's Seq: one callback, written once by
//     Enqueue (Items holds its storedItem alone) and forgotten when its
//     batch is delivered, dropped or moved to the failed list. Writing
//     callbacks one by one keeps the durable write per callback one small
//     row, whatever the batch it later travels in.
//   - head record, ID = headRecord | the Seq of the batch's first item: the
//     batch at the front of a queue. Batch lists its items' Seqs; it is
//     written when a POST starts (InFlight) and when the batch is
//     rescheduled (Attempts, NextAttemptAt), and forgotten after its items.
//     It carries no callback body, so a retry rewrites a few numbers, not
//     the batch.
//   - failed record, ID = failedRecord | N for failed batch fb-N: the whole
//     batch (its items in Items), with its attempts, reason and last try,
//     so the failed list and Redeliver survive a restart.
//
// Every change is made under d.mu in the order it happens, and a backend
// commits changes in that order in groups, so a crash leaves a prefix of
// them. The order is chosen so that any prefix loses nothing: an item's
// record exists before it can be posted; a failed batch is recorded before
// its queue records go (Restore keeps the failed copy of an item found
// twice); a delivered batch's items go before its head record (a head left
// over names only the items still recorded, which are re-sent and counted).

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
)

// ID spaces of the records, above any item Seq.
const (
	headRecord   uint64 = 1 << 62
	failedRecord uint64 = 1 << 61
	recordKinds         = headRecord | failedRecord
)

// ErrRestoreLate is returned by Restore once the dispatcher has queued or
// kept callbacks of its own: restored items must come first in every queue
// and keep their Seqs.
var ErrRestoreLate = errors.New("webhook: Restore after callbacks were queued")

// storedItem is an Item as its record keeps it: every field, those Item
// hides from its JSON (Shape, Ref, Tag drive rendering and the delivered
// hook) included.
type storedItem struct {
	// Seq is set inside failed records only: an item record's ID is its Seq.
	Seq       uint64          `json:"seq,omitempty"`
	Account   string          `json:"account"`
	URL       string          `json:"url,omitempty"`
	Kind      string          `json:"kind"`
	Shape     Shape           `json:"shape,omitempty"`
	MessageID string          `json:"messageId,omitempty"`
	Ref       uint64          `json:"ref,omitempty"`
	Tag       int             `json:"tag,omitempty"`
	LaneKey   string          `json:"laneKey,omitempty"`
	XMLRoot   string          `json:"xmlRoot,omitempty"`
	Enqueued  int64           `json:"enqueuedNs,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
}

func toStored(it Item) storedItem {
	return storedItem{Seq: it.Seq, Account: it.Account, URL: it.URL, Kind: it.Kind, Shape: it.Shape, MessageID: it.MessageID,
		Ref: it.Ref, Tag: it.Tag, LaneKey: it.LaneKey, XMLRoot: it.XMLRoot, Enqueued: it.EnqueuedNs, Result: it.Result}
}

func (s storedItem) item() Item {
	return Item{Seq: s.Seq, Account: s.Account, URL: s.URL, Kind: s.Kind, Shape: s.Shape, MessageID: s.MessageID,
		Ref: s.Ref, Tag: s.Tag, LaneKey: s.LaneKey, XMLRoot: s.XMLRoot, EnqueuedNs: s.Enqueued, Result: s.Result}
}

// encodeItems marshals the item records of items about to be queued, those
// without an EnqueuedNs at now (without their Seq, which the record's ID
// carries). An item that does not
// marshal (a Result that is not JSON) gets a nil body: it is delivered as
// usual but would not survive a restart, and the log says so.
func (d *Dispatcher) encodeItems(items []Item, now int64) [][]byte {
	out := make([][]byte, len(items))
	for i, it := range items {
		it.Seq = 0
		if it.EnqueuedNs == 0 {
			it.EnqueuedNs = now
		}
		b, err := json.Marshal(toStored(it))
		if err != nil {
			d.opt.Logger.Warn("callback not recorded: it will not survive a restart", "url", it.URL, "kind", it.Kind, "err", err)
			continue
		}
		out[i] = b
	}
	return out
}

// headRecord describes ep's head batch; called with d.mu held.
func (d *Dispatcher) headRecord(ep *endpoint, inFlight bool, next time.Time) store.QueuedCallback {
	seqs := make([]uint64, len(ep.head))
	for i, it := range ep.head {
		seqs[i] = it.Seq
	}
	return store.QueuedCallback{ID: headRecord | ep.head[0].Seq, Account: ep.account, URL: ep.url, Kind: ep.head[0].Kind,
		Batch: seqs, Attempts: ep.attempt, NextAttemptAt: next, InFlight: inFlight}
}

// forgetBatch forgets the records of a batch leaving the queue: its items
// first, then its head record (see the order above). Called with d.mu held.
func (d *Dispatcher) forgetBatch(batch []Item) {
	if d.pending == nil || len(batch) == 0 {
		return
	}
	for _, it := range batch {
		d.pending.DoneCallback(it.Seq)
	}
	d.pending.DoneCallback(headRecord | batch[0].Seq)
}

// recordFailed writes the record of a failed batch; called with d.mu held.
func (d *Dispatcher) recordFailed(f Failed) {
	rec := store.QueuedCallback{ID: failedRecordID(f.ID), Account: f.Items[0].Account, URL: f.URL, Kind: f.Kind,
		Attempts: f.Attempts, FailedID: f.ID, Reason: f.Reason, LastAt: f.LastAt}
	for _, it := range f.Items {
		b, err := json.Marshal(toStored(it))
		if err != nil {
			d.opt.Logger.Warn("failed callback not recorded: it will not survive a restart", "id", f.ID, "err", err)
			return
		}
		rec.Items = append(rec.Items, b)
	}
	d.pending.PutCallback(rec)
}

// failedNumber returns N of a failed batch id "fb-N" (0 when it is not one).
func failedNumber(id string) uint64 {
	n, err := strconv.ParseUint(strings.TrimPrefix(id, "fb-"), 10, 61)
	if err != nil || !strings.HasPrefix(id, "fb-") {
		return 0
	}
	return n
}

// failedRecordID is the record ID of failed batch id.
func failedRecordID(id string) uint64 { return failedRecord | failedNumber(id) }

// ResentBatches counts the batches posted again after a restart because
// they were in flight (posted, no answer recorded) when the simulator
// stopped: delivery is at least once, and these are the possible
// duplicates a client may have received.
func (d *Dispatcher) ResentBatches() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.resent
}

// ResentCallbacks counts the callbacks the ResentBatches carried: the most
// reports a client can have received twice.
func (d *Dispatcher) ResentCallbacks() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.resentN
}

// OldestQueued returns when the oldest callback not yet delivered or
// exhausted was queued (zero when none is): how far behind the endpoints
// are. Each queue is in enqueue order, so only queue fronts are looked at.
func (d *Dispatcher) OldestQueued() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	var oldest int64
	found := false
	for _, ep := range d.endpoints {
		var at int64
		switch {
		case len(ep.head) > 0:
			at = ep.head[0].EnqueuedNs
		case len(ep.items) > 0:
			at = ep.items[0].EnqueuedNs
		default:
			continue
		}
		if !found || at < oldest {
			oldest, found = at, true
		}
	}
	if !found {
		return time.Time{}
	}
	return time.Unix(0, oldest).UTC()
}

// Restore rebuilds the queue from the records a durable simulator kept
// (the callbacks of store.Pending.Restore). Call it once, after New and
// before any callback is queued or parked (ErrRestoreLate otherwise).
//
// Every queue gets back its items in their original order, its head batch
// with its attempt count. A head waiting for a retry is tried at its
// recorded time on the dispatcher's clock, at once when that time has
// passed; a head that was in flight when the simulator stopped is posted
// again at once and counted in ResentBatches; other queued callbacks are
// posted at once (they are late already). Failed batches go back to the
// failed list under their ids. New Seqs and failed-batch ids continue after
// the largest restored. Records that do not decode are left alone and
// reported in the error; the others are restored even so.
func (d *Dispatcher) Restore(recs []store.QueuedCallback) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return ErrClosed
	}
	if d.seq != 0 || len(d.endpoints) != 0 || len(d.failed) != 0 {
		return ErrRestoreLate
	}
	p := d.pending // records go on being tidied as they are restored
	if p == nil {
		p = store.NoPending{}
	}
	var errs []error
	items := map[uint64]Item{}
	var heads []store.QueuedCallback
	var failed []Failed
	var maxSeq, maxFailed uint64
	for _, r := range recs {
		switch r.ID & recordKinds {
		case 0:
			maxSeq = max(maxSeq, r.ID) // even undecodable: its ID stays taken
			it, err := decodeItem(r)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			it.Seq = r.ID
			items[r.ID] = it
		case headRecord:
			if len(r.Batch) == 0 {
				p.DoneCallback(r.ID) // names nothing
				continue
			}
			heads = append(heads, r)
		case failedRecord:
			maxFailed = max(maxFailed, r.ID&^recordKinds)
			f, err := decodeFailed(r)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			for _, it := range f.Items {
				maxSeq = max(maxSeq, it.Seq)
			}
			failed = append(failed, f)
		default:
			errs = append(errs, fmt.Errorf("queued callback %#x: unknown record kind", r.ID))
		}
	}

	// The failed list, oldest first. An item also found in the queue was
	// caught between its batch's failure and the forgetting of its queue
	// records: the failed copy is the one that counts.
	slices.SortFunc(failed, func(a, b Failed) int { return cmp.Compare(failedNumber(a.ID), failedNumber(b.ID)) })
	for _, f := range failed {
		for _, it := range f.Items {
			if _, dup := items[it.Seq]; dup && it.Seq != 0 {
				delete(items, it.Seq)
				p.DoneCallback(it.Seq)
			}
		}
		d.failed = append(d.failed, f)
	}
	if over := len(d.failed) - d.maxFailed; over > 0 { // the cap went down
		for _, g := range d.failed[:over] {
			d.droppedFailed += len(g.Items)
			p.DoneCallback(failedRecordID(g.ID))
		}
		d.failed = append(d.failed[:0:0], d.failed[over:]...)
	}
	d.failedSeq = int(maxFailed)

	// The queues, each in Seq (enqueue) order; order keeps them in the order
	// their first item came, so the restored posts go out oldest first.
	seqs := make([]uint64, 0, len(items))
	for s := range items {
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	var order []*endpoint
	epOf := make(map[uint64]*endpoint, len(seqs))
	for _, s := range seqs {
		it := items[s]
		key := queueKey{it.Account, it.URL, d.lane(it)}
		ep := d.endpoints[key]
		if ep == nil {
			ep = &endpoint{account: it.Account, url: it.URL, key: key}
			d.endpoints[key] = ep
			order = append(order, ep)
		}
		ep.items = append(ep.items, it)
		epOf[s] = ep
		d.queued++
	}

	// Head batches, with their attempts and schedules.
	next := map[*endpoint]time.Time{}
	slices.SortFunc(heads, func(a, b store.QueuedCallback) int { return cmp.Compare(a.Batch[0], b.Batch[0]) })
	for _, h := range heads {
		var present []uint64 // a delivered batch's items may be gone already
		for _, s := range h.Batch {
			if _, ok := items[s]; ok {
				present = append(present, s)
			}
		}
		if len(present) == 0 {
			p.DoneCallback(h.ID)
			continue
		}
		ep := epOf[present[0]]
		if ep.head != nil || !isPrefix(ep.items, present) {
			// Not the front of its queue (Options.Lanes changed since): its
			// items are posted afresh, in order, as ordinary callbacks.
			p.DoneCallback(h.ID)
			continue
		}
		n := len(present)
		ep.head = append([]Item(nil), ep.items[:n]...)
		ep.items = ep.items[n:]
		ep.attempt = h.Attempts
		ep.resend = h.InFlight
		if !h.InFlight {
			next[ep] = h.NextAttemptAt
		}
		if len(present) != len(h.Batch) {
			// Renamed after its first present item: rewrite it before the
			// old one goes, so a crash now still finds the head.
			p.PutCallback(d.headRecord(ep, h.InFlight, h.NextAttemptAt))
			if nid := headRecord | present[0]; nid != h.ID {
				p.DoneCallback(h.ID)
			}
		}
	}

	now := d.opt.Clock.Now()
	for _, ep := range order {
		ep.busy = true
		if at, ok := next[ep]; ok && at.After(now) {
			ep.timer = d.opt.Clock.AfterFunc(at.Sub(now), func() { d.schedule(ep) })
			continue
		}
		// Due: straight to the workers, on a fake clock too (no timer to
		// wait for an Advance).
		d.ready = append(d.ready, ep)
		d.active++
	}
	d.work.Broadcast()
	d.seq = maxSeq
	if d.queued > d.opt.QueueLimit {
		d.overLimit = true
		d.opt.Logger.Warn("callback queue is long after a restart", "queued", d.queued, "mark", d.opt.QueueLimit)
	}
	return errors.Join(errs...)
}

// isPrefix says whether the Seqs of the first items are seqs.
func isPrefix(items []Item, seqs []uint64) bool {
	if len(items) < len(seqs) {
		return false
	}
	for i, s := range seqs {
		if items[i].Seq != s {
			return false
		}
	}
	return true
}

func decodeItem(r store.QueuedCallback) (Item, error) {
	if len(r.Items) != 1 {
		return Item{}, fmt.Errorf("queued callback %d: %d items, want 1", r.ID, len(r.Items))
	}
	var s storedItem
	if err := json.Unmarshal(r.Items[0], &s); err != nil {
		return Item{}, fmt.Errorf("queued callback %d: %w", r.ID, err)
	}
	return s.item(), nil
}

func decodeFailed(r store.QueuedCallback) (Failed, error) {
	if failedNumber(r.FailedID) == 0 || len(r.Items) == 0 {
		return Failed{}, fmt.Errorf("failed callback batch %#x: no id or no items", r.ID)
	}
	f := Failed{ID: r.FailedID, URL: r.URL, Kind: r.Kind, Attempts: r.Attempts, LastAt: r.LastAt, Reason: r.Reason}
	for _, b := range r.Items {
		var s storedItem
		if err := json.Unmarshal(b, &s); err != nil {
			return Failed{}, fmt.Errorf("failed callback batch %s: %w", r.FailedID, err)
		}
		f.Items = append(f.Items, s.item())
	}
	return f, nil
}
