package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// sink records the bodies it receives and answers with the next status of a
// script (200 once the script is used up).
type sink struct {
	mu     sync.Mutex
	script []int
	bodies [][]string // result ids per accepted POST
	calls  int
}

func (s *sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	status := http.StatusOK
	if len(s.script) > 0 {
		status, s.script = s.script[0], s.script[1:]
	}
	if status == http.StatusOK {
		var body struct {
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
		}
		_ = json.Unmarshal(b, &body)
		var ids []string
		for _, r := range body.Results {
			ids = append(ids, r.ID)
		}
		s.bodies = append(s.bodies, ids)
	}
	w.WriteHeader(status)
}

func item(url, id string) Item {
	return Item{Account: "acc", URL: url, Kind: "delivery", MessageID: id, Result: json.RawMessage(fmt.Sprintf(`{"id":%q}`, id))}
}

// attemptWaiter lets a test wait for the nth attempt without sleeping. It
// returns the first n attempts of the dispatcher's log: observers of two
// attempts may run in either order, the log is in the order they happened.
func attemptWaiter(d *Dispatcher) func(t *testing.T, n int) []Attempt {
	ch := make(chan Attempt, 1000)
	d.OnAttempt(func(a Attempt) { ch <- a })
	seen := 0
	return func(t *testing.T, n int) []Attempt {
		t.Helper()
		for seen < n {
			select {
			case <-ch:
				seen++
			case <-time.After(10 * time.Second):
				t.Fatalf("waited for attempt %d; have %+v", n, d.Attempts(""))
			}
		}
		return d.Attempts("")[:n]
	}
}

func TestBatchesOfAHundredInOrder(t *testing.T) {
	t.Parallel()
	s := &sink{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: DefaultPolicy()})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	var items []Item
	var want []string
	for i := 0; i < 250; i++ {
		id := fmt.Sprintf("m%03d", i)
		items = append(items, item(srv.URL, id))
		want = append(want, id)
	}
	if err := d.Enqueue(items...); err != nil {
		t.Fatal(err)
	}
	fake.Advance(0) // the flush timer is due at once
	got := wait(t, 3)
	sizes := []int{got[0].Results, got[1].Results, got[2].Results}
	if diff := cmp.Diff([]int{100, 100, 50}, sizes); diff != "" {
		t.Fatalf("batch sizes (-want +got):\n%s", diff)
	}
	var flat []string
	s.mu.Lock()
	for _, b := range s.bodies {
		flat = append(flat, b...)
	}
	s.mu.Unlock()
	if diff := cmp.Diff(want, flat); diff != "" {
		t.Fatalf("delivery order (-want +got):\n%s", diff)
	}
}

func TestRetriesOnInfobipCycleAndKeepsOrder(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500, 503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Unix(0, 0)
	fake := clock.NewFake(start)
	d := New(Options{Clock: fake, Policy: DefaultPolicy()})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)

	d.Enqueue(item(srv.URL, "first"))
	fake.Advance(0)
	wait(t, 1)
	// A report queued while the first waits for its retry must not overtake it.
	d.Enqueue(item(srv.URL, "second"))
	fake.Advance(2 * time.Minute) // 1 min + 1^2 min
	wait(t, 2)
	fake.Advance(5 * time.Minute) // 1 min + 2^2 min
	got := wait(t, 3)

	type row struct {
		Attempt, Status int
		Outcome         string
		At              time.Duration
	}
	var rows []row
	for _, a := range got {
		rows = append(rows, row{a.Attempt, a.Status, a.Outcome, a.At.Sub(start)})
	}
	want := []row{{1, 500, "retry", 0}, {2, 503, "retry", 2 * time.Minute}, {3, 200, "delivered", 7 * time.Minute}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Fatalf("attempts (-want +got):\n%s", diff)
	}
	fake.Advance(0)
	wait(t, 4)
	s.mu.Lock()
	bodies := s.bodies
	s.mu.Unlock()
	if diff := cmp.Diff([][]string{{"first"}, {"second"}}, bodies); diff != "" {
		t.Fatalf("accepted bodies (-want +got):\n%s", diff)
	}
}

func TestExhaustedBatchesAreKeptAndRedelivered(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500, 500, 500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: Policy{Base: time.Second, MaxAttempts: 3}})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	d.Enqueue(item(srv.URL, "lost?"))
	fake.Advance(0)
	wait(t, 1)
	fake.Advance(time.Second)
	wait(t, 2)
	fake.Advance(time.Second)
	got := wait(t, 3)
	if got[2].Outcome != "exhausted" {
		t.Fatalf("third attempt %+v, want exhausted", got[2])
	}
	failed := d.Failed("")
	if len(failed) != 1 || failed[0].Items[0].MessageID != "lost?" || d.Pending() != 0 {
		t.Fatalf("failed %+v pending %d", failed, d.Pending())
	}
	n, err := d.Redeliver("acc")
	if err != nil || n != 1 {
		t.Fatalf("redeliver %d %v", n, err)
	}
	fake.Advance(0)
	if a := wait(t, 4)[3]; a.Outcome != "delivered" || a.Attempt != 1 {
		t.Fatalf("redelivery %+v", a)
	}
}

func TestRefusedConnectionIsRetried(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: DefaultPolicy()})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	d.Enqueue(item(url, "x"))
	fake.Advance(0)
	a := wait(t, 1)[0]
	if a.Status != 0 || a.Error == "" || a.Outcome != "retry" || !a.NextAttemptAt.Equal(time.Unix(120, 0)) {
		t.Fatalf("attempt %+v", a)
	}
}

func TestCloseWaitsAndRefusesNewWork(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release
	}))
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake})
	delivered := make(chan []Item, 1)
	d.OnDelivered(func(b []Item) { delivered <- b })
	d.Enqueue(item(srv.URL, "inflight"))
	fake.Advance(0)
	<-arrived
	closed := make(chan error)
	go func() { closed <- d.Close(context.Background()) }()
	select {
	case <-closed:
		t.Fatal("Close returned while a delivery was in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if b := <-delivered; b[0].MessageID != "inflight" {
		t.Fatalf("delivered %+v", b)
	}
	if err := d.Enqueue(item(srv.URL, "late")); err != ErrClosed {
		t.Fatalf("Enqueue after Close: %v", err)
	}
}

func TestAccountsNeverShareAQueue(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}} // the first POST (account a's) fails
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Workers: 1})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	a, b := item(srv.URL, "from-a"), item(srv.URL, "from-b")
	a.Account, b.Account = "a", "b"
	d.Enqueue(a)
	fake.Advance(0)
	wait(t, 1) // a's POST failed; a waits two minutes for its retry
	d.Enqueue(b)
	fake.Advance(0)
	got := wait(t, 2)
	if got[1].Account != "b" || got[1].Outcome != "delivered" || got[1].Results != 1 {
		t.Fatalf("b waited behind a or shared its POST: %+v", got[1])
	}
	if d.AttemptCount("a") != 1 || d.AttemptCount("b") != 1 || d.AttemptCount("") != 2 {
		t.Fatalf("attempt counts a=%d b=%d", d.AttemptCount("a"), d.AttemptCount("b"))
	}
}

func TestDropForgetsAnAccountsQueue(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: DefaultPolicy()})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	first, second := item(srv.URL, "first"), item(srv.URL, "second")
	d.Enqueue(first, second) // one POST of both, refused
	fake.Advance(0)
	wait(t, 1)
	if d.Pending() != 2 {
		t.Fatalf("pending %d before Drop", d.Pending())
	}
	if n := d.Drop("acc"); n != 2 || d.Pending() != 0 {
		t.Fatalf("Drop dropped %d, %d pending", n, d.Pending())
	}
	fake.Advance(time.Hour) // the retry timer was stopped: nothing is sent
	if err := d.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := d.AttemptCount(""); n != 1 {
		t.Fatalf("%d attempts after Drop, want 1", n)
	}
}

func TestWaitIdleWaitsForPostsInFlight(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake})
	defer d.Close(context.Background())
	d.Enqueue(item(srv.URL, "slow"))
	fake.Advance(0)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := d.WaitIdle(ctx); err == nil {
		t.Fatal("WaitIdle returned while a POST was in flight")
	}
	close(release)
	if err := d.WaitIdle(context.Background()); err != nil || d.AttemptCount("") != 1 {
		t.Fatalf("WaitIdle: %v, %d attempts", err, d.AttemptCount(""))
	}
}

// TestLanesKeepARetryFromStallingTheURL: with lanes, a refused batch waiting
// for its retry holds up its own lane only; an item of another conversation
// to the same URL goes at once, one of the same conversation waits.
func TestLanesKeepARetryFromStallingTheURL(t *testing.T) {
	t.Parallel()
	s := &sink{script: []int{503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: Policy{Base: time.Hour, MaxAttempts: 3}, Lanes: 64})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	a, b, a2 := item(srv.URL, "a"), item(srv.URL, "b"), item(srv.URL, "a2")
	a.LaneKey, b.LaneKey, a2.LaneKey = "user-1", "user-2", "user-1"
	if d.lane(a) == d.lane(b) {
		t.Fatal("test keys share a lane; pick others")
	}
	if err := d.Enqueue(a); err != nil {
		t.Fatal(err)
	}
	fake.Advance(0)
	wait(t, 1) // a refused: its lane waits an hour
	if err := d.Enqueue(b, a2); err != nil {
		t.Fatal(err)
	}
	fake.Advance(0)
	got := wait(t, 2)
	if got[1].MessageIDs[0] != "b" || got[1].Outcome != "delivered" {
		t.Fatalf("second attempt %+v: want b delivered while a waits", got[1])
	}
	if d.Pending() != 2 {
		t.Errorf("pending %d, want a and a2 (a2 waits behind a in its lane)", d.Pending())
	}
	fake.Advance(time.Hour + time.Minute)
	got = wait(t, 4)
	if got[2].MessageIDs[0] != "a" || got[3].MessageIDs[0] != "a2" || got[3].Outcome != "delivered" {
		t.Errorf("after the retry: %+v then %+v, want a then a2", got[2], got[3])
	}
}

// TestEnqueueNeverBlocks: far beyond QueueLimit, Enqueue returns at once
// and keeps every callback.
func TestEnqueueNeverBlocks(t *testing.T) {
	t.Parallel()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, QueueLimit: 10})
	defer d.Close(context.Background())
	for i := 0; i < 1000; i++ {
		if err := d.Enqueue(item("http://127.0.0.1:1/x", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if d.Pending() != 1000 {
		t.Fatalf("pending %d, want 1000", d.Pending())
	}
}

// TestIdleQueuesAreForgotten: once a URL's callbacks are delivered its queue
// goes, so distinct URLs do not accumulate.
func TestIdleQueuesAreForgotten(t *testing.T) {
	t.Parallel()
	s := &sink{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	for i := 0; i < 20; i++ {
		if err := d.Enqueue(item(fmt.Sprintf("%s/u%d", srv.URL, i), fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	fake.Advance(0)
	wait(t, 20)
	if err := d.WaitIdle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := d.queues(); n != 0 {
		t.Errorf("%d queues held after every callback was delivered", n)
	}
}
