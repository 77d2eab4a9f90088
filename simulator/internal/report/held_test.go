package report

import (
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
			CallbackData: "cb", EntityID: "e1", ApplicationID: "a1", CampaignReferenceID: "c1"}
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
		want, err := json.Marshal(Pull(r))
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(Hold(r, &tc.st, &tc.err))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: held report renders\n%s\nwant\n%s", tc.name, got, want)
		}
	}
}
