package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/cucumber/godog"
)

// The Messages API (/messages-api/1/...) vocabulary: the same drafts as the
// RCS and SMS APIs, sent in the Messages API's shape; its reports and
// inbound bodies are read in their own shape.

// messagesAPIBody renders the draft as a Messages API request: an RCS text
// (its suggestions as buttons) or an SMS, with the SMS fallback as a
// failover to the same number and its India DLT ids in options.regional.
func (w *World) messagesAPIBody() (map[string]any, error) {
	d := w.draft
	msg := map[string]any{"channel": d.channel, "sender": d.from}
	content := map[string]any{}
	switch {
	case d.channel == "SMS":
		content["body"] = map[string]any{"type": "TEXT", "text": d.text}
	case d.content["type"] == "TEXT":
		content["body"] = map[string]any{"type": "TEXT", "text": d.content["text"]}
		if sugg, ok := d.content["suggestions"].([]any); ok {
			var buttons []any
			for _, s := range sugg {
				sm, _ := s.(map[string]any)
				if sm["type"] != "REPLY" {
					return nil, fmt.Errorf("only REPLY suggestions are drafted as Messages API buttons, not %v", sm["type"])
				}
				buttons = append(buttons, map[string]any{"type": "REPLY", "text": sm["text"], "postbackData": sm["postbackData"]})
			}
			content["buttons"] = buttons
		}
	default:
		return nil, fmt.Errorf("an RCS %v draft has no Messages API rendering in these steps", d.content["type"])
	}
	msg["content"] = content
	dest := map[string]any{"to": d.to}
	if d.messageID != "" {
		dest["messageId"] = d.messageID
	}
	opts := map[string]any{}
	if d.validity > 0 {
		opts["validityPeriod"] = map[string]any{"amount": int(d.validity / time.Second), "timeUnit": "SECONDS"}
	}
	if f := d.failover; f != nil {
		dest = map[string]any{"byChannel": []any{map[string]any{"channel": "RCS", "to": d.to}, map[string]any{"channel": "SMS", "to": d.to}}}
		if d.messageID != "" {
			dest["messageId"] = d.messageID
		}
		msg["failover"] = []any{map[string]any{"channel": "SMS", "sender": f.from,
			"content": map[string]any{"body": map[string]any{"type": "TEXT", "text": f.text}}}}
		if f.pe != "" {
			opts["regional"] = map[string]any{"indiaDlt": f.dlt()}
		}
	}
	msg["destinations"] = []any{dest}
	if len(opts) > 0 {
		msg["options"] = opts
	}
	hooks := w.webhooks(d, true)
	if dl, ok := hooks["delivery"].(map[string]any); ok {
		delete(dl, "notify") // the Messages API has no notify flag
	}
	msg["webhooks"] = hooks
	return map[string]any{"messages": []any{msg}}, nil
}

func (w *World) sendMessagesAPI(ctx context.Context) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	body, err := w.messagesAPIBody()
	if err != nil {
		return err
	}
	if err := w.postJSON(ctx, "/messages-api/1/messages", body, nil); err != nil {
		return err
	}
	w.messageID = ""
	if w.lastStatus == http.StatusOK {
		var resp struct {
			Messages []struct {
				MessageID string `json:"messageId"`
			} `json:"messages"`
		}
		if err := json.Unmarshal(w.lastResp, &resp); err == nil && len(resp.Messages) > 0 {
			w.messageID = resp.Messages[0].MessageID
		}
	}
	return nil
}

func (w *World) validateMessagesAPI(ctx context.Context) error {
	if err := w.needDraft(); err != nil {
		return err
	}
	body, err := w.messagesAPIBody()
	if err != nil {
		return err
	}
	return w.postJSON(ctx, "/messages-api/1/messages/validate", body, nil)
}

// validationAnswers checks a validate answer: ValidationOkResponse (200) or
// ValidationBadResponse (400), both with description, action and
// skippableViolations.
func (w *World) validationAnswers(code, n int) error {
	if w.lastStatus != code {
		return fmt.Errorf("POST %s answered HTTP %d, want %d:\n%s", w.lastPath, w.lastStatus, code, w.lastResp)
	}
	var v struct {
		Description, Action *string
		Violations          []json.RawMessage
		SkippableViolations []json.RawMessage
	}
	if err := json.Unmarshal(w.lastResp, &v); err != nil || v.Description == nil || v.Action == nil || v.SkippableViolations == nil {
		return fmt.Errorf("not a validation answer (description, action, skippableViolations): %s", w.lastResp)
	}
	if len(v.Violations) != n {
		return fmt.Errorf("%d violations, want %d: %s", len(v.Violations), n, w.lastResp)
	}
	return nil
}

func (w *World) pullsMessagesAPI(ctx context.Context, n string) error {
	want := 0
	if n != "no" {
		want, _ = strconv.Atoi(n)
	}
	if err := w.settle(ctx); err != nil {
		return err
	}
	path := "/messages-api/1/reports"
	if w.messageID != "" {
		path += "?messageId=" + url.QueryEscape(w.messageID)
	}
	if err := w.call(ctx, http.MethodGet, path, nil, nil); err != nil {
		return err
	}
	var body struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(w.lastResp, &body); err != nil || w.lastStatus != http.StatusOK {
		return fmt.Errorf("GET %s answered HTTP %d: %s", path, w.lastStatus, w.lastResp)
	}
	if len(body.Results) != want {
		return fmt.Errorf("pulled %d Messages API reports for message %s, want %d:\n%s", len(body.Results), w.messageID, want, summarize(body.Results))
	}
	if want > 0 {
		w.report = body.Results[len(body.Results)-1]
	}
	return nil
}

func (w *World) reportEventIs(event string) error {
	if err := w.needReport(); err != nil {
		return err
	}
	if got := str(w.report, "event"); got != event {
		return fmt.Errorf("report event %q, want %q", got, event)
	}
	return nil
}

func (w *World) forwardsMessagesAPI(ctx context.Context, resource, channel, name string) error {
	body := map[string]any{"channel": channel,
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": w.sink.URL(w.ns, name), "format": "MO_MESSAGES_API_JSON"}}
	if channel == "RCS" {
		body["resource"] = resource
	} else {
		body["number"] = resource
	}
	if err := w.postJSON(ctx, "/resource-management/1/inbound-message-configurations", body, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("configuring forwarding answered HTTP %d: %s", w.lastStatus, w.lastResp)
	}
	return nil
}

// moEventArrives waits for an MO event from the user to the business sender
// or number; an answer to the scenario's message must be paired with it.
func (w *World) moEventArrives(ctx context.Context, name, from, to string) error {
	if err := w.settle(ctx); err != nil {
		return err
	}
	match := func(r map[string]any) bool {
		return str(r, "event") == "MO" && str(r, "sender") == from && str(r, "destination") == to
	}
	got, err := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool {
		for _, r := range results(got) {
			if match(r) {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("no MO event from %s to %s arrived at %q within %s; it received %d requests", from, to, name, w.ReportTimeout, len(got))
	}
	for _, r := range results(got) {
		if match(r) {
			w.reply = r
		}
	}
	if w.messageID != "" && w.draft != nil && w.draft.channel == "RCS" && w.draft.to == from {
		if p := str(w.reply, "pairedMessageId"); p != w.messageID {
			return fmt.Errorf("MO event paired with %q, want the message %s", p, w.messageID)
		}
	}
	for _, field := range []string{"channel", "receivedAt", "messageId", "messageCount"} {
		if str(w.reply, field) == "" {
			return fmt.Errorf("MO event without %s: %v", field, w.reply)
		}
	}
	return nil
}

func (w *World) moContentIs(doc *godog.DocString) error {
	if w.reply == nil {
		return fmt.Errorf("no MO event received yet")
	}
	got, _ := json.Marshal(w.reply["content"])
	diff, err := jsonDiff([]byte(doc.Content), got, w.vars())
	if err != nil {
		return err
	}
	if diff != "" {
		return fmt.Errorf("MO event content (-want +got):\n%s", diff)
	}
	return nil
}
