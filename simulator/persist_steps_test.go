package simulator_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// A durable simulator stopped between any two steps of a message's life
// resumes them on its next start: every message of the number plan ends as
// it would have without the restarts, and each final report waits for the
// pull endpoint exactly once.
func TestLifecycleResumesAcrossRestarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	open := func() *simtest.Server { return simtest.NewServer(t, simulator.WithDataDir(dir)) }
	ts := open()

	type msg struct {
		id        string
		r, s      int
		failover  bool
		triggered bool
	}
	var msgs []msg
	hour := map[string]any{"amount": 1, "timeUnit": "HOURS"}
	for r := 0; r <= 9; r++ {
		for s := 0; s <= 5; s++ {
			for _, fo := range []bool{false, true} {
				m := msg{id: fmt.Sprintf("resume-%d-%d-%v", r, s, fo), r: r, s: s, failover: fo, triggered: fo}
				msgs = append(msgs, m)
				body := map[string]any{"sender": "Agent", "destinations": []any{map[string]any{"to": fmt.Sprintf("919999%d%d%04d", r, s, len(msgs)), "messageId": m.id}},
					"content":  map[string]any{"type": "TEXT", "text": "Hello"},
					"webhooks": map[string]any{"delivery": map[string]any{"receiveTriggeredFailoverReports": m.triggered}},
					"options":  map[string]any{"validityPeriod": hour}}
				if fo {
					body["options"] = map[string]any{"validityPeriod": hour, "smsFailover": map[string]any{"sender": "BRAND", "text": "Hello by SMS", "validityPeriod": hour}}
				}
				if status, b := lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{body}}); status != http.StatusOK {
					t.Fatalf("send %s: %d %s", m.id, status, b)
				}
			}
		}
	}
	// Stop before anything ran, then after each step boundary: the RCS leg,
	// its outcome, the fallback's outcome, the expiries an hour apart, the
	// R=5 user's seen report and reply.
	for i, d := range []time.Duration{0, 0, 300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond, time.Second, time.Second, time.Hour, time.Hour, time.Hour} {
		if _, err := ts.Sim.Advance(d); err != nil {
			t.Fatal(err)
		}
		if err := ts.Sim.Close(ctx); err != nil {
			t.Fatalf("close %d: %v", i, err)
		}
		ts = open()
	}
	if n := ts.Sim.PendingSteps(); n != 0 {
		t.Errorf("%d lifecycle steps still pending after every validity ran out", n)
	}
	for _, m := range msgs {
		want := expectedOutcome(m.r, m.s, m.failover, "TEXT")
		got, ok := ts.Sim.Message("", m.id)
		if !ok {
			t.Fatalf("%s: lost", m.id)
		}
		if diff := cmp.Diff(want, outcome{got.FinalChannel, got.Status.ID, got.Error.ID}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", m.id, diff)
		}
	}
	byID := map[string]int{}
	for _, r := range pullAllRCSReports(t, ts) {
		byID[r.MessageID]++
	}
	for _, m := range msgs {
		want := 1
		if m.triggered && expectedOutcome(m.r, m.s, m.failover, "TEXT").Channel == "SMS" {
			want = 2
		}
		if byID[m.id] != want {
			t.Errorf("%s: %d reports to pull, want %d", m.id, byID[m.id], want)
		}
	}
	// R=5 users saw their messages and replied after a restart too.
	seen := 0
	for _, m := range msgs {
		if m.r != 5 {
			continue
		}
		got, _ := ts.Sim.Message("", m.id)
		for _, h := range got.History {
			if h.Note == "seen by the user" {
				seen++
			}
		}
	}
	if want := 12; seen != want {
		t.Errorf("%d R=5 messages seen, want %d", seen, want)
	}
}

// An account's own RCS senders (their go-live phase) and templates are part
// of its set-up: a durable simulator has them back after a restart.
func TestSendersAndTemplatesSurviveARestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	first := simtest.NewServer(t, simulator.WithDataDir(dir))
	first.Sim.SetSenderPhase(simtest.APIKey, "DemoAgent", false, []string{"919999000001"})
	create := `{"templateName":"otp_kept","providers":["JIO"],"content":{"type":"TEXT","text":"Your code is {{code}}"}}`
	if status, out := mgmtDo(t, first, "POST", "/rcs/1/senders/DemoAgent/templates", create); status != http.StatusOK {
		t.Fatalf("create template: %d %s", status, out)
	}
	if _, err := first.Sim.Advance(time.Minute); err != nil { // the review approves it
		t.Fatal(err)
	}
	if err := first.Sim.Close(ctx); err != nil {
		t.Fatal(err)
	}
	second := simtest.NewServer(t, simulator.WithDataDir(dir))
	got := second.Sim.Export(simtest.APIKey)
	if len(got.Senders) != 1 || got.Senders[0].Name != "DemoAgent" || got.Senders[0].Status == "" || len(got.Senders[0].TestNumbers) != 1 {
		t.Errorf("senders after restart: %+v", got.Senders)
	}
	status, out := mgmtDo(t, second, "GET", "/rcs/1/senders/DemoAgent/templates/otp_kept", "")
	if status != http.StatusOK || !strings.Contains(string(out), `"APPROVED"`) {
		t.Errorf("template after restart: %d %s", status, out)
	}
}
