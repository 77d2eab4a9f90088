package simulator_test

// The official Go SDK's MessagesAPI client against the simulator, unmodified:
// it sends RCS with an SMS failover, validates, reads the pulled reports, and
// its models decode the pushed report and the inbound bodies.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	ma "github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/messagesapi"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// sdkRCSWithFailover builds an RCS text with buttons and an SMS failover to
// one number, with India DLT ids for the SMS leg.
func sdkRCSWithFailover(id, to, url string) ma.Message {
	dest := ma.MessageDestination{ChannelsDestination: &ma.ChannelsDestination{
		MessageId: sdkPtr(id),
		ByChannel: []ma.ChannelDestination{
			{Channel: ma.OUTBOUNDMESSAGECHANNEL_RCS, To: to},
			{Channel: ma.OUTBOUNDMESSAGECHANNEL_SMS, To: to},
		},
	}}
	content := ma.MessageContent{
		Body: ma.MessageBody{MessageTextBody: ma.NewMessageTextBody("Hi Asha, reply YES to get order updates on RCS.")},
		Buttons: []ma.MessageButton{
			{MessageReplyButton: &ma.MessageReplyButton{Type: ma.MESSAGEBUTTONTYPE_REPLY, Text: "YES", PostbackData: sdkPtr("opt-in")}},
		},
	}
	msg := ma.NewMessage(ma.OUTBOUNDMESSAGECHANNEL_RCS, "DemoAgent", []ma.MessageDestination{dest}, content)
	msg.SetFailover([]ma.BaseFailover{{Failover: &ma.Failover{Channel: ma.OUTBOUNDMESSAGECHANNEL_SMS, Sender: "DEMOSMS"}}})
	opts := ma.NewMessageOptions()
	opts.SetRegional(ma.RegionalOptions{IndiaDlt: &ma.IndiaDltOptions{PrincipalEntityId: "1101234567890123456", ContentTemplateId: sdkPtr("1107161234567890125")}})
	opts.SetPlatform(ma.Platform{EntityId: sdkPtr("ent"), ApplicationId: sdkPtr("app")})
	msg.SetOptions(*opts)
	hooks := ma.NewOttWebhooks()
	hooks.SetCallbackData("order-42")
	if url != "" {
		hooks.SetDelivery(ma.MessageDeliveryReporting{Url: sdkPtr(url), ReceiveTriggeredFailoverReports: sdkPtr(true)})
	}
	msg.SetWebhooks(*hooks)
	return *msg
}

func TestSDKMessagesAPISendFailoverAndReports(t *testing.T) {
	t.Parallel()
	sink := &callbackSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	auth := sdkAuth(t.Context(), simtest.APIKey)

	// R=1: no RCS, so the SMS failover delivers. One pushed, one pulled.
	req := ma.NewRequest([]ma.RequestMessagesInner{
		{Message: sdkPtr(sdkRCSWithFailover("sdk-push", "919999100001", hook.URL))},
		{Message: sdkPtr(sdkRCSWithFailover("sdk-pull", "919999100002", ""))},
	})
	valid, httpResp, err := client.MessagesAPI.ValidateMessagesApiMessage(auth).Request(*req).Execute()
	if err != nil || httpResp.StatusCode != http.StatusOK || valid.GetDescription() == "" {
		t.Fatalf("validate: %v %v (%s)", valid, err, sdkErrBody(err))
	}
	got, httpResp, err := client.MessagesAPI.SendMessagesApiMessage(auth).Request(*req).Execute()
	if err != nil {
		t.Fatalf("SendMessagesApiMessage: %v (%s)", err, sdkErrBody(err))
	}
	if httpResp.StatusCode != http.StatusOK || !sdkUUIDShape.MatchString(got.GetBulkId()) || len(got.Messages) != 2 {
		t.Fatalf("answer %d %+v", httpResp.StatusCode, got)
	}
	for i, id := range []string{"sdk-push", "sdk-pull"} {
		m := got.Messages[i]
		st := m.GetStatus()
		view := []any{m.GetMessageId(), m.GetDestination(), st.GetGroupId(), string(st.GetGroupName()), st.GetId(), st.GetName()}
		want := []any{id, []string{"919999100001", "919999100002"}[i], int32(1), "PENDING", int32(26), "PENDING_ACCEPTED"}
		if diff := cmp.Diff(want, view); diff != "" {
			t.Errorf("messages[%d] (-want +got):\n%s", i, diff)
		}
	}

	ts.Sim.Advance(300 * time.Millisecond)
	waitAttempts(t, ts, 1)
	ts.Sim.Advance(time.Second)
	waitAttempts(t, ts, 2)

	// The pushed reports, decoded by the SDK's own model.
	type view struct {
		Event, Channel, Sender, Destination, MessageID, Status, Error, Callback, Entity string
		Count                                                                           int32
		DoneAt                                                                          bool
	}
	var pushed []view
	for _, b := range sink.bodies() {
		var dr ma.DeliveryReport
		if err := json.Unmarshal(b, &dr); err != nil {
			t.Fatalf("SDK cannot decode the pushed report: %v\n%s", err, b)
		}
		for _, r := range dr.GetResults() {
			_, perr := time.Parse("2006-01-02T15:04:05.000-0700", r.DoneAt)
			pushed = append(pushed, view{r.Event, string(r.Channel), r.Sender, r.Destination, r.MessageId, r.Status.Name, sdkDeref(r.Error.Name),
				r.GetCallbackData(), maEntity(r.Platform), r.MessageCount, perr == nil})
		}
	}
	want := []view{
		{"DELIVERY", "RCS", "DemoAgent", "919999100001", "sdk-push", "PENDING_ENROUTE", "EC_UNKNOWN_USER", "order-42", "ent", 1, true},
		{"DELIVERY", "SMS", "DEMOSMS", "919999100001", "sdk-push", "DELIVERED_TO_HANDSET", "NO_ERROR", "order-42", "ent", 1, true},
	}
	if diff := cmp.Diff(want, pushed); diff != "" {
		t.Fatalf("pushed reports (-want +got):\n%s", diff)
	}

	// The pulled report, through the SDK's reports call and its filters.
	pulled, _, err := client.MessagesAPI.GetMessagesApiDeliveryReports(auth).MessageId("sdk-pull").EntityId("ent").Limit(10).Execute()
	if err != nil {
		t.Fatalf("GetMessagesApiDeliveryReports: %v (%s)", err, sdkErrBody(err))
	}
	var pulledView []view
	for _, r := range pulled.GetResults() {
		_, perr := time.Parse("2006-01-02T15:04:05.000-0700", r.DoneAt)
		pulledView = append(pulledView, view{r.Event, string(r.Channel), r.Sender, r.Destination, r.MessageId, r.Status.Name, sdkDeref(r.Error.Name),
			r.GetCallbackData(), maEntity(r.Platform), r.MessageCount, perr == nil})
	}
	wantPulled := []view{{"DELIVERY", "SMS", "DEMOSMS", "919999100002", "sdk-pull", "DELIVERED_TO_HANDSET", "NO_ERROR", "order-42", "ent", 1, true}}
	if diff := cmp.Diff(wantPulled, pulledView); diff != "" {
		t.Fatalf("pulled reports (-want +got):\n%s", diff)
	}
	again, _, err := client.MessagesAPI.GetMessagesApiDeliveryReports(auth).Execute()
	if err != nil || len(again.GetResults()) != 0 {
		t.Fatalf("a report is pulled once: %v %+v", err, again)
	}
}

func TestSDKMessagesAPIRefusal(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	// A failover with a plain ToDestination: the SDK sends it, the platform refuses it.
	msg := ma.NewMessage(ma.OUTBOUNDMESSAGECHANNEL_RCS, "DemoAgent",
		[]ma.MessageDestination{{ToDestination: ma.NewToDestination("919999100001")}},
		ma.MessageContent{Body: ma.MessageBody{MessageTextBody: ma.NewMessageTextBody("Hi")}})
	msg.SetFailover([]ma.BaseFailover{{Failover: &ma.Failover{Channel: ma.OUTBOUNDMESSAGECHANNEL_SMS, Sender: "DEMOSMS"}}})
	_, httpResp, err := client.MessagesAPI.SendMessagesApiMessage(sdkAuth(t.Context(), simtest.APIKey)).
		Request(*ma.NewRequest([]ma.RequestMessagesInner{{Message: msg}})).Execute()
	if err == nil || httpResp.StatusCode != http.StatusBadRequest {
		t.Fatalf("want a 400, got %v %v", httpResp, err)
	}
	var apiErr ma.ApiError
	if err := json.Unmarshal([]byte(sdkErrBody(err)), &apiErr); err != nil {
		t.Fatalf("SDK ApiError cannot decode %s: %v", sdkErrBody(err), err)
	}
	if apiErr.ErrorCode != "E400" || len(apiErr.Violations) != 1 || apiErr.Violations[0].GetProperty() != "messages[0].destinations[0]" {
		t.Fatalf("error %+v", apiErr)
	}
}

// TestSDKMessagesAPIInbound: with MO_MESSAGES_API_JSON, an RCS reply (paired
// with the Messages API message it answers, a button tap included) and an
// SMS decode into the SDK's IncomingMessage.
func TestSDKMessagesAPIInbound(t *testing.T) {
	t.Parallel()
	sink := &pathSink{}
	hook := httptest.NewServer(sink)
	defer hook.Close()
	ts := simtest.NewServer(t)
	configure(t, ts, map[string]any{"channel": "RCS", "resource": "DemoAgent", "platform": map[string]any{"entityId": "ent"},
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL + "/rcs", "format": "MO_MESSAGES_API_JSON"}})
	configure(t, ts, map[string]any{"channel": "SMS", "number": "919800000001", "keyword": "JOIN",
		"forwarding": map[string]any{"type": "HTTP_FORWARD", "url": hook.URL + "/sms", "format": "MO_MESSAGES_API_JSON"}})
	msg := sdkRCSWithFailover("answered", "919999000001", "")
	out, _, err := newSDK(ts).MessagesAPI.SendMessagesApiMessage(sdkAuth(t.Context(), simtest.APIKey)).
		Request(*ma.NewRequest([]ma.RequestMessagesInner{{Message: &msg}})).Execute()
	if err != nil {
		t.Fatalf("send: %v (%s)", err, sdkErrBody(err))
	}
	ts.Sim.Advance(time.Second)
	for _, in := range []simulator.InboundMessage{
		{From: "919999000001", To: "DemoAgent", Text: "Hello"},
		{From: "919999000001", To: "DemoAgent", Type: "SUGGESTION", Suggestion: &simulator.SuggestionChoice{PostbackData: "opt-in"}},
	} {
		if _, err := ts.Sim.Inbound("", in); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ts.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919999000002", To: "919800000001", Text: "JOIN offers"}); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(0)
	waitAttempts(t, ts, 2)

	type view struct {
		Event, Channel, Sender, Destination, Paired, Callback, Entity string
		Content                                                       []string
		Received                                                      string
	}
	var got []view
	for _, path := range []string{"/rcs", "/sms"} {
		for _, b := range sink.bodies(path) {
			var im ma.IncomingMessage
			if err := json.Unmarshal(b, &im); err != nil {
				t.Fatalf("SDK cannot decode %s: %v\n%s", path, err, b)
			}
			for _, r := range im.GetResults() {
				mo := r.MoEvent
				if mo == nil {
					t.Fatalf("not an MO event: %s", b)
				}
				var content []string
				for _, c := range mo.Content {
					switch {
					case c.MoEventTextContent != nil:
						content = append(content, "TEXT:"+c.MoEventTextContent.Text+"|"+c.MoEventTextContent.CleanText+"|"+c.MoEventTextContent.GetKeyword())
					case c.MoEventButtonReplyContent != nil:
						content = append(content, "BUTTON_REPLY:"+c.MoEventButtonReplyContent.Text+"|"+c.MoEventButtonReplyContent.GetPayload())
					default:
						content = append(content, "other")
					}
				}
				got = append(got, view{string(mo.Event), string(mo.Channel), mo.Sender, mo.Destination, mo.GetPairedMessageId(),
					mo.GetCallbackData(), maEntity(mo.Platform), content, mo.ReceivedAt.T.UTC().Format(time.RFC3339)})
			}
		}
	}
	id := out.Messages[0].GetMessageId()
	want := []view{
		{"MO", "RCS", "919999000001", "DemoAgent", id, "order-42", "ent", []string{"TEXT:Hello|Hello|"}, "2026-01-02T10:00:01Z"},
		{"MO", "RCS", "919999000001", "DemoAgent", id, "order-42", "ent", []string{"BUTTON_REPLY:YES|opt-in"}, "2026-01-02T10:00:01Z"},
		{"MO", "SMS", "919999000002", "919800000001", "", "", "", []string{"TEXT:JOIN offers|offers|JOIN"}, "2026-01-02T10:00:01Z"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("inbound as the SDK reads it (-want +got):\n%s", diff)
	}
}

func maEntity(p *ma.Platform) string {
	if p == nil {
		return ""
	}
	return p.GetEntityId()
}

// TestSDKMessagesAPIDecodesGoldens decodes every pinned Messages API body
// with the SDK's model for it, so a golden refreshed into a shape the SDK
// cannot read fails here.
func TestSDKMessagesAPIDecodesGoldens(t *testing.T) {
	t.Parallel()
	models := map[string]func() any{
		"send.json": func() any { return &ma.MessageResponse{} }, "pull-reports.json": func() any { return &ma.DeliveryReport{} },
		"dlr-rcs.json": func() any { return &ma.DeliveryReport{} }, "dlr-failover.json": func() any { return &ma.DeliveryReport{} },
		"dlr-replies.json": func() any { return &ma.DeliveryReport{} }, "seen.json": func() any { return &ma.SeenReport{} },
		"mo-rcs.json": func() any { return &ma.IncomingMessage{} }, "mo-sms.json": func() any { return &ma.IncomingMessage{} },
	}
	for name, model := range models {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", "messagesapi", name))
		if err != nil {
			t.Fatal(err)
		}
		v := model()
		if err := json.Unmarshal(b, v); err != nil {
			t.Errorf("%s: the SDK cannot decode it: %v", name, err)
			continue
		}
		// Re-encoding through the SDK's model must keep every field we send.
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if diff := hJSONDiff(t, b, again); diff != "" {
			t.Errorf("%s: fields the SDK model drops or changes (-ours +sdk):\n%s", name, diff)
		}
	}
}
