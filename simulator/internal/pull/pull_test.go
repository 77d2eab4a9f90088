package pull

import (
	"fmt"
	"testing"
	"time"
)

func TestTakeOnceInOrderWithRetention(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(0, 0)
	var q Queue
	q.Put(Entry{Family: "sms/3", At: t0, Keys: &Keys{Account: "a", MessageID: "old"}})
	for i, id := range []string{"m1", "m2", "m3"} {
		q.Put(Entry{Family: "sms/3", At: t0.Add(time.Duration(47+i) * time.Hour), Keys: &Keys{Account: "a", MessageID: id, BulkID: "b"}})
	}
	q.Put(Entry{Family: "sms/3", At: t0.Add(48 * time.Hour), Keys: &Keys{Account: "b", MessageID: "other-account"}})
	q.Put(Entry{Family: "rcs/2", At: t0.Add(48 * time.Hour), Keys: &Keys{Account: "a", MessageID: "other-family"}})
	now := t0.Add(49 * time.Hour)
	got, remaining := q.Take("a", "sms/3", Filter{BulkID: "b"}, 2, now, 48*time.Hour)
	if len(got) != 2 || got[0].keys().MessageID != "m1" || got[1].keys().MessageID != "m2" || remaining != 1 {
		t.Fatalf("first take: %+v remaining %d", got, remaining)
	}
	got, remaining = q.Take("a", "sms/3", Filter{}, 50, now, 48*time.Hour)
	if len(got) != 1 || got[0].keys().MessageID != "m3" || remaining != 0 {
		t.Fatalf("second take: %+v (the 49-hour-old report must be gone)", got)
	}
	if q.Len("", "") != 2 {
		t.Fatalf("other accounts and families untouched: %d left", q.Len("", ""))
	}
	q.Reset("b")
	if q.Len("b", "") != 0 || q.Len("a", "") != 1 {
		t.Fatal("reset")
	}
}

// At the cap each Put drops the oldest: the newest Max entries stay, in
// order, and the drops are counted.
func TestPutAtCapKeepsNewest(t *testing.T) {
	q := &Queue{Max: 3}
	for i := 0; i < 10; i++ {
		q.Put(Entry{Family: "sms/3", Keys: &Keys{Account: "a", MessageID: string(rune('a' + i))}})
	}
	got, _ := q.Take("a", "sms/3", Filter{}, 10, time.Time{}, 0)
	var ids string
	for _, e := range got {
		ids += e.keys().MessageID
	}
	if ids != "hij" || q.Dropped() != 7 {
		t.Errorf("kept %q, dropped %d; want \"hij\" and 7", ids, q.Dropped())
	}
}

// BenchmarkPutAtCap is a long campaign nobody pulls: every Put drops one.
func BenchmarkPutAtCap(b *testing.B) {
	q := &Queue{Max: 200_000}
	keys := &Keys{Account: "a"}
	for i := 0; i < 200_000; i++ {
		q.Put(Entry{Keys: keys})
	}
	b.ResetTimer()
	for range b.N {
		q.Put(Entry{Keys: keys})
	}
}

// TestFullQueueSlides: at its cap the queue keeps the newest entries, in
// order, however many times its window has moved back to the start of its
// array, and a Take in between leaves it consistent.
func TestFullQueueSlides(t *testing.T) {
	t.Parallel()
	const limit = 7
	q := &Queue{Max: limit}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	put := func(i int) { q.Put(Entry{Family: "f", At: now, Keys: &Keys{Account: "a", MessageID: fmt.Sprint(i)}}) }
	for i := 0; i < 5*limit+3; i++ {
		put(i)
	}
	got, rest := q.Take("a", "f", Filter{MessageID: "36"}, 10, now, 0)
	if len(got) != 1 || rest != 0 {
		t.Fatalf("took %d (%d left) of message 36, want 1", len(got), rest)
	}
	for i := 5*limit + 3; i < 9*limit; i++ {
		put(i)
	}
	all, _ := q.Take("a", "f", Filter{}, 100, now, 0)
	var ids []string
	for _, e := range all {
		ids = append(ids, e.keys().MessageID)
	}
	want := []string{"56", "57", "58", "59", "60", "61", "62"}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("queue holds %v, want the newest %v", ids, want)
	}
	if d := q.Dropped(); d != 9*limit-limit-1 {
		t.Errorf("dropped %d, want %d", d, 9*limit-limit-1)
	}
}
