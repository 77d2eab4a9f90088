package simulator_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func TestNextInWindow(t *testing.T) {
	t.Parallel()
	// 2026-01-02 is a Friday.
	fri10 := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	tod := func(h, m int) *wire.TimeOfDay { return &wire.TimeOfDay{Hour: h, Minute: m} }
	cases := []struct {
		name string
		w    *wire.DeliveryTimeWindow
		want time.Time
	}{
		{"no window", nil, fri10},
		{"inside", &wire.DeliveryTimeWindow{Days: []string{"FRIDAY"}, From: tod(9, 0), To: tod(17, 0)}, fri10},
		{"before it opens", &wire.DeliveryTimeWindow{Days: []string{"FRIDAY"}, From: tod(12, 30), To: tod(17, 0)}, fri10.Add(150 * time.Minute)},
		{"after it closed: next Monday", &wire.DeliveryTimeWindow{Days: []string{"MONDAY", "FRIDAY"}, From: tod(6, 0), To: tod(9, 0)}, time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)},
		{"whole days", &wire.DeliveryTimeWindow{Days: []string{"SUNDAY"}}, time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)},
		{"overnight window still open from Thursday", &wire.DeliveryTimeWindow{Days: []string{"THURSDAY"}, From: tod(22, 0), To: tod(11, 0)}, fri10},
	}
	for _, c := range cases {
		if got := lifecycle.NextInWindow(fri10, c.w); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestWindowAndSpeedLimitHoldMessages: a message outside its delivery window
// waits for it; a speed limit spaces a bulk's messages.
func TestWindowAndSpeedLimitHoldMessages(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t) // Friday 10:00 UTC
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "S",
		"destinations": []any{map[string]any{"to": "447700900001", "messageId": "windowed"}}, "content": map[string]any{"text": "x"},
		"options": map[string]any{"deliveryTimeWindow": map[string]any{"days": []any{"FRIDAY"}, "from": map[string]any{"hour": 14, "minute": 0}, "to": map[string]any{"hour": 16, "minute": 0}}}}}})
	lcPost(t, ts, "/sms/2/text/advanced", map[string]any{"messages": []any{map[string]any{"from": "S", "text": "x",
		"destinations": []any{map[string]any{"to": "447700900002", "messageId": "s0"}, map[string]any{"to": "447700900003", "messageId": "s1"}, map[string]any{"to": "447700900004", "messageId": "s2"}}}},
		"sendingSpeedLimit": map[string]any{"amount": 2, "timeUnit": "MINUTE"}})
	ts.Sim.Advance(5 * time.Hour)
	done := map[string]time.Duration{}
	for _, id := range []string{"windowed", "s0", "s1", "s2"} {
		m, _ := ts.Sim.Message("", id)
		done[id] = m.DoneAt.Sub(simtest.Start())
	}
	ms := 300 * time.Millisecond
	want := map[string]time.Duration{"windowed": 4*time.Hour + ms, "s0": ms, "s1": 30*time.Second + ms, "s2": time.Minute + ms}
	if diff := cmp.Diff(want, done); diff != "" {
		t.Fatalf("delivered after (-want +got):\n%s", diff)
	}
}

// TestDuplicateClientMessageIDs: reusing a messageId within an account fails
// the new message with REJECTED_DUPLICATE_MESSAGE_ID; another account may use
// it; WithDuplicateMessageIDs allows reuse.
func TestDuplicateClientMessageIDs(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	send := func(ts *simtest.Server, to string) {
		lcPost(t, ts, "/ott/rcs/1/message", map[string]any{"from": "A", "to": to, "messageId": "same", "content": map[string]any{"type": "TEXT", "text": "x"}})
	}
	send(ts, "919999000001")
	send(ts, "919999000002")
	ts.Sim.Advance(time.Second)
	got := map[string]string{}
	for _, m := range ts.Sim.Messages(simulator.MessageFilter{MessageID: "same"}) {
		got[m.Destination] = m.Status.Name
	}
	if diff := cmp.Diff(map[string]string{"919999000001": "DELIVERED_TO_HANDSET", "919999000002": "REJECTED_DUPLICATE_MESSAGE_ID"}, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	relaxed := simtest.NewServer(t, simulator.WithDuplicateMessageIDs())
	send(relaxed, "919999000001")
	send(relaxed, "919999000002")
	relaxed.Sim.Advance(time.Second)
	for _, m := range relaxed.Sim.Messages(simulator.MessageFilter{MessageID: "same"}) {
		if m.Status.Name != "DELIVERED_TO_HANDSET" {
			t.Fatalf("with duplicates allowed: %s %s", m.Destination, m.Status.Name)
		}
	}
}
