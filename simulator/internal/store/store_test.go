package store

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

var t0 = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

func msg(account, id, dest, channel, bulk string, status int) *Message {
	return &Message{
		Submission: &Submission{Account: account, MessageID: id, Destination: dest, Channel: channel, BulkID: bulk, AcceptedAt: t0},
		Status:     new(wire.StatusFor(status)),
		Error:      new(wire.NoError()),
		History:    []Event{{At: t0, Channel: channel, Status: new(wire.StatusFor(status)), Note: "accepted"}},
	}
}

// ids lists "account/messageId" of msgs, the shape most assertions need.
func ids(msgs []*Message) []string {
	out := []string{}
	for _, m := range msgs {
		out = append(out, m.Account+"/"+m.MessageID)
	}
	return out
}

// fixture is a store with six messages over two accounts.
func fixture(t *testing.T) *Store {
	t.Helper()
	s := New()
	s.Add(
		msg("a", "m1", "919812345678", RCS, "b1", wire.StatusPendingEnroute),
		msg("a", "m2", "919812345679", SMS, "b1", wire.StatusPendingAccepted),
		msg("b", "m1", "919812345678", SMS, "b2", wire.StatusPendingAccepted),
	)
	delivered := msg("a", "m3", "919812345678", RCS, "", wire.StatusDeliveredToHandset)
	delivered.FinalChannel = SMS
	s.Add(delivered,
		msg("b", "m4", "12", SMS, "", wire.StatusRejectedDestination),
		msg("a", "m5", "+41793026727", SMS, "", wire.StatusPendingAccepted),
	)
	return s
}

func TestAddAssignsSeqAndReturnsCopies(t *testing.T) {
	t.Parallel()
	s := New()
	in := []*Message{msg("a", "x", "1", SMS, "", wire.StatusPendingAccepted), msg("a", "y", "2", SMS, "", wire.StatusPendingAccepted)}
	// Room to grow, as the server gives a history: appends by the store and
	// by a copy's holder would meet in the spare slots if copies shared them.
	in[0].History = append(make([]Event, 0, 4), in[0].History...)
	out := s.Add(in...)
	if got := []uint64{out[0].Seq, out[1].Seq}; !cmp.Equal(got, []uint64{1, 2}) {
		t.Errorf("seqs = %v, want [1 2]", got)
	}
	more := s.Add(msg("a", "z", "3", SMS, "", wire.StatusPendingAccepted))
	if more[0].Seq != 3 {
		t.Errorf("third seq = %d, want 3", more[0].Seq)
	}
	if out[0] == in[0] {
		t.Error("Add returned the message it stored, not a copy")
	}
	// A copy's fields and its appends are its own (its history's elements
	// are shared, read-only: see Message.History).
	out[0].History = append(out[0].History, Event{Note: "appended by the caller"})
	out[0].Status = new(wire.StatusFor(wire.StatusDeliveredToHandset))
	got, _ := s.BySeq(1)
	if len(got.History) != 1 || got.History[0].Note != "accepted" || got.Status.ID != wire.StatusPendingAccepted {
		t.Errorf("changing Add's result changed the store: %+v", got)
	}
	s.Update(1, func(m *Message) { m.History = append(m.History, Event{Note: "appended by the store"}) })
	if len(out[0].History) != 2 || out[0].History[1].Note != "appended by the caller" {
		t.Errorf("the store's append reached a copy: %+v", out[0].History)
	}
	if s.Count() != 3 {
		t.Errorf("Count = %d, want 3", s.Count())
	}
	if len(s.Add()) != 0 {
		t.Error("Add() of nothing returned messages")
	}
}

func TestGet(t *testing.T) {
	t.Parallel()
	s := fixture(t)
	tests := []struct {
		account, id string
		want        string // account/messageId, "" for not found
	}{
		{"a", "m1", "a/m1"},
		{"b", "m1", "b/m1"},
		{"", "m1", "b/m1"}, // the latest with that id, whatever the account
		{"a", "m4", ""},    // m4 belongs to b
		{"", "nope", ""},
		{"c", "m1", ""},
	}
	for _, tt := range tests {
		m, ok := s.Get(tt.account, tt.id)
		got := ""
		if ok {
			got = m.Account + "/" + m.MessageID
		}
		if got != tt.want {
			t.Errorf("Get(%q, %q) = %q, want %q", tt.account, tt.id, got, tt.want)
		}
	}
	m, _ := s.Get("a", "m1")
	m.History = append(m.History, Event{Note: "mine"})
	again, _ := s.Get("a", "m1")
	if len(again.History) != 1 {
		t.Errorf("a caller's append to History reached the store: %d events", len(again.History))
	}
}

func TestListFilter(t *testing.T) {
	t.Parallel()
	s := fixture(t)
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"everything in acceptance order", Filter{}, []string{"a/m1", "a/m2", "b/m1", "a/m3", "b/m4", "a/m5"}},
		{"account", Filter{Account: "b"}, []string{"b/m1", "b/m4"}},
		{"unknown account", Filter{Account: "zz"}, []string{}},
		{"destination without +", Filter{Destination: "919812345678"}, []string{"a/m1", "b/m1", "a/m3"}},
		{"destination with +", Filter{Destination: "+919812345678"}, []string{"a/m1", "b/m1", "a/m3"}},
		{"destination stored with +", Filter{Destination: "41793026727"}, []string{"a/m5"}},
		{"channel RCS", Filter{Channel: "RCS"}, []string{"a/m1", "a/m3"}},
		{"channel case-insensitive", Filter{Channel: "rcs"}, []string{"a/m1", "a/m3"}},
		{"channel matches the final channel", Filter{Channel: "SMS", Account: "a"}, []string{"a/m2", "a/m3", "a/m5"}},
		{"status name", Filter{Status: "PENDING_ACCEPTED"}, []string{"a/m2", "b/m1", "a/m5"}},
		{"status group", Filter{Status: "PENDING"}, []string{"a/m1", "a/m2", "b/m1", "a/m5"}},
		{"status lower case", Filter{Status: "rejected"}, []string{"b/m4"}},
		{"bulk", Filter{BulkID: "b1"}, []string{"a/m1", "a/m2"}},
		{"message id over accounts", Filter{MessageID: "m1"}, []string{"a/m1", "b/m1"}},
		{"message id and account", Filter{MessageID: "m1", Account: "b"}, []string{"b/m1"}},
		{"limit", Filter{Limit: 2}, []string{"a/m1", "a/m2"}},
		{"limit after filtering", Filter{Account: "a", Limit: 3}, []string{"a/m1", "a/m2", "a/m3"}},
		{"limit above count", Filter{Account: "b", Limit: 10}, []string{"b/m1", "b/m4"}},
		{"combined", Filter{Account: "a", Channel: "SMS", Status: "PENDING", Destination: "+919812345679"}, []string{"a/m2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, ids(s.List(tt.f))); diff != "" {
				t.Errorf("List(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

// TestListLimitWithMessageID: Filter.Limit holds for a message-id lookup too.
func TestListLimitWithMessageID(t *testing.T) {
	t.Parallel()
	s := fixture(t)
	if diff := cmp.Diff([]string{"a/m1"}, ids(s.List(Filter{MessageID: "m1", Limit: 1}))); diff != "" {
		t.Errorf("List(MessageID m1, Limit 1) (-want +got):\n%s", diff)
	}
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	s := fixture(t)
	var seen []string
	s.OnChange(func(m *Message) { seen = append(seen, m.MessageID+":"+m.Status.Name) })
	got, ok := s.Update(2, func(m *Message) {
		m.Status = new(wire.StatusFor(wire.StatusDeliveredToHandset))
		m.History = append(m.History, Event{At: t0.Add(time.Second), Status: m.Status, Note: "delivered"})
	})
	if !ok || got.Status.Name != "DELIVERED_TO_HANDSET" || len(got.History) != 2 {
		t.Fatalf("Update = %+v, %v", got, ok)
	}
	stored, _ := s.BySeq(2)
	if diff := cmp.Diff(got, stored); diff != "" {
		t.Errorf("stored differs from Update's result (-update +stored):\n%s", diff)
	}
	if m, _ := s.Get("a", "m2"); m.Status.Name != "DELIVERED_TO_HANDSET" {
		t.Errorf("Get after Update: status %s", m.Status.Name)
	}
	if _, ok := s.Update(99, func(*Message) { t.Error("f called for a missing seq") }); ok {
		t.Error("Update of a missing seq reported ok")
	}
	if diff := cmp.Diff([]string{"m2:DELIVERED_TO_HANDSET"}, seen); diff != "" {
		t.Errorf("OnChange calls (-want +got):\n%s", diff)
	}
	s.Add(msg("a", "m9", "1", SMS, "", wire.StatusPendingAccepted))
	if len(seen) != 2 || seen[1] != "m9:PENDING_ACCEPTED" {
		t.Errorf("OnChange after Add: %v", seen)
	}
}

// TestCopiesAreDeep: readers get copies, so an Update must not reach a copy
// handed out before it: neither its history nor, through Resubmit, the
// submission the copies share.
func TestCopiesAreDeep(t *testing.T) {
	t.Parallel()
	s := New()
	m := msg("a", "x", "1", RCS, "", wire.StatusPendingEnroute)
	m.Failover = &Failover{Sender: "S", Text: "before"}
	m.Request = &Request{Method: "POST", Path: "/p", Body: json.RawMessage(`{"a":1}`)}
	s.Add(m)
	before, _ := s.Get("a", "x")
	s.Update(1, func(m *Message) {
		m.Resubmit().Failover.Text = "after"
		m.Links = append(m.Links, "code")
		m.History = append(m.History, Event{Note: "later"})
	})
	if before.Failover.Text != "before" || len(before.Links) != 0 || len(before.History) != 1 {
		t.Errorf("a copy from before the Update shows failover text %q, links %v, %d events; want %q, none, 1", before.Failover.Text, before.Links, len(before.History), "before")
	}
	if after, _ := s.Get("a", "x"); after.Failover.Text != "after" || len(after.Links) != 1 || len(after.History) != 2 {
		t.Errorf("after the Update: failover text %q, links %v, %d events; want %q, [code], 2", after.Failover.Text, after.Links, len(after.History), "after")
	}
}

func TestReset(t *testing.T) {
	t.Parallel()
	t.Run("one account", func(t *testing.T) {
		t.Parallel()
		s := fixture(t)
		if n := s.Reset("a"); n != 4 {
			t.Errorf("Reset(a) = %d, want 4", n)
		}
		if diff := cmp.Diff([]string{"b/m1", "b/m4"}, ids(s.List(Filter{}))); diff != "" {
			t.Errorf("after Reset(a) (-want +got):\n%s", diff)
		}
		if _, ok := s.Get("", "m3"); ok {
			t.Error("Get finds a removed message")
		}
		if m, ok := s.Get("", "m1"); !ok || m.Account != "b" {
			t.Errorf("Get(\"\", m1) = %v, %v; want b's m1", m, ok)
		}
		if _, ok := s.BySeq(3); !ok {
			t.Error("BySeq(3) of a kept message failed")
		}
		if _, ok := s.Update(1, func(*Message) {}); ok {
			t.Error("Update of a removed message reported ok")
		}
		if n := s.Reset("a"); n != 0 {
			t.Errorf("second Reset(a) = %d, want 0", n)
		}
		added := s.Add(msg("a", "new", "1", SMS, "", wire.StatusPendingAccepted))
		if added[0].Seq != 7 {
			t.Errorf("seq after Reset = %d, want 7 (never reused)", added[0].Seq)
		}
		if s.Count() != 3 {
			t.Errorf("Count = %d, want 3", s.Count())
		}
	})
	t.Run("all", func(t *testing.T) {
		t.Parallel()
		s := fixture(t)
		if n := s.Reset(""); n != 6 {
			t.Errorf("Reset(\"\") = %d, want 6", n)
		}
		if s.Count() != 0 || len(s.List(Filter{})) != 0 {
			t.Errorf("store not empty after Reset(\"\")")
		}
		if _, ok := s.Get("", "m1"); ok {
			t.Error("Get finds a message after Reset(\"\")")
		}
		if added := s.Add(msg("a", "m1", "1", SMS, "", wire.StatusPendingAccepted)); added[0].Seq != 7 {
			t.Errorf("seq after Reset = %d, want 7", added[0].Seq)
		}
		if _, ok := s.Get("a", "m1"); !ok {
			t.Error("Get misses a message added after Reset")
		}
	})
}

func TestDurationJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(struct {
		V Duration `json:"v"`
	}{Duration(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"v":"48h0m0s"}` {
		t.Errorf("got %s", b)
	}
}

// TestConcurrent is for -race: writers add and update while readers list and get.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	s := New()
	var changes sync.WaitGroup
	var mu sync.Mutex
	n := 0
	s.OnChange(func(*Message) { mu.Lock(); n++; mu.Unlock() })
	const writers, each = 8, 200
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				out := s.Add(msg(fmt.Sprintf("acc%d", w%2), fmt.Sprintf("w%d-%d", w, i), "919812345678", SMS, "", wire.StatusPendingAccepted))
				s.Update(out[0].Seq, func(m *Message) {
					m.Status = new(wire.StatusFor(wire.StatusDeliveredToHandset))
					m.History = append(m.History, Event{Note: "delivered"})
				})
			}
		}()
	}
	stop := make(chan struct{})
	for range 4 {
		changes.Add(1)
		go func() {
			defer changes.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, m := range s.List(Filter{Account: "acc1", Status: "DELIVERED", Limit: 50}) {
					_ = len(m.History)
					_, _ = s.Get(m.Account, m.MessageID)
					_, _ = s.BySeq(m.Seq)
				}
				_ = s.Count()
			}
		}()
	}
	wg.Wait()
	close(stop)
	changes.Wait()
	if got := s.Count(); got != writers*each {
		t.Errorf("Count = %d, want %d", got, writers*each)
	}
	all := s.List(Filter{})
	for i, m := range all {
		if m.Seq != uint64(i+1) {
			t.Fatalf("message %d has seq %d: seqs are not dense and ordered", i, m.Seq)
		}
		if m.Status.Name != "DELIVERED_TO_HANDSET" || len(m.History) != 2 {
			t.Fatalf("message %s: status %s, %d events", m.MessageID, m.Status.Name, len(m.History))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if n != 2*writers*each {
		t.Errorf("OnChange called %d times, want %d", n, 2*writers*each)
	}
}

func TestStoreForgetsTheOldestBeyondItsCap(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetMax(10)
	for i := 0; i < 25; i++ {
		s.Add(&Message{Submission: &Submission{MessageID: fmt.Sprintf("m%d", i)}})
	}
	if n := s.Count(); n > 10 || n < 9 {
		t.Fatalf("%d messages kept, want at most 10", n)
	}
	if _, ok := s.Get("", "m0"); ok {
		t.Fatal("the oldest message is still there")
	}
	if _, ok := s.Get("", "m24"); !ok {
		t.Fatal("the newest message is gone")
	}
	if got := s.List(Filter{}); got[len(got)-1].MessageID != "m24" {
		t.Fatalf("order lost: %v", got[len(got)-1].MessageID)
	}
}

// TestEvictionWaitsWhileMessagesAreBusy: when the messages beyond the cap
// cannot be forgotten yet (their lifecycle runs behind a fast campaign),
// the store does not rescan itself on every Add, and as they finish it
// forgets the oldest, back to its cap, without waiting for another send.
func TestEvictionWaitsWhileMessagesAreBusy(t *testing.T) {
	t.Parallel()
	s := New()
	const limit = 100
	s.SetMax(limit)
	busy := true
	checks := 0
	s.SetEvictable(func(m *Message) bool { checks++; return !busy })
	for i := 0; i < 300; i++ {
		s.Add(&Message{Submission: &Submission{MessageID: fmt.Sprintf("m%d", i)}})
	}
	if n := s.Count(); n != 300 {
		t.Fatalf("%d messages kept while all were busy, want all 300", n)
	}
	// Scanning on every Add beyond the cap would check about 200*200
	// messages; one scan per tenth of the cap checks a few thousand.
	if checks > 5000 {
		t.Errorf("%d evictable checks for 200 adds beyond the cap: the store rescans on every Add", checks)
	}
	// The campaign is over: its messages finish, and with no further send
	// the store comes back to its cap as they do.
	busy = false
	for seq := uint64(1); seq <= 300; seq++ {
		s.Update(seq, func(m *Message) { m.DoneAt = t0 })
	}
	if n := s.Count(); n > limit {
		t.Errorf("%d messages kept once all had finished, want at most %d", n, limit)
	}
	if _, ok := s.Get("", "m0"); ok {
		t.Error("the oldest message is still there")
	}
	if got := s.List(Filter{}); len(got) == 0 || got[len(got)-1].MessageID != "m299" {
		t.Errorf("the newest message is not last")
	}
}

// TestStartingMessagesAreNotEvicted: a message final at acceptance, added
// while the store is over its cap with busy messages, is kept until its
// lifecycle has started, even by the eviction its own Add runs.
func TestStartingMessagesAreNotEvicted(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetMax(10)
	for i := 0; i < 20; i++ {
		s.Add(msg("a", fmt.Sprintf("busy%d", i), "1", SMS, "", wire.StatusPendingEnroute))
	}
	final := msg("a", "rejected", "1", SMS, "", wire.StatusRejectedNetwork)
	final.DoneAt = t0
	out := s.AddStarting(final)
	if _, ok := s.BySeq(out[0].Seq); !ok {
		t.Fatal("a message final at acceptance was evicted before its lifecycle started")
	}
	s.Started(out[0].Seq)
	for i := 0; i < 20; i++ { // enough arrivals for the store to scan again
		s.Add(msg("a", fmt.Sprintf("more%d", i), "1", SMS, "", wire.StatusPendingEnroute))
	}
	if _, ok := s.BySeq(out[0].Seq); ok {
		t.Error("once started, the final message was never evicted")
	}
}

// TestAgeEvictionIsNotHeldBack: after a scan that found too few messages
// it could forget, the store waits before scanning for the cap again, but
// messages past their age still go at the next Add.
func TestAgeEvictionIsNotHeldBack(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetMax(100)
	now := t0
	s.SetMaxAge(time.Hour, func() time.Time { return now })
	busy := true
	s.SetEvictable(func(m *Message) bool { return !busy })
	for i := 0; i < 150; i++ { // over the cap, all busy: a fruitless scan
		s.Add(msg("a", fmt.Sprintf("m%d", i), "1", SMS, "", wire.StatusPendingEnroute))
	}
	s.mu.Lock()
	s.scanWait, s.sinceScan = 1000, 0 // as just after a fruitless scan
	s.mu.Unlock()
	busy = false
	now = t0.Add(2 * time.Hour)
	young := msg("a", "young", "1", SMS, "", wire.StatusPendingEnroute)
	young.AcceptedAt = now
	s.Add(young)
	if n := s.Count(); n != 1 {
		t.Errorf("%d messages kept two hours on with a one-hour age limit, want only the new one", n)
	}
}
