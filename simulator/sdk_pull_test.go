package simulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestSDKReadsPullEndpoints: the official SDK's own client reads the RCS and
// SMS delivery-report pull endpoints, the logs and the SMS inbox, each
// report once.
func TestSDKReadsPullEndpoints(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	sdk := newSDK(ts)
	ctx := sdkAuth(context.Background(), simtest.APIKey)

	lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{map[string]any{"sender": "DemoAgent",
		"destinations": []any{map[string]any{"to": "919999100001", "messageId": "rcs-pull"}},
		"content":      map[string]any{"type": "TEXT", "text": "Hi"},
		"options":      map[string]any{"smsFailover": map[string]any{"sender": "DEMOSMS", "text": "Hi"}},
		"webhooks":     map[string]any{"callbackData": "cb-rcs"}}}})
	lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{"sender": "DEMOSMS",
		"destinations": []any{map[string]any{"to": "919999010001", "messageId": "sms-pull"}}, "content": map[string]any{"text": "Hi"}}}})
	if _, err := ts.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000001", Text: "QUIZ Paris"}); err != nil {
		t.Fatal(err)
	}
	ts.Sim.Advance(time.Second)

	rcsReports, _, err := sdk.RcsAPI.GetOutboundRcsMessageDeliveryReports(ctx).MessageId("rcs-pull").Execute()
	if err != nil {
		t.Fatalf("RCS reports: %v", err)
	}
	type view struct{ ID, Status, Error, Sender, CallbackData string }
	var got []view
	for _, r := range rcsReports.GetResults() {
		got = append(got, view{r.GetMessageId(), r.Status.GetName(), r.Error.GetName(), r.GetSender(), r.GetCallbackData()})
	}
	if diff := cmp.Diff([]view{{"rcs-pull", "DELIVERED_TO_HANDSET", "NO_ERROR", "DEMOSMS", "cb-rcs"}}, got); diff != "" {
		t.Fatalf("RCS reports through the SDK (-want +got):\n%s", diff)
	}
	again, _, err := sdk.RcsAPI.GetOutboundRcsMessageDeliveryReports(ctx).Execute()
	if err != nil || len(again.GetResults()) != 0 {
		t.Fatalf("second RCS pull: %v %+v", err, again)
	}

	smsReports, _, err := sdk.SmsAPI.GetOutboundSmsMessageDeliveryReports(ctx).Limit(10).Execute()
	if err != nil {
		t.Fatalf("SMS reports: %v", err)
	}
	if r := smsReports.GetResults(); len(r) != 1 || r[0].GetMessageId() != "sms-pull" || r[0].Error.GetName() != "EC_ABSENT_SUBSCRIBER" || r[0].GetMessageCount() != 1 {
		t.Fatalf("SMS reports through the SDK: %+v", r)
	}

	logs, _, err := sdk.SmsAPI.GetOutboundSmsMessageLogs(ctx).Execute()
	if err != nil || len(logs.GetResults()) != 1 || logs.GetResults()[0].GetMessageId() != "sms-pull" {
		t.Fatalf("SMS logs through the SDK: %v %+v", err, logs)
	}
	rcsLogs, _, err := sdk.RcsAPI.GetOutboundRcsMessageLogs(ctx).Execute()
	if err != nil || len(rcsLogs.GetResults()) != 1 || rcsLogs.GetResults()[0].GetMessageId() != "rcs-pull" {
		t.Fatalf("RCS logs through the SDK: %v %+v", err, rcsLogs)
	}

	inbox, _, err := sdk.SmsAPI.GetInboundSmsMessages(ctx).Execute()
	if err != nil {
		t.Fatalf("inbox: %v", err)
	}
	if r := inbox.GetResults(); len(r) != 1 || r[0].GetText() != "QUIZ Paris" || r[0].GetFrom() != "919999000009" || inbox.GetMessageCount() != 1 || inbox.GetPendingMessageCount() != 0 {
		t.Fatalf("inbox through the SDK: %+v", inbox)
	}
	if r := r0(inbox.GetResults()); r.ReceivedAt == nil || !r.ReceivedAt.T.Equal(simtest.Start()) {
		t.Fatalf("inbox receivedAt not decoded: %+v", r.ReceivedAt)
	}
}

func r0[T any](s []T) T { return s[0] }
