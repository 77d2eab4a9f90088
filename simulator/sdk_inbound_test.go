package simulator_test

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	rcsmodels "github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/rcs"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestSDKDecodesInboundAndEvents decodes every RCS inbound and event body the
// simulator posts into the official Go SDK's own models (v3.2.0: InboundMessages,
// InboundEvents, IsTypingEvents) and checks the fields arrive set. The SDK
// has no model for conversation-started events; the schema test covers those.
func TestSDKDecodesInboundAndEvents(t *testing.T) {
	t.Parallel()
	sink := &pathSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"platform":   map[string]any{"entityId": "ent-1", "applicationId": "app-1"},
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL + "/mo", "format": "MO_OTT_MSISDN"}})
	putSettings(t, ts, map[string]any{"inboundEvents": map[string]any{"suggestionsAsEvents": true, "typingIndicators": true, "url": hook.URL + "/events"}})
	id := sendV1(t, ts, map[string]any{"from": "DemoAgent", "to": "919999000001", "callbackData": "cb-1", "content": map[string]any{
		"type": "TEXT", "text": "Pick", "suggestions": []any{map[string]any{"type": "REPLY", "text": "Yes", "postbackData": "yes"}}}})
	lat, lng := 19.07, 72.87
	for _, in := range []simulator.InboundMessage{
		{From: "919999000001", To: "DemoAgent", Text: "Hello"},
		{From: "919999000001", To: "DemoAgent", Type: "FILE", File: &simulator.InboundFile{URL: "https://example.test/a.pdf", ContentType: "application/pdf", Size: 10}},
		{From: "919999000001", To: "DemoAgent", Type: "LOCATION", Latitude: &lat, Longitude: &lng},
		{From: "919999000001", To: "DemoAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{PostbackData: "yes"}},
		{From: "919999000001", To: "DemoAgent", Type: "TYPING_INDICATOR"},
	} {
		if _, err := ts.Sim.Inbound(simtest.APIKey, in); err != nil {
			t.Fatalf("%+v: %v", in, err)
		}
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 3)

	type view struct {
		Sender, To, Integration, Paired, CallbackData, Kind string
	}
	var got []view
	for _, b := range sink.bodies("/mo") {
		var probe struct {
			Results []struct {
				InteractionType string `json:"interactionType"`
			} `json:"results"`
		}
		_ = json.Unmarshal(b, &probe)
		if len(probe.Results) > 0 && probe.Results[0].InteractionType == "EVENT" {
			var ev rcsmodels.InboundEvents
			if err := json.Unmarshal(b, &ev); err != nil {
				t.Fatalf("SDK InboundEvents: %v\n%s", err, b)
			}
			for _, r := range ev.GetResults() {
				s := r.Message.InboundSuggestionContent
				if s == nil || s.GetPostbackData() != "yes" || s.GetText() != "Yes" {
					t.Errorf("SDK event content %+v", r.Message)
				}
				got = append(got, view{r.GetSender(), r.GetTo(), r.GetIntegrationType(), r.GetPairedMessageId(), r.GetCallbackData(), "event"})
			}
			continue
		}
		var msgs rcsmodels.InboundMessages
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("SDK InboundMessages: %v\n%s", err, b)
		}
		for _, r := range msgs.GetResults() {
			kind := ""
			switch c := r.Message; {
			case c.InboundTextContent != nil && c.InboundTextContent.GetText() == "Hello":
				kind = "text"
			case c.InboundFileContent != nil && c.InboundFileContent.GetUrl() == "https://example.test/a.pdf" && c.InboundFileContent.GetSize() == 10:
				kind = "file"
			case c.InboundLocationContent != nil && c.InboundLocationContent.GetLatitude() == lat:
				kind = "location"
			}
			if r.Price.GetCurrency() == "" {
				t.Errorf("SDK price %+v", r.Price)
			}
			got = append(got, view{r.GetSender(), r.GetTo(), r.GetIntegrationType(), r.GetPairedMessageId(), r.GetCallbackData(), kind})
		}
	}
	for _, b := range sink.bodies("/events") {
		var typing rcsmodels.IsTypingEvents
		if err := json.Unmarshal(b, &typing); err != nil {
			t.Fatalf("SDK IsTypingEvents: %v\n%s", err, b)
		}
		for _, r := range typing.GetResults() {
			if r.GetEntityId() != "ent-1" || r.GetApplicationId() != "app-1" || r.GetReceivedAt() == "" {
				t.Errorf("SDK typing event %+v", r)
			}
			got = append(got, view{r.GetSender(), r.GetTo(), "", "", "", string(r.Event.GetType())})
		}
	}
	want := []view{
		{"919999000001", "DemoAgent", "RCS", id, "cb-1", "text"},
		{"919999000001", "DemoAgent", "RCS", id, "cb-1", "file"},
		{"919999000001", "DemoAgent", "RCS", id, "cb-1", "location"},
		{"919999000001", "DemoAgent", "RCS", id, "cb-1", "event"},
		{"919999000001", "DemoAgent", "", "", "", "TYPING_INDICATOR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("SDK view (-want +got):\n%s", diff)
	}
}
