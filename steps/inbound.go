package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/cucumber/godog"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

// forwardsReplies configures the sender's inbound forwarding through the real
// API (POST /resource-management/1/inbound-message-configurations).
func (w *World) forwardsReplies(ctx context.Context, sender, name, format string) error {
	body := map[string]any{"channel": "RCS", "resource": sender,
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": w.sink.URL(w.ns, name), "format": format}}
	if err := w.postJSON(ctx, "/resource-management/1/inbound-message-configurations", body, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("configuring forwarding answered HTTP %d: %s", w.lastStatus, w.lastResp)
	}
	return nil
}

func (w *World) forwardsInboundSMS(ctx context.Context, number, name string) error {
	body := map[string]any{"channel": "SMS", "number": number,
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": w.sink.URL(w.ns, name), "format": "MO_JSON_2"}}
	if err := w.postJSON(ctx, "/resource-management/1/inbound-message-configurations", body, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("configuring forwarding answered HTTP %d: %s", w.lastStatus, w.lastResp)
	}
	return nil
}

// user injects the user's action, answering the scenario's message.
func (w *World) user(ctx context.Context, in client.InboundMessage) (client.InboundRecord, error) {
	c, err := w.control()
	if err != nil {
		return client.InboundRecord{}, err
	}
	if in.From == "" {
		if w.draft == nil {
			return client.InboundRecord{}, fmt.Errorf("no message to answer yet")
		}
		in.From, in.To = w.draft.to, w.draft.from
	}
	// Let the message reach the phone first, as a person would read before replying.
	if err := w.settle(ctx); err != nil {
		return client.InboundRecord{}, err
	}
	return c.Inbound(ctx, in)
}

func (w *World) userReplies(ctx context.Context, text string) error {
	_, err := w.user(ctx, client.InboundMessage{Text: text})
	return err
}

func (w *World) userTaps(ctx context.Context, postback string) error {
	_, err := w.user(ctx, client.InboundMessage{Type: "SUGGESTION", Suggestion: &client.SuggestionChoice{PostbackData: postback}})
	return err
}

func (w *World) userCannotTap(ctx context.Context, postback string) error {
	_, err := w.user(ctx, client.InboundMessage{Type: "SUGGESTION", Suggestion: &client.SuggestionChoice{PostbackData: postback}})
	if err == nil {
		return fmt.Errorf("the tap on %q was accepted, want it refused", postback)
	}
	if !strings.Contains(err.Error(), "did not offer") {
		return fmt.Errorf("refused for another reason: %v", err)
	}
	return nil
}

func (w *World) userSharesLocation(ctx context.Context, lat, lng string) error {
	la, err := strconv.ParseFloat(lat, 64)
	if err != nil {
		return err
	}
	lo, err := strconv.ParseFloat(lng, 64)
	if err != nil {
		return err
	}
	_, err = w.user(ctx, client.InboundMessage{Type: "LOCATION", Latitude: &la, Longitude: &lo})
	return err
}

func (w *World) userSendsFile(ctx context.Context, url, contentType string) error {
	_, err := w.user(ctx, client.InboundMessage{Type: "FILE", File: &client.InboundFile{URL: url, ContentType: contentType}})
	return err
}

func (w *World) userTexts(ctx context.Context, from, text, to string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	_, err = c.Inbound(ctx, client.InboundMessage{Channel: "SMS", From: from, To: to, Text: text})
	return err
}

func (w *World) replyArrives(ctx context.Context, name string) error {
	if err := w.settle(ctx); err != nil {
		return err
	}
	got, err := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool {
		for _, r := range results(got) {
			if str(r, "pairedMessageId") == w.messageID {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("no reply paired with %s arrived at %q within %s; it received %d requests", w.messageID, name, w.ReportTimeout, len(got))
	}
	for _, r := range results(got) {
		if str(r, "pairedMessageId") == w.messageID {
			w.reply = r
		}
	}
	return nil
}

func (w *World) replyBodyIs(doc *godog.DocString) error {
	if w.reply == nil {
		return fmt.Errorf("no reply received yet")
	}
	got, _ := json.Marshal(map[string]any{"results": []any{w.reply}, "messageCount": 1, "pendingMessageCount": 0})
	diff, err := jsonDiff([]byte(doc.Content), got, w.vars())
	if err != nil {
		return err
	}
	if diff != "" {
		return fmt.Errorf("reply body (-want +got):\n%s", diff)
	}
	return nil
}

func (w *World) replyMessageIs(doc *godog.DocString) error {
	if w.reply == nil {
		return fmt.Errorf("no reply received yet")
	}
	got, _ := json.Marshal(w.reply["message"])
	diff, err := jsonDiff([]byte(doc.Content), got, w.vars())
	if err != nil {
		return err
	}
	if diff != "" {
		return fmt.Errorf("reply message (-want +got):\n%s", diff)
	}
	return nil
}

func (w *World) inboundSMSArrives(ctx context.Context, name, text, from string) error {
	if err := w.settle(ctx); err != nil {
		return err
	}
	got, err := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool { return len(results(got)) > 0 })
	if err != nil {
		return fmt.Errorf("no inbound SMS arrived at %q within %s", name, w.ReportTimeout)
	}
	r := results(got)[0]
	if str(r, "text") != text || str(r, "from") != from || str(r, "cleanText") == "" || str(r, "smsCount") != "1" {
		return fmt.Errorf("inbound SMS in the wrong shape (want text %q from %q, cleanText, smsCount): %v", text, from, r)
	}
	return nil
}

func (w *World) pullsInbox(ctx context.Context, n int) error {
	if err := w.call(ctx, http.MethodGet, "/sms/1/inbox/reports", nil, nil); err != nil {
		return err
	}
	var body struct {
		Results      []map[string]any `json:"results"`
		MessageCount int              `json:"messageCount"`
	}
	if err := json.Unmarshal(w.lastResp, &body); err != nil || w.lastStatus != http.StatusOK {
		return fmt.Errorf("inbox answered HTTP %d: %s", w.lastStatus, w.lastResp)
	}
	if len(body.Results) != n || body.MessageCount != n {
		return fmt.Errorf("inbox returned %d messages (messageCount %d), want %d", len(body.Results), body.MessageCount, n)
	}
	return nil
}
