package webhook

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store/sqlite"
)

// recorder is a store.Pending that keeps the latest version of every
// callback record by ID, as a database would, each copied through JSON so
// that nothing the dispatcher holds is shared and only what marshals
// survives. snapshot is the database a crash would leave.
type recorder struct {
	mu   sync.Mutex
	recs map[uint64]store.QueuedCallback
	puts int
}

func newRecorder(seed []store.QueuedCallback) *recorder {
	r := &recorder{recs: map[uint64]store.QueuedCallback{}}
	for _, c := range seed {
		r.recs[c.ID] = c
	}
	return r
}

func (r *recorder) PutStep(store.PendingStep) {}
func (r *recorder) DoneStep(uint64)           {}
func (r *recorder) Restore() ([]store.PendingStep, []store.QueuedCallback, error) {
	return nil, r.snapshot(), nil
}

func (r *recorder) PutCallback(c store.QueuedCallback) {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	var cp store.QueuedCallback
	if err := json.Unmarshal(b, &cp); err != nil {
		panic(err)
	}
	r.mu.Lock()
	r.recs[c.ID] = cp
	r.puts++
	r.mu.Unlock()
}

func (r *recorder) DoneCallback(id uint64) {
	r.mu.Lock()
	delete(r.recs, id)
	r.mu.Unlock()
}

func (r *recorder) snapshot() []store.QueuedCallback {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]store.QueuedCallback, 0, len(r.recs))
	for _, c := range r.recs {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b store.QueuedCallback) int {
		if a.ID < b.ID {
			return -1
		}
		return 1 // IDs are unique
	})
	return out
}

// failedIDs lists the FailedID of every record a recorder holds, in record
// order; a record that is not a failed batch shows as "".
func (r *recorder) failedIDs() []string {
	var ids []string
	for _, c := range r.snapshot() {
		ids = append(ids, c.FailedID)
	}
	return ids
}

// kinds summarises a snapshot as item, head and failed record counts.
func kinds(recs []store.QueuedCallback) (items, heads, failed int) {
	for _, r := range recs {
		switch r.ID & recordKinds {
		case 0:
			items++
		case headRecord:
			heads++
		case failedRecord:
			failed++
		}
	}
	return
}

// restart is the simulator coming back after a crash: a new dispatcher on
// a clock at the time of the crash, restored from what the database held.
// Its attempt waiter and the hooks of setup are registered before Restore,
// which may post at once.
func restart(t *testing.T, snap []store.QueuedCallback, at time.Time, opt Options, setup ...func(*Dispatcher)) (*Dispatcher, *clock.Fake, *recorder, func(*testing.T, int) []Attempt) {
	t.Helper()
	fake := clock.NewFake(at)
	rec := newRecorder(snap)
	opt.Clock, opt.Pending = fake, rec
	d := New(opt)
	t.Cleanup(func() { d.Close(context.Background()) })
	wait := attemptWaiter(d)
	for _, f := range setup {
		f(d)
	}
	if err := d.Restore(snap); err != nil {
		t.Fatal(err)
	}
	return d, fake, rec, wait
}

func TestRestoredRetryKeepsItsAttemptCountAndSchedule(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500, 500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(1_000_000, 0).UTC()
	fake := clock.NewFake(start)
	rec := newRecorder(nil)
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Pending: rec})
	wait := attemptWaiter(d)
	d.Enqueue(item(srv.URL, "r1"))
	fake.Advance(0)
	wait(t, 1)
	fake.Advance(2 * time.Minute) // 1 min + 1² min
	if a := wait(t, 2)[1]; a.Outcome != "retry" || !a.NextAttemptAt.Equal(start.Add(7*time.Minute)) {
		t.Fatalf("second attempt %+v, want a retry at +7m", a)
	}
	snap := rec.snapshot() // the crash
	d.Close(context.Background())
	if i, h, f := kinds(snap); i != 1 || h != 1 || f != 0 {
		t.Fatalf("records at the crash: %d items, %d heads, %d failed: %+v", i, h, f, snap)
	}

	d2, fake2, rec2, wait2 := restart(t, snap, start.Add(2*time.Minute), Options{Policy: DefaultPolicy()})
	if d2.Pending() != 1 || !d2.OldestQueued().Equal(start) {
		t.Fatalf("restored: pending %d, oldest %v (want 1, %v)", d2.Pending(), d2.OldestQueued(), start)
	}
	fake2.Advance(5*time.Minute - time.Second)
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := d2.AttemptCount(""); n != 0 {
		t.Fatalf("%d attempts before the recorded time", n)
	}
	fake2.Advance(time.Second)
	a := wait2(t, 1)[0]
	if a.Attempt != 3 || a.Outcome != "delivered" || !a.At.Equal(start.Add(7*time.Minute)) {
		t.Fatalf("attempt after restart %+v, want attempt 3 delivered at +7m", a)
	}
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if left := rec2.snapshot(); len(left) != 0 || d2.ResentBatches() != 0 || !d2.OldestQueued().IsZero() {
		t.Fatalf("after delivery: records %+v, resent %d, oldest %v", left, d2.ResentBatches(), d2.OldestQueued())
	}
}

func TestRestoredRetryAlreadyDueGoesAtOnce(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(0, 0).UTC()
	fake := clock.NewFake(start)
	rec := newRecorder(nil)
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Pending: rec})
	wait := attemptWaiter(d)
	d.Enqueue(item(srv.URL, "late"))
	fake.Advance(0)
	wait(t, 1) // retry due at +2m
	snap := rec.snapshot()
	d.Close(context.Background())

	// The simulator was down for an hour: the retry is overdue.
	_, _, _, wait2 := restart(t, snap, start.Add(time.Hour), Options{Policy: DefaultPolicy()})
	a := wait2(t, 1)[0] // no Advance: due work goes at once
	if a.Attempt != 2 || a.Outcome != "delivered" || !a.At.Equal(start.Add(time.Hour)) {
		t.Fatalf("overdue retry %+v", a)
	}
}

func TestBatchInFlightAtTheCrashIsResentAndCounted(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	arrived, release := make(chan struct{}), make(chan struct{})
	unblock := sync.OnceFunc(func() { close(release) })
	var mu sync.Mutex
	var posts [][]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body struct {
			Results []struct{ ID string } `json:"results"`
		}
		_ = json.Unmarshal(b, &body)
		var ids []string
		for _, x := range body.Results {
			ids = append(ids, x.ID)
		}
		mu.Lock()
		posts = append(posts, ids)
		mu.Unlock()
		if calls.Add(1) == 1 {
			close(arrived)
			<-release // the crash comes before the answer
		}
	}))
	defer srv.Close()
	start := time.Unix(0, 0).UTC()
	fake := clock.NewFake(start)
	rec := newRecorder(nil)
	d := New(Options{Clock: fake, Pending: rec})
	defer d.Close(context.Background())
	defer unblock() // first: Close and srv.Close wait for the blocked POST
	d.Enqueue(item(srv.URL, "a"), item(srv.URL, "b"))
	fake.Advance(0)
	<-arrived
	snap := rec.snapshot()
	var inFlight int
	for _, r := range snap {
		if r.InFlight {
			inFlight++
		}
	}
	if inFlight != 1 {
		t.Fatalf("records during the POST: %+v, want one head in flight", snap)
	}

	d2, _, rec2, wait2 := restart(t, snap, start, Options{})
	a := wait2(t, 1)[0]
	if a.Attempt != 1 || a.Outcome != "delivered" || a.Results != 2 || d2.ResentBatches() != 1 {
		t.Fatalf("re-sent attempt %+v, resent %d", a, d2.ResentBatches())
	}
	unblock()
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([][]string{{"a", "b"}, {"a", "b"}}, posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if left := rec2.snapshot(); len(left) != 0 {
		t.Errorf("records after the re-send: %+v", left)
	}
}

// syncRecorder is a recorder whose Sync commits: committed is what a crash
// would leave, so the handler can check the in-flight mark was in it.
type syncRecorder struct {
	*recorder
	mu        sync.Mutex
	committed []store.QueuedCallback
}

func (s *syncRecorder) Sync() {
	snap := s.snapshot()
	s.mu.Lock()
	s.committed = snap
	s.mu.Unlock()
}

func TestInFlightMarkIsCommittedBeforeThePost(t *testing.T) {
	t.Parallel()
	rec := &syncRecorder{recorder: newRecorder(nil)}
	marked := make(chan bool, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		ok := false
		for _, c := range rec.committed {
			ok = ok || (c.InFlight && c.ID&recordKinds == headRecord)
		}
		marked <- ok
	}))
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Pending: rec})
	defer d.Close(context.Background())
	d.Enqueue(item(srv.URL, "x"))
	fake.Advance(0)
	if !<-marked {
		t.Fatal("the POST went out before its in-flight mark was committed")
	}
}

func TestDeliveredItemsAreNotRestored(t *testing.T) {
	t.Parallel()
	ok := httptest.NewServer(&sink{})
	defer ok.Close()
	bad := &sink{script: []int{500}}
	refusing := httptest.NewServer(bad)
	defer refusing.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	rec := newRecorder(nil)
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Pending: rec})
	wait := attemptWaiter(d)
	d.Enqueue(item(ok.URL, "d1"), item(ok.URL, "d2"), item(refusing.URL, "kept"))
	fake.Advance(0)
	wait(t, 2)
	if err := d.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	snap := rec.snapshot()
	d.Close(context.Background())

	d2, fake2, _, wait2 := restart(t, snap, fake.Now(), Options{Policy: DefaultPolicy()})
	if d2.Pending() != 1 {
		t.Fatalf("restored %d callbacks, want the one not delivered; records %+v", d2.Pending(), snap)
	}
	fake2.Advance(2 * time.Minute)
	a := wait2(t, 1)[0]
	if diff := cmp.Diff([]string{"kept"}, a.MessageIDs); diff != "" || a.Outcome != "delivered" {
		t.Fatalf("after restart %+v (-want +got):\n%s", a, diff)
	}
}

// TestRestoreKeepsOrderPerLaneAndTheHiddenFields: a lane stalled behind a
// retry and a lane not posted yet come back in order, with the fields Item
// keeps out of its JSON; Seq goes on after the largest restored.
func TestRestoreKeepsOrderPerLaneAndTheHiddenFields(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(0, 0).UTC()
	fake := clock.NewFake(start)
	rec := newRecorder(nil)
	opt := Options{Policy: DefaultPolicy(), Lanes: 64, BatchWindow: time.Second}
	o1 := opt
	o1.Clock, o1.Pending = fake, rec
	d := New(o1)
	wait := attemptWaiter(d)
	mk := func(id, lane string, n int) Item {
		it := item(srv.URL, id)
		it.LaneKey, it.Shape, it.Ref, it.Tag = lane, Inbound, uint64(100+n), n
		return it
	}
	a1, a2, a3, b1, b2 := mk("a1", "user-1", 1), mk("a2", "user-1", 2), mk("a3", "user-1", 3), mk("b1", "user-2", 4), mk("b2", "user-2", 5)
	if d.lane(a1) == d.lane(b1) {
		t.Fatal("test keys share a lane; pick others")
	}
	d.Enqueue(a1)
	fake.Advance(time.Second)
	wait(t, 1) // a1 refused: its lane waits for the retry at +1s+2m
	d.Enqueue(a2, b1, a3, b2)
	snap := rec.snapshot() // the crash, before b's batch window ends
	d.Close(context.Background())

	var mu sync.Mutex
	var got []Item
	d2, fake2, _, wait2 := restart(t, snap, fake.Now(), opt, func(d *Dispatcher) {
		d.OnDelivered(func(b []Item) {
			mu.Lock()
			got = append(got, b...)
			mu.Unlock()
		})
	})
	wait2(t, 1) // lane b at once
	fake2.Advance(2 * time.Minute)
	wait2(t, 3) // a1 alone (its batch as it was), then a2 and a3
	if err := d2.Enqueue(mk("c", "user-3", 6)); err != nil {
		t.Fatal(err)
	}
	fake2.Advance(time.Second)
	wait2(t, 4)

	s.mu.Lock()
	bodies := s.bodies
	s.mu.Unlock()
	if diff := cmp.Diff([][]string{{"b1", "b2"}, {"a1"}, {"a2", "a3"}, {"c"}}, bodies); diff != "" {
		t.Errorf("accepted bodies (-want +got):\n%s", diff)
	}
	type row struct {
		ID         string
		Shape      Shape
		Ref        uint64
		Tag        int
		Seq        uint64
		Enqueued   time.Duration
		LaneKeySet bool
	}
	var rows []row
	mu.Lock()
	for _, it := range got {
		rows = append(rows, row{it.MessageID, it.Shape, it.Ref, it.Tag, it.Seq, time.Unix(0, it.EnqueuedNs).Sub(start), it.LaneKey != ""})
	}
	mu.Unlock()
	want := []row{
		{"b1", Inbound, 104, 4, 3, time.Second, true}, {"b2", Inbound, 105, 5, 5, time.Second, true},
		{"a1", Inbound, 101, 1, 1, 0, true},
		{"a2", Inbound, 102, 2, 2, time.Second, true}, {"a3", Inbound, 103, 3, 4, time.Second, true},
		{"c", Inbound, 106, 6, 6, time.Second + 2*time.Minute, true},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("delivered items (-want +got):\n%s", diff)
	}
}

func TestFailedBatchesAreRestoredAndRedelivered(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(0, 0).UTC()
	fake := clock.NewFake(start)
	rec := newRecorder(nil)
	pol := Policy{Base: time.Second, MaxAttempts: 1}
	d := New(Options{Clock: fake, Policy: pol, Pending: rec})
	wait := attemptWaiter(d)
	ex := item(srv.URL, "exhausted")
	ex.Ref, ex.Tag = 7, 2
	d.Enqueue(ex)
	fake.Advance(0)
	if a := wait(t, 1)[0]; a.Outcome != "exhausted" {
		t.Fatalf("attempt %+v", a)
	}
	parked := item("", "parked")
	d.Park([]Item{parked}, "no URL", start)
	want := d.Failed("")
	snap := rec.snapshot()
	d.Close(context.Background())
	if i, h, f := kinds(snap); i != 0 || h != 0 || f != 2 {
		t.Fatalf("records: %d items, %d heads, %d failed: %+v", i, h, f, snap)
	}

	d2, fake2, rec2, _ := restart(t, snap, start, Options{Policy: pol})
	if diff := cmp.Diff(want, d2.Failed("")); diff != "" {
		t.Fatalf("restored failed list (-want +got):\n%s", diff)
	}
	if d2.Pending() != 0 {
		t.Fatalf("pending %d", d2.Pending())
	}
	d2.Park([]Item{item("", "later")}, "no URL", start)
	if f := d2.Failed(""); len(f) != 3 || f[2].ID != "fb-3" {
		t.Fatalf("failed after a new park %+v, want fb-3 last", f)
	}
	delivered := make(chan []Item, 1)
	d2.OnDelivered(func(b []Item) { delivered <- b })
	if n, err := d2.RedeliverBatch("acc", want[0].ID); n != 1 || err != nil {
		t.Fatalf("redeliver %s: %d %v", want[0].ID, n, err)
	}
	if _, err := d2.RedeliverBatch("acc", want[1].ID); err != ErrNowhereToSend {
		t.Fatalf("redeliver the parked one: %v", err)
	}
	fake2.Advance(0) // the flush timer is due at once
	var b []Item
	select {
	case b = <-delivered:
	case <-time.After(10 * time.Second):
		t.Fatal("redelivered batch never delivered")
	}
	if b[0].MessageID != "exhausted" || b[0].Ref != 7 || b[0].Tag != 2 {
		t.Fatalf("redelivered %+v", b[0])
	}
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"fb-2", "fb-3"}, rec2.failedIDs()); diff != "" {
		t.Errorf("records left (-want +got):\n%s", diff)
	}
}

func TestDropAndForgetHistoryForgetRecords(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	rec := newRecorder(nil)
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Pending: rec})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	d.Enqueue(item(srv.URL, "head"))
	fake.Advance(0)
	wait(t, 1)
	d.Enqueue(item(srv.URL, "behind"))
	other := item(srv.URL, "other")
	other.Account = "other"
	d.Park([]Item{other}, "no URL", fake.Now())
	d.Park([]Item{item("", "mine")}, "no URL", fake.Now())
	if i, h, f := kinds(rec.snapshot()); i != 2 || h != 1 || f != 2 {
		t.Fatalf("before Drop: %d items, %d heads, %d failed", i, h, f)
	}
	if n := d.Drop("acc"); n != 2 {
		t.Fatalf("dropped %d", n)
	}
	d.ForgetHistory("acc")
	left := rec.snapshot()
	if len(left) != 1 || left[0].Account != "other" {
		t.Fatalf("records after Drop and ForgetHistory: %+v, want other's failed batch only", left)
	}
}

// TestEvictedFailedBatchIsForgotten: beyond the cap of the failed list the
// oldest batch leaves the list and its record, in a running dispatcher and
// in one restored with more failed batches than its cap.
func TestEvictedFailedBatchIsForgotten(t *testing.T) {
	t.Parallel()
	rec := newRecorder(nil)
	d := New(Options{Clock: clock.NewFake(time.Unix(0, 0)), Pending: rec})
	defer d.Close(context.Background())
	d.maxFailed = 3
	for i := 0; i < 4; i++ {
		d.Park([]Item{{Account: "acc", Kind: "delivery", Result: json.RawMessage(`{}`)}}, "no URL", time.Unix(0, 0))
	}
	if diff := cmp.Diff([]string{"fb-2", "fb-3", "fb-4"}, rec.failedIDs()); diff != "" {
		t.Fatalf("failed records (-want +got):\n%s", diff)
	}
	if _, n := d.Dropped(); n != 1 {
		t.Fatalf("dropped %d failed callbacks, want 1", n)
	}

	_, _, rec2, _ := restart(t, rec.snapshot(), time.Unix(0, 0), Options{}, func(d *Dispatcher) { d.maxFailed = 2 })
	if diff := cmp.Diff([]string{"fb-3", "fb-4"}, rec2.failedIDs()); diff != "" {
		t.Fatalf("failed records after a restore over the cap (-want +got):\n%s", diff)
	}
}

// TestRestoreToleratesAPartlyCommittedChange: a crash can land between the
// records of one change (they are committed in groups). A batch both
// failed and still queued is restored once, as failed; a head whose first
// items were already forgotten keeps the rest, is re-sent and counted, and
// is recorded under its new first item.
func TestRestoreToleratesAPartlyCommittedChange(t *testing.T) {
	t.Parallel()
	s := &sink{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	body := func(it Item) json.RawMessage {
		b, err := json.Marshal(toStored(it))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	f1 := item(srv.URL, "failed")
	f1.Seq = 1
	q3 := item(srv.URL, "left")
	snap := []store.QueuedCallback{
		{ID: 1, Items: []json.RawMessage{body(Item{Account: "acc", URL: srv.URL, Kind: "delivery", MessageID: "failed", Result: f1.Result})}},
		{ID: headRecord | 1, Account: "acc", URL: srv.URL, Kind: "delivery", Batch: []uint64{1}, Attempts: 4},
		{ID: failedRecord | 1, Account: "acc", URL: srv.URL, Kind: "delivery", Attempts: 5, FailedID: "fb-1", Items: []json.RawMessage{body(f1)}},
		// item 2 of this head was delivered and forgotten before the crash
		{ID: 3, Items: []json.RawMessage{body(Item{Account: "acc", URL: srv.URL, Kind: "delivery", MessageID: "left", LaneKey: "u", Result: q3.Result})}},
		{ID: headRecord | 2, Account: "acc", URL: srv.URL, Kind: "delivery", Batch: []uint64{2, 3}, InFlight: true},
	}
	d2, _, rec2, wait2 := restart(t, snap, time.Unix(0, 0), Options{})
	a := wait2(t, 1)[0]
	if diff := cmp.Diff([]string{"left"}, a.MessageIDs); diff != "" || d2.ResentBatches() != 1 {
		t.Fatalf("re-sent %+v, resent %d (-want +got):\n%s", a, d2.ResentBatches(), diff)
	}
	if f := d2.Failed(""); len(f) != 1 || f[0].ID != "fb-1" || f[0].Items[0].Seq != 1 {
		t.Fatalf("failed %+v", f)
	}
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	left := rec2.snapshot()
	if len(left) != 1 || left[0].FailedID != "fb-1" {
		t.Fatalf("records left %+v, want fb-1 only", left)
	}
	if d2.AttemptCount("") != 1 {
		t.Fatalf("%d attempts: the failed batch was posted from the queue too", d2.AttemptCount(""))
	}
}

func TestRestoreAfterTrafficIsRefused(t *testing.T) {
	t.Parallel()
	d := New(Options{Clock: clock.NewFake(time.Unix(0, 0)), Pending: newRecorder(nil)})
	defer d.Close(context.Background())
	d.Enqueue(item("http://127.0.0.1:1/", "x"))
	if err := d.Restore(nil); err != ErrRestoreLate {
		t.Fatalf("Restore after Enqueue: %v", err)
	}
}

// TestInMemoryBuildsNoRecord: with no Pending (or NoPending) nothing is
// recorded, and a NoPending is not mistaken for a database.
func TestInMemoryBuildsNoRecord(t *testing.T) {
	t.Parallel()
	for _, p := range []store.Pending{nil, store.NoPending{}} {
		d := New(Options{Clock: clock.NewFake(time.Unix(0, 0)), Pending: p})
		if d.pending != nil || d.sync != nil {
			t.Errorf("Pending %T: dispatcher keeps records", p)
		}
		d.Close(context.Background())
	}
}

// TestQueueSurvivesTheSQLiteBackend: records written through the real
// database come back after it is closed and reopened, and the restored
// dispatcher delivers what was queued with its schedule.
func TestQueueSurvivesTheSQLiteBackend(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	dir := t.TempDir()
	db, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Unix(5_000, 0).UTC()
	fake := clock.NewFake(start)
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Pending: db})
	wait := attemptWaiter(d)
	x := item(srv.URL, "x")
	x.Shape, x.Ref, x.Tag, x.XMLRoot = Inbound, 42, 3, ""
	d.Enqueue(x)
	fake.Advance(0)
	wait(t, 1) // refused: retry at +2m
	d.Enqueue(item(srv.URL, "y"))
	d.Park([]Item{item("", "z")}, "no URL", start)
	wantFailed := d.Failed("")
	if err := d.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	db.Sync()
	d.Close(context.Background())
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	_, cbs, err := db2.Restore()
	if err != nil {
		t.Fatal(err)
	}
	if i, h, f := kinds(cbs); i != 2 || h != 1 || f != 1 {
		t.Fatalf("records read back: %d items, %d heads, %d failed: %+v", i, h, f, cbs)
	}
	fake2 := clock.NewFake(start)
	d2 := New(Options{Clock: fake2, Policy: DefaultPolicy(), Pending: db2})
	defer d2.Close(context.Background())
	var mu sync.Mutex
	var got []Item
	d2.OnDelivered(func(b []Item) {
		mu.Lock()
		got = append(got, b...)
		mu.Unlock()
	})
	wait2 := attemptWaiter(d2)
	if err := d2.Restore(cbs); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantFailed, d2.Failed("")); diff != "" {
		t.Errorf("failed list (-want +got):\n%s", diff)
	}
	fake2.Advance(2 * time.Minute)
	if a := wait2(t, 2); a[0].Attempt != 2 || a[1].Attempt != 1 || a[1].Outcome != "delivered" {
		t.Fatalf("attempts after reopen %+v", a)
	}
	mu.Lock()
	if len(got) != 2 || got[0].MessageID != "x" || got[0].Ref != 42 || got[0].Tag != 3 || got[0].Shape != Inbound || got[1].MessageID != "y" {
		t.Errorf("delivered %+v", got)
	}
	mu.Unlock()
	if err := d2.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	db2.Sync()
	_, cbs, err = db2.Restore()
	if err != nil {
		t.Fatal(err)
	}
	if i, h, f := kinds(cbs); i != 0 || h != 0 || f != 1 {
		t.Errorf("records after delivery: %d items, %d heads, %d failed", i, h, f)
	}
}

// TestOldestQueuedAges: OldestQueued is the enqueue time of the oldest
// callback still queued (the caller's time when it gave one), and a
// redelivered batch's age starts at its redelivery.
func TestOldestQueuedAges(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(100, 0).UTC()
	fake := clock.NewFake(start)
	d := New(Options{Clock: fake, Policy: Policy{Base: time.Second, MaxAttempts: 1}})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	if !d.OldestQueued().IsZero() {
		t.Fatalf("oldest %v with nothing queued", d.OldestQueued())
	}
	it := item(srv.URL, "old")
	it.EnqueuedNs = start.Add(-5 * time.Second).UnixNano()
	d.Enqueue(it)
	if got := d.OldestQueued(); !got.Equal(start.Add(-5 * time.Second)) {
		t.Fatalf("oldest %v, want the caller's time", got)
	}
	fake.Advance(0)
	wait(t, 1) // exhausted: no longer queued
	if !d.OldestQueued().IsZero() {
		t.Fatalf("oldest %v once exhausted", d.OldestQueued())
	}
	fake.Advance(time.Hour)
	if _, err := d.Redeliver(""); err != nil {
		t.Fatal(err)
	}
	if got := d.OldestQueued(); !got.Equal(start.Add(time.Hour)) {
		t.Fatalf("oldest %v after redelivery, want %v", got, start.Add(time.Hour))
	}
}
