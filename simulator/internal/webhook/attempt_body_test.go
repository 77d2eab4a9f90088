package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// TestAttemptKeepsTheBodyAsSent: each attempt carries the body it POSTed,
// whole when small, cut to MaxAttemptBody (and flagged) when large.
func TestAttemptKeepsTheBodyAsSent(t *testing.T) {
	t.Parallel()
	s := &sink{}
	srv := httptest.NewServer(s)
	defer srv.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: DefaultPolicy(), Workers: 1})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)

	d.Enqueue(item(srv.URL, "small"))
	fake.Advance(0)
	a := wait(t, 1)[0]
	if a.Outcome != "delivered" || a.Body != `{"results":[{"id":"small"}]}` || a.BodyTruncated {
		t.Fatalf("small attempt: %+v", a)
	}

	// A Single body of 10 KB with multi-byte runes: the kept part is a valid
	// UTF-8 prefix of what was sent, no longer than the bound.
	big := `{"text":"` + strings.Repeat("é", 5000) + `"}`
	d.Enqueue(Item{Account: "acc", URL: srv.URL, Kind: "inbound", Shape: Single, MessageID: "big", Result: json.RawMessage(big)})
	fake.Advance(0)
	a = wait(t, 2)[1]
	if !a.BodyTruncated || len(a.Body) > MaxAttemptBody || len(a.Body) < MaxAttemptBody-3 || !strings.HasPrefix(big, a.Body) || !utf8.ValidString(a.Body) {
		t.Fatalf("big attempt: truncated=%v len=%d valid=%v", a.BodyTruncated, len(a.Body), utf8.ValidString(a.Body))
	}
}

// TestRedeliverBatchRequeuesOnlyThatBatch: a failed batch is named by its id;
// redelivering it leaves the others failed, and ids of another account, of
// no batch, or of a batch with no URL are refused.
func TestRedeliverBatchRequeuesOnlyThatBatch(t *testing.T) {
	t.Parallel()
	s1, s2 := &sink{script: []int{500}}, &sink{script: []int{500}}
	srv1, srv2 := httptest.NewServer(s1), httptest.NewServer(s2)
	defer srv1.Close()
	defer srv2.Close()
	fake := clock.NewFake(time.Unix(0, 0))
	d := New(Options{Clock: fake, Policy: Policy{Base: time.Second, MaxAttempts: 1}})
	defer d.Close(context.Background())
	wait := attemptWaiter(d)
	d.Enqueue(item(srv1.URL, "one"), item(srv2.URL, "two"))
	fake.Advance(0)
	wait(t, 2)
	failed := d.Failed("acc")
	if len(failed) != 2 || failed[0].ID == "" || failed[0].ID == failed[1].ID {
		t.Fatalf("failed batches: %+v", failed)
	}
	var one, two Failed
	for _, f := range failed {
		if f.Items[0].MessageID == "one" {
			one = f
		} else {
			two = f
		}
	}
	if _, err := d.RedeliverBatch("other", one.ID); !errors.Is(err, ErrNoFailedBatch) {
		t.Fatalf("another account's redelivery: %v", err)
	}
	if _, err := d.RedeliverBatch("acc", "fb-999"); !errors.Is(err, ErrNoFailedBatch) {
		t.Fatalf("unknown id: %v", err)
	}
	n, err := d.RedeliverBatch("acc", one.ID)
	if err != nil || n != 1 {
		t.Fatalf("redeliver %s: %d %v", one.ID, n, err)
	}
	fake.Advance(0)
	if a := wait(t, 3)[2]; a.Outcome != "delivered" || a.MessageIDs[0] != "one" {
		t.Fatalf("redelivery: %+v", a)
	}
	if left := d.Failed("acc"); len(left) != 1 || left[0].ID != two.ID {
		t.Fatalf("left failed: %+v", left)
	}

	d.Park([]Item{item("", "nowhere")}, "no URL", fake.Now())
	parked := d.Failed("acc")[1]
	if _, err := d.RedeliverBatch("acc", parked.ID); !errors.Is(err, ErrNowhereToSend) {
		t.Fatalf("parked batch: %v", err)
	}
	if len(d.Failed("acc")) != 2 {
		t.Fatalf("the parked batch must stay: %+v", d.Failed("acc"))
	}
}
