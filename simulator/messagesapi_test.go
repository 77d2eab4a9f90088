package simulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// maMessage is a Messages API message with the given channel, destination
// and body; extra sets more properties.
func maMessage(channel, to string, body map[string]any, extra map[string]any) map[string]any {
	m := map[string]any{
		"channel": channel, "sender": map[string]string{"RCS": "DemoAgent", "SMS": "DEMOSMS"}[channel],
		"destinations": []any{map[string]any{"to": to}},
		"content":      map[string]any{"body": body},
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func maSend(t *testing.T, ts *simtest.Server, msgs ...map[string]any) wire.SendResponse {
	t.Helper()
	list := make([]any, len(msgs))
	for i, m := range msgs {
		list[i] = m
	}
	status, body := lcPost(t, ts, "/messages-api/1/messages", map[string]any{"messages": list})
	if status != http.StatusOK {
		t.Fatalf("send: %d %s", status, body)
	}
	var out wire.SendResponse
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// byChannel is a ChannelsDestination for RCS with an SMS failover.
func byChannel(id, to string) []any {
	return []any{map[string]any{"messageId": id, "byChannel": []any{
		map[string]any{"channel": "RCS", "to": to}, map[string]any{"channel": "SMS", "to": to}}}}
}

// TestMessagesAPISendsEveryRCSAndSMSBody sends each body type the two
// channels take and checks the answer and what the simulator stored: RCS
// content in the RCS API's shape, SMS as the adapted text.
func TestMessagesAPISendsEveryRCSAndSMSBody(t *testing.T) {
	t.Parallel()
	reply := map[string]any{"type": "REPLY", "text": "Yes", "postbackData": "yes"}
	cases := []struct {
		name, channel string
		body          map[string]any
		buttons       []any
		wantType      string
		wantText      string
		wantParts     int
	}{
		{"RCS text with buttons", "RCS", map[string]any{"type": "TEXT", "text": "Order shipped"}, []any{reply,
			map[string]any{"type": "OPEN_URL", "text": "Track", "url": "https://shop.example/t", "openIn": "WEBVIEW_HALF"},
			map[string]any{"type": "DIAL_PHONE", "text": "Call", "phoneNumber": "+919876543210"},
			map[string]any{"type": "SHOW_LOCATION", "text": "Store", "latitude": 19.07, "longitude": 72.87, "name": "Bandra"},
			map[string]any{"type": "REQUEST_LOCATION"},
			map[string]any{"type": "ADD_CALENDAR_EVENT", "text": "Remind", "startTime": "2026-02-01T10:00:00.000+0000", "endTime": "2026-02-01T11:00:00.000+0000", "title": "Pickup"},
		}, "TEXT", "Order shipped", 1},
		{"RCS image", "RCS", map[string]any{"type": "IMAGE", "url": "https://cdn.example/a.png", "text": "Look"}, nil, "FILE", "Look", 1},
		{"RCS video", "RCS", map[string]any{"type": "VIDEO", "url": "https://cdn.example/a.mp4", "thumbnailUrl": "https://cdn.example/a.png"}, nil, "FILE", "", 1},
		{"RCS document", "RCS", map[string]any{"type": "DOCUMENT", "url": "https://cdn.example/a.pdf", "filename": "a.pdf"}, nil, "FILE", "", 1},
		{"RCS rich link", "RCS", map[string]any{"type": "RICH_LINK", "text": "Sale", "url": "https://cdn.example/a.png", "redirectUrl": "https://shop.example", "buttonText": "Shop",
			"cardOptions": map[string]any{"orientation": "HORIZONTAL", "alignment": "RIGHT", "height": "TALL"}}, nil, "CARD", "Sale", 1},
		{"RCS carousel", "RCS", map[string]any{"type": "CAROUSEL", "cards": []any{
			map[string]any{"body": map[string]any{"title": "One", "text": "First", "url": "https://cdn.example/1.png"}, "buttons": []any{reply}},
			map[string]any{"body": map[string]any{"title": "Two"}},
		}}, nil, "CAROUSEL", "One First\nTwo", 1},
		{"SMS text", "SMS", map[string]any{"type": "TEXT", "text": strings.Repeat("a", 161)}, nil, "TEXT", strings.Repeat("a", 161), 2},
		{"SMS image adapted", "SMS", map[string]any{"type": "IMAGE", "url": "https://cdn.example/a.png", "text": "Look"}, []any{reply}, "TEXT", "Look\nhttps://cdn.example/a.png", 1},
		{"SMS rich link adapted", "SMS", map[string]any{"type": "RICH_LINK", "text": "Sale", "url": "https://cdn.example/a.png", "redirectUrl": "https://shop.example"}, nil, "TEXT", "Sale\nhttps://shop.example", 1},
	}
	ts := simtest.NewServer(t)
	var firstID string
	for _, c := range cases {
		msg := maMessage(c.channel, "+919999000001", c.body, map[string]any{"webhooks": map[string]any{"callbackData": c.name}})
		if c.buttons != nil {
			msg["content"].(map[string]any)["buttons"] = c.buttons
		}
		out := maSend(t, ts, msg)
		if len(out.Messages) != 1 || out.BulkID == "" {
			t.Fatalf("%s: answer %+v", c.name, out)
		}
		info := out.Messages[0]
		if info.Status.Name != "PENDING_ACCEPTED" || info.Destination != "919999000001" || info.MessageID == "" {
			t.Errorf("%s: message info %+v", c.name, info)
		}
		m, ok := ts.Sim.Message("", info.MessageID)
		if !ok {
			t.Fatalf("%s: not stored", c.name)
		}
		if firstID == "" {
			firstID = m.MessageID
		}
		got := []any{m.API, m.Channel, m.ContentType, m.Text, m.Parts, m.CallbackData, m.BulkID}
		want := []any{"messages-api/1", c.channel, c.wantType, c.wantText, c.wantParts, c.name, out.BulkID}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: stored (-want +got):\n%s", c.name, diff)
		}
	}
	// The buttons became the RCS API's suggestions, so a tap pairs with them.
	var rc wire.RCSContent
	m, _ := ts.Sim.Message("", firstID)
	if err := json.Unmarshal(m.Content, &rc); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, sg := range rc.Suggestions {
		types = append(types, sg.Type+":"+sg.PostbackData)
	}
	wantTypes := []string{"REPLY:yes", "OPEN_URL:Track", "DIAL_PHONE:Call", "SHOW_LOCATION:Store", "REQUEST_LOCATION:Share location", "CREATE_CALENDAR_EVENT:Remind"}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("suggestions (-want +got):\n%s", diff)
	}
	if rc.Suggestions[1].Application != "WEBVIEW" || rc.Suggestions[1].WebviewViewMode != "HALF" {
		t.Errorf("openIn WEBVIEW_HALF mapped to %+v", rc.Suggestions[1])
	}
}

// TestMessagesAPIRefusesBadBodies checks each refusal is a 400 in the new
// envelope naming the offending property, and that nothing is stored.
func TestMessagesAPIRefusesBadBodies(t *testing.T) {
	t.Parallel()
	text := map[string]any{"type": "TEXT", "text": "Hi"}
	sms := map[string]any{"channel": "SMS", "sender": "DEMOSMS"}
	cases := []struct {
		name     string
		msg      map[string]any
		property string
		contains string
	}{
		{"no channel", map[string]any{"sender": "A", "destinations": []any{map[string]any{"to": "919999000001"}}, "content": map[string]any{"body": text}},
			"messages[0].channel", "must not be null"},
		{"channel not simulated", maMessage("SMS", "919999000001", text, map[string]any{"channel": "WHATSAPP"}),
			"messages[0].channel", "not simulated"},
		{"unknown channel", maMessage("SMS", "919999000001", text, map[string]any{"channel": "FAX"}),
			"messages[0].channel", "must be one of"},
		{"no destinations", maMessage("RCS", "919999000001", text, map[string]any{"destinations": []any{}}),
			"messages[0].destinations", "must not be empty"},
		{"destination without to", maMessage("RCS", "919999000001", text, map[string]any{"destinations": []any{map[string]any{"messageId": "x"}}}),
			"messages[0].destinations[0].to", "must not be blank"},
		{"unknown body type", maMessage("RCS", "919999000001", map[string]any{"type": "STICKER", "url": "https://x.example/s"}, nil),
			"messages[0].content.body.type", "must be one of"},
		{"image without url", maMessage("RCS", "919999000001", map[string]any{"type": "IMAGE"}, nil),
			"messages[0].content.body.url", "must not be null"},
		{"RCS text too long", maMessage("RCS", "919999000001", map[string]any{"type": "TEXT", "text": strings.Repeat("a", 3073)}, nil),
			"messages[0].content.body.text", "size must be between 1 and 3072"},
		{"button text too long", maMessage("RCS", "919999000001", text, map[string]any{"content": map[string]any{"body": text,
			"buttons": []any{map[string]any{"type": "REPLY", "text": strings.Repeat("b", 26)}}}}),
			"messages[0].content.buttons[0].text", "size must be between 1 and 25"},
		{"carousel of one", maMessage("RCS", "919999000001", map[string]any{"type": "CAROUSEL", "cards": []any{map[string]any{"body": map[string]any{"title": "A"}}}}, nil),
			"messages[0].content.body.cards", "size must be between 2 and 10"},
		{"SMS image without adaptation", maMessage("SMS", "919999000001", map[string]any{"type": "IMAGE", "url": "https://x.example/a.png"},
			map[string]any{"options": map[string]any{"adaptationMode": false}}),
			"messages[0].content.body.type", "not supported by channel SMS"},
		{"failover without byChannel", maMessage("RCS", "919999000001", text, map[string]any{"failover": []any{sms}}),
			"messages[0].destinations[0]", "byChannel when failover is defined"},
		{"failover to its own channel", maMessage("RCS", "919999000001", text, map[string]any{"destinations": byChannel("", "919999000001"),
			"failover": []any{map[string]any{"channel": "RCS", "sender": "DemoAgent"}}}),
			"messages[0].failover[0].channel", "must not be the channel of the message"},
		{"SMS to RCS failover", maMessage("SMS", "919999000001", text, map[string]any{"destinations": byChannel("", "919999000001"),
			"failover": []any{map[string]any{"channel": "RCS", "sender": "DemoAgent"}}}),
			"messages[0].failover[0].channel", "not simulated"},
		{"byChannel missing SMS", maMessage("RCS", "919999000001", text, map[string]any{
			"destinations": []any{map[string]any{"byChannel": []any{map[string]any{"channel": "RCS", "to": "919999000001"}}}},
			"failover":     []any{sms}}),
			"messages[0].destinations[0].byChannel", "must contain a destination for channel SMS"},
		{"DLT without principal entity", maMessage("SMS", "919999000001", text, map[string]any{"options": map[string]any{"regional": map[string]any{"indiaDlt": map[string]any{"contentTemplateId": "1"}}}}),
			"messages[0].options.regional.indiaDlt.principalEntityId", "must not be null"},
		{"validity not an integer", maMessage("SMS", "919999000001", text, map[string]any{"options": map[string]any{"validityPeriod": map[string]any{"amount": 1.5}}}),
			"messages[0].options.validityPeriod.amount", "must be an integer"},
		{"template message", map[string]any{"channel": "RCS", "sender": "A", "destinations": []any{map[string]any{"to": "919999000001"}}, "template": map[string]any{"templateName": "x"}},
			"messages[0].template", "template messages are not simulated"},
	}
	ts := simtest.NewServer(t)
	for _, c := range cases {
		status, body := lcPost(t, ts, "/messages-api/1/messages", map[string]any{"messages": []any{c.msg}})
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", c.name, status, body)
			continue
		}
		var e wire.APIError
		if err := json.Unmarshal(body, &e); err != nil || e.ErrorCode != "E400" || e.Resources == nil {
			t.Errorf("%s: not the new envelope: %s", c.name, body)
			continue
		}
		found := false
		for _, v := range e.Violations {
			found = found || (v.Property == c.property && strings.Contains(v.Violation, c.contains))
		}
		if !found {
			t.Errorf("%s: no violation %s %q in %s", c.name, c.property, c.contains, body)
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("%d messages stored from refused requests", n)
	}
	// Not JSON, and an empty list.
	for _, body := range []string{`{"messages":`, `{"messages":[]}`} {
		r := hPost(t, ts, "/messages-api/1/messages", body)
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"errorCode":"E400"`) {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
}

// TestMessagesAPIFailoverToSMS runs an RCS message to a phone without RCS
// (R=1) with an SMS failover of its own content: the pushed reports are the
// RCS step and the SMS outcome, each in the DeliveryResult shape, with the
// SMS sender on the SMS leg.
func TestMessagesAPIFailoverToSMS(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	msg := maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "Your order shipped"}, map[string]any{
		"destinations": byChannel("fo-1", "919999100001"),
		"failover": []any{map[string]any{"channel": "SMS", "sender": "DEMOSMS",
			"content": map[string]any{"body": map[string]any{"type": "TEXT", "text": "Your order shipped (SMS)"}}}},
		"options":  map[string]any{"platform": map[string]any{"entityId": "ent", "applicationId": "app"}, "campaignReferenceId": "camp"},
		"webhooks": map[string]any{"callbackData": "order-42", "delivery": map[string]any{"url": hook.URL, "receiveTriggeredFailoverReports": true}},
	})
	out := maSend(t, ts, msg)
	if out.Messages[0].MessageID != "fo-1" {
		t.Fatalf("messageId of the ChannelsDestination not kept: %+v", out)
	}
	ts.Sim.Advance(300 * time.Millisecond) // RCS fails: the step report
	waitAttempts(t, ts, 1)
	ts.Sim.Advance(time.Second) // the SMS leg is delivered
	waitAttempts(t, ts, 2)
	var results []wire.MessagesDeliveryResult
	for _, b := range sink.bodies() {
		var batch struct{ Results []wire.MessagesDeliveryResult }
		if err := json.Unmarshal(b, &batch); err != nil {
			t.Fatal(err)
		}
		results = append(results, batch.Results...)
	}
	type view struct{ Event, Channel, Sender, Status, Error, Callback, Entity, Campaign string }
	var got []view
	for _, r := range results {
		got = append(got, view{r.Event, r.Channel, r.Sender, r.Status.Name, r.Error.Name, r.CallbackData, r.Platform.EntityID, r.CampaignReferenceID})
	}
	want := []view{
		{"DELIVERY", "RCS", "DemoAgent", "PENDING_ENROUTE", "EC_UNKNOWN_USER", "order-42", "ent", "camp"},
		{"DELIVERY", "SMS", "DEMOSMS", "DELIVERED_TO_HANDSET", "NO_ERROR", "order-42", "ent", "camp"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("reports (-want +got):\n%s", diff)
	}
	m, _ := ts.Sim.Message("", "fo-1")
	if m.FinalChannel != "SMS" || m.Failover == nil || m.Failover.Text != "Your order shipped (SMS)" {
		t.Fatalf("stored %+v", m)
	}
}

// TestMessagesAPIFailoverDLT: the SMS leg of a failover, and a direct SMS,
// are scrubbed with options.regional.indiaDlt; a failover without its own
// content sends the RCS text.
func TestMessagesAPIFailoverDLT(t *testing.T) {
	t.Parallel()
	const pe, tmpl = "1101234567890123456", "1107161234567890125"
	good := "Hi Asha, reply YES to get order updates on RCS."
	ts := simtest.NewServer(t, simulator.WithDLT(simulator.SampleDLTRegistry(), simulator.DLTStrict))
	dlt := func(template string) map[string]any {
		return map[string]any{"regional": map[string]any{"indiaDlt": map[string]any{"principalEntityId": pe, "contentTemplateId": template}}}
	}
	fo := []any{map[string]any{"channel": "SMS", "sender": "DEMOSMS"}}
	maSend(t, ts,
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": good}, map[string]any{"destinations": byChannel("fo-good", "919999100002"), "failover": fo, "options": dlt(tmpl)}),
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "Hi there"}, map[string]any{"destinations": byChannel("fo-mismatch", "919999100003"), "failover": fo, "options": dlt(tmpl)}),
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": good}, map[string]any{"destinations": byChannel("fo-no-ids", "919999100004"), "failover": fo}),
		maMessage("SMS", "", map[string]any{"type": "TEXT", "text": good}, map[string]any{"destinations": []any{map[string]any{"to": "919999000005", "messageId": "sms-good"}}, "options": dlt(tmpl)}),
		maMessage("SMS", "", map[string]any{"type": "TEXT", "text": good}, map[string]any{"destinations": []any{map[string]any{"to": "919999000006", "messageId": "sms-no-ids"}}}),
	)
	ts.Sim.Advance(time.Second)
	got := map[string][]string{}
	for _, id := range []string{"fo-good", "fo-mismatch", "fo-no-ids", "sms-good", "sms-no-ids"} {
		m, _ := ts.Sim.Message("", id)
		got[id] = []string{m.FinalChannel, m.Status.Name, m.Error.Name}
	}
	want := map[string][]string{
		"fo-good":     {"SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		"fo-mismatch": {"SMS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_NOT_MATCHED"},
		"fo-no-ids":   {"SMS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_ENTITY_ID"},
		"sms-good":    {"SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
		"sms-no-ids":  {"SMS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_ENTITY_ID"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

// TestMessagesAPIReportsPull: without a URL the reports wait for
// GET /messages-api/1/reports, are returned once, and its filters select.
func TestMessagesAPIReportsPull(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	plat := func(e string) map[string]any {
		return map[string]any{"platform": map[string]any{"entityId": e, "applicationId": "app"}, "campaignReferenceId": "c-" + e}
	}
	maSend(t, ts,
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "a"}, map[string]any{"destinations": []any{map[string]any{"to": "919999000001", "messageId": "p-rcs"}}, "options": plat("e1")}),
		maMessage("SMS", "", map[string]any{"type": "TEXT", "text": "b"}, map[string]any{"destinations": []any{map[string]any{"to": "919999000002", "messageId": "p-sms"}}, "options": plat("e2")}),
		maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "c"}, map[string]any{"destinations": byChannel("p-fo", "919999100003"),
			"failover": []any{map[string]any{"channel": "SMS", "sender": "DEMOSMS"}}, "options": plat("e3")}),
	)
	ts.Sim.Advance(time.Second)
	ids := func(path string) []string {
		t.Helper()
		status, body := lcGet(t, ts, path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		var r struct{ Results []wire.MessagesDeliveryResult }
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, x := range r.Results {
			out = append(out, x.MessageID+"/"+x.Channel)
		}
		return out
	}
	checks := []struct {
		path string
		want []string
	}{
		{"/messages-api/1/reports?entityId=e2", []string{"p-sms/SMS"}},
		{"/messages-api/1/reports?channel=SMS", []string{"p-fo/SMS"}},
		{"/messages-api/1/reports?campaignReferenceId=c-e1&applicationId=app", []string{"p-rcs/RCS"}},
		{"/messages-api/1/reports", []string{}},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, ids(c.path)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.path, diff)
		}
	}
	if r := hDo(t, ts, http.MethodGet, "/messages-api/1/reports?limit=0", "App "+simtest.APIKey, "", ""); r.status != 400 || !strings.Contains(string(r.body), `"property":"limit"`) {
		t.Errorf("limit=0: %d %s", r.status, r.body)
	}
	// The channel's logs list Messages API messages too.
	for path, want := range map[string]string{"/rcs/2/logs?messageId=p-rcs": `"messageId":"p-rcs"`, "/sms/3/logs?messageId=p-sms": `"messageId":"p-sms"`} {
		if status, body := lcGet(t, ts, path); status != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
	// The RCS API's pull endpoint does not see Messages API reports.
	if got := ids("/rcs/2/reports"); len(got) != 0 {
		t.Errorf("/rcs/2/reports returned %v", got)
	}
}

// TestMessagesAPIValidateAndEvents covers the validate endpoint's two
// answers and the typing events.
func TestMessagesAPIValidateAndEvents(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	ok := hPost(t, ts, "/messages-api/1/messages/validate", `{"messages":[{"channel":"SMS","sender":"DEMOSMS","destinations":[{"to":"919999000001"}],"content":{"body":{"type":"TEXT","text":"Hi"}}}]}`)
	hCheckJSON(t, `{"description":"Request can be sent through '/messages' endpoint and should be accepted by our platform.",
		"action":"No action is required, but it is recommended to check and address any violations.","skippableViolations":[]}`, ok.body)
	bad := hPost(t, ts, "/messages-api/1/messages/validate", `{"messages":[{"channel":"SMS","destinations":[{"to":"919999000001"}],"content":{"body":{"type":"TEXT","text":"Hi"}}}]}`)
	if bad.status != http.StatusBadRequest {
		t.Fatalf("invalid: %d %s", bad.status, bad.body)
	}
	hCheckJSON(t, `{"description":"Request cannot be sent through '/messages' endpoint and would be rejected by our platform.",
		"action":"Check the violations and adjust the request.","violations":[{"property":"messages[0].sender","violation":"must not be null"}],"skippableViolations":[]}`, bad.body)
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("validate stored %d messages", n)
	}

	ev := hPost(t, ts, "/messages-api/1/events", `{"events":[{"event":"TYPING_STARTED","channel":"RCS","sender":"DemoAgent","destinations":[{"to":"+919999000001","messageId":"ev-1"}]}]}`)
	if ev.status != http.StatusOK || !strings.Contains(string(ev.body), `"messageId":"ev-1"`) || !strings.Contains(string(ev.body), `"PENDING_ACCEPTED"`) {
		t.Fatalf("event: %d %s", ev.status, ev.body)
	}
	recs := ts.Sim.Events("")
	if len(recs) != 1 || recs[0].Type != "TYPING_STARTED" || recs[0].Destination != "919999000001" {
		t.Fatalf("recorded %+v", recs)
	}
	for body, property := range map[string]string{
		`{"events":[{"event":"TYPING_STARTED","channel":"APPLE_MB","sender":"A","destinations":[{"to":"919999000001"}]}]}`: "events[0].channel",
		`{"events":[{"event":"SEEN","channel":"RCS","sender":"A","destinations":[{"to":"919999000001"}]}]}`:                "events[0].event",
		`{"events":[{"event":"TYPING_STOPPED","channel":"RCS","sender":"A","destinations":[]}]}`:                           "events[0].destinations",
	} {
		r := hPost(t, ts, "/messages-api/1/events", body)
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"property":"`+property+`"`) {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
}

// TestMessagesAPIStopStart: a STOP arriving through a MO_MESSAGES_API_JSON
// configuration blocks the sender, so the next Messages API RCS message
// falls over to SMS; START restores RCS.
func TestMessagesAPIStopStart(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL, "format": "MO_MESSAGES_API_JSON"}})
	send := func(id string) {
		maSend(t, ts, maMessage("RCS", "", map[string]any{"type": "TEXT", "text": "Offer"}, map[string]any{
			"destinations": byChannel(id, "919999000007"), "failover": []any{map[string]any{"channel": "SMS", "sender": "DEMOSMS"}}}))
		ts.Sim.Advance(time.Second)
	}
	send("before")
	rec, err := ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000007", To: "DemoAgent", Text: "STOP"})
	if err != nil || rec.Format != "MO_MESSAGES_API_JSON" || len(rec.Effects) != 1 {
		t.Fatalf("STOP: %+v %v", rec, err)
	}
	send("blocked")
	if _, err := ts.Sim.Inbound("", simulator.InboundMessage{From: "919999000007", To: "DemoAgent", Text: "START"}); err != nil {
		t.Fatal(err)
	}
	send("after")
	got := map[string][]string{}
	for _, id := range []string{"before", "blocked", "after"} {
		m, _ := ts.Sim.Message("", id)
		got[id] = []string{m.FinalChannel, m.Status.Name}
	}
	want := map[string][]string{"before": {"RCS", "DELIVERED_TO_HANDSET"}, "blocked": {"SMS", "DELIVERED_TO_HANDSET"}, "after": {"RCS", "DELIVERED_TO_HANDSET"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	m, _ := ts.Sim.Message("", "blocked")
	blocked := false
	for _, e := range m.History {
		blocked = blocked || (e.Channel == "RCS" && e.Error.Name == "EC_BLOCKED_USER")
	}
	if !blocked {
		t.Errorf("the RCS leg did not fail as blocked: %+v", m.History)
	}
	waitAttempts(t, ts, 1)
	if b := sink.bodies(); len(b) == 0 || !strings.Contains(string(b[0]), `"event":"MO"`) || !strings.Contains(string(b[0]), `"text":"STOP"`) {
		t.Errorf("STOP not forwarded in the Messages API shape: %q", b)
	}
}
