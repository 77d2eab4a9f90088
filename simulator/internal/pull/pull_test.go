package pull

import (
	"testing"
	"time"
)

func TestTakeOnceInOrderWithRetention(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(0, 0)
	var q Queue
	q.Put(Entry{Account: "a", Family: "sms/3", MessageID: "old", At: t0})
	for i, id := range []string{"m1", "m2", "m3"} {
		q.Put(Entry{Account: "a", Family: "sms/3", MessageID: id, BulkID: "b", At: t0.Add(time.Duration(47+i) * time.Hour)})
	}
	q.Put(Entry{Account: "b", Family: "sms/3", MessageID: "other-account", At: t0.Add(48 * time.Hour)})
	q.Put(Entry{Account: "a", Family: "rcs/2", MessageID: "other-family", At: t0.Add(48 * time.Hour)})
	now := t0.Add(49 * time.Hour)
	got, remaining := q.Take("a", "sms/3", Filter{BulkID: "b"}, 2, now, 48*time.Hour)
	if len(got) != 2 || got[0].MessageID != "m1" || got[1].MessageID != "m2" || remaining != 1 {
		t.Fatalf("first take: %+v remaining %d", got, remaining)
	}
	got, remaining = q.Take("a", "sms/3", Filter{}, 50, now, 48*time.Hour)
	if len(got) != 1 || got[0].MessageID != "m3" || remaining != 0 {
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
