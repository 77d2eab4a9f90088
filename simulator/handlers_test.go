package simulator_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// ---- helpers

// hReply is one HTTP answer.
type hReply struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request; auth is the whole Authorization value ("" for none).
func hDo(t *testing.T, ts *simtest.Server, method, path, auth, contentType, body string) hReply {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return hReply{status: resp.StatusCode, header: resp.Header, body: b}
}

// post POSTs a JSON body with the simtest API key.
func hPost(t *testing.T, ts *simtest.Server, path, body string) hReply {
	t.Helper()
	return hDo(t, ts, http.MethodPost, path, "App "+simtest.APIKey, "application/json", body)
}

// decodeJSON parses b into a generic tree, failing the test on bad JSON.
func hDecodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return v
}

// jsonDiff compares two JSON documents semantically, in (-want +got) form.
func hJSONDiff(t *testing.T, want, got []byte) string {
	t.Helper()
	return cmp.Diff(hDecodeJSON(t, want), hDecodeJSON(t, got))
}

// checkJSON fails unless got is the JSON document want.
func hCheckJSON(t *testing.T, want string, got []byte) {
	t.Helper()
	if diff := hJSONDiff(t, []byte(want), got); diff != "" {
		t.Errorf("body mismatch (-want +got):\n%s\ngot: %s", diff, got)
	}
}

// checkGolden compares got with testdata/golden/<name>.json, rewriting the
// file instead with -updateGolden.
func hCheckGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".json")
	if *updateGolden {
		var buf bytes.Buffer
		if err := json.Indent(&buf, got, "", "  "); err != nil {
			t.Fatalf("indent %s: %v\n%s", name, err, got)
		}
		buf.WriteByte('\n')
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -updateGolden to create it): %v", err)
	}
	if diff := hJSONDiff(t, want, got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func hCheckJSONType(t *testing.T, r hReply) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
}

func hBasic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// ---- request builders

const (
	hRCSTo = "919812345678"
	hSMSTo = "41793026727"

	// Calendar event times relative to simtest.Start() (2026-01-02T10:00Z).
	hFutureStart = "2026-03-03T15:00:00.000+0000"
	hFutureEnd   = "2026-03-03T17:00:00.000+0000"
	hPastStart   = "2025-12-31T15:00:00.000+0000"
)

func hJoin(parts ...string) string { return strings.Join(parts, ",") }

func hRep(s string, n int) string { return strings.Repeat(s, n) }

// quote makes a JSON string literal.
func hQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// v1Body is a single /ott/rcs/1/message body.
func hV1(content string, extra ...string) string {
	return "{" + hJoin(append([]string{`"from":"DemoAgent"`, `"to":"` + hRCSTo + `"`, `"content":` + content}, extra...)...) + "}"
}

// v1Bulk wraps v1 bodies in the bulk envelope.
func hV1Bulk(msgs ...string) string { return `{"messages":[` + hJoin(msgs...) + `]}` }

// v2Msg is one /rcs/2/messages message.
func hV2Msg(content string, extra ...string) string {
	return "{" + hJoin(append([]string{`"sender":"DemoAgent"`, `"destinations":[{"to":"` + hRCSTo + `"}]`, `"content":` + content}, extra...)...) + "}"
}

// v2Body is a one-message /rcs/2/messages body.
func hV2(content string, extra ...string) string { return hV2Req("", hV2Msg(content, extra...)) }

// v2Req is a /rcs/2/messages body with request options (may be "").
func hV2Req(options string, msgs ...string) string {
	b := `{"messages":[` + hJoin(msgs...) + `]`
	if options != "" {
		b += `,"options":` + options
	}
	return b + "}"
}

// sms2Msg is one /sms/2/text/advanced message.
func hSMS2Msg(extra ...string) string {
	return "{" + hJoin(append([]string{`"from":"InfoSMS"`, `"destinations":[{"to":"` + hSMSTo + `"}]`, `"text":"Hello"`}, extra...)...) + "}"
}

// sms2Body is a one-message /sms/2/text/advanced body.
func hSMS2(extra ...string) string { return `{"messages":[` + hSMS2Msg(extra...) + `]}` }

// sms3Msg is one /sms/3/messages message.
func hSMS3Msg(content string, extra ...string) string {
	return "{" + hJoin(append([]string{`"sender":"InfoSMS"`, `"destinations":[{"to":"` + hSMSTo + `"}]`, `"content":` + content}, extra...)...) + "}"
}

// sms3Req is a /sms/3/messages body with request options (may be "").
func hSMS3Req(options string, msgs ...string) string {
	b := `{"messages":[` + hJoin(msgs...) + `]`
	if options != "" {
		b += `,"options":` + options
	}
	return b + "}"
}

func hSMS3(content string, extra ...string) string { return hSMS3Req("", hSMS3Msg(content, extra...)) }

func hText(text string, suggestions ...string) string {
	c := `{"type":"TEXT","text":` + hQuote(text)
	if len(suggestions) > 0 {
		c += `,"suggestions":[` + hJoin(suggestions...) + `]`
	}
	return c + "}"
}

func hReplySugg(text, postback string) string {
	return `{"type":"REPLY","text":` + hQuote(text) + `,"postbackData":` + hQuote(postback) + `}`
}

func hReplies(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = hReplySugg("Yes", "yes")
	}
	return out
}

const (
	hSugReply    = `{"type":"REPLY","text":"Yes","postbackData":"yes"}`
	hSugOpenURL  = `{"type":"OPEN_URL","text":"Open","postbackData":"open","url":"https://www.example.com/offer","application":"WEBVIEW","webviewViewMode":"TALL"}`
	hSugDial     = `{"type":"DIAL_PHONE","text":"Call us","postbackData":"call","phoneNumber":"+919812345678"}`
	hSugShowLoc  = `{"type":"SHOW_LOCATION","text":"Find us","postbackData":"map","latitude":19.0760,"longitude":72.8777,"label":"Mumbai"}`
	hSugReqLoc   = `{"type":"REQUEST_LOCATION","text":"Share location","postbackData":"loc"}`
	hSugCalendar = `{"type":"CREATE_CALENDAR_EVENT","text":"Remind me","postbackData":"cal","startTime":"` + hFutureStart + `","endTime":"` + hFutureEnd + `","title":"Sale","description":"Big sale"}`

	hMedia = `{"file":{"url":"https://www.example.com/pic.jpg"},"thumbnail":{"url":"https://www.example.com/thumb.jpg"},"height":"MEDIUM"}`
	hCard1 = `{"title":"Offer 1","description":"First","media":` + hMedia + `,"suggestions":[` + hSugReply + `]}`
	hCard2 = `{"title":"Offer 2","description":"Second"}`

	hFileContent     = `{"type":"FILE","file":{"url":"https://www.example.com/brochure.pdf"},"thumbnail":{"url":"https://www.example.com/thumb.jpg"}}`
	hCardContent     = `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":` + hCard1 + `,"suggestions":[` + hSugDial + `]}`
	hCarouselContent = `{"type":"CAROUSEL","cardWidth":"MEDIUM","contents":[` + hCard1 + `,` + hCard2 + `],"suggestions":[` + hSugReqLoc + `]}`
)

// hAllSuggestions is a TEXT content with one suggestion of each of the six types.
var hAllSuggestions = hText("Pick one", hSugReply, hSugOpenURL, hSugDial, hSugShowLoc, hSugReqLoc, hSugCalendar)

// ---- 1. success paths

func TestSendGolden(t *testing.T) {
	t.Parallel()
	dlt := `"smsFailover":{"from":"MYBRND","text":"Hi (SMS)","validityPeriod":15,"validityPeriodTimeUnit":"MINUTES","regional":{"indiaDlt":{"contentTemplateId":"1107161234567890123","principalEntityId":"1101234567890123456"}}}`
	v2Failover := `"options":{"smsFailover":{"sender":"MYBRND","text":"Hi (SMS)","validityPeriod":{"amount":15,"timeUnit":"MINUTES"},"regional":{"indiaDlt":{"contentTemplateId":"1107161234567890123","principalEntityId":"1101234567890123456","telemarketerId":"1702123456789012345"}}}}`
	webhooks := `"webhooks":{"delivery":{"url":"https://example.test/dlr","intermediateReport":true,"notify":true,"receiveTriggeredFailoverReports":true},"contentType":"application/json","callbackData":"cb-1","seen":{"url":"https://example.test/seen"}}`
	ordered := hV2Req(`{"messageOrdering":{"respectOrder":true,"stopOnFailure":false}}`,
		hV2Msg(hText("first"), v2Failover),
		hV2Msg(hText("second")))
	tests := []struct {
		name string
		opts []simulator.Option
		path string
		body string
	}{
		{name: "rcs1_text_all_suggestions", path: "/ott/rcs/1/message", body: hV1(hAllSuggestions)},
		{name: "rcs1_file", path: "/ott/rcs/1/message", body: hV1(hFileContent, `"messageId":"ext-file-1"`)},
		{name: "rcs1_card", path: "/ott/rcs/1/message", body: hV1(hCardContent)},
		{name: "rcs1_carousel", path: "/ott/rcs/1/message", body: hV1(hCarouselContent)},
		{name: "rcs1_sms_failover_india_dlt", path: "/ott/rcs/1/message",
			body: hV1(hText("Hi"), dlt, `"notifyUrl":"https://example.test/dlr"`, `"callbackData":"cb"`, `"messageId":"ext-1"`)},
		{name: "rcs1_bulk_object", path: "/ott/rcs/1/message/bulk",
			body: hV1Bulk(hV1(hText("one")), hV1(hText("two"), `"messageId":"ext-2"`))},
		{name: "rcs1_bulk_array", opts: []simulator.Option{simulator.WithBulkResponseArray()}, path: "/ott/rcs/1/message/bulk",
			body: hV1Bulk(hV1(hText("one")), hV1(hText("two"), `"messageId":"ext-2"`))},

		{name: "rcs2_text", path: "/rcs/2/messages", body: hV2(hText("Hello", hSugReply))},
		{name: "rcs2_file_suggestions", path: "/rcs/2/messages",
			body: hV2(`{"type":"FILE","file":{"url":"https://www.example.com/v.mp4"},"suggestions":[` + hSugOpenURL + `,` + hSugCalendar + `]}`)},
		{name: "rcs2_card", path: "/rcs/2/messages", body: hV2(hCardContent)},
		{name: "rcs2_carousel", path: "/rcs/2/messages", body: hV2(hCarouselContent)},
		{name: "rcs2_provider_template", path: "/rcs/2/messages",
			body: hV2(`{"type":"PROVIDER_TEMPLATE","templateId":"welcome_1","parameters":[{"name":"name","value":"Asha"}]}`)},
		{name: "rcs2_sms_failover_india_dlt", path: "/rcs/2/messages", body: hV2(hText("Hi"), v2Failover)},
		{name: "rcs2_webhooks", path: "/rcs/2/messages", body: hV2(hText("Hi"), webhooks)},
		{name: "rcs2_schedule", path: "/rcs/2/messages",
			body: hV2Req(`{"schedule":{"bulkId":"my-bulk-7","sendAt":"2026-02-01T09:00:00.000+0000","sendingSpeedLimit":{"amount":10,"timeUnit":"MINUTE"}}}`,
				`{"destinations":[{"to":"919812345678","messageId":"m-1"},{"to":"+919812345679"}],"content":{"type":"TEXT","text":"Later"}}`)},
		{name: "rcs2_tracking", path: "/rcs/2/messages",
			body: hV2Req(`{"tracking":{"shortenUrl":true,"trackClicks":true,"trackingUrl":"https://example.test/click","removeProtocol":false,"customDomain":"ex.am"}}`,
				hV2Msg(hText("See https://www.example.com/offer")))},
		{name: "rcs2_message_ordering_failover_first", path: "/rcs/2/messages", body: ordered},

		{name: "sms2_count_true", path: "/sms/2/text/advanced",
			body: `{"includeSmsCountInResponse":true,"messages":[` +
				`{"from":"InfoSMS","destinations":[{"to":"41793026727"},{"to":"+41793026834","messageId":"client-1"}],"text":"` + hRep("a", 161) + `"},` +
				`{"from":"Brand","destinations":[{"to":"41793026999"}],"text":"Привет"}]}`},
		{name: "sms2_count_false", path: "/sms/2/text/advanced",
			body: `{"bulkId":"my-bulk","includeSmsCountInResponse":false,"messages":[` +
				`{"destinations":[{"to":"41793026727"},{"to":"41793026834"}],"text":"Hello"},` +
				`{"from":"Brand","destinations":[{"to":"41793026999"}],"text":"Bye"}]}`},
		{name: "sms2_clipped_ids", path: "/sms/2/text/advanced",
			body: `{"bulkId":"` + hRep("b", 150) + `","messages":[{"destinations":[{"to":"41793026727","messageId":"` + hRep("m", 250) + `"}],"text":"Hello"}]}`},

		{name: "sms3_text_and_binary", path: "/sms/3/messages",
			body: hSMS3Req(`{"includeSmsCountInResponse":true}`,
				hSMS3Msg(`{"text":"`+hRep("x", 200)+`"}`),
				`{"destinations":[{"to":"41793026834"}],"content":{"hex":"54 65 73 74","dataCoding":0,"esmClass":0}}`)},
		{name: "sms3_schedule_bulk_id", path: "/sms/3/messages",
			body: hSMS3Req(`{"schedule":{"bulkId":"sched-1","sendAt":"2026-02-01T09:00:00.000+0000"}}`, hSMS3Msg(`{"text":"Later"}`))},

		{name: "preview_plain_gsm", path: "/sms/1/preview", body: `{"text":"Let's see how many characters remain unused in this message."}`},
		{name: "preview_ucs2", path: "/sms/1/preview", body: `{"text":"Привет, как дела? Это сообщение в кодировке UCS-2, и оно длиннее семидесяти символов."}`},
		{name: "preview_extension_chars", path: "/sms/1/preview", body: `{"text":"Price: 10€ [now] {only} ~ ^ | \\ and more"}`},
		{name: "preview_language_tr", path: "/sms/1/preview", body: `{"text":"Şişli'de ığdır ağaç","languageCode":"TR"}`},
		{name: "preview_transliteration", path: "/sms/1/preview", body: `{"text":"Καλημέρα κόσμε","transliteration":"GREEK"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := simtest.NewServer(t, append([]simulator.Option{simulator.WithCounterIDs()}, tt.opts...)...)
			r := hPost(t, ts, tt.path, tt.body)
			if r.status != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
			}
			hCheckJSONType(t, r)
			hCheckGolden(t, tt.name, r.body)
		})
	}
}

// TestSendShapes checks the documented response shapes directly, so that a
// golden file refreshed by mistake cannot hide a wrong shape.
func TestSendShapes(t *testing.T) {
	t.Parallel()
	pendingEnroute := `{"groupId":1,"groupName":"PENDING","id":7,"name":"PENDING_ENROUTE","description":"Message sent to next instance"}`
	pendingAccepted := `{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED","description":"Message sent to next instance"}`
	tests := []struct {
		name string
		opts []simulator.Option
		path string
		body string
		want string
	}{
		{"rcs1 single: to, messageCount, messageId, PENDING_ENROUTE, no bulkId", nil, "/ott/rcs/1/message",
			hV1(hText("Hi"), `"messageId":"ext-1"`),
			`{"messages":[{"to":"919812345678","messageCount":1,"messageId":"ext-1","status":` + pendingEnroute + `}]}`},
		{"rcs1 single generates a message id", nil, "/ott/rcs/1/message", hV1(hText("Hi")),
			`{"messages":[{"to":"919812345678","messageCount":1,"messageId":"rcs-1","status":` + pendingEnroute + `}]}`},
		{"rcs1 bulk object", nil, "/ott/rcs/1/message/bulk", hV1Bulk(hV1(hText("a")), hV1(hText("b"))),
			`{"messages":[{"to":"919812345678","messageCount":1,"messageId":"rcs-2","status":` + pendingEnroute + `},` +
				`{"to":"919812345678","messageCount":1,"messageId":"rcs-3","status":` + pendingEnroute + `}]}`},
		{"rcs1 bulk array", []simulator.Option{simulator.WithBulkResponseArray()}, "/ott/rcs/1/message/bulk",
			hV1Bulk(hV1(hText("a")), hV1(hText("b"))),
			`[{"messages":[{"to":"919812345678","messageCount":1,"messageId":"rcs-2","status":` + pendingEnroute + `}]},` +
				`{"messages":[{"to":"919812345678","messageCount":1,"messageId":"rcs-3","status":` + pendingEnroute + `}]}]`},
		{"rcs1 bulk without messages", nil, "/ott/rcs/1/message/bulk", `{}`, `{"messages":[]}`},
		{"rcs2: bulkId, destination, PENDING_ACCEPTED", nil, "/rcs/2/messages", hV2(hText("Hi")),
			`{"bulkId":"bulk-1","messages":[{"messageId":"rcs-2","status":` + pendingAccepted + `,"destination":"919812345678"}]}`},
		{"rcs2 accepts empty text", nil, "/rcs/2/messages", hV2(hText("")),
			`{"bulkId":"bulk-1","messages":[{"messageId":"rcs-2","status":` + pendingAccepted + `,"destination":"919812345678"}]}`},
		{"rcs2 schedule bulkId and client messageId", nil, "/rcs/2/messages",
			hV2Req(`{"schedule":{"bulkId":"b-1"}}`, `{"destinations":[{"to":"+919812345678","messageId":"m-1"}],"content":{"type":"TEXT","text":"x"}}`),
			`{"bulkId":"b-1","messages":[{"messageId":"m-1","status":` + pendingAccepted + `,"destination":"919812345678"}]}`},
		{"sms2: bulkId, to, smsCount", nil, "/sms/2/text/advanced",
			`{"includeSmsCountInResponse":true,"messages":[{"destinations":[{"to":"41793026727"}],"text":"` + hRep("a", 161) + `"}]}`,
			`{"bulkId":"bulk-1","messages":[{"messageId":"sms-2","status":` + pendingAccepted + `,"to":"41793026727","smsCount":2}]}`},
		{"sms2 without smsCount", nil, "/sms/2/text/advanced", hSMS2(),
			`{"bulkId":"bulk-1","messages":[{"messageId":"sms-2","status":` + pendingAccepted + `,"to":"41793026727"}]}`},
		{"sms2 clips bulkId at 100 and messageId at 200", nil, "/sms/2/text/advanced",
			`{"bulkId":"` + hRep("b", 101) + `","messages":[{"destinations":[{"to":"41793026727","messageId":"` + hRep("m", 201) + `"}],"text":"x"}]}`,
			`{"bulkId":"` + hRep("b", 100) + `","messages":[{"messageId":"` + hRep("m", 200) + `","status":` + pendingAccepted + `,"to":"41793026727"}]}`},
		{"sms2 keeps bulkId of exactly 100 and messageId of exactly 200", nil, "/sms/2/text/advanced",
			`{"bulkId":"` + hRep("b", 100) + `","messages":[{"destinations":[{"to":"41793026727","messageId":"` + hRep("m", 200) + `"}],"text":"x"}]}`,
			`{"bulkId":"` + hRep("b", 100) + `","messages":[{"messageId":"` + hRep("m", 200) + `","status":` + pendingAccepted + `,"to":"41793026727"}]}`},
		{"sms3: destination and details.messageCount", nil, "/sms/3/messages",
			hSMS3Req(`{"includeSmsCountInResponse":true}`, hSMS3Msg(`{"text":"`+hRep("a", 161)+`"}`)),
			`{"bulkId":"bulk-1","messages":[{"messageId":"sms-2","status":` + pendingAccepted + `,"destination":"41793026727","details":{"messageCount":2}}]}`},
		{"sms3 binary count", nil, "/sms/3/messages",
			hSMS3Req(`{"includeSmsCountInResponse":true}`, hSMS3Msg(`{"hex":"`+hRep("ab", 141)+`"}`)),
			`{"bulkId":"bulk-1","messages":[{"messageId":"sms-2","status":` + pendingAccepted + `,"destination":"41793026727","details":{"messageCount":2}}]}`},
		{"sms3 without count", nil, "/sms/3/messages", hSMS3(`{"text":"hi"}`),
			`{"bulkId":"bulk-1","messages":[{"messageId":"sms-2","status":` + pendingAccepted + `,"destination":"41793026727"}]}`},
		// The three 200 examples of the SMS OpenAPI document for /sms/1/preview.
		{"preview spec example: plain", nil, "/sms/1/preview",
			`{"text":"Let's see how many characters remain unused in this message."}`,
			`{"originalText":"Let's see how many characters remain unused in this message.","previews":[{"textPreview":"Let's see how many characters remain unused in this message.","messageCount":1,"charactersRemaining":100,"configuration":{}}]}`},
		{"preview spec example: transliteration", nil, "/sms/1/preview",
			`{"text":"` + hGreekText + `","transliteration":"GREEK"}`,
			`{"originalText":"` + hGreekText + `","previews":[` +
				`{"textPreview":"` + hGreekText + `","messageCount":3,"charactersRemaining":46,"configuration":{}},` +
				`{"textPreview":"ΩΣ MEΓAPIKO ΨHΦIΣMA EINAI ΓNΩΣTH H AΠOΦAΣH THΣ EKKΛHΣIAΣ TOY ΔHMOY TΩN AΘHNAIΩN (ΠIΘANON ΓYPΩ ΣTO 433/2 Π.X.) NA EΠIBAΛEI AYΣTHPO KAI KAΘOΛIKO EMΠAPΓKO ΣTA","messageCount":1,"charactersRemaining":5,"configuration":{"transliteration":"GREEK"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := simtest.NewServer(t, append([]simulator.Option{simulator.WithCounterIDs()}, tt.opts...)...)
			r := hPost(t, ts, tt.path, tt.body)
			if r.status != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
			}
			hCheckJSONType(t, r)
			hCheckJSON(t, tt.want, r.body)
		})
	}
}

// hGreekText is the transliteration example of the SMS OpenAPI document; the
// document's originalText ends in a full stop that none of its previews (nor
// its counts) include, so the text is used without it.
const hGreekText = "Ως Μεγαρικό ψήφισμα είναι γνωστή η απόφαση της Εκκλησίας του δήμου των Αθηναίων (πιθανόν γύρω στο 433/2 π.Χ.) να επιβάλει αυστηρό και καθολικό εμπάργκο στα"

// TestPreviewLanguageSpecExample is the SMS OpenAPI document's "Preview
// response for request with message language" example.
func TestPreviewLanguageSpecExample(t *testing.T) {
	t.Parallel()
	const text = "Mesaj gönderimi yapmadan önce önizleme seçeneğini kullanmanız doğru karar vermenize yardımcı olur."
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	r := hPost(t, ts, "/sms/1/preview", `{"text":"`+text+`","languageCode":"TR"}`)
	hCheckJSON(t, `{"originalText":"`+text+`","previews":[`+
		`{"textPreview":"`+text+`","messageCount":2,"charactersRemaining":36,"configuration":{}},`+
		`{"textPreview":"`+text+`","messageCount":1,"charactersRemaining":57,"configuration":{"language":{"languageCode":"TR"}}}]}`, r.body)
}

// TestClipCountsCharacters: the SMS v2 document clips "anything above 100
// characters" of bulkId and 200 of messageId; clipping must not cut a
// character in half.
func TestClipCountsCharacters(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	r := hPost(t, ts, "/sms/2/text/advanced",
		`{"bulkId":"`+hRep("é", 150)+`","messages":[{"destinations":[{"to":"41793026727","messageId":"`+hRep("é", 60)+`"}],"text":"x"}]}`)
	var got struct {
		BulkID   string `json:"bulkId"`
		Messages []struct {
			MessageID string `json:"messageId"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.BulkID != hRep("é", 100) {
		t.Errorf("bulkId = %q, want 100 × é", got.BulkID)
	}
	if got.Messages[0].MessageID != hRep("é", 60) {
		t.Errorf("messageId = %q, want 60 × é (not above 200 characters)", got.Messages[0].MessageID)
	}
}

// TestSMSCountFollowsTextOptions: the count in the send response is the
// count of what is sent, so a transliterated or language-coded text counts as
// /sms/1/preview counts it.
func TestSMSCountFollowsTextOptions(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	r := hPost(t, ts, "/sms/2/text/advanced",
		`{"includeSmsCountInResponse":true,"messages":[{"destinations":[{"to":"41793026727"}],"text":"`+hGreekText+`","transliteration":"GREEK"}]}`)
	if !strings.Contains(string(r.body), `"smsCount":1`) {
		t.Errorf("sms/2 smsCount: got %s, want smsCount 1", r.body)
	}
	r = hPost(t, ts, "/sms/3/messages",
		hSMS3Req(`{"includeSmsCountInResponse":true}`, hSMS3Msg(`{"text":"`+hGreekText+`","transliteration":"GREEK"}`)))
	if !strings.Contains(string(r.body), `"messageCount":1`) {
		t.Errorf("sms/3 details.messageCount: got %s, want 1", r.body)
	}
}

// TestImplausibleDestinations: a destination that is not a plausible number is
// accepted with HTTP 200 and a REJECTED status in the body.
func TestImplausibleDestinations(t *testing.T) {
	t.Parallel()
	rejected := map[string]any{"groupId": 5, "groupName": "REJECTED", "id": 52, "name": "REJECTED_DESTINATION", "description": "Invalid destination address"}
	missing := map[string]any{"groupId": 5, "groupName": "REJECTED", "id": 51, "name": "MISSING_TO", "description": "Missing destination address"}
	pending := map[string]any{"groupId": 1, "groupName": "PENDING", "id": 26, "name": "PENDING_ACCEPTED", "description": "Message sent to next instance"}
	bodies := map[string]func(to string) string{
		"/ott/rcs/1/message": func(to string) string {
			return `{"to":` + hQuote(to) + `,"content":{"type":"TEXT","text":"x"}}`
		},
		"/ott/rcs/1/message/bulk": func(to string) string {
			return `{"messages":[{"to":` + hQuote(to) + `,"content":{"type":"TEXT","text":"x"}}]}`
		},
		"/rcs/2/messages": func(to string) string {
			return `{"messages":[{"destinations":[{"to":` + hQuote(to) + `}],"content":{"type":"TEXT","text":"x"}}]}`
		},
		"/sms/2/text/advanced": func(to string) string {
			return `{"messages":[{"destinations":[{"to":` + hQuote(to) + `}],"text":"x"}]}`
		},
		"/sms/3/messages": func(to string) string {
			return `{"messages":[{"destinations":[{"to":` + hQuote(to) + `}],"content":{"text":"x"}}]}`
		},
	}
	tos := []struct {
		to   string
		want map[string]any
	}{
		{"12", rejected},
		{"abc", rejected},
		{"", missing},
		{"1234567890123456", rejected}, // 16 digits
		{"+41793026727", pending},
	}
	for path, body := range bodies {
		for _, tt := range tos {
			t.Run(path+"/"+tt.to, func(t *testing.T) {
				t.Parallel()
				ts := simtest.NewServer(t, simulator.WithCounterIDs())
				r := hPost(t, ts, path, body(tt.to))
				if r.status != http.StatusOK {
					t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
				}
				hCheckJSONType(t, r)
				var got struct {
					Messages []struct {
						Status map[string]any `json:"status"`
					} `json:"messages"`
				}
				if err := json.Unmarshal(r.body, &got); err != nil || len(got.Messages) != 1 {
					t.Fatalf("body %s: %v", r.body, err)
				}
				want := tt.want
				if strings.HasPrefix(path, "/ott/") && want["id"] == 26 {
					want = map[string]any{"groupId": 1, "groupName": "PENDING", "id": 7, "name": "PENDING_ENROUTE", "description": "Message sent to next instance"}
				}
				if diff := cmp.Diff(hRoundTrip(t, want), got.Messages[0].Status); diff != "" {
					t.Errorf("status (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// roundTrip gives v the types encoding/json decodes into.
func hRoundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUnknownPropertiesIgnored: the schemas ignore unknown properties "as
// Infobip's API ignores them"; the typed decoding after validation must too.
func TestUnknownPropertiesIgnored(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, body string
		bug              string
	}{
		{"unknown top-level property", "/ott/rcs/1/message", hV1(hText("x"), `"foo":{"bar":[1,2]}`), ""},
		{"unknown content property", "/rcs/2/messages", hV2(`{"type":"TEXT","text":"x","foo":1}`), ""},
		{"v1 indiaDlt telemarketerId (not in the v1 schema) of another type", "/ott/rcs/1/message",
			hV1(hText("x"), `"smsFailover":{"from":"a","text":"b","regional":{"indiaDlt":{"principalEntityId":"1","telemarketerId":5}}}`),
			""},
		{"sms2 destination networkId (not in the v2 schema) of another type", "/sms/2/text/advanced",
			`{"messages":[{"destinations":[{"to":"41793026727","networkId":"x"}],"text":"x"}]}`,
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			ts := simtest.NewServer(t, simulator.WithCounterIDs())
			if r := hPost(t, ts, tt.path, tt.body); r.status != http.StatusOK {
				t.Errorf("status = %d, want 200; body %s", r.status, r.body)
			}
		})
	}
}

// TestValidityCap: every validity is capped at 48 hours, and a missing one is
// 48 hours; the stored message shows the effective validity.
func TestValidityCap(t *testing.T) {
	t.Parallel()
	const h48 = 48 * time.Hour
	tests := []struct {
		name, path, body string
		want             time.Duration
		bug              string
	}{
		{"rcs1 default", "/ott/rcs/1/message", hV1(hText("x")), h48, ""},
		{"rcs1 3 hours", "/ott/rcs/1/message", hV1(hText("x"), `"validityPeriod":3,"validityPeriodTimeUnit":"HOURS"`), 3 * time.Hour, ""},
		{"rcs1 default unit is minutes", "/ott/rcs/1/message", hV1(hText("x"), `"validityPeriod":90`), 90 * time.Minute, ""},
		{"rcs1 3 days capped", "/ott/rcs/1/message", hV1(hText("x"), `"validityPeriod":3,"validityPeriodTimeUnit":"DAYS"`), h48, ""},
		{"rcs1 huge days capped", "/ott/rcs/1/message", hV1(hText("x"), `"validityPeriod":213504,"validityPeriodTimeUnit":"DAYS"`), h48,
			""},
		{"rcs2 100 hours capped", "/rcs/2/messages", hV2(hText("x"), `"options":{"validityPeriod":{"amount":100,"timeUnit":"HOURS"}}`), h48, ""},
		{"rcs2 30 seconds", "/rcs/2/messages", hV2(hText("x"), `"options":{"validityPeriod":{"amount":30,"timeUnit":"SECONDS"}}`), 30 * time.Second, ""},
		{"rcs2 huge hours capped", "/rcs/2/messages", hV2(hText("x"), `"options":{"validityPeriod":{"amount":5124096,"timeUnit":"HOURS"}}`), h48,
			""},
		{"sms2 10 minutes", "/sms/2/text/advanced", hSMS2(`"validityPeriod":10`), 10 * time.Minute, ""},
		{"sms2 above 2880 falls back to 2880", "/sms/2/text/advanced", hSMS2(`"validityPeriod":5000`), h48, ""},
		{"sms2 huge minutes falls back to 2880", "/sms/2/text/advanced", hSMS2(`"validityPeriod":307445735`), h48,
			""},
		{"sms3 default", "/sms/3/messages", hSMS3(`{"text":"x"}`), h48, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			ts := simtest.NewServer(t, simulator.WithCounterIDs())
			if r := hPost(t, ts, tt.path, tt.body); r.status != http.StatusOK {
				t.Fatalf("status = %d; body %s", r.status, r.body)
			}
			msgs := ts.Sim.Messages(simulator.MessageFilter{})
			if len(msgs) != 1 {
				t.Fatalf("stored %d messages, want 1", len(msgs))
			}
			if got := time.Duration(msgs[0].Validity); got != tt.want {
				t.Errorf("validity = %v, want %v", got, tt.want)
			}
		})
	}
}

// ---- authentication schemes

func TestAuthSchemes(t *testing.T) {
	t.Parallel()
	t.Run("basic", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		r := hDo(t, ts, http.MethodPost, "/sms/3/messages", hBasic("alice", "s3cret"), "application/json", hSMS3(`{"text":"x"}`))
		if r.status != http.StatusOK {
			t.Fatalf("status = %d; body %s", r.status, r.body)
		}
		hCheckJSONType(t, r)
		if m := ts.Sim.Messages(simulator.MessageFilter{}); len(m) != 1 || m[0].Account != simulator.AccountID("user:alice") {
			t.Errorf("stored messages %+v, want one in account user:alice", m)
		}
	})

	t.Run("IBSSO session and its revocation", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		r := hDo(t, ts, http.MethodPost, "/auth/1/session", "", "application/json", `{"username":"alice","password":"s3cret"}`)
		if r.status != http.StatusOK {
			t.Fatalf("session: status = %d; body %s", r.status, r.body)
		}
		hCheckJSONType(t, r)
		var sess struct {
			Token string `json:"token"`
		}
		if err := json.Unmarshal(r.body, &sess); err != nil || sess.Token == "" {
			t.Fatalf("session body %s: %v", r.body, err)
		}
		if got := hDecodeJSON(t, r.body).(map[string]any); len(got) != 1 {
			t.Errorf("session body has fields %v, want only token", got)
		}
		auth := "IBSSO " + sess.Token
		for _, path := range []string{"/rcs/2/messages", "/ott/rcs/1/message"} {
			body := hV2(hText("x"))
			if path == "/ott/rcs/1/message" {
				body = hV1(hText("x"))
			}
			if r := hDo(t, ts, http.MethodPost, path, auth, "application/json", body); r.status != http.StatusOK {
				t.Fatalf("send %s with IBSSO: status = %d; body %s", path, r.status, r.body)
			}
		}
		if m := ts.Sim.Messages(simulator.MessageFilter{Account: "user:alice"}); len(m) != 2 {
			t.Errorf("account user:alice has %d messages, want 2", len(m))
		}
		if r := hDo(t, ts, http.MethodDelete, "/auth/1/session", auth, "", ""); r.status != http.StatusNoContent {
			t.Fatalf("DELETE session: status = %d, want 204; body %s", r.status, r.body)
		}
		r = hDo(t, ts, http.MethodPost, "/rcs/2/messages", auth, "application/json", hV2(hText("x")))
		if r.status != http.StatusUnauthorized {
			t.Fatalf("send after revocation: status = %d, want 401", r.status)
		}
		hCheckJSON(t, hModern401, r.body)
	})

	t.Run("IBSSO session expires after 60 minutes", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		r := hDo(t, ts, http.MethodPost, "/auth/1/session", "", "application/json", `{"username":"alice","password":"s3cret"}`)
		var sess struct {
			Token string `json:"token"`
		}
		if err := json.Unmarshal(r.body, &sess); err != nil {
			t.Fatal(err)
		}
		ts.Clock.Advance(59 * time.Minute)
		if r := hDo(t, ts, http.MethodPost, "/sms/2/text/advanced", "IBSSO "+sess.Token, "application/json", hSMS2()); r.status != http.StatusOK {
			t.Fatalf("after 59 min: status = %d", r.status)
		}
		ts.Clock.Advance(time.Minute)
		r = hDo(t, ts, http.MethodPost, "/sms/2/text/advanced", "IBSSO "+sess.Token, "application/json", hSMS2())
		if r.status != http.StatusUnauthorized {
			t.Fatalf("after 60 min: status = %d, want 401", r.status)
		}
		hCheckJSON(t, hLegacy401, r.body)
	})

	t.Run("OAuth2 client credentials", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		form := url.Values{"client_id": {"alice"}, "client_secret": {"s3cret"}, "grant_type": {"client_credentials"}}.Encode()
		r := hDo(t, ts, http.MethodPost, "/auth/1/oauth2/token", "", "application/x-www-form-urlencoded", form)
		if r.status != http.StatusOK {
			t.Fatalf("token: status = %d; body %s", r.status, r.body)
		}
		hCheckJSONType(t, r)
		var tok struct {
			AccessToken string `json:"access_token"`
			ExpiresIn   int    `json:"expires_in"`
			TokenType   string `json:"token_type"`
		}
		if err := json.Unmarshal(r.body, &tok); err != nil || tok.AccessToken == "" {
			t.Fatalf("token body %s: %v", r.body, err)
		}
		if tok.ExpiresIn != 7200 || tok.TokenType != "Bearer" {
			t.Errorf("expires_in, token_type = %d, %q; want 7200, Bearer", tok.ExpiresIn, tok.TokenType)
		}
		r = hDo(t, ts, http.MethodPost, "/rcs/2/messages", "Bearer "+tok.AccessToken, "application/json", hV2(hText("x")))
		if r.status != http.StatusOK {
			t.Fatalf("send with Bearer: status = %d; body %s", r.status, r.body)
		}
		// A Bearer token is not an IBSSO token.
		if r := hDo(t, ts, http.MethodPost, "/rcs/2/messages", "IBSSO "+tok.AccessToken, "application/json", hV2(hText("x"))); r.status != http.StatusUnauthorized {
			t.Errorf("Bearer token as IBSSO: status = %d, want 401", r.status)
		}
	})

	t.Run("strict accounts", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithAccounts(simulator.Account{
			Name: "acme", APIKeys: []string{simtest.APIKey}, Users: []simulator.User{{Username: "alice", Password: "s3cret"}},
		}))
		tests := []struct {
			name, auth string
			want       int
		}{
			{"listed key", "App " + simtest.APIKey, 200},
			{"unlisted well-formed key", "App 11111111111111111111111111111111-8f4b3d9a-e931-478d-a994-28a725159ab9", 401},
			{"right basic password", hBasic("alice", "s3cret"), 200},
			{"wrong basic password", hBasic("alice", "nope"), 401},
			{"unknown basic user", hBasic("bob", "s3cret"), 401},
		}
		for _, tt := range tests {
			r := hDo(t, ts, http.MethodPost, "/sms/2/text/advanced", tt.auth, "application/json", hSMS2())
			if r.status != tt.want {
				t.Errorf("%s: status = %d, want %d; body %s", tt.name, r.status, tt.want, r.body)
			}
			if tt.want == 401 {
				hCheckJSON(t, hLegacy401, r.body)
			}
		}
		for _, m := range ts.Sim.Messages(simulator.MessageFilter{}) {
			if m.Account != "acme" {
				t.Errorf("message %s in account %q, want acme", m.MessageID, m.Account)
			}
		}
		r := hDo(t, ts, http.MethodPost, "/auth/1/session", "", "application/json", `{"username":"alice","password":"nope"}`)
		if r.status != http.StatusUnauthorized {
			t.Fatalf("session with wrong password: status = %d, want 401", r.status)
		}
		hCheckJSON(t, `{"requestError":{"serviceException":{"messageId":"UNAUTHORIZED","text":"Invalid login details"}}}`, r.body)
		form := url.Values{"client_id": {"alice"}, "client_secret": {"nope"}, "grant_type": {"client_credentials"}}.Encode()
		r = hDo(t, ts, http.MethodPost, "/auth/1/oauth2/token", "", "application/x-www-form-urlencoded", form)
		if r.status != http.StatusUnauthorized {
			t.Fatalf("token with wrong secret: status = %d, want 401", r.status)
		}
	})
}

// ---- 2. validation

// hViol is one expected violation.
type hViol struct {
	Property  string `json:"property"`
	Violation string `json:"violation"`
}

// isModern reports whether path answers in the new ApiError envelope.
func hModern(path string) bool {
	return strings.HasPrefix(path, "/rcs/2/") || strings.HasPrefix(path, "/sms/3/")
}

// badRequestBody is the exact 400 body path answers with for vs.
func hBadRequest(path string, vs []hViol) string {
	if hModern(path) {
		b, _ := json.Marshal(map[string]any{
			"errorCode": "E400", "description": "Request cannot be processed.",
			"action": "Check the syntax, violations and adjust the request.", "violations": vs, "resources": []any{},
		})
		return string(b)
	}
	m := map[string][]string{}
	for _, v := range vs {
		m[v.Property] = append(m[v.Property], v.Violation)
	}
	b, _ := json.Marshal(map[string]any{"requestError": map[string]any{"serviceException": map[string]any{
		"messageId": "BAD_REQUEST", "text": "Bad request", "validationErrors": m,
	}}})
	return string(b)
}

type hCase struct {
	name, path, body string
	want             []hViol
	bug              string
}

func hRunValidation(t *testing.T, cases []hCase) {
	t.Helper()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	for _, tt := range cases {
		t.Run(tt.path+"/"+tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			r := hPost(t, ts, tt.path, tt.body)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", r.status, r.body)
			}
			hCheckJSONType(t, r)
			hCheckJSON(t, hBadRequest(tt.path, tt.want), r.body)
		})
	}
	t.Cleanup(func() {
		if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
			t.Errorf("refused requests stored %d messages", n)
		}
	})
}

func hOne(prop, violation string) []hViol { return []hViol{{prop, violation}} }

// TestValidationSyntax: malformed JSON, trailing data and an empty body, on
// every endpoint that takes JSON.
func TestValidationSyntax(t *testing.T) {
	t.Parallel()
	var cases []hCase
	for _, path := range []string{"/ott/rcs/1/message", "/ott/rcs/1/message/bulk", "/rcs/2/messages",
		"/sms/2/text/advanced", "/sms/3/messages", "/sms/1/preview", "/auth/1/session"} {
		cases = append(cases,
			hCase{name: "malformed", path: path, body: `{bad}`,
				want: hOne("body", "malformed JSON at offset 2: 'b' looking for beginning of object key string")},
			hCase{name: "trailing data", path: path, body: `{"text":"x"} x`,
				want: hOne("body", "malformed JSON at offset 13: unexpected data after the JSON value")},
			hCase{name: "second value", path: path, body: `{"text":"x"}{}`,
				want: hOne("body", "malformed JSON at offset 13: unexpected data after the JSON value")},
			hCase{name: "empty body", path: path, body: ``,
				want: hOne("body", "malformed JSON at offset 0: unexpected end of input")},
		)
	}
	hRunValidation(t, cases)
}

// hContentCase is a content violation shared by /ott/rcs/1/message, its bulk
// variant and /rcs/2/messages; prop is relative to the content object.
type hContentCase struct {
	name, content, prop, violation string
	only                           string // "", "v1" or "v2"
	bug                            string
}

const (
	hSuggTypes   = "must be one of [REPLY, OPEN_URL, DIAL_PHONE, SHOW_LOCATION, REQUEST_LOCATION, CREATE_CALENDAR_EVENT]"
	hTimeFormat  = "must be in the format yyyy-MM-dd'T'HH:mm:ss.SSSZ"
	hURLPrefix   = "https://www.example.com/" // padded to a length below
	hCardNoTitle = `{"description":"no media, no title"}`
)

func hURLOfLen(n int) string { return hURLPrefix + hRep("a", n-len(hURLPrefix)) }

func hCardWith(content string) string {
	return `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":` + content + `}`
}

func hCarouselWith(cards ...string) string {
	return `{"type":"CAROUSEL","cardWidth":"SMALL","contents":[` + hJoin(cards...) + `]}`
}

func hCards(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = hCard2
	}
	return out
}

var hContentCases = []hContentCase{
	// content and its discriminator
	{name: "content not an object", content: `"hi"`, prop: "", violation: "must be an object"},
	{name: "missing content.type", content: `{"text":"hi"}`, prop: ".type", violation: "must not be null"},
	{name: "unknown content.type", content: `{"type":"VIDEO"}`, prop: ".type", violation: "must be one of [TEXT, FILE, CARD, CAROUSEL]", only: "v1"},
	{name: "unknown content.type", content: `{"type":"VIDEO"}`, prop: ".type", violation: "must be one of [TEXT, FILE, CARD, CAROUSEL, PROVIDER_TEMPLATE]", only: "v2"},
	{name: "PROVIDER_TEMPLATE is v2 only", content: `{"type":"PROVIDER_TEMPLATE","templateId":"t"}`, prop: ".type", violation: "must be one of [TEXT, FILE, CARD, CAROUSEL]", only: "v1"},
	{name: "content.type a number", content: `{"type":1,"text":"hi"}`, prop: ".type", violation: "must be one of [TEXT, FILE, CARD, CAROUSEL]", only: "v1"},

	// TEXT
	{name: "missing text", content: `{"type":"TEXT"}`, prop: ".text", violation: "must not be null"},
	{name: "null text", content: `{"type":"TEXT","text":null}`, prop: ".text", violation: "must not be null"},
	{name: "number where string", content: `{"type":"TEXT","text":5}`, prop: ".text", violation: "must be a string"},
	{name: "v1 empty text", content: hText(""), prop: ".text", violation: "size must be between 1 and 1000", only: "v1"},
	{name: "v1 text 1001", content: hText(hRep("a", 1001)), prop: ".text", violation: "size must be between 1 and 1000", only: "v1"},
	{name: "v1 text 1001 UTF-16 units", content: hText(hRep("a", 999) + "😀"), prop: ".text", violation: "size must be between 1 and 1000", only: "v1"},
	{name: "v2 text 3073", content: hText(hRep("a", 3073)), prop: ".text", violation: "size must be between 0 and 3072", only: "v2"},
	{name: "object where array", content: `{"type":"TEXT","text":"hi","suggestions":{}}`, prop: ".suggestions", violation: "must be an array"},
	{name: "v1 11 suggestions", content: hText("hi", hReplies(11)...), prop: ".suggestions", violation: "size must be between 0 and 10", only: "v1"},
	{name: "v2 12 suggestions", content: hText("hi", hReplies(12)...), prop: ".suggestions", violation: "size must be between 0 and 11", only: "v2"},
	{name: "null suggestion", content: `{"type":"TEXT","text":"hi","suggestions":[null]}`, prop: ".suggestions[0]", violation: "must not be null"},

	// suggestions
	{name: "suggestion without type", content: hText("hi", `{"text":"a","postbackData":"b"}`), prop: ".suggestions[0].type", violation: "must not be null"},
	{name: "unknown suggestion type", content: hText("hi", `{"type":"SHARE","text":"a","postbackData":"b"}`), prop: ".suggestions[0].type", violation: hSuggTypes},
	{name: "suggestion text missing", content: hText("hi", `{"type":"REPLY","postbackData":"b"}`), prop: ".suggestions[0].text", violation: "must not be null"},
	{name: "suggestion postbackData missing", content: hText("hi", `{"type":"REPLY","text":"a"}`), prop: ".suggestions[0].postbackData", violation: "must not be null"},
	{name: "suggestion text 26", content: hText("hi", hReplySugg(hRep("a", 26), "b")), prop: ".suggestions[0].text", violation: "size must be between 1 and 25"},
	{name: "suggestion text empty", content: hText("hi", hReplySugg("", "b")), prop: ".suggestions[0].text", violation: "size must be between 1 and 25"},
	{name: "postbackData 2049", content: hText("hi", hReplySugg("a", hRep("p", 2049))), prop: ".suggestions[0].postbackData", violation: "size must be between 1 and 2048"},
	{name: "OPEN_URL without url", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b"}`), prop: ".suggestions[0].url", violation: "must not be null"},
	{name: "OPEN_URL url 2049", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"`+hURLOfLen(2049)+`"}`), prop: ".suggestions[0].url", violation: "size must be between 1 and 2048"},
	{name: "OPEN_URL url not http", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"tel:+91981"}`), prop: ".suggestions[0].url", violation: "is not a valid url"},
	{name: "OPEN_URL application enum", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"https://e.com","application":"APP"}`), prop: ".suggestions[0].application", violation: "must be one of [BROWSER, WEBVIEW]"},
	{name: "WEBVIEW without webviewViewMode", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"https://e.com","application":"WEBVIEW"}`), prop: ".suggestions[0].webviewViewMode", violation: "must not be null when application is WEBVIEW"},
	{name: "webviewViewMode enum", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"https://e.com","application":"WEBVIEW","webviewViewMode":"WIDE"}`), prop: ".suggestions[0].webviewViewMode", violation: "must be one of [FULL, HALF, TALL]"},
	{name: "DIAL_PHONE without phoneNumber", content: hText("hi", `{"type":"DIAL_PHONE","text":"a","postbackData":"b"}`), prop: ".suggestions[0].phoneNumber", violation: "must not be null"},
	{name: "DIAL_PHONE bad phoneNumber", content: hText("hi", `{"type":"DIAL_PHONE","text":"a","postbackData":"b","phoneNumber":"98-12"}`), prop: ".suggestions[0].phoneNumber", violation: `must match "^\+?[0-9]\d{1,14}$"`},
	{name: "SHOW_LOCATION without latitude", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","longitude":1}`), prop: ".suggestions[0].latitude", violation: "must not be null"},
	{name: "SHOW_LOCATION without longitude", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":1}`), prop: ".suggestions[0].longitude", violation: "must not be null"},
	{name: "latitude 91", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":91,"longitude":1}`), prop: ".suggestions[0].latitude", violation: "must be less than or equal to 90"},
	{name: "longitude -181", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":1,"longitude":-181}`), prop: ".suggestions[0].longitude", violation: "must be greater than or equal to -180"},
	{name: "latitude a string", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":"1","longitude":1}`), prop: ".suggestions[0].latitude", violation: "must be a number"},
	{name: "SHOW_LOCATION label 101", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":1,"longitude":1,"label":"`+hRep("l", 101)+`"}`), prop: ".suggestions[0].label", violation: "size must be between 1 and 100"},
	{name: "calendar without startTime", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","endTime":"`+hFutureEnd+`","title":"t"}`), prop: ".suggestions[0].startTime", violation: "must not be null"},
	{name: "calendar without endTime", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hFutureStart+`","title":"t"}`), prop: ".suggestions[0].endTime", violation: "must not be null"},
	{name: "calendar without title", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hFutureStart+`","endTime":"`+hFutureEnd+`"}`), prop: ".suggestions[0].title", violation: "must not be null"},
	{name: "calendar title 101", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hFutureStart+`","endTime":"`+hFutureEnd+`","title":"`+hRep("t", 101)+`"}`), prop: ".suggestions[0].title", violation: "size must be between 1 and 100"},
	{name: "calendar description 501", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hFutureStart+`","endTime":"`+hFutureEnd+`","title":"t","description":"`+hRep("d", 501)+`"}`), prop: ".suggestions[0].description", violation: "size must be between 1 and 500"},
	{name: "calendar in the past", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hPastStart+`","endTime":"`+hFutureEnd+`","title":"t"}`), prop: ".suggestions[0].startTime", violation: "must be in the future"},
	{name: "calendar end before start", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"`+hFutureEnd+`","endTime":"`+hFutureStart+`","title":"t"}`), prop: ".suggestions[0].endTime", violation: "must be after startTime"},
	{name: "calendar bad time format", content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"2026-03-03 15:00","endTime":"`+hFutureEnd+`","title":"t"}`), prop: ".suggestions[0].startTime", violation: hTimeFormat},

	// FILE
	{name: "FILE without file", content: `{"type":"FILE"}`, prop: ".file", violation: "must not be null"},
	{name: "FILE without file.url", content: `{"type":"FILE","file":{}}`, prop: ".file.url", violation: "must not be null"},
	{name: "FILE file.url not http", content: `{"type":"FILE","file":{"url":"ftp://example.com/a.png"}}`, prop: ".file.url", violation: "is not a valid url"},
	{name: "FILE file.url 2049", content: `{"type":"FILE","file":{"url":"` + hURLOfLen(2049) + `"}}`, prop: ".file.url", violation: "size must be between 1 and 2048"},
	{name: "FILE thumbnail without url", content: `{"type":"FILE","file":{"url":"https://e.com/a.png"},"thumbnail":{}}`, prop: ".thumbnail.url", violation: "must not be null"},
	{name: "v2 FILE 12 suggestions", content: `{"type":"FILE","file":{"url":"https://e.com/a.png"},"suggestions":[` + hJoin(hReplies(12)...) + `]}`, prop: ".suggestions", violation: "size must be between 0 and 11", only: "v2"},

	// CARD
	{name: "CARD without orientation", content: `{"type":"CARD","alignment":"LEFT","content":` + hCard2 + `}`, prop: ".orientation", violation: "must not be null"},
	{name: "CARD without alignment", content: `{"type":"CARD","orientation":"VERTICAL","content":` + hCard2 + `}`, prop: ".alignment", violation: "must not be null"},
	{name: "CARD without content", content: `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT"}`, prop: ".content", violation: "must not be null"},
	{name: "CARD orientation enum", content: `{"type":"CARD","orientation":"DIAGONAL","alignment":"LEFT","content":` + hCard2 + `}`, prop: ".orientation", violation: "must be one of [HORIZONTAL, VERTICAL]"},
	{name: "CARD alignment enum", content: `{"type":"CARD","orientation":"VERTICAL","alignment":"CENTER","content":` + hCard2 + `}`, prop: ".alignment", violation: "must be one of [LEFT, RIGHT]"},
	{name: "card without media or title", content: hCardWith(hCardNoTitle), prop: ".content", violation: "must contain media or title"},
	{name: "card title 201", content: hCardWith(`{"title":"` + hRep("t", 201) + `"}`), prop: ".content.title", violation: "size must be between 1 and 200"},
	{name: "card description 2001", content: hCardWith(`{"title":"t","description":"` + hRep("d", 2001) + `"}`), prop: ".content.description", violation: "size must be between 1 and 2000"},
	{name: "card media height enum", content: hCardWith(`{"media":{"file":{"url":"https://e.com/a.png"},"height":"HUGE"}}`), prop: ".content.media.height", violation: "must be one of [SHORT, MEDIUM, TALL]"},
	{name: "card media without height", content: hCardWith(`{"media":{"file":{"url":"https://e.com/a.png"}}}`), prop: ".content.media.height", violation: "must not be null"},
	{name: "card media without file", content: hCardWith(`{"media":{"height":"TALL"}}`), prop: ".content.media.file", violation: "must not be null"},
	{name: "card media file.url 2049", content: hCardWith(`{"media":{"file":{"url":"` + hURLOfLen(2049) + `"},"height":"TALL"}}`), prop: ".content.media.file.url", violation: "size must be between 1 and 2048"},
	{name: "card 5 suggestions", content: hCardWith(`{"title":"t","suggestions":[` + hJoin(hReplies(5)...) + `]}`), prop: ".content.suggestions", violation: "size must be between 0 and 4"},
	{name: "v1 CARD 11 suggestions", content: `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":` + hCard2 + `,"suggestions":[` + hJoin(hReplies(11)...) + `]}`, prop: ".suggestions", violation: "size must be between 0 and 10", only: "v1"},
	{name: "v2 CARD 12 suggestions", content: `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":` + hCard2 + `,"suggestions":[` + hJoin(hReplies(12)...) + `]}`, prop: ".suggestions", violation: "size must be between 0 and 11", only: "v2"},

	// CAROUSEL
	{name: "CAROUSEL without cardWidth", content: `{"type":"CAROUSEL","contents":[` + hCard2 + `,` + hCard2 + `]}`, prop: ".cardWidth", violation: "must not be null"},
	{name: "CAROUSEL without contents", content: `{"type":"CAROUSEL","cardWidth":"SMALL"}`, prop: ".contents", violation: "must not be null"},
	{name: "CAROUSEL cardWidth enum", content: `{"type":"CAROUSEL","cardWidth":"LARGE","contents":[` + hCard2 + `,` + hCard2 + `]}`, prop: ".cardWidth", violation: "must be one of [SMALL, MEDIUM]"},
	{name: "CAROUSEL 1 card", content: hCarouselWith(hCard2), prop: ".contents", violation: "size must be between 2 and 10"},
	{name: "CAROUSEL 11 cards", content: hCarouselWith(hCards(11)...), prop: ".contents", violation: "size must be between 2 and 10"},
	{name: "CAROUSEL card without media or title", content: hCarouselWith(hCard2, hCardNoTitle), prop: ".contents[1]", violation: "must contain media or title"},
}

// TestValidationRCSContent runs the content cases against the three RCS sends.
func TestValidationRCSContent(t *testing.T) {
	t.Parallel()
	targets := []struct {
		version, path, prefix string
		wrap                  func(content string) string
	}{
		{"v1", "/ott/rcs/1/message", "content", func(c string) string { return hV1(c) }},
		{"v1", "/ott/rcs/1/message/bulk", "messages[0].content", func(c string) string { return hV1Bulk(hV1(c)) }},
		{"v2", "/rcs/2/messages", "messages[0].content", func(c string) string { return hV2(c) }},
	}
	var cases []hCase
	for _, tg := range targets {
		for _, cc := range hContentCases {
			if cc.only != "" && cc.only != tg.version {
				continue
			}
			cases = append(cases, hCase{name: cc.name, path: tg.path, body: tg.wrap(cc.content),
				want: hOne(tg.prefix+cc.prop, cc.violation), bug: cc.bug})
		}
	}
	hRunValidation(t, cases)
}

// TestValidContentAccepted is the other side of the content limits: values at
// the documented bounds are accepted.
func TestValidContentAccepted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, content, only, bug string
	}{
		{name: "v1 text 1000", content: hText(hRep("a", 1000)), only: "v1"},
		{name: "v1 text 1000 UTF-16 units with an emoji", content: hText(hRep("a", 998) + "😀"), only: "v1"},
		{name: "v2 text 3072", content: hText(hRep("a", 3072)), only: "v2"},
		{name: "v2 empty text", content: hText(""), only: "v2"},
		{name: "v1 10 suggestions", content: hText("hi", hReplies(10)...), only: "v1"},
		{name: "v2 11 suggestions", content: hText("hi", hReplies(11)...), only: "v2"},
		{name: "suggestion text 25, postbackData 2048", content: hText("hi", hReplySugg(hRep("a", 25), hRep("p", 2048)))},
		{name: "url 2048", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"`+hURLOfLen(2048)+`"}`)},
		{name: "BROWSER without webviewViewMode", content: hText("hi", `{"type":"OPEN_URL","text":"a","postbackData":"b","url":"https://e.com","application":"BROWSER"}`)},
		{name: "latitude and longitude at the bounds", content: hText("hi", `{"type":"SHOW_LOCATION","text":"a","postbackData":"b","latitude":-90,"longitude":180}`)},
		{name: "DIAL_PHONE without plus", content: hText("hi", `{"type":"DIAL_PHONE","text":"a","postbackData":"b","phoneNumber":"919812345678"}`)},
		{name: "calendar times with a colon offset (the document's own example format)",
			content: hText("hi", `{"type":"CREATE_CALENDAR_EVENT","text":"a","postbackData":"b","startTime":"2030-03-03T15:00:00.000+01:00","endTime":"2030-03-03T17:00:00.000+01:00","title":"t"}`),
			bug:     ""},
		{name: "card title 200, description 2000", content: hCardWith(`{"title":"` + hRep("t", 200) + `","description":"` + hRep("d", 2000) + `"}`)},
		{name: "card with media only", content: hCardWith(`{"media":{"file":{"url":"https://e.com/a.png"},"height":"SHORT"}}`)},
		{name: "card 4 suggestions", content: hCardWith(`{"title":"t","suggestions":[` + hJoin(hReplies(4)...) + `]}`)},
		{name: "carousel 10 cards", content: hCarouselWith(hCards(10)...)},
		{name: "v1 FILE with a non-http thumbnail (no http rule on thumbnails)", content: `{"type":"FILE","file":{"url":"https://e.com/a.mp4"},"thumbnail":{"url":"thumb.jpg"}}`},
	}
	for _, tt := range tests {
		for _, tg := range []struct{ version, path, body string }{
			{"v1", "/ott/rcs/1/message", hV1(tt.content)},
			{"v1", "/ott/rcs/1/message/bulk", hV1Bulk(hV1(tt.content))},
			{"v2", "/rcs/2/messages", hV2(tt.content)},
		} {
			if tt.only != "" && tt.only != tg.version {
				continue
			}
			t.Run(tg.path+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				if tt.bug != "" {
					t.Skip(tt.bug)
				}
				ts := simtest.NewServer(t, simulator.WithCounterIDs())
				if r := hPost(t, ts, tg.path, tg.body); r.status != http.StatusOK {
					t.Errorf("status = %d, want 200; body %s", r.status, r.body)
				}
			})
		}
	}
}

func TestValidationRCSv1Envelope(t *testing.T) {
	t.Parallel()
	const p, bulk = "/ott/rcs/1/message", "/ott/rcs/1/message/bulk"
	txt := hText("hi")
	failover := func(f string) string { return `"smsFailover":` + f }
	hRunValidation(t, []hCase{
		{name: "missing to", path: p, body: `{"content":` + txt + `}`, want: hOne("to", "must not be null")},
		{name: "missing content", path: p, body: `{"to":"919812345678"}`, want: hOne("content", "must not be null")},
		{name: "missing to and content", path: p, body: `{}`, want: []hViol{{"to", "must not be null"}, {"content", "must not be null"}}},
		{name: "to a number", path: p, body: `{"to":919812345678,"content":` + txt + `}`, want: hOne("to", "must be a string")},
		{name: "string where integer", path: p, body: hV1(txt, `"validityPeriod":"10"`), want: hOne("validityPeriod", "must be an integer")},
		{name: "fraction where integer", path: p, body: hV1(txt, `"validityPeriod":1.5`), want: hOne("validityPeriod", "must be an integer")},
		{name: "validityPeriod above int32", path: p, body: hV1(txt, `"validityPeriod":2147483648`), want: hOne("validityPeriod", "must be less than or equal to 2147483647")},
		{name: "validityPeriodTimeUnit enum", path: p, body: hV1(txt, `"validityPeriodTimeUnit":"WEEKS"`), want: hOne("validityPeriodTimeUnit", "must be one of [SECONDS, MINUTES, HOURS, DAYS]")},
		{name: "entityId 256", path: p, body: hV1(txt, `"entityId":"`+hRep("e", 256)+`"`), want: hOne("entityId", "size must be between 0 and 255")},
		{name: "applicationId 256", path: p, body: hV1(txt, `"applicationId":"`+hRep("a", 256)+`"`), want: hOne("applicationId", "size must be between 0 and 255")},
		{name: "smsFailover an array", path: p, body: hV1(txt, failover(`[]`)), want: hOne("smsFailover", "must be an object")},
		{name: "smsFailover without from", path: p, body: hV1(txt, failover(`{"text":"x"}`)), want: hOne("smsFailover.from", "must not be null")},
		{name: "smsFailover without text", path: p, body: hV1(txt, failover(`{"from":"x"}`)), want: hOne("smsFailover.text", "must not be null")},
		{name: "smsFailover validity unit enum", path: p, body: hV1(txt, failover(`{"from":"x","text":"y","validityPeriodTimeUnit":"YEARS"}`)), want: hOne("smsFailover.validityPeriodTimeUnit", "must be one of [SECONDS, MINUTES, HOURS, DAYS]")},
		{name: "indiaDlt without principalEntityId", path: p, body: hV1(txt, failover(`{"from":"x","text":"y","regional":{"indiaDlt":{"contentTemplateId":"1107161234567890123"}}}`)),
			want: hOne("smsFailover.regional.indiaDlt.principalEntityId", "must not be null")},
		{name: "indiaDlt empty principalEntityId", path: p, body: hV1(txt, failover(`{"from":"x","text":"y","regional":{"indiaDlt":{"principalEntityId":""}}}`)),
			want: hOne("smsFailover.regional.indiaDlt.principalEntityId", "size must be at least 1")},
		{name: "bulk messages an object", path: bulk, body: `{"messages":{}}`, want: hOne("messages", "must be an array")},
		{name: "bulk second message without to", path: bulk, body: hV1Bulk(hV1(txt), `{"content":`+txt+`}`), want: hOne("messages[1].to", "must not be null")},
		{name: "bulk indiaDlt without principalEntityId", path: bulk, body: hV1Bulk(hV1(txt, failover(`{"from":"x","text":"y","regional":{"indiaDlt":{}}}`))),
			want: hOne("messages[0].smsFailover.regional.indiaDlt.principalEntityId", "must not be null")},
	})
}

func TestValidationRCSv2Envelope(t *testing.T) {
	t.Parallel()
	const p = "/rcs/2/messages"
	txt := hText("hi")
	opts := func(o string) string { return `"options":` + o }
	failover := `"smsFailover":{"text":"fallback"}`
	dtw := func(w string) string { return opts(`{"deliveryTimeWindow":` + w + `}`) }
	const order = `{"messageOrdering":{"respectOrder":true}}`
	const orderPath = "options.messageOrdering.respectOrder"
	hRunValidation(t, []hCase{
		{name: "missing messages", path: p, body: `{}`, want: hOne("messages", "must not be null")},
		{name: "messages an object", path: p, body: `{"messages":{}}`, want: hOne("messages", "must be an array")},
		{name: "messages empty", path: p, body: `{"messages":[]}`, want: hOne("messages", "must not be empty")},
		{name: "missing destinations", path: p, body: `{"messages":[{"content":` + txt + `}]}`, want: hOne("messages[0].destinations", "must not be null")},
		{name: "destinations empty", path: p, body: `{"messages":[{"destinations":[],"content":` + txt + `}]}`, want: hOne("messages[0].destinations", "must not be empty")},
		{name: "destination without to", path: p, body: `{"messages":[{"destinations":[{}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].to", "must not be null")},
		{name: "destination messageId 201", path: p, body: `{"messages":[{"destinations":[{"to":"1","messageId":"` + hRep("m", 201) + `"}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].messageId", "size must be between 0 and 200")},
		{name: "missing content", path: p, body: `{"messages":[{"destinations":[{"to":"1"}]}]}`, want: hOne("messages[0].content", "must not be null")},
		{name: "PROVIDER_TEMPLATE without templateId", path: p, body: hV2(`{"type":"PROVIDER_TEMPLATE"}`), want: hOne("messages[0].content.templateId", "must not be null")},
		{name: "PROVIDER_TEMPLATE parameter without value", path: p, body: hV2(`{"type":"PROVIDER_TEMPLATE","templateId":"t","parameters":[{"name":"n"}]}`), want: hOne("messages[0].content.parameters[0].value", "must not be null")},
		{name: "validity DAYS refused", path: p, body: hV2(txt, opts(`{"validityPeriod":{"amount":1,"timeUnit":"DAYS"}}`)), want: hOne("messages[0].options.validityPeriod.timeUnit", "must be one of [SECONDS, MINUTES, HOURS]")},
		{name: "validity without amount", path: p, body: hV2(txt, opts(`{"validityPeriod":{"timeUnit":"HOURS"}}`)), want: hOne("messages[0].options.validityPeriod.amount", "must not be null")},
		{name: "validity amount a string", path: p, body: hV2(txt, opts(`{"validityPeriod":{"amount":"5"}}`)), want: hOne("messages[0].options.validityPeriod.amount", "must be an integer")},
		{name: "platform entityId 256", path: p, body: hV2(txt, opts(`{"platform":{"entityId":"`+hRep("e", 256)+`"}}`)), want: hOne("messages[0].options.platform.entityId", "size must be between 0 and 255")},
		{name: "platform applicationId 256", path: p, body: hV2(txt, opts(`{"platform":{"applicationId":"`+hRep("a", 256)+`"}}`)), want: hOne("messages[0].options.platform.applicationId", "size must be between 0 and 255")},
		{name: "campaignReferenceId 256", path: p, body: hV2(txt, opts(`{"campaignReferenceId":"`+hRep("c", 256)+`"}`)), want: hOne("messages[0].options.campaignReferenceId", "size must be between 0 and 255")},
		{name: "callbackData 4001", path: p, body: hV2(txt, `"webhooks":{"callbackData":"`+hRep("c", 4001)+`"}`), want: hOne("messages[0].webhooks.callbackData", "size must be between 0 and 4000")},
		{name: "webhooks notify a string", path: p, body: hV2(txt, `"webhooks":{"delivery":{"notify":"yes"}}`), want: hOne("messages[0].webhooks.delivery.notify", "must be a boolean")},
		{name: "smsFailover without text", path: p, body: hV2(txt, opts(`{"smsFailover":{"sender":"x"}}`)), want: hOne("messages[0].options.smsFailover.text", "must not be null")},
		{name: "smsFailover validity DAYS", path: p, body: hV2(txt, opts(`{"smsFailover":{"text":"x","validityPeriod":{"amount":1,"timeUnit":"DAYS"}}}`)), want: hOne("messages[0].options.smsFailover.validityPeriod.timeUnit", "must be one of [SECONDS, MINUTES, HOURS]")},
		{name: "smsFailover indiaDlt without principalEntityId", path: p, body: hV2(txt, opts(`{"smsFailover":{"text":"x","regional":{"indiaDlt":{"contentTemplateId":"1","telemarketerId":"2"}}}}`)),
			want: hOne("messages[0].options.smsFailover.regional.indiaDlt.principalEntityId", "must not be null")},
		{name: "smsFailover turkeyIys recipientType", path: p, body: hV2(txt, opts(`{"smsFailover":{"text":"x","regional":{"turkeyIys":{"recipientType":"OTHER"}}}}`)),
			want: hOne("messages[0].options.smsFailover.regional.turkeyIys.recipientType", "must be one of [BIREYSEL, TACIR]")},
		{name: "smsFailover and mmsFailover together", path: p, body: hV2(txt, opts(`{"smsFailover":{"text":"x"},"mmsFailover":{"content":{"messageSegments":[]}}}`)),
			want: hOne("messages[0].options.mmsFailover", "must be null when smsFailover is set")},
		{name: "deliveryTimeWindow without days", path: p, body: hV2(txt, dtw(`{}`)), want: hOne("messages[0].options.deliveryTimeWindow.days", "must not be null")},
		{name: "deliveryTimeWindow empty days", path: p, body: hV2(txt, dtw(`{"days":[]}`)), want: hOne("messages[0].options.deliveryTimeWindow.days", "size must be between 1 and 7")},
		{name: "deliveryTimeWindow day enum", path: p, body: hV2(txt, dtw(`{"days":["FUNDAY"]}`)), want: hOne("messages[0].options.deliveryTimeWindow.days[0]", "must be one of [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]")},
		{name: "deliveryTimeWindow from without to", path: p, body: hV2(txt, dtw(`{"days":["MONDAY"],"from":{"hour":9,"minute":0}}`)), want: hOne("messages[0].options.deliveryTimeWindow.to", "must not be null when from is set")},
		{name: "deliveryTimeWindow to without from", path: p, body: hV2(txt, dtw(`{"days":["MONDAY"],"to":{"hour":9,"minute":0}}`)), want: hOne("messages[0].options.deliveryTimeWindow.from", "must not be null when to is set")},
		{name: "deliveryTimeWindow 59 minutes", path: p, body: hV2(txt, dtw(`{"days":["MONDAY"],"from":{"hour":9,"minute":0},"to":{"hour":9,"minute":59}}`)), want: hOne("messages[0].options.deliveryTimeWindow", "from and to must be at least 1 hour apart")},
		{name: "deliveryTimeWindow hour 24", path: p, body: hV2(txt, dtw(`{"days":["MONDAY"],"from":{"hour":24,"minute":0},"to":{"hour":9,"minute":0}}`)), want: hOne("messages[0].options.deliveryTimeWindow.from.hour", "must be less than or equal to 23")},
		{name: "schedule bulkId 101", path: p, body: hV2Req(`{"schedule":{"bulkId":"`+hRep("b", 101)+`"}}`, hV2Msg(txt)), want: hOne("options.schedule.bulkId", "size must be between 0 and 100")},
		{name: "sendAt 181 days ahead", path: p, body: hV2Req(`{"schedule":{"sendAt":"2026-07-02T10:00:00.000+0000"}}`, hV2Msg(txt)), want: hOne("options.schedule.sendAt", "must not be more than 180 days in the future")},
		{name: "sendAt 180 days and 1 ms ahead", path: p, body: hV2Req(`{"schedule":{"sendAt":"2026-07-01T10:00:00.001+0000"}}`, hV2Msg(txt)), want: hOne("options.schedule.sendAt", "must not be more than 180 days in the future")},
		{name: "sendAt badly formatted", path: p, body: hV2Req(`{"schedule":{"sendAt":"01/02/2026 10:00"}}`, hV2Msg(txt)), want: hOne("options.schedule.sendAt", hTimeFormat)},
		{name: "sendingSpeedLimit timeUnit enum", path: p, body: hV2Req(`{"schedule":{"sendingSpeedLimit":{"amount":1,"timeUnit":"WEEK"}}}`, hV2Msg(txt)), want: hOne("options.schedule.sendingSpeedLimit.timeUnit", "must be one of [MINUTE, HOUR, DAY]")},
		{name: "tracking shortenUrl a string", path: p, body: hV2Req(`{"tracking":{"shortenUrl":"true"}}`, hV2Msg(txt)), want: hOne("options.tracking.shortenUrl", "must be a boolean")},
		{name: "respectOrder with 1 message", path: p, body: hV2Req(order, hV2Msg(txt)), want: hOne("messages", "size must be between 2 and 10 when "+orderPath+" is true")},
		{name: "respectOrder with failover on the second", path: p, body: hV2Req(order, hV2Msg(txt), hV2Msg(txt, opts(`{`+failover+`}`))),
			want: hOne("messages", "with failover and "+orderPath+", exactly 2 messages are allowed and only the first may have failover")},
		{name: "respectOrder with failover on both", path: p, body: hV2Req(order, hV2Msg(txt, opts(`{`+failover+`}`)), hV2Msg(txt, opts(`{`+failover+`}`))),
			want: hOne("messages", "with failover and "+orderPath+", exactly 2 messages are allowed and only the first may have failover")},
		{name: "respectOrder with 3 messages and failover", path: p, body: hV2Req(order, hV2Msg(txt, opts(`{`+failover+`}`)), hV2Msg(txt), hV2Msg(txt)),
			want: hOne("messages", "with failover and "+orderPath+", exactly 2 messages are allowed and only the first may have failover")},
		{name: "respectOrder with 11 messages", path: p, body: hV2Req(order, hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt)),
			want: hOne("messages", "size must be between 2 and 10 when "+orderPath+" is true")},
		{name: "respectOrder with different senders", path: p,
			body: hV2Req(order, hV2Msg(txt), `{"sender":"Other","destinations":[{"to":"`+hRCSTo+`"}],"content":`+txt+`}`),
			want: hOne("messages[1].sender", "must be the same in all messages when "+orderPath+" is true")},
		{name: "respectOrder with different destinations and campaign", path: p,
			body: hV2Req(order, hV2Msg(txt), `{"sender":"DemoAgent","destinations":[{"to":"919800000000"}],"content":`+txt+`,"options":{"campaignReferenceId":"c"}}`),
			want: []hViol{{"messages[1].destinations", "must be the same in all messages when " + orderPath + " is true"},
				{"messages[1].options.campaignReferenceId", "must be the same in all messages when " + orderPath + " is true"}}},
	})
}

// TestOrderingAccepted: the documented valid orderings.
func TestOrderingAccepted(t *testing.T) {
	t.Parallel()
	txt := hText("hi")
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	for name, body := range map[string]string{
		"respectOrder false with failover on the second":  hV2Req(`{"messageOrdering":{"respectOrder":false}}`, hV2Msg(txt), hV2Msg(txt, `"options":{"smsFailover":{"text":"x"}}`)),
		"10 messages without failover":                    hV2Req(`{"messageOrdering":{"respectOrder":true,"stopOnFailure":true}}`, hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt), hV2Msg(txt)),
		"sendAt exactly 180 days ahead":                   hV2Req(`{"schedule":{"sendAt":"2026-07-01T10:00:00.000+0000"}}`, hV2Msg(txt)),
		"deliveryTimeWindow exactly 1 hour over midnight": hV2(txt, `"options":{"deliveryTimeWindow":{"days":["MONDAY"],"from":{"hour":23,"minute":30},"to":{"hour":0,"minute":30}}}`),
	} {
		if r := hPost(t, ts, "/rcs/2/messages", body); r.status != http.StatusOK {
			t.Errorf("%s: status = %d, want 200; body %s", name, r.status, r.body)
		}
	}
}

func TestValidationSMSv2(t *testing.T) {
	t.Parallel()
	const p = "/sms/2/text/advanced"
	dtw := func(w string) string { return `"deliveryTimeWindow":` + w }
	hRunValidation(t, []hCase{
		{name: "missing messages", path: p, body: `{"bulkId":"b"}`, want: hOne("messages", "must not be null")},
		{name: "messages an object", path: p, body: `{"messages":{}}`, want: hOne("messages", "must be an array")},
		{name: "messages empty", path: p, body: `{"messages":[]}`, want: hOne("messages", "must not be empty")},
		{name: "missing destinations", path: p, body: `{"messages":[{"text":"x"}]}`, want: hOne("messages[0].destinations", "must not be null")},
		{name: "destinations an object", path: p, body: `{"messages":[{"destinations":{"to":"41793026727"},"text":"x"}]}`, want: hOne("messages[0].destinations", "must be an array")},
		{name: "destination without to", path: p, body: `{"messages":[{"destinations":[{"messageId":"m"}],"text":"x"}]}`, want: hOne("messages[0].destinations[0].to", "must not be null")},
		{name: "to 65", path: p, body: `{"messages":[{"destinations":[{"to":"` + hRep("1", 65) + `"}],"text":"x"}]}`, want: hOne("messages[0].destinations[0].to", "size must be between 0 and 64")},
		{name: "to a number", path: p, body: `{"messages":[{"destinations":[{"to":41793026727}],"text":"x"}]}`, want: hOne("messages[0].destinations[0].to", "must be a string")},
		{name: "text a number", path: p, body: `{"messages":[{"destinations":[{"to":"1"}],"text":5}]}`, want: hOne("messages[0].text", "must be a string")},
		{name: "bulkId a number", path: p, body: `{"bulkId":5,"messages":[` + hSMS2Msg() + `]}`, want: hOne("bulkId", "must be a string")},
		{name: "entityId 51", path: p, body: hSMS2(`"entityId":"` + hRep("e", 51) + `"`), want: hOne("messages[0].entityId", "size must be between 0 and 50")},
		{name: "applicationId 51", path: p, body: hSMS2(`"applicationId":"` + hRep("a", 51) + `"`), want: hOne("messages[0].applicationId", "size must be between 0 and 50")},
		{name: "campaignReferenceId 256", path: p, body: hSMS2(`"campaignReferenceId":"` + hRep("c", 256) + `"`), want: hOne("messages[0].campaignReferenceId", "size must be between 0 and 255")},
		{name: "callbackData 4001", path: p, body: hSMS2(`"callbackData":"` + hRep("c", 4001) + `"`), want: hOne("messages[0].callbackData", "size must be between 0 and 4000")},
		{name: "validityPeriod a string", path: p, body: hSMS2(`"validityPeriod":"60"`), want: hOne("messages[0].validityPeriod", "must be an integer")},
		{name: "flash a string", path: p, body: hSMS2(`"flash":"true"`), want: hOne("messages[0].flash", "must be a boolean")},
		{name: "includeSmsCountInResponse a string", path: p, body: `{"includeSmsCountInResponse":"yes","messages":[` + hSMS2Msg() + `]}`, want: hOne("includeSmsCountInResponse", "must be a boolean")},
		{name: "indiaDlt without principalEntityId", path: p, body: hSMS2(`"regional":{"indiaDlt":{"contentTemplateId":"1107161234567890123"}}`), want: hOne("messages[0].regional.indiaDlt.principalEntityId", "must not be null")},
		{name: "turkeyIys without recipientType", path: p, body: hSMS2(`"regional":{"turkeyIys":{"brandCode":1}}`), want: hOne("messages[0].regional.turkeyIys.recipientType", "must not be null")},
		{name: "southKorea title 67", path: p, body: hSMS2(`"regional":{"southKorea":{"title":"` + hRep("t", 67) + `"}}`), want: hOne("messages[0].regional.southKorea.title", "size must be between 0 and 66")},
		{name: "sendAt 181 days ahead", path: p, body: hSMS2(`"sendAt":"2026-07-02T10:00:00.000+0000"`), want: hOne("messages[0].sendAt", "must not be more than 180 days in the future")},
		{name: "sendAt badly formatted", path: p, body: hSMS2(`"sendAt":"tomorrow"`), want: hOne("messages[0].sendAt", hTimeFormat)},
		{name: "deliveryTimeWindow from without to", path: p, body: hSMS2(dtw(`{"days":["MONDAY"],"from":{"hour":9,"minute":0}}`)), want: hOne("messages[0].deliveryTimeWindow.to", "must not be null when from is set")},
		{name: "deliveryTimeWindow 30 minutes", path: p, body: hSMS2(dtw(`{"days":["MONDAY"],"from":{"hour":9,"minute":0},"to":{"hour":9,"minute":30}}`)), want: hOne("messages[0].deliveryTimeWindow", "from and to must be at least 1 hour apart")},
		{name: "deliveryTimeWindow minute 60", path: p, body: hSMS2(dtw(`{"days":["MONDAY"],"from":{"hour":9,"minute":60},"to":{"hour":12,"minute":0}}`)), want: hOne("messages[0].deliveryTimeWindow.from.minute", "must be less than or equal to 59")},
		{name: "sendingSpeedLimit without amount", path: p, body: `{"sendingSpeedLimit":{"timeUnit":"HOUR"},"messages":[` + hSMS2Msg() + `]}`, want: hOne("sendingSpeedLimit.amount", "must not be null")},
		{name: "urlOptions trackClicks a string", path: p, body: `{"urlOptions":{"trackClicks":"no"},"messages":[` + hSMS2Msg() + `]}`, want: hOne("urlOptions.trackClicks", "must be a boolean")},
		{name: "two violations in two messages", path: p, body: `{"messages":[{"text":"x"},{"destinations":[{}]}]}`,
			want: []hViol{{"messages[0].destinations", "must not be null"}, {"messages[1].destinations[0].to", "must not be null"}}},
	})
}

func TestValidationSMSv3(t *testing.T) {
	t.Parallel()
	const p = "/sms/3/messages"
	txt := `{"text":"hi"}`
	opts := func(o string) string { return `"options":` + o }
	hRunValidation(t, []hCase{
		{name: "missing messages", path: p, body: `{}`, want: hOne("messages", "must not be null")},
		{name: "messages empty", path: p, body: `{"messages":[]}`, want: hOne("messages", "must not be empty")},
		{name: "missing destinations", path: p, body: `{"messages":[{"content":` + txt + `}]}`, want: hOne("messages[0].destinations", "must not be null")},
		{name: "destinations an object", path: p, body: `{"messages":[{"destinations":{"to":"1"},"content":` + txt + `}]}`, want: hOne("messages[0].destinations", "must be an array")},
		{name: "destination without to", path: p, body: `{"messages":[{"destinations":[{}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].to", "must not be null")},
		{name: "to 65", path: p, body: `{"messages":[{"destinations":[{"to":"` + hRep("1", 65) + `"}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].to", "size must be between 0 and 64")},
		{name: "messageId 201", path: p, body: `{"messages":[{"destinations":[{"to":"1","messageId":"` + hRep("m", 201) + `"}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].messageId", "size must be between 0 and 200")},
		{name: "networkId a string", path: p, body: `{"messages":[{"destinations":[{"to":"1","networkId":"x"}],"content":` + txt + `}]}`, want: hOne("messages[0].destinations[0].networkId", "must be an integer")},
		{name: "missing content", path: p, body: `{"messages":[{"destinations":[{"to":"1"}]}]}`, want: hOne("messages[0].content", "must not be null")},
		{name: "content without text or hex", path: p, body: hSMS3(`{}`), want: hOne("messages[0].content.text", "must not be null")},
		{name: "content with text and hex", path: p, body: hSMS3(`{"text":"hi","hex":"4869"}`), want: hOne("messages[0].content", "must contain either text or hex, not both")},
		{name: "hex not hex", path: p, body: hSMS3(`{"hex":"XYZ"}`), want: hOne("messages[0].content.hex", `must match "^([0-9a-fA-F]{2}\s?)*$"`)},
		{name: "text a number", path: p, body: hSMS3(`{"text":1}`), want: hOne("messages[0].content.text", "must be a string")},
		{name: "transliteration enum", path: p, body: hSMS3(`{"text":"hi","transliteration":"KLINGON"}`),
			want: hOne("messages[0].content.transliteration", "must be one of [TURKISH, GREEK, CYRILLIC, SERBIAN_CYRILLIC, BULGARIAN_CYRILLIC, CENTRAL_EUROPEAN, BALTIC, PORTUGUESE, COLOMBIAN, NON_UNICODE, NONE, ALL]")},
		{name: "languageCode enum", path: p, body: hSMS3(`{"text":"hi","language":{"languageCode":"DE"}}`), want: hOne("messages[0].content.language.languageCode", "must be one of [NONE, TR, ES, PT, AUTODETECT]")},
		{name: "validity DAYS refused", path: p, body: hSMS3(txt, opts(`{"validityPeriod":{"amount":1,"timeUnit":"DAYS"}}`)), want: hOne("messages[0].options.validityPeriod.timeUnit", "must be one of [SECONDS, MINUTES, HOURS]")},
		{name: "platform entityId 256", path: p, body: hSMS3(txt, opts(`{"platform":{"entityId":"`+hRep("e", 256)+`"}}`)), want: hOne("messages[0].options.platform.entityId", "size must be between 0 and 255")},
		{name: "campaignReferenceId 256", path: p, body: hSMS3(txt, opts(`{"campaignReferenceId":"`+hRep("c", 256)+`"}`)), want: hOne("messages[0].options.campaignReferenceId", "size must be between 0 and 255")},
		{name: "regional indiaDlt without principalEntityId", path: p, body: hSMS3(txt, opts(`{"regional":{"indiaDlt":{"telemarketerId":"1"}}}`)), want: hOne("messages[0].options.regional.indiaDlt.principalEntityId", "must not be null")},
		{name: "deliveryTimeWindow from without to", path: p, body: hSMS3(txt, opts(`{"deliveryTimeWindow":{"days":["MONDAY"],"from":{"hour":9,"minute":0}}}`)), want: hOne("messages[0].options.deliveryTimeWindow.to", "must not be null when from is set")},
		{name: "deliveryTimeWindow 0 minutes", path: p, body: hSMS3(txt, opts(`{"deliveryTimeWindow":{"days":["MONDAY"],"from":{"hour":9,"minute":0},"to":{"hour":9,"minute":0}}}`)), want: hOne("messages[0].options.deliveryTimeWindow", "from and to must be at least 1 hour apart")},
		{name: "callbackData 4001", path: p, body: hSMS3(txt, `"webhooks":{"callbackData":"`+hRep("c", 4001)+`"}`), want: hOne("messages[0].webhooks.callbackData", "size must be between 0 and 4000")},
		{name: "schedule bulkId 101", path: p, body: hSMS3Req(`{"schedule":{"bulkId":"`+hRep("b", 101)+`"}}`, hSMS3Msg(txt)), want: hOne("options.schedule.bulkId", "size must be between 0 and 100")},
		{name: "sendAt 181 days ahead", path: p, body: hSMS3Req(`{"schedule":{"sendAt":"2026-07-02T10:00:00.000+0000"}}`, hSMS3Msg(txt)), want: hOne("options.schedule.sendAt", "must not be more than 180 days in the future")},
		{name: "sendAt badly formatted", path: p, body: hSMS3Req(`{"schedule":{"sendAt":"2026-02-01"}}`, hSMS3Msg(txt)), want: hOne("options.schedule.sendAt", hTimeFormat)},
		{name: "includeSmsCountInResponse a number", path: p, body: hSMS3Req(`{"includeSmsCountInResponse":1}`, hSMS3Msg(txt)), want: hOne("options.includeSmsCountInResponse", "must be a boolean")},
		{name: "options an array", path: p, body: hSMS3Req(`[]`, hSMS3Msg(txt)), want: hOne("options", "must be an object")},
	})
}

func TestValidationPreviewAndSession(t *testing.T) {
	t.Parallel()
	hRunValidation(t, []hCase{
		{name: "missing text", path: "/sms/1/preview", body: `{}`, want: hOne("text", "must not be null")},
		{name: "text a number", path: "/sms/1/preview", body: `{"text":1}`, want: hOne("text", "must be a string")},
		{name: "languageCode pattern", path: "/sms/1/preview", body: `{"text":"x","languageCode":"NONE"}`, want: hOne("languageCode", `must match "^(TR|ES|PT|AUTODETECT)$"`)},
		{name: "transliteration pattern", path: "/sms/1/preview", body: `{"text":"x","transliteration":"greek"}`,
			want: hOne("transliteration", `must match "^(TURKISH|GREEK|CYRILLIC|SERBIAN_CYRILLIC|BULGARIAN_CYRILLIC|CENTRAL_EUROPEAN|BALTIC|PORTUGUESE|COLOMBIAN|NON_UNICODE|NONE|ALL)$"`)},
		{name: "missing username and password", path: "/auth/1/session", body: `{}`, want: []hViol{{"username", "must not be null"}, {"password", "must not be null"}}},
		{name: "empty username", path: "/auth/1/session", body: `{"username":"","password":"p"}`, want: hOne("username", "size must be at least 1")},
		{name: "unsafe a string", path: "/auth/1/session", body: `{"username":"u","password":"p","unsafe":"no"}`, want: hOne("unsafe", "must be a boolean")},
	})
}

func TestValidationOAuthToken(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	tests := []struct {
		name, body string
		want       []hViol
	}{
		{"empty form", "", []hViol{{"client_id", "must not be null"}, {"client_secret", "must not be null"}, {"grant_type", "must not be null"}}},
		{"missing secret", "client_id=a&grant_type=client_credentials", hOne("client_secret", "must not be null")},
		{"password grant", "client_id=a&client_secret=b&grant_type=password", hOne("grant_type", "must be client_credentials (authorization_code is not simulated)")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := hDo(t, ts, http.MethodPost, "/auth/1/oauth2/token", "", "application/x-www-form-urlencoded", tt.body)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", r.status, r.body)
			}
			hCheckJSON(t, hBadRequest("/auth/1/oauth2/token", tt.want), r.body)
		})
	}
}

// ---- 3. auth and routing

const (
	hLegacy401 = `{"requestError":{"serviceException":{"messageId":"UNAUTHORIZED","text":"Unauthorized"}}}`
	hLegacy403 = `{"requestError":{"serviceException":{"messageId":"FORBIDDEN","text":"Forbidden"}}}`
	hModern401 = `{"errorCode":"E401","description":"The request lacks valid authentication credentials for the requested resource.","action":"Check the resources and adjust authentication credentials.","violations":[],"resources":[{"name":"API Authentication","url":"https://www.infobip.com/docs/essentials/api-authentication"}]}`
	hModern403 = `{"errorCode":"E403","description":"Insufficient permissions to access the requested resource.","action":"Repeat the request with new or different credentials.","violations":[],"resources":[{"name":"API Scopes","url":"https://www.infobip.com/docs/essentials/api-essentials/api-authorization#api-scopes"}]}`

	hLegacy404 = `{"requestError":{"serviceException":{"messageId":"NOT_FOUND","text":"Not found"}}}`
	hModern404 = `{"errorCode":"E404","description":"Requested resource not found.","action":"Check the request URL and method.","violations":[],"resources":[]}`
	hLegacy405 = `{"requestError":{"serviceException":{"messageId":"METHOD_NOT_ALLOWED","text":"Method not allowed"}}}`
	hModern405 = `{"errorCode":"E405","description":"Request method is not supported for the requested resource.","action":"Check the request method.","violations":[],"resources":[]}`
	hLegacy413 = `{"requestError":{"serviceException":{"messageId":"REQUEST_ENTITY_TOO_LARGE","text":"Request entity too large"}}}`
	hModern413 = `{"errorCode":"E413","description":"Request is larger than the maximum request size of 10MB.","action":"Reduce the size of the request.","violations":[],"resources":[]}`
)

// hSendEndpoints has one valid body per authenticated send endpoint.
var hSendEndpoints = []struct{ path, body string }{
	{"/ott/rcs/1/message", hV1(hText("x"))},
	{"/ott/rcs/1/message/bulk", hV1Bulk(hV1(hText("x")))},
	{"/rcs/2/messages", hV2(hText("x"))},
	{"/sms/2/text/advanced", hSMS2()},
	{"/sms/3/messages", hSMS3(`{"text":"x"}`)},
	{"/sms/1/preview", `{"text":"x"}`},
}

// stillServing fails unless a plain valid send still succeeds.
func hStillServing(t *testing.T, ts *simtest.Server) {
	t.Helper()
	if r := hPost(t, ts, "/sms/3/messages", hSMS3(`{"text":"x"}`)); r.status != http.StatusOK {
		t.Fatalf("server stopped answering: status %d, body %s", r.status, r.body)
	}
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	auths := []struct{ name, header string }{
		{"missing", ""},
		{"malformed key", "App abc"},
		{"scheme only", "App"},
		{"unknown scheme", "Token " + simtest.APIKey},
		{"basic not base64", "Basic !!!"},
		{"basic without colon", "Basic " + base64.StdEncoding.EncodeToString([]byte("alice"))},
		{"unknown IBSSO token", "IBSSO deadbeef"},
		{"unknown Bearer token", "Bearer deadbeef"},
	}
	for _, ep := range hSendEndpoints {
		for _, a := range auths {
			t.Run(ep.path+"/"+a.name, func(t *testing.T) {
				t.Parallel()
				r := hDo(t, ts, http.MethodPost, ep.path, a.header, "application/json", ep.body)
				if r.status != http.StatusUnauthorized {
					t.Fatalf("status = %d, want 401; body %s", r.status, r.body)
				}
				hCheckJSONType(t, r)
				want := hLegacy401
				if hModern(ep.path) {
					want = hModern401
				}
				hCheckJSON(t, want, r.body)
			})
		}
	}
	t.Cleanup(func() {
		if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
			t.Errorf("unauthorized requests stored %d messages", n)
		}
		hStillServing(t, ts)
	})
}

func TestScopes(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithAccounts(simulator.Account{
		Name: "sms-only", APIKeys: []string{simtest.APIKey}, Scopes: []string{"sms:message:send"},
	}))
	want := map[string]struct {
		status int
		body   string
	}{
		"/ott/rcs/1/message":      {403, hLegacy403},
		"/ott/rcs/1/message/bulk": {403, hLegacy403},
		"/rcs/2/messages":         {403, hModern403},
		"/sms/2/text/advanced":    {200, ""},
		"/sms/3/messages":         {200, ""},
		"/sms/1/preview":          {403, hLegacy403}, // needs sms:manage
	}
	for _, ep := range hSendEndpoints {
		r := hPost(t, ts, ep.path, ep.body)
		w := want[ep.path]
		if r.status != w.status {
			t.Errorf("%s: status = %d, want %d; body %s", ep.path, r.status, w.status, r.body)
			continue
		}
		hCheckJSONType(t, r)
		if w.body != "" {
			hCheckJSON(t, w.body, r.body)
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{Account: "sms-only"})); n != 2 {
		t.Errorf("stored %d messages, want the 2 SMS", n)
	}
}

func TestScopesGrantingAll(t *testing.T) {
	t.Parallel()
	for _, scope := range []string{"message:send", "rcs:manage"} {
		ts := simtest.NewServer(t, simulator.WithAccounts(simulator.Account{Name: "a", APIKeys: []string{simtest.APIKey}, Scopes: []string{scope}}))
		if r := hPost(t, ts, "/rcs/2/messages", hV2(hText("x"))); r.status != http.StatusOK {
			t.Errorf("scope %s on /rcs/2/messages: status = %d, want 200", scope, r.status)
		}
	}
}

func TestRouting(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	tests := []struct {
		method, path string
		status       int
		want         string
	}{
		{http.MethodGet, "/foo", 404, hLegacy404},
		{http.MethodPost, "/foo", 404, hLegacy404},
		{http.MethodPost, "/ott/rcs/1/nope", 404, hLegacy404},
		{http.MethodPost, "/sms/2/nope", 404, hLegacy404},
		{http.MethodGet, "/sms/3/nope", 404, hModern404},
		{http.MethodPost, "/rcs/2/nope", 404, hModern404},
		{http.MethodGet, "/ott/rcs/1/message", 405, hLegacy405},
		{http.MethodPut, "/ott/rcs/1/message/bulk", 405, hLegacy405},
		{http.MethodGet, "/rcs/2/messages", 405, hModern405},
		{http.MethodGet, "/sms/2/text/advanced", 405, hLegacy405},
		{http.MethodDelete, "/sms/3/messages", 405, hModern405},
		{http.MethodGet, "/sms/1/preview", 405, hLegacy405},
		{http.MethodGet, "/auth/1/session", 405, hLegacy405},
		{http.MethodGet, "/auth/1/oauth2/token", 405, hLegacy405},
	}
	for _, tt := range tests {
		r := hDo(t, ts, tt.method, tt.path, "App "+simtest.APIKey, "", "")
		if r.status != tt.status {
			t.Errorf("%s %s: status = %d, want %d; body %s", tt.method, tt.path, r.status, tt.status, r.body)
			continue
		}
		hCheckJSONType(t, r)
		if diff := hJSONDiff(t, []byte(tt.want), r.body); diff != "" {
			t.Errorf("%s %s body (-want +got):\n%s", tt.method, tt.path, diff)
		}
		hStillServing(t, ts)
	}
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithMaxBodyBytes(1024))
	big := map[string]string{
		"/ott/rcs/1/message":      hV1(hText(hRep("a", 1000)), `"callbackData":"`+hRep("c", 1000)+`"`),
		"/ott/rcs/1/message/bulk": hV1Bulk(hV1(hText(hRep("a", 600))), hV1(hText(hRep("b", 600)))),
		"/rcs/2/messages":         hV2(hText(hRep("a", 2000))),
		"/sms/2/text/advanced":    hSMS2(`"callbackData":"` + hRep("c", 2000) + `"`),
		"/sms/3/messages":         hSMS3(`{"text":"` + hRep("a", 2000) + `"}`),
		"/sms/1/preview":          `{"text":"` + hRep("a", 2000) + `"}`,
	}
	for path, body := range big {
		r := hPost(t, ts, path, body)
		if r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status = %d, want 413; body %s", path, r.status, r.body)
			continue
		}
		hCheckJSONType(t, r)
		want := hLegacy413
		if hModern(path) {
			want = hModern413
		}
		if diff := hJSONDiff(t, []byte(want), r.body); diff != "" {
			t.Errorf("%s body (-want +got):\n%s", path, diff)
		}
		hStillServing(t, ts)
	}
	// Just under the limit is accepted.
	body := hSMS3(`{"text":"x"}`)
	body = hSMS3(`{"text":"` + hRep("a", 1024-len(body)+1) + `"}`)
	if len(body) != 1024 {
		t.Fatalf("test body is %d bytes, want 1024", len(body))
	}
	if r := hPost(t, ts, "/sms/3/messages", body); r.status != http.StatusOK {
		t.Errorf("1024-byte body: status = %d, want 200; body %s", r.status, r.body)
	}
}
