package simulator_test

// These tests drive the simulator with Infobip's official Go SDK, unmodified,
// to prove that what the simulator answers is what the SDK can decode: the
// send responses, the status objects, both error envelopes and the preview.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/infobip/infobip-api-go-client/v3/pkg/infobip"
	"github.com/infobip/infobip-api-go-client/v3/pkg/infobip/api"
	"github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/rcs"
	"github.com/infobip/infobip-api-go-client/v3/pkg/infobip/models/sms"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// newSDK returns an SDK client pointed at ts. The SDK keeps http:// for
// 127.0.0.1 hosts, so no TLS is needed.
func newSDK(ts *simtest.Server) *api.APIClient {
	cfg := infobip.NewConfiguration()
	cfg.Host = ts.URL
	cfg.HTTPClient = ts.Client
	return api.NewAPIClient(cfg)
}

// sdkAuth is the SDK's documented way to pass an API key (see its README).
func sdkAuth(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, infobip.ContextAPIKeys, map[string]infobip.APIKey{
		"APIKeyHeader": {Key: key},
	})
}

func sdkPtr[T any](v T) *T { return &v }

var (
	sdkUUIDShape    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	sdkNumericShape = regexp.MustCompile(`^[0-9]{19}$`)
)

// sdkRCSPendingAccepted and sdkSMSPendingAccepted are status 26 as the SDK models
// decode it.
func sdkRCSPendingAccepted() *rcs.MessageStatus {
	return &rcs.MessageStatus{
		GroupId: sdkPtr(int32(1)), GroupName: sdkPtr(rcs.MESSAGEGENERALSTATUS_PENDING),
		Id: sdkPtr(int32(26)), Name: sdkPtr("PENDING_ACCEPTED"), Description: sdkPtr("Message sent to next instance"),
	}
}

func sdkSMSPendingAccepted() *sms.MessageStatus {
	return &sms.MessageStatus{
		GroupId: sdkPtr(int32(1)), GroupName: sdkPtr(sms.MESSAGEGENERALSTATUS_PENDING),
		Id: sdkPtr(int32(26)), Name: sdkPtr("PENDING_ACCEPTED"), Description: sdkPtr("Message sent to next instance"),
	}
}

// sdkStoredView is the part of a stored message the SDK tests care about.
type sdkStoredView struct {
	API, Channel, MessageID, BulkID, Sender, Destination string
	ContentType, Text, CallbackData, NotifyURL, SeenURL  string
	Parts                                                int
	Status                                               string
	IntermediateReport                                   bool
	AcceptedAt                                           time.Time
}

func sdkViewOf(m *simulator.Message) sdkStoredView {
	return sdkStoredView{
		API: m.API, Channel: m.Channel, MessageID: m.MessageID, BulkID: m.BulkID, Sender: m.Sender,
		Destination: m.Destination, ContentType: m.ContentType, Text: m.Text, CallbackData: m.CallbackData,
		NotifyURL: m.NotifyURL, SeenURL: m.SeenURL, Parts: m.Parts, Status: m.Status.Name,
		IntermediateReport: m.IntermediateReport, AcceptedAt: m.AcceptedAt,
	}
}

func TestSDKSendSMS(t *testing.T) {
	t.Parallel()
	// 200 GSM characters: more than the 160 of one SMS, at most 2*153.
	long := strings.Repeat("Your JioCX order has shipped. ", 7)[:200]
	tests := []struct {
		name      string
		text      string
		withCount bool
		wantParts int
	}{
		{name: "long text with count", text: long, withCount: true, wantParts: 2},
		{name: "short text with count", text: "Hello from the SDK", withCount: true, wantParts: 1},
		{name: "long text without count", text: long, withCount: false, wantParts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := simtest.NewServer(t)
			client := newSDK(ts)

			msg := sms.NewMessage(
				[]sms.Destination{*sms.NewDestination("+919876543210"), *sms.NewDestination("919876543211")},
				sms.TextMessageContentAsMessageContent(sms.NewTextMessageContent(tt.text)),
			)
			msg.SetSender("JIOCXS")
			req := sms.NewRequestEnvelope([]sms.Message{*msg})
			if tt.withCount {
				opts := sms.NewMessageRequestOptions()
				opts.SetIncludeSmsCountInResponse(true)
				req.SetOptions(*opts)
			}

			got, httpResp, err := client.SmsAPI.SendSmsMessages(sdkAuth(t.Context(), simtest.APIKey)).RequestEnvelope(*req).Execute()
			if err != nil {
				t.Fatalf("SendSmsMessages: %v (%s)", err, sdkErrBody(err))
			}
			if httpResp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", httpResp.StatusCode)
			}
			if got.BulkId == nil || !sdkUUIDShape.MatchString(*got.BulkId) {
				t.Errorf("bulkId = %v, want a UUID", sdkDeref(got.BulkId))
			}
			if len(got.Messages) != 2 {
				t.Fatalf("got %d messages, want 2: %+v", len(got.Messages), got.Messages)
			}
			ids := map[string]bool{}
			for i, m := range got.Messages {
				id := sdkDeref(m.MessageId)
				if !sdkNumericShape.MatchString(id) {
					t.Errorf("messages[%d].messageId = %q, want 19 digits", i, id)
				}
				ids[id] = true
			}
			if len(ids) != 2 {
				t.Errorf("messageIds are not distinct: %v", ids)
			}

			var details *sms.MessageResponseDetails
			if tt.withCount {
				details = &sms.MessageResponseDetails{MessageCount: sdkPtr(int32(tt.wantParts))}
			}
			want := &sms.Response{
				BulkId: got.BulkId,
				Messages: []sms.ResponseDetails{
					{MessageId: got.Messages[0].MessageId, Status: sdkSMSPendingAccepted(), Destination: sdkPtr("919876543210"), Details: details},
					{MessageId: got.Messages[1].MessageId, Status: sdkSMSPendingAccepted(), Destination: sdkPtr("919876543211"), Details: details},
				},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}

			stored := ts.Sim.Messages(simulator.MessageFilter{BulkID: sdkDeref(got.BulkId)})
			gotViews := make([]sdkStoredView, len(stored))
			for i, m := range stored {
				gotViews[i] = sdkViewOf(m)
			}
			base := sdkStoredView{
				API: "sms/3", Channel: "SMS", BulkID: sdkDeref(got.BulkId), Sender: "JIOCXS", ContentType: "TEXT",
				Text: tt.text, Parts: tt.wantParts, Status: "PENDING_ACCEPTED", AcceptedAt: simtest.Start(),
			}
			want0, want1 := base, base
			want0.MessageID, want0.Destination = sdkDeref(got.Messages[0].MessageId), "919876543210"
			want1.MessageID, want1.Destination = sdkDeref(got.Messages[1].MessageId), "919876543211"
			if diff := cmp.Diff([]sdkStoredView{want0, want1}, gotViews); diff != "" {
				t.Errorf("stored messages (-want +got):\n%s", diff)
			}
			// The same messages, found by destination with the + the client sent.
			if n := len(ts.Sim.Messages(simulator.MessageFilter{Destination: "+919876543210", Channel: "SMS"})); n != 1 {
				t.Errorf("messages to +919876543210 = %d, want 1", n)
			}
		})
	}
}

func TestSDKSendRCS(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	client := newSDK(ts)

	text := rcs.NewOutboundTextContent("Your order is on its way. Track it?")
	text.SetSuggestions([]rcs.Suggestion{
		rcs.ReplySuggestionAsSuggestion(rcs.NewReplySuggestion("Not now", "reply-not-now")),
		rcs.OpenUrlSuggestionAsSuggestion(rcs.NewOpenUrlSuggestion("Track", "open-track", "https://shop.example.com/track/42")),
	})
	msg := rcs.NewMessage("JioCXAgent", []rcs.ToDestination{*rcs.NewToDestination("+919876543210")},
		rcs.OutboundTextContentAsOutboundMessageContent(text))

	dlt := rcs.NewIndiaDltOptions("1101456789012345678")
	dlt.SetContentTemplateId("1107161234567890123")
	regional := rcs.NewRegionalOptions()
	regional.SetIndiaDlt(*dlt)
	failover := rcs.NewDefaultSmsFailover("Your order is on its way: https://shop.example.com/track/42")
	failover.SetSender("JIOCXS")
	failover.SetRegional(*regional)
	opts := rcs.NewFailoverOptions()
	opts.SetSmsFailover(*failover)
	msg.SetOptions(*opts)

	delivery := rcs.NewMessageDeliveryReporting()
	delivery.SetUrl("https://hooks.example.com/dlr")
	delivery.SetIntermediateReport(true)
	seen := rcs.NewSeenStatusReporting()
	seen.SetUrl("https://hooks.example.com/seen")
	hooks := rcs.NewWebhooksWithSeen()
	hooks.SetDelivery(*delivery)
	hooks.SetSeen(*seen)
	hooks.SetCallbackData("order-42")
	msg.SetWebhooks(*hooks)

	got, httpResp, err := client.RcsAPI.SendRcsMessages(sdkAuth(t.Context(), simtest.APIKey)).
		MessageRequest(*rcs.NewMessageRequest([]rcs.Message{*msg})).Execute()
	if err != nil {
		t.Fatalf("SendRcsMessages: %v (%s)", err, sdkErrBody(err))
	}
	if httpResp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", httpResp.StatusCode)
	}
	if len(got.Messages) != 1 {
		t.Fatalf("got %d messages, want 1", len(got.Messages))
	}
	if !sdkUUIDShape.MatchString(sdkDeref(got.BulkId)) {
		t.Errorf("bulkId = %q, want a UUID", sdkDeref(got.BulkId))
	}
	if !sdkUUIDShape.MatchString(sdkDeref(got.Messages[0].MessageId)) {
		t.Errorf("messageId = %q, want a UUID", sdkDeref(got.Messages[0].MessageId))
	}
	want := &rcs.Response{
		BulkId: got.BulkId,
		Messages: []rcs.ResponseDetails{{
			MessageId: got.Messages[0].MessageId, Status: sdkRCSPendingAccepted(), Destination: sdkPtr("919876543210"),
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}

	m, ok := ts.Sim.Message("", sdkDeref(got.Messages[0].MessageId))
	if !ok {
		t.Fatalf("message %s was not recorded", sdkDeref(got.Messages[0].MessageId))
	}
	wantView := sdkStoredView{
		API: "rcs/2", Channel: "RCS", MessageID: sdkDeref(got.Messages[0].MessageId), BulkID: sdkDeref(got.BulkId),
		Sender: "JioCXAgent", Destination: "919876543210", ContentType: "TEXT", Text: "Your order is on its way. Track it?",
		CallbackData: "order-42", NotifyURL: "https://hooks.example.com/dlr", SeenURL: "https://hooks.example.com/seen",
		Parts: 1, Status: "PENDING_ACCEPTED", IntermediateReport: true, AcceptedAt: simtest.Start(),
	}
	if diff := cmp.Diff(wantView, sdkViewOf(m)); diff != "" {
		t.Errorf("stored message (-want +got):\n%s", diff)
	}
	if m.Failover == nil {
		t.Fatal("stored message has no smsFailover")
	}
	gotFailover := struct {
		Sender, Text string
		Validity     time.Duration
		DLT          *wire.IndiaDLT
	}{m.Failover.Sender, m.Failover.Text, time.Duration(m.Failover.Validity), m.Failover.DLT}
	wantFO := gotFailover
	wantFO.Sender, wantFO.Text, wantFO.Validity = "JIOCXS", "Your order is on its way: https://shop.example.com/track/42", simulator.DefaultValidity
	wantFO.DLT = &wire.IndiaDLT{PrincipalEntityID: "1101456789012345678", ContentTemplateID: "1107161234567890123"}
	if diff := cmp.Diff(wantFO, gotFailover); diff != "" {
		t.Errorf("stored smsFailover (-want +got):\n%s", diff)
	}

	var content wire.RCSContent
	if err := json.Unmarshal(m.Content, &content); err != nil {
		t.Fatalf("stored content %s: %v", m.Content, err)
	}
	wantSugg := []wire.Suggestion{
		{Type: "REPLY", Text: "Not now", PostbackData: "reply-not-now"},
		{Type: "OPEN_URL", Text: "Track", PostbackData: "open-track", URL: "https://shop.example.com/track/42"},
	}
	if diff := cmp.Diff(wantSugg, content.Suggestions); diff != "" {
		t.Errorf("stored suggestions (-want +got):\n%s", diff)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("unexpected warnings: %q", m.Warnings)
	}
}

// TestSDKUnauthorized checks that a 401 decodes into the SDK's own error model
// for the endpoint: ApiError for the modern envelope, ApiException for the
// legacy one.
func TestSDKUnauthorized(t *testing.T) {
	t.Parallel()
	modern401 := func() (string, string, string, []string) {
		return "E401", "The request lacks valid authentication credentials for the requested resource.",
			"Check the resources and adjust authentication credentials.",
			[]string{"API Authentication", "https://www.infobip.com/docs/essentials/api-authentication"}
	}
	code, desc, action, res := modern401()
	wantRCS := rcs.ApiError{
		ErrorCode: code, Description: desc, Action: action,
		Violations: []rcs.ApiErrorViolation{},
		Resources:  []rcs.ApiErrorResource{{Name: sdkPtr(res[0]), Url: sdkPtr(res[1])}},
	}
	wantSMS := sms.ApiError{
		ErrorCode: code, Description: desc, Action: action,
		Violations: []sms.ApiErrorViolation{},
		Resources:  []sms.ApiErrorResource{{Name: sdkPtr(res[0]), Url: sdkPtr(res[1])}},
	}
	wantLegacy := sms.ApiException{RequestError: &sms.ApiRequestError{ServiceException: &sms.ApiRequestErrorDetails{
		MessageId: sdkPtr("UNAUTHORIZED"), Text: sdkPtr("Unauthorized"),
	}}}

	calls := []struct {
		name string
		call func(ctx context.Context, c *api.APIClient) (*http.Response, error)
		want any
	}{
		{"rcs send", func(ctx context.Context, c *api.APIClient) (*http.Response, error) {
			req := rcs.NewMessageRequest([]rcs.Message{*rcs.NewMessage("JioCXAgent",
				[]rcs.ToDestination{*rcs.NewToDestination("919876543210")},
				rcs.OutboundTextContentAsOutboundMessageContent(rcs.NewOutboundTextContent("hi")))})
			_, r, err := c.RcsAPI.SendRcsMessages(ctx).MessageRequest(*req).Execute()
			return r, err
		}, wantRCS},
		{"sms send", func(ctx context.Context, c *api.APIClient) (*http.Response, error) {
			req := sms.NewRequestEnvelope([]sms.Message{*sms.NewMessage([]sms.Destination{*sms.NewDestination("919876543210")},
				sms.TextMessageContentAsMessageContent(sms.NewTextMessageContent("hi")))})
			_, r, err := c.SmsAPI.SendSmsMessages(ctx).RequestEnvelope(*req).Execute()
			return r, err
		}, wantSMS},
		{"sms preview", func(ctx context.Context, c *api.APIClient) (*http.Response, error) {
			_, r, err := c.SmsAPI.PreviewSmsMessage(ctx).PreviewRequest(*sms.NewPreviewRequest("hi")).Execute()
			return r, err
		}, wantLegacy},
	}
	keys := []struct {
		name string
		ctx  func(context.Context) context.Context
	}{
		{"malformed key", func(ctx context.Context) context.Context { return sdkAuth(ctx, "not-an-infobip-key") }},
		{"key with a wrong last group", func(ctx context.Context) context.Context {
			return sdkAuth(ctx, simtest.APIKey[:len(simtest.APIKey)-1]+"z")
		}},
		{"empty key", func(ctx context.Context) context.Context { return sdkAuth(ctx, "") }},
		{"no credentials", func(ctx context.Context) context.Context { return ctx }},
	}
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	for _, c := range calls {
		for _, k := range keys {
			t.Run(c.name+"/"+k.name, func(t *testing.T) {
				t.Parallel()
				resp, err := c.call(k.ctx(t.Context()), client)
				if err == nil {
					t.Fatal("call succeeded, want a 401")
				}
				if resp == nil || resp.StatusCode != http.StatusUnauthorized {
					t.Fatalf("response %v, want 401 (err %v)", resp, err)
				}
				var apiErr *api.GenericOpenAPIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("error is %T, want *api.GenericOpenAPIError", err)
				}
				if diff := cmp.Diff(c.want, apiErr.Model()); diff != "" {
					t.Errorf("Model() (-want +got):\n%s\nbody: %s", diff, apiErr.Body())
				}
			})
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("%d messages stored after refused calls, want 0", n)
	}
}

func sdkViolation(property, text string) rcs.ApiErrorViolation {
	return rcs.ApiErrorViolation{Property: sdkPtr(property), Violation: sdkPtr(text)}
}

// TestSDKRCSBadRequest sends invalid /rcs/2/messages requests the SDK lets a
// caller build, and decodes the violations from the SDK's ApiError.
func TestSDKRCSBadRequest(t *testing.T) {
	t.Parallel()
	to := []rcs.ToDestination{*rcs.NewToDestination("919876543210")}
	textMsg := func(text string, dest []rcs.ToDestination) rcs.Message {
		return *rcs.NewMessage("JioCXAgent", dest, rcs.OutboundTextContentAsOutboundMessageContent(rcs.NewOutboundTextContent(text)))
	}
	tests := []struct {
		name string
		msgs []rcs.Message
		want []rcs.ApiErrorViolation
	}{
		{
			name: "text too long and no destinations",
			msgs: []rcs.Message{textMsg(strings.Repeat("a", 3073), []rcs.ToDestination{})},
			want: []rcs.ApiErrorViolation{
				sdkViolation("messages[0].destinations", "must not be empty"),
				sdkViolation("messages[0].content.text", "size must be between 0 and 3072"),
			},
		},
		{
			name: "text at the limit and no destinations",
			msgs: []rcs.Message{textMsg(strings.Repeat("a", 3072), []rcs.ToDestination{})},
			want: []rcs.ApiErrorViolation{sdkViolation("messages[0].destinations", "must not be empty")},
		},
		{
			name: "nil destinations",
			msgs: []rcs.Message{textMsg("hi", nil)},
			want: []rcs.ApiErrorViolation{sdkViolation("messages[0].destinations", "must not be null")},
		},
		{
			name: "text over the limit counted in UTF-16 units",
			// 1537 emoji are 3074 UTF-16 code units but only 1537 runes.
			msgs: []rcs.Message{textMsg(strings.Repeat("\U0001F600", 1537), to)},
			want: []rcs.ApiErrorViolation{sdkViolation("messages[0].content.text", "size must be between 0 and 3072")},
		},
		{
			name: "second message invalid",
			msgs: []rcs.Message{textMsg("ok", to), textMsg(strings.Repeat("b", 4000), to)},
			want: []rcs.ApiErrorViolation{sdkViolation("messages[1].content.text", "size must be between 0 and 3072")},
		},
		{
			name: "no messages",
			msgs: []rcs.Message{},
			want: []rcs.ApiErrorViolation{sdkViolation("messages", "must not be empty")},
		},
		{
			name: "reply suggestion text too long and open url not a url",
			msgs: func() []rcs.Message {
				c := rcs.NewOutboundTextContent("pick one")
				c.SetSuggestions([]rcs.Suggestion{
					rcs.ReplySuggestionAsSuggestion(rcs.NewReplySuggestion(strings.Repeat("x", 26), "pb")),
					rcs.OpenUrlSuggestionAsSuggestion(rcs.NewOpenUrlSuggestion("Go", "pb", "ftp://example.com")),
				})
				return []rcs.Message{*rcs.NewMessage("JioCXAgent", to, rcs.OutboundTextContentAsOutboundMessageContent(c))}
			}(),
			want: []rcs.ApiErrorViolation{
				sdkViolation("messages[0].content.suggestions[0].text", "size must be between 1 and 25"),
				sdkViolation("messages[0].content.suggestions[1].url", "is not a valid url"),
			},
		},
	}
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, resp, err := client.RcsAPI.SendRcsMessages(sdkAuth(t.Context(), simtest.APIKey)).
				MessageRequest(*rcs.NewMessageRequest(tt.msgs)).Execute()
			if err == nil {
				t.Fatal("call succeeded, want a 400")
			}
			if resp == nil || resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("response %v, want 400 (err %v)", resp, err)
			}
			var apiErr *api.GenericOpenAPIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error is %T, want *api.GenericOpenAPIError", err)
			}
			model, ok := apiErr.Model().(rcs.ApiError)
			if !ok {
				t.Fatalf("Model() is %T, want rcs.ApiError; body %s", apiErr.Model(), apiErr.Body())
			}
			want := rcs.ApiError{
				ErrorCode: "E400", Description: "Request cannot be processed.",
				Action: "Check the syntax, violations and adjust the request.", Violations: tt.want,
				Resources: []rcs.ApiErrorResource{},
			}
			if diff := cmp.Diff(want, model); diff != "" {
				t.Errorf("ApiError (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("%d messages stored after refused calls, want 0", n)
	}
}

// TestSDKSMSBadRequest: the v3 SMS send answers in the modern envelope too,
// and the preview in the legacy one with validationErrors.
func TestSDKSMSBadRequest(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	ctx := sdkAuth(t.Context(), simtest.APIKey)

	t.Run("send without destinations", func(t *testing.T) {
		t.Parallel()
		req := sms.NewRequestEnvelope([]sms.Message{*sms.NewMessage([]sms.Destination{},
			sms.TextMessageContentAsMessageContent(sms.NewTextMessageContent("hi")))})
		_, _, err := client.SmsAPI.SendSmsMessages(ctx).RequestEnvelope(*req).Execute()
		var apiErr *api.GenericOpenAPIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("error %v (%T), want *api.GenericOpenAPIError", err, err)
		}
		want := sms.ApiError{
			ErrorCode: "E400", Description: "Request cannot be processed.",
			Action:     "Check the syntax, violations and adjust the request.",
			Violations: []sms.ApiErrorViolation{{Property: sdkPtr("messages[0].destinations"), Violation: sdkPtr("must not be empty")}},
			Resources:  []sms.ApiErrorResource{},
		}
		if diff := cmp.Diff(want, apiErr.Model()); diff != "" {
			t.Errorf("Model() (-want +got):\n%s", diff)
		}
	})

	t.Run("preview with an unknown language", func(t *testing.T) {
		t.Parallel()
		req := sms.NewPreviewRequest("hi")
		req.SetLanguageCode("XX")
		_, resp, err := client.SmsAPI.PreviewSmsMessage(ctx).PreviewRequest(*req).Execute()
		if resp == nil || resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("response %v, want 400 (err %v)", resp, err)
		}
		var apiErr *api.GenericOpenAPIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("error %v (%T), want *api.GenericOpenAPIError", err, err)
		}
		model, ok := apiErr.Model().(sms.ApiException)
		if !ok || model.RequestError == nil || model.RequestError.ServiceException == nil {
			t.Fatalf("Model() = %#v, want a filled sms.ApiException; body %s", apiErr.Model(), apiErr.Body())
		}
		se := model.RequestError.ServiceException
		if got := sdkDeref(se.MessageId); got != "BAD_REQUEST" {
			t.Errorf("messageId = %q, want BAD_REQUEST", got)
		}
		if se.ValidationErrors == nil {
			t.Fatalf("no validationErrors; body %s", apiErr.Body())
		}
		ve := *se.ValidationErrors
		if len(ve) != 1 || len(ve["languageCode"]) != 1 || ve["languageCode"][0] == "" {
			t.Errorf("validationErrors = %q, want one sdkViolation of languageCode", ve)
		}
	})
}

func TestSDKPreview(t *testing.T) {
	t.Parallel()
	type preview struct {
		Text      string
		Count     int32
		Remaining int32
		Language  string
	}
	tests := []struct {
		name     string
		text     string
		language string
		want     []preview
	}{
		{name: "short GSM", text: "Hello", want: []preview{{"Hello", 1, 155, ""}}},
		{name: "exactly one SMS", text: strings.Repeat("a", 160), want: []preview{{strings.Repeat("a", 160), 1, 0, ""}}},
		{name: "two parts", text: strings.Repeat("a", 200), want: []preview{{strings.Repeat("a", 200), 2, 106, ""}}},
		{name: "extension characters count twice", text: "{}", want: []preview{{"{}", 1, 156, ""}}},
		{name: "unicode", text: "नमस्ते", want: []preview{{"नमस्ते", 1, 64, ""}}},
		{
			// Without a language Ş needs UCS-2 (70 units). With TR the text
			// is GSM-7 with Turkish locking shift (Ş, ş one septet each) and
			// the national-language header, leaving 155-5 septets.
			name: "turkish shift table", text: "Şişli", language: "TR",
			want: []preview{{"Şişli", 1, 65, ""}, {"Şişli", 1, 150, "TR"}},
		},
	}
	ts := simtest.NewServer(t)
	client := newSDK(ts)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := sms.NewPreviewRequest(tt.text)
			if tt.language != "" {
				req.SetLanguageCode(tt.language)
			}
			got, _, err := client.SmsAPI.PreviewSmsMessage(sdkAuth(t.Context(), simtest.APIKey)).PreviewRequest(*req).Execute()
			if err != nil {
				t.Fatalf("PreviewSmsMessage: %v (%s)", err, sdkErrBody(err))
			}
			if sdkDeref(got.OriginalText) != tt.text {
				t.Errorf("originalText = %q, want %q", sdkDeref(got.OriginalText), tt.text)
			}
			gotPreviews := make([]preview, len(got.Previews))
			for i, p := range got.Previews {
				gotPreviews[i] = preview{Text: sdkDeref(p.TextPreview), Count: sdkDeref(p.MessageCount), Remaining: sdkDeref(p.CharactersRemaining)}
				if p.Configuration != nil && p.Configuration.Language != nil {
					gotPreviews[i].Language = sdkDeref(p.Configuration.Language.LanguageCode)
				}
			}
			if diff := cmp.Diff(tt.want, gotPreviews); diff != "" {
				t.Errorf("previews (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSDKTimeFormat: no send or preview response carries a timestamp, so the
// SDK never parses one from these endpoints; but the simulator renders every
// wire timestamp in Infobip's layout, which the SDK's own Time type decodes.
func TestSDKTimeFormat(t *testing.T) {
	t.Parallel()
	for _, in := range []time.Time{
		simtest.Start(),
		time.Date(2026, 3, 4, 5, 6, 7, 891_000_000, time.FixedZone("IST", 5*3600+1800)),
	} {
		b, err := json.Marshal(wire.NewTime(in))
		if err != nil {
			t.Fatal(err)
		}
		var got infobip.Time
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("SDK cannot decode %s: %v", b, err)
		}
		if !got.T.Equal(in) {
			t.Errorf("SDK decoded %s as %v, want %v", b, got.T, in)
		}
	}
}

func sdkDeref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// sdkErrBody returns the response body an SDK error carries, for failure messages.
func sdkErrBody(err error) string {
	var apiErr *api.GenericOpenAPIError
	if errors.As(err, &apiErr) {
		return string(apiErr.Body())
	}
	return ""
}
