package bus

import (
	"encoding/json"
	"strconv"
	"sync"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func TestSlowSubscriberIsDroppedNotWaitedFor(t *testing.T) {
	t.Parallel()
	b := New(100, 2)
	slow, _ := b.Subscribe("", 0)
	for i := 0; i < 5; i++ {
		b.Publish(wire.StreamEvent{Account: "a"}, nil) // must not block
	}
	if got := b.SubDropped(slow); got != 3 {
		t.Errorf("dropped %d, want 3", got)
	}
	if e := <-slow.C; e.Seq != 1 {
		t.Errorf("first buffered seq %d, want 1", e.Seq)
	}
}

func TestScopeReplayAndClose(t *testing.T) {
	t.Parallel()
	b := New(3, 10)
	for _, acc := range []string{"a", "b", "a", "a", "b"} {
		b.Publish(wire.StreamEvent{Account: acc}, nil)
	}
	// The ring keeps seqs 3..5; a's among them after 1 are 3 and 4.
	s, replay := b.Subscribe("a", 1)
	if len(replay) != 2 || replay[0].Seq != 3 || replay[1].Seq != 4 {
		t.Fatalf("replay %+v", replay)
	}
	b.Publish(wire.StreamEvent{Account: "b"}, nil)
	b.Publish(wire.StreamEvent{Account: "a"}, nil)
	if e := <-s.C; e.Seq != 7 {
		t.Errorf("live seq %d, want 7 (b's event 6 is out of scope)", e.Seq)
	}
	b.Close()
	if _, ok := <-s.C; ok {
		t.Error("channel open after Close")
	}
	b.Publish(wire.StreamEvent{Account: "a"}, nil) // ignored, no panic
	if _, replay := b.Subscribe("a", 0); replay != nil {
		t.Errorf("replay without Last-Event-ID: %+v", replay)
	}
}

type payload struct {
	N    int      `json:"n"`
	Tags []string `json:"tags"`
}

// An event published while nobody listens is kept unencoded; a subscriber
// that comes later with a Last-Event-ID still gets it, encoded as a live
// subscriber would have.
func TestUnwatchedEventsAreReplayedEncoded(t *testing.T) {
	t.Parallel()
	b := New(10, 10)
	b.Publish(wire.StreamEvent{Account: "a", Type: "t"}, payload{N: 1, Tags: []string{"x"}})
	b.Publish(wire.StreamEvent{Account: "a", Type: "t"}, payload{N: 2, Tags: []string{"y", "z"}})
	b.Publish(wire.StreamEvent{Account: "a", Type: "raw", Data: json.RawMessage(`{"pre":true}`)}, nil)
	b.Publish(wire.StreamEvent{Account: "a", Type: "bad"}, func() {}) // not encodable

	live, replay := b.Subscribe("a", 1)
	want := []string{`{"n":2,"tags":["y","z"]}`, `{"pre":true}`, `{}`}
	if len(replay) != len(want) {
		t.Fatalf("replayed %d events, want %d: %+v", len(replay), len(want), replay)
	}
	for i, e := range replay {
		if e.Seq != uint64(i+2) || string(e.Data) != want[i] {
			t.Errorf("replay[%d] = seq %d data %s, want seq %d data %s", i, e.Seq, e.Data, i+2, want[i])
		}
	}

	// With a subscriber the payload is encoded at once, for it and for the
	// ring, and both carry the same bytes.
	b.Publish(wire.StreamEvent{Account: "a", Type: "t"}, payload{N: 5})
	got := <-live.C
	if got.Seq != 5 || string(got.Data) != `{"n":5,"tags":null}` {
		t.Errorf("live %d %s", got.Seq, got.Data)
	}
	_, again := b.Subscribe("a", 4)
	if len(again) != 1 || string(again[0].Data) != string(got.Data) {
		t.Errorf("replay of a live event: %+v, want %s", again, got.Data)
	}
}

// Publishers racing a subscriber that joins: every event reaches it exactly
// once, replayed or live, in seq order and encoded. Run with -race: ring
// payloads are encoded outside the lock.
func TestSubscriberJoiningUnderLoadMissesNothing(t *testing.T) {
	t.Parallel()
	const publishers, each = 4, 500
	b := New(publishers*each, publishers*each)
	b.Publish(wire.StreamEvent{Account: "a"}, payload{N: -1})
	var wg sync.WaitGroup
	for p := range publishers {
		wg.Go(func() {
			for i := range each {
				b.Publish(wire.StreamEvent{Account: "a"}, payload{N: p*each + i, Tags: []string{strconv.Itoa(i)}})
			}
		})
	}
	s, replay := b.Subscribe("a", 1)
	wg.Wait()
	b.Close()
	next := uint64(2)
	check := func(e wire.StreamEvent) {
		t.Helper()
		var p payload
		if e.Seq != next || json.Unmarshal(e.Data, &p) != nil || len(p.Tags) != 1 {
			t.Fatalf("event seq %d data %s, want seq %d with a payload", e.Seq, e.Data, next)
		}
		next++
	}
	for _, e := range replay {
		check(e)
	}
	for e := range s.C {
		check(e)
	}
	if want := uint64(publishers*each + 2); next != want {
		t.Errorf("saw events up to %d, want up to %d", next-1, want-1)
	}
}

func benchPublish(b *testing.B, subscribe bool) {
	bus := New(0, 0)
	if subscribe {
		s, _ := bus.Subscribe("", 0)
		go func() {
			for range s.C {
			}
		}()
		defer bus.Close()
	}
	// The shape of a message.status event's payload.
	type status struct {
		Channel string      `json:"channel"`
		Status  wire.Status `json:"status"`
		Error   wire.Error  `json:"error"`
		Note    string      `json:"note,omitempty"`
	}
	d := status{Channel: "SMS",
		Status: wire.Status{GroupID: 3, GroupName: "DELIVERED", ID: 5, Name: "DELIVERED_TO_HANDSET", Description: "Message delivered to handset"},
		Error:  wire.Error{GroupName: "OK", Name: "NO_ERROR", Description: "No Error"}}
	b.ReportAllocs()
	for i := range b.N {
		d.Status.ID = i // a new value each time, boxed as emit's are
		bus.Publish(wire.StreamEvent{Type: "message.status", Account: "acc", MessageID: "m"}, d)
	}
}

// BenchmarkPublishUnwatched is the cost of an event nobody listens to.
func BenchmarkPublishUnwatched(b *testing.B) { benchPublish(b, false) }

// BenchmarkPublishWatched is the cost with one subscriber: the payload is
// encoded once.
func BenchmarkPublishWatched(b *testing.B) { benchPublish(b, true) }

// The ring grows as events come and keeps exactly the newest ring events
// once it wraps.
func TestRingGrowsThenWraps(t *testing.T) {
	t.Parallel()
	b := New(40, 1)
	for range 100 {
		b.Publish(wire.StreamEvent{Account: "a"}, nil)
	}
	_, replay := b.Subscribe("", 1)
	if len(replay) != 40 || replay[0].Seq != 61 || replay[39].Seq != 100 {
		t.Fatalf("replayed %d events from %d, want 61..100", len(replay), replay[0].Seq)
	}
	for i, e := range replay {
		if e.Seq != uint64(61+i) {
			t.Errorf("replay[%d] seq %d, want %d", i, e.Seq, 61+i)
		}
	}
}
