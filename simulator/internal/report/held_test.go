package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// TestHeldRendersAsPull: a held report, rendered when pulled, is byte for
// byte the body rendering it at once gave, for every API and leg.
func TestHeldRendersAsPull(t *testing.T) {
	t0 := time.Date(2026, 3, 4, 5, 6, 7, 8_000_000, time.UTC)
	sub := func(api, channel string) *store.Submission {
		return &store.Submission{API: api, Channel: channel, MessageID: "m-" + api, BulkID: "b1", Sender: "Agent",
			Destination: "919999000001", ContentType: wire.ContentText, Text: "Hello", Content: json.RawMessage(`{"type":"TEXT","text":"Hello"}`),
			CallbackData: "a=1&b=<2>", Extras: &store.Extras{EntityID: "e1", ApplicationID: "a1", CampaignReferenceID: "c1"}}
	}
	withFailover := sub(store.APIRCSv2, store.RCS)
	withFailover.Failover = &store.Failover{Sender: "SMSHDR", Text: "Hello by SMS"}
	rich := sub(store.APIRCSv1, store.RCS)
	rich.Content = json.RawMessage(`{"type":"TEXT","text":"Hello","suggestions":[{"type":"REPLY","text":"Hi","postbackData":"hi"}]}`)
	delivered := wire.StatusFor(wire.StatusDeliveredToHandset)
	undeliverable := wire.StatusFor(wire.StatusUndeliverableNotDelivered)
	cases := []struct {
		name string
		sub  *store.Submission
		leg  string
		st   wire.Status
		err  wire.Error
	}{
		{"sms v2", sub(store.APISMSv2, store.SMS), store.SMS, delivered, wire.NoError()},
		{"sms v3", sub(store.APISMSv3, store.SMS), store.SMS, delivered, wire.NoError()},
		{"messages api", sub(store.APIMessages, store.RCS), store.RCS, delivered, wire.NoError()},
		{"rcs v1 rich", rich, store.RCS, delivered, wire.NoError()},
		{"rcs v2 basic, not delivered", sub(store.APIRCSv2, store.RCS), store.RCS, undeliverable, wire.ErrorFor(wire.ErrUnknownUser)},
		{"rcs fallback leg", withFailover, store.SMS, delivered, wire.NoError()},
	}
	for _, tc := range cases {
		r := lifecycle.Report{Step: lifecycle.StepFinal, Message: &store.Message{Seq: 7, Submission: tc.sub, Status: &tc.st, Error: &tc.err},
			Channel: tc.leg, Status: tc.st, Error: tc.err, Sender: "Agent", Parts: 2, SentAt: t0, DoneAt: t0.Add(3 * time.Second)}
		// Both ways a body is written: an answer (the server's encoder,
		// HTML left as it is) and json.Marshal (the database).
		for _, escape := range []bool{false, true} {
			want, got := encode(t, Pull(r), escape), encode(t, Hold(r, &tc.st, &tc.err), escape)
			if got != want {
				t.Errorf("%s (escape HTML %v): held report renders\n%s\nwant\n%s", tc.name, escape, got, want)
			}
		}
	}
}

func encode(t *testing.T, v any, escapeHTML bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
