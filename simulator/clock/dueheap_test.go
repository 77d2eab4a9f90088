package clock

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type job struct {
	DueSlot
	name string
}

func at(sec int64, order uint64, name string) *job {
	return &job{DueSlot: DueSlot{Due: time.Unix(sec, 0), Order: order}, name: name}
}

func TestDueHeapOrderByDueThenOrder(t *testing.T) {
	var h DueHeap[*job]
	for _, j := range []*job{at(5, 1, "e"), at(1, 9, "b"), at(1, 2, "a"), at(3, 4, "c"), at(3, 5, "d")} {
		h.Push(j)
	}
	if _, ok := h.PopDue(time.Unix(0, 0)); ok {
		t.Fatal("popped an element before it was due")
	}
	var got []string
	for {
		j, ok := h.PopDue(time.Unix(10, 0))
		if !ok {
			break
		}
		got = append(got, j.name)
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "d", "e"}, got); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
	if h.Len() != 0 {
		t.Fatalf("%d left", h.Len())
	}
}

func TestDueHeapRemove(t *testing.T) {
	var h DueHeap[*job]
	a, b, c := at(1, 1, "a"), at(2, 2, "b"), at(3, 3, "c")
	h.Push(a)
	h.Push(b)
	h.Push(c)
	if !h.Remove(a) {
		t.Fatal("a not removed")
	}
	if h.Remove(a) {
		t.Fatal("a removed twice")
	}
	if h.Remove(at(2, 2, "stranger")) {
		t.Fatal("removed an element never pushed")
	}
	first, ok := h.Peek()
	if !ok || first != b {
		t.Fatalf("earliest after removing a: %+v", first)
	}
	if h.Len() != 2 {
		t.Fatalf("len %d", h.Len())
	}
}
