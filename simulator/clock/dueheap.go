package clock

import (
	"container/heap"
	"time"
)

// A DueHeap keeps things in the order they fall due: earliest due time
// first, and among things due at one instant, the one given the lower order
// first. The fake clock's timers and the lifecycle's steps are both kept
// this way; one implementation keeps their tie-breaking rule the same.

// DueSlot is what an element embeds to be kept in a DueHeap.
type DueSlot struct {
	Due   time.Time // when the element falls due
	Order uint64    // breaks ties between elements due at one instant
	index int       // position in the heap, valid while in it
}

func (s *DueSlot) slot() *DueSlot { return s }

// DueElem is a pointer to a struct that embeds DueSlot.
type DueElem interface{ slot() *DueSlot }

// DueHeap is a min-heap of elements by (Due, Order). The zero value is
// empty and ready to use; it is not safe for concurrent use.
type DueHeap[T DueElem] struct{ items dueItems[T] }

// Len is the number of elements held.
func (h *DueHeap[T]) Len() int { return len(h.items) }

// Push adds x, which must not be held already.
func (h *DueHeap[T]) Push(x T) { heap.Push(&h.items, x) }

// Peek returns the earliest element without removing it; false when empty.
func (h *DueHeap[T]) Peek() (T, bool) {
	if len(h.items) == 0 {
		var zero T
		return zero, false
	}
	return h.items[0], true
}

// PopDue removes and returns the earliest element if it is due at now.
func (h *DueHeap[T]) PopDue(now time.Time) (T, bool) {
	if len(h.items) == 0 || h.items[0].slot().Due.After(now) {
		var zero T
		return zero, false
	}
	return heap.Pop(&h.items).(T), true
}

// Remove takes x out; it reports whether x was held.
func (h *DueHeap[T]) Remove(x T) bool {
	s := x.slot()
	if s.index < 0 || s.index >= len(h.items) || h.items[s.index].slot() != s {
		return false
	}
	heap.Remove(&h.items, s.index)
	return true
}

// dueItems adapts the slice to container/heap.
type dueItems[T DueElem] []T

func (h dueItems[T]) Len() int { return len(h) }
func (h dueItems[T]) Less(i, j int) bool {
	a, b := h[i].slot(), h[j].slot()
	if a.Due.Equal(b.Due) {
		return a.Order < b.Order
	}
	return a.Due.Before(b.Due)
}
func (h dueItems[T]) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].slot().index = i
	h[j].slot().index = j
}
func (h *dueItems[T]) Push(x any) {
	t := x.(T)
	t.slot().index = len(*h)
	*h = append(*h, t)
}
func (h *dueItems[T]) Pop() any {
	old := *h
	t := old[len(old)-1]
	var zero T
	old[len(old)-1] = zero
	t.slot().index = -1
	*h = old[:len(old)-1]
	return t
}
