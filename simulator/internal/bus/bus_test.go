package bus

import (
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func TestSlowSubscriberIsDroppedNotWaitedFor(t *testing.T) {
	t.Parallel()
	b := New(100, 2)
	slow, _ := b.Subscribe("", 0)
	for i := 0; i < 5; i++ {
		b.Publish(wire.StreamEvent{Account: "a"}) // must not block
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
		b.Publish(wire.StreamEvent{Account: acc})
	}
	// The ring keeps seqs 3..5; a's among them after 1 are 3 and 4.
	s, replay := b.Subscribe("a", 1)
	if len(replay) != 2 || replay[0].Seq != 3 || replay[1].Seq != 4 {
		t.Fatalf("replay %+v", replay)
	}
	b.Publish(wire.StreamEvent{Account: "b"})
	b.Publish(wire.StreamEvent{Account: "a"})
	if e := <-s.C; e.Seq != 7 {
		t.Errorf("live seq %d, want 7 (b's event 6 is out of scope)", e.Seq)
	}
	b.Close()
	if _, ok := <-s.C; ok {
		t.Error("channel open after Close")
	}
	b.Publish(wire.StreamEvent{Account: "a"}) // ignored, no panic
	if _, replay := b.Subscribe("a", 0); replay != nil {
		t.Errorf("replay without Last-Event-ID: %+v", replay)
	}
}
