package clock

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFakeFiresInDueOrder(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := NewFake(start)
	var mu sync.Mutex
	var got []string
	rec := func(s string) func() {
		return func() { mu.Lock(); got = append(got, s); mu.Unlock() }
	}
	f.AfterFunc(3*time.Second, rec("c"))
	f.AfterFunc(time.Second, rec("a"))
	f.AfterFunc(time.Second, rec("b")) // same due time: creation order
	stopped := f.AfterFunc(2*time.Second, rec("never"))
	if !stopped.Stop() {
		t.Fatal("Stop of a pending timer reported false")
	}
	if stopped.Stop() {
		t.Fatal("second Stop reported true")
	}
	f.Advance(2 * time.Second)
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Fatalf("after 2s (-want +got):\n%s", diff)
	}
	if want := start.Add(2 * time.Second); !f.Now().Equal(want) {
		t.Fatalf("Now = %v, want %v", f.Now(), want)
	}
	f.Advance(time.Second)
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Fatalf("after 3s (-want +got):\n%s", diff)
	}
	if f.Pending() != 0 {
		t.Fatalf("Pending = %d", f.Pending())
	}
}

func TestFakeChainsWithinWindow(t *testing.T) {
	t.Parallel()
	f := NewFake(time.Unix(0, 0))
	var at []time.Duration
	var step func()
	step = func() {
		at = append(at, f.Now().Sub(time.Unix(0, 0)))
		if len(at) < 5 {
			f.AfterFunc(time.Minute, step)
		}
	}
	f.AfterFunc(time.Minute, step)
	f.Advance(3*time.Minute + 30*time.Second)
	want := []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute}
	if diff := cmp.Diff(want, at); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if next, ok := f.NextDue(); !ok || !next.Equal(time.Unix(240, 0)) {
		t.Fatalf("NextDue = %v %v", next, ok)
	}
}

func TestFakeZeroDelayWaitsForAdvance(t *testing.T) {
	t.Parallel()
	f := NewFake(time.Unix(0, 0))
	fired := false
	f.AfterFunc(0, func() { fired = true })
	if fired {
		t.Fatal("zero-delay timer fired synchronously")
	}
	f.Advance(0)
	if !fired {
		t.Fatal("zero-delay timer did not fire on Advance(0)")
	}
}
