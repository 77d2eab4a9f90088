package simulator_test

// Fuzz targets for the request decoders of every send fzEndpoint, driven
// through the HTTP handler. Whatever the body, the server must not panic and
// must answer JSON: 200 with the fzEndpoint's success body, 400 in the
// fzEndpoint's error envelope, or 413 for a body over the limit.
//
// Run one with, for example:
//
//	go test -run='^$' -fuzz='^FuzzRCSv2$' -fuzztime=20s ./simulator/

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// fzMaxBody is the body limit of the fuzzed simulators: small enough that
// a mutated input can cross it, so the 413 path is fuzzed too, and that every
// execution stays cheap.
const fzMaxBody = 4 << 10

// fzMaxSeed is the largest seed given to the fuzz engine. Larger seeds run in
// TestFuzzSeeds only: the engine minimizes every input that finds new
// coverage, and minimizing a mutant of a 3 KB body can take its whole
// -fuzzminimizetime (60 s by default) with no other execution meanwhile.
const fzMaxSeed = 1 << 10

// fzResetEvery bounds the fuzzed simulators' stores: they keep every accepted
// message, so they are emptied every so many executions.
const fzResetEvery = 1000

type fzRespKind int

const (
	fzKindRCSv1 fzRespKind = iota
	fzKindRCSv1Bulk
	fzKindSend // /rcs/2/messages, /sms/2/text/advanced, /sms/3/messages
	fzKindPreview
)

// fzEndpoint describes one fuzzed route and how to judge its answers.
type fzEndpoint struct {
	path   string
	modern bool // modern (errorCode) or legacy (requestError) envelope
	kind   fzRespKind
	api    string // the store's API name, "" for the preview
	// smsCount says where the part count is in a send response: "smsCount"
	// (SMS v2), "details" (SMS v3) or "" (RCS).
	smsCount string
	seeds    []fzSeed
}

// fzSeed is a request body and whether the simulator must accept it.
type fzSeed struct {
	name string
	body string
	ok   bool
}

var (
	fzEpRCSv1     = fzEndpoint{path: "/ott/rcs/1/message", kind: fzKindRCSv1, api: "rcs/1", seeds: fzRcsV1Seeds}
	fzEpRCSv1Bulk = fzEndpoint{path: "/ott/rcs/1/message/bulk", kind: fzKindRCSv1Bulk, api: "rcs/1", seeds: fzRcsV1BulkSeeds}
	fzEpRCSv2     = fzEndpoint{path: "/rcs/2/messages", modern: true, kind: fzKindSend, api: "rcs/2", seeds: fzRcsV2Seeds}
	fzEpSMSv2     = fzEndpoint{path: "/sms/2/text/advanced", kind: fzKindSend, api: "sms/2", smsCount: "smsCount", seeds: fzSmsV2Seeds}
	fzEpSMSv3     = fzEndpoint{path: "/sms/3/messages", modern: true, kind: fzKindSend, api: "sms/3", smsCount: "details", seeds: fzSmsV3Seeds}
	fzEpPreview   = fzEndpoint{path: "/sms/1/preview", kind: fzKindPreview, seeds: fzPreviewSeeds}
)

func FuzzRCSv1(f *testing.F)       { fzRun(f, fzEpRCSv1) }
func FuzzRCSv1Bulk(f *testing.F)   { fzRun(f, fzEpRCSv1Bulk) }
func FuzzRCSv2(f *testing.F)       { fzRun(f, fzEpRCSv2) }
func FuzzSMSv2(f *testing.F)       { fzRun(f, fzEpSMSv2) }
func FuzzSMSv3(f *testing.F)       { fzRun(f, fzEpSMSv3) }
func FuzzPreview(f *testing.F)     { fzRun(f, fzEpPreview) }
func FuzzMessagesAPI(f *testing.F) { fzRun(f, fzEpMessagesAPI) }

func fzNewSim(tb testing.TB) *simulator.Server {
	tb.Helper()
	sim, err := simulator.New(
		simulator.WithClock(fzFrozenClock{}),
		simulator.WithMaxBodyBytes(fzMaxBody),
	)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := sim.Close(ctx); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return sim
}

// fzFrozenClock stands still at simtest.Start() and drops every callback
// scheduled on it. The fuzz targets and benchmarks exercise the request path
// only: on a fake clock the lifecycle timer each accepted message schedules
// would pile up until advanced, and on the real clock it would fire in the
// background.
type fzFrozenClock struct{}

func (fzFrozenClock) Now() time.Time                              { return simtest.Start() }
func (fzFrozenClock) AfterFunc(time.Duration, func()) clock.Timer { return fzNoTimer{} }

type fzNoTimer struct{}

func (fzNoTimer) Stop() bool { return true }

func fzRun(f *testing.F, ep fzEndpoint) {
	for _, s := range append(append([]fzSeed(nil), ep.seeds...), fzCommonInvalidSeeds...) {
		if len(s.body) <= fzMaxSeed {
			f.Add([]byte(s.body))
		}
	}
	sim := fzNewSim(f)
	var execs atomic.Int64
	f.Fuzz(func(t *testing.T, body []byte) {
		if execs.Add(1)%fzResetEvery == 0 {
			sim.Reset("")
		}
		w := fzPost(sim, ep.path, body)
		fzCheckAnswer(t, sim, ep, body, w)
	})
}

func fzPost(h http.Handler, path string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	r.Header.Set("Authorization", "App "+simtest.APIKey)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// fzCheckAnswer holds every invariant of one request and its answer.
func fzCheckAnswer(t *testing.T, sim *simulator.Server, ep fzEndpoint, body []byte, w *httptest.ResponseRecorder) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	out := w.Body.Bytes()
	if !json.Valid(out) {
		t.Fatalf("status %d with a body that is not JSON: %q", w.Code, out)
	}
	tooBig := len(body) > fzMaxBody
	switch {
	case tooBig && w.Code != http.StatusRequestEntityTooLarge:
		t.Fatalf("status %d for a %d-byte body, want 413", w.Code, len(body))
	case w.Code == http.StatusRequestEntityTooLarge && !tooBig:
		t.Fatalf("413 for a %d-byte body under the %d-byte limit", len(body), fzMaxBody)
	}
	switch w.Code {
	case http.StatusOK:
		fzCheck200(t, sim, ep, body, out)
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		fzCheckProblem(t, ep.modern, w.Code, out)
	default:
		t.Fatalf("status %d, want 200, 400 or 413; body %s", w.Code, out)
	}
}

// fzDecodeStrict decodes one JSON value with no unknown fields and nothing after it.
func fzDecodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("data after the JSON value (%v)", err)
	}
	return nil
}

func fzCheckProblem(t *testing.T, modern bool, status int, out []byte) {
	t.Helper()
	if modern {
		var e wire.APIError
		if err := fzDecodeStrict(out, &e); err != nil {
			t.Fatalf("%d body is not the modern envelope: %v\n%s", status, err, out)
		}
		if want := fmt.Sprintf("E%d", status); e.ErrorCode != want {
			t.Errorf("errorCode = %q, want %q", e.ErrorCode, want)
		}
		if e.Description == "" || e.Action == "" || e.Violations == nil || e.Resources == nil {
			t.Errorf("modern envelope misses a field: %s", out)
		}
		if status == http.StatusBadRequest && len(e.Violations) == 0 {
			t.Errorf("400 without violations: %s", out)
		}
		for i, v := range e.Violations {
			if v.Property == "" || v.Violation == "" {
				t.Errorf("violations[%d] = %+v: empty property or text", i, v)
			}
		}
		return
	}
	var e wire.APIException
	if err := fzDecodeStrict(out, &e); err != nil {
		t.Fatalf("%d body is not the legacy envelope: %v\n%s", status, err, out)
	}
	se := e.RequestError.ServiceException
	want := map[int]string{http.StatusBadRequest: "BAD_REQUEST", http.StatusRequestEntityTooLarge: "REQUEST_ENTITY_TOO_LARGE"}[status]
	if se.MessageID != want {
		t.Errorf("serviceException.messageId = %q, want %q", se.MessageID, want)
	}
	if se.Text == "" {
		t.Errorf("serviceException.text is empty: %s", out)
	}
	if status == http.StatusBadRequest && len(se.ValidationErrors) == 0 {
		t.Errorf("400 without validationErrors: %s", out)
	}
	for prop, texts := range se.ValidationErrors {
		if prop == "" || len(texts) == 0 {
			t.Errorf("validationErrors[%q] = %q: empty property or no text", prop, texts)
		}
		for _, s := range texts {
			if s == "" {
				t.Errorf("validationErrors[%q] has an empty text", prop)
			}
		}
	}
}

// fzRequestShape reads the request as Infobip's (Jackson) back end would:
// property names are case-sensitive, unknown properties ignored.
func fzRequestShape(t *testing.T, body []byte) map[string]any {
	t.Helper()
	// Numbers are kept as text: 1e400 is valid JSON that a float64 cannot
	// hold, and in a property the schema ignores it is no reason to refuse.
	var gen map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&gen); err != nil {
		t.Fatalf("200 for a body that is not a JSON object (%v): %q", err, body)
	}
	return gen
}

func fzDestinationsIn(gen map[string]any) int {
	msgs, _ := gen["messages"].([]any)
	n := 0
	for _, m := range msgs {
		obj, _ := m.(map[string]any)
		d, _ := obj["destinations"].([]any)
		n += len(d)
	}
	return n
}

func fzCheck200(t *testing.T, sim *simulator.Server, ep fzEndpoint, body, out []byte) {
	t.Helper()
	gen := fzRequestShape(t, body)
	switch ep.kind {
	case fzKindRCSv1, fzKindRCSv1Bulk:
		var r wire.RCSv1Response
		if err := fzDecodeStrict(out, &r); err != nil {
			t.Fatalf("200 body is not an RCS v1 response: %v\n%s", err, out)
		}
		want := 1
		if ep.kind == fzKindRCSv1Bulk {
			msgs, _ := gen["messages"].([]any)
			want = len(msgs)
		}
		if len(r.Messages) != want {
			t.Fatalf("200 with %d messages, the request has %d: %s", len(r.Messages), want, out)
		}
		for i, m := range r.Messages {
			if m.MessageCount != 1 {
				t.Errorf("messages[%d].messageCount = %d, want 1", i, m.MessageCount)
			}
			fzCheckStored(t, sim, ep, m.MessageID, m.To, "", m.Status)
		}
	case fzKindSend:
		var r wire.SendResponse
		if err := fzDecodeStrict(out, &r); err != nil {
			t.Fatalf("200 body is not a send response: %v\n%s", err, out)
		}
		if r.BulkID == "" {
			t.Errorf("200 without a bulkId: %s", out)
		}
		if len(r.Messages) == 0 {
			t.Fatalf("200 with no messages: %s", out)
		}
		if want := fzDestinationsIn(gen); len(r.Messages) != want {
			t.Fatalf("200 with %d messages, the request lists %d destinations under \"messages\": %s", len(r.Messages), want, out)
		}
		withCount := false
		switch ep.smsCount {
		case "smsCount":
			withCount, _ = gen["includeSmsCountInResponse"].(bool)
		case "details":
			opts, _ := gen["options"].(map[string]any)
			withCount, _ = opts["includeSmsCountInResponse"].(bool)
		}
		for i, m := range r.Messages {
			dest := m.Destination
			if ep.smsCount == "smsCount" {
				dest = m.To
				if m.Destination != "" {
					t.Errorf("messages[%d] has destination %q; SMS v2 answers with to", i, m.Destination)
				}
			} else if m.To != "" {
				t.Errorf("messages[%d] has to %q; this API answers with destination", i, m.To)
			}
			switch {
			case ep.smsCount == "smsCount" && (m.SMSCount != nil) != withCount,
				ep.smsCount == "details" && (m.Details != nil) != withCount,
				ep.smsCount != "smsCount" && m.SMSCount != nil,
				ep.smsCount != "details" && m.Details != nil:
				t.Errorf("messages[%d]: smsCount %v, details %v with includeSmsCountInResponse=%v", i, m.SMSCount, m.Details, withCount)
			}
			if c := m.SMSCount; c != nil && *c < 1 {
				t.Errorf("messages[%d].smsCount = %d", i, *c)
			}
			if d := m.Details; d != nil && d.MessageCount < 1 {
				t.Errorf("messages[%d].details.messageCount = %d", i, d.MessageCount)
			}
			fzCheckStored(t, sim, ep, m.MessageID, dest, r.BulkID, m.Status)
		}
	case fzKindPreview:
		var r wire.PreviewResponse
		if err := fzDecodeStrict(out, &r); err != nil {
			t.Fatalf("200 body is not a preview response: %v\n%s", err, out)
		}
		for i, p := range r.Previews {
			if p.MessageCount < 1 || p.CharactersRemaining < 0 {
				t.Errorf("previews[%d]: messageCount %d, charactersRemaining %d", i, p.MessageCount, p.CharactersRemaining)
			}
		}
		if text, _ := gen["text"].(string); r.OriginalText != text {
			t.Errorf("originalText = %q, want %q", r.OriginalText, text)
		}
		lang, _ := gen["languageCode"].(string)
		tr, _ := gen["transliteration"].(string)
		want := 1
		if lang != "" || (tr != "" && tr != "NONE") {
			want = 2
		}
		if len(r.Previews) != want {
			t.Fatalf("%d previews, want %d: %s", len(r.Previews), want, out)
		}
	}
}

// fzCheckStored asserts that a message the response lists was stored as listed.
func fzCheckStored(t *testing.T, sim *simulator.Server, ep fzEndpoint, id, dest, bulkID string, status wire.Status) {
	t.Helper()
	if id == "" || status.Name == "" || status.GroupName == "" {
		t.Errorf("message %q to %q: empty id or status %+v", id, dest, status)
		return
	}
	stored := sim.Messages(simulator.MessageFilter{MessageID: id})
	for _, m := range stored {
		if m.API == ep.api && m.Destination == dest && *m.Status == status && (bulkID == "" || m.BulkID == bulkID) {
			if v := time.Duration(m.Validity); v <= 0 || v > simulator.MaxValidity {
				t.Errorf("message %q stored with validity %v, outside (0, %v]", id, v, simulator.MaxValidity)
			}
			return
		}
	}
	t.Errorf("response lists message %q (api %s, to %q, bulk %q, status %s) but the store has no such message (%d with that id)",
		id, ep.api, dest, bulkID, status.Name, len(stored))
}

// TestFuzzSeeds runs every seed once and checks that it is answered as
// labelled (200 or 400), with the fuzz invariants. It also proves the 413
// path with a body over the limit.
func TestFuzzSeeds(t *testing.T) {
	t.Parallel()
	for _, ep := range []fzEndpoint{fzEpRCSv1, fzEpRCSv1Bulk, fzEpRCSv2, fzEpSMSv2, fzEpSMSv3, fzEpPreview, fzEpMessagesAPI} {
		t.Run(strings.TrimPrefix(ep.path, "/"), func(t *testing.T) {
			t.Parallel()
			sim := fzNewSim(t)
			seeds := append(append([]fzSeed(nil), ep.seeds...), fzCommonInvalidSeeds...)
			seeds = append(seeds, fzSeed{name: "over the body limit", body: `{"text":"` + strings.Repeat("a", fzMaxBody) + `"}`})
			for _, s := range seeds {
				t.Run(s.name, func(t *testing.T) {
					w := fzPost(sim, ep.path, []byte(s.body))
					fzCheckAnswer(t, sim, ep, []byte(s.body), w)
					want := http.StatusBadRequest
					switch {
					case s.ok:
						want = http.StatusOK
					case len(s.body) > fzMaxBody:
						want = http.StatusRequestEntityTooLarge
					}
					if w.Code != want {
						t.Errorf("status %d, want %d; body %s", w.Code, want, w.Body.Bytes())
					}
				})
			}
		})
	}
}

// ---- regression tests for bugs the invariants caught (fixed)

// TestRootViolationHasProperty: a body that is JSON but not an object used
// to be refused with a violation whose property was "" (the schema's root
// path): {"property":"","violation":"must be an object"} in the modern
// envelope, validationErrors {"":[...]} in the legacy one. Every violation
// must name a property.
func TestRootViolationHasProperty(t *testing.T) {
	t.Parallel()
	eps := []fzEndpoint{fzEpRCSv1, fzEpRCSv1Bulk, fzEpRCSv2, fzEpSMSv2, fzEpSMSv3, fzEpPreview}
	for _, ep := range eps {
		for _, body := range []string{`null`, `[{}]`, `42`} {
			t.Run(strings.TrimPrefix(ep.path, "/")+"/"+body, func(t *testing.T) {
				t.Parallel()
				sim := fzNewSim(t)
				w := fzPost(sim, ep.path, []byte(body))
				if w.Code != http.StatusBadRequest {
					t.Fatalf("status %d, want 400", w.Code)
				}
				fzCheckAnswer(t, sim, ep, []byte(body), w)
			})
		}
	}
}

// TestCaseVariantPropertyNames: the schema validates property names exactly
// ("messages"), but the body used to be decoded with encoding/json, which
// matches struct fields case-insensitively and lets the last of "messages",
// "Messages", "MESSAGES" win. A property Infobip ignores (Jackson is
// case-sensitive and ignores unknown properties) thus replaced the validated
// one: a request was processed that was never validated, or the decode failed
// with a Go error. The answer must be as if the variant were absent.
func TestCaseVariantPropertyNames(t *testing.T) {
	t.Parallel()
	valid := `[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"}}]`
	tooLong := `[{"destinations":[{"to":"919876543211"}],"content":{"type":"TEXT","text":"` + strings.Repeat("x", 3100) + `"}}]`
	tests := []struct {
		name string
		ep   fzEndpoint
		body string
	}{
		{"rcs v2 empty Messages", fzEpRCSv2, `{"messages":` + valid + `,"Messages":[]}`},
		{"rcs v2 unvalidated MESSAGES", fzEpRCSv2, `{"messages":` + valid + `,"MESSAGES":` + tooLong + `}`},
		{"sms v3 unvalidated Messages", fzEpSMSv3, `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"text":"hi"}}],"Messages":[{"destinations":[],"content":{"text":"x"}}]}`},
		{"sms v2 unvalidated Destinations", fzEpSMSv2, `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"hi","Destinations":[]}]}`},
		{"rcs v1 To of another type", fzEpRCSv1, `{"to":"919876543210","To":{"not":"a string"},"content":{"type":"TEXT","text":"hi"}}`},
		{"rcs v1 bulk unvalidated Messages", fzEpRCSv1Bulk, `{"messages":[{"to":"919876543210","content":{"type":"TEXT","text":"hi"}}],"Messages":[{"to":"919876543211","content":{"type":"TEXT","text":""}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sim := fzNewSim(t)
			w := fzPost(sim, tt.ep.path, []byte(tt.body))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, want 200 (the variant is an unknown property); body %s", w.Code, w.Body.Bytes())
			}
			fzCheckAnswer(t, sim, tt.ep, []byte(tt.body), w)
			var got []string
			for _, m := range sim.Messages(simulator.MessageFilter{}) {
				got = append(got, m.Destination+" "+m.Text)
			}
			if diff := cmp.Diff([]string{"919876543210 hi"}, got); diff != "" {
				t.Errorf("stored messages (-want +got):\n%s", diff)
			}
		})
	}
}

// ---- seeds

var fzCommonInvalidSeeds = []fzSeed{
	{name: "empty body", body: ``},
	{name: "null", body: `null`},
	{name: "array", body: `[]`},
	{name: "string", body: `"messages"`},
	{name: "number", body: `42`},
	{name: "two values", body: `{} {}`},
	{name: "trailing garbage", body: `{"messages":[]}x`},
	{name: "unclosed", body: `{"messages":[{"destinations":[{"to":"9198765`},
	{name: "bad escape", body: `{"text":"\x"}`},
	{name: "deep nesting", body: strings.Repeat("[", 500) + strings.Repeat("]", 500)},
}

const (
	fzDltV1   = `"regional":{"indiaDlt":{"principalEntityId":"1101456789012345678","contentTemplateId":"1107161234567890123"}}`
	fzDltFull = `"regional":{"indiaDlt":{"principalEntityId":"1101456789012345678","contentTemplateId":"1107161234567890123","telemarketerId":"1702123456789012345"}}`

	fzSugReply    = `{"type":"REPLY","text":"Thanks","postbackData":"thanks"}`
	fzSugURL      = `{"type":"OPEN_URL","text":"Track","postbackData":"track","url":"https://shop.example.com/t/42"}`
	fzSugWebview  = `{"type":"OPEN_URL","text":"Open","postbackData":"web","url":"https://shop.example.com","application":"WEBVIEW","webviewViewMode":"TALL"}`
	fzSugDial     = `{"type":"DIAL_PHONE","text":"Call us","postbackData":"call","phoneNumber":"+919876543210"}`
	fzSugLocation = `{"type":"SHOW_LOCATION","text":"Store","postbackData":"loc","latitude":19.076,"longitude":72.8777,"label":"Mumbai store"}`
	fzSugRequest  = `{"type":"REQUEST_LOCATION","text":"Share location","postbackData":"share"}`
	fzSugCalendar = `{"type":"CREATE_CALENDAR_EVENT","text":"Add","postbackData":"cal","startTime":"2026-02-01T10:00:00.000+0000","endTime":"2026-02-01T11:00:00.000+0000","title":"Delivery","description":"Parcel delivery"}`

	fzContentText     = `{"type":"TEXT","text":"Your order has shipped","suggestions":[` + fzSugReply + `,` + fzSugURL + `]}`
	fzContentFile     = `{"type":"FILE","file":{"url":"https://cdn.example.com/invoice.pdf"},"thumbnail":{"url":"https://cdn.example.com/thumb.png"}}`
	fzContentCard     = `{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":{"title":"Diwali sale","description":"Up to 50% off","media":{"file":{"url":"https://cdn.example.com/sale.jpg"},"thumbnail":{"url":"https://cdn.example.com/s.jpg"},"height":"MEDIUM"},"suggestions":[` + fzSugDial + `,` + fzSugLocation + `]},"suggestions":[` + fzSugRequest + `]}`
	fzContentCarousel = `{"type":"CAROUSEL","cardWidth":"MEDIUM","contents":[{"title":"Card 1","suggestions":[` + fzSugReply + `]},{"title":"Card 2","media":{"file":{"url":"https://cdn.example.com/2.jpg"},"height":"SHORT"}}],"suggestions":[` + fzSugCalendar + `]}`
	fzContentWebview  = `{"type":"TEXT","text":"Book a slot","suggestions":[` + fzSugCalendar + `,` + fzSugWebview + `]}`
	fzContentTemplate = `{"type":"PROVIDER_TEMPLATE","templateId":"order_shipped","parameters":[{"name":"order","value":"42"}]}`

	fzRcsV1Full = `{"from":"JioCXAgent","to":"+919876543210","content":` + fzContentText + `,"smsFailover":{"from":"JIOCXS","text":"Your order has shipped","validityPeriod":30,"validityPeriodTimeUnit":"MINUTES",` + fzDltV1 + `},"notifyUrl":"https://hooks.example.com/dlr","callbackData":"order-42","messageId":"client-msg-1","validityPeriod":2,"validityPeriodTimeUnit":"HOURS","entityId":"ent","applicationId":"app"}`
	fzRcsV1File = `{"to":"919876543210","content":` + fzContentFile + `}`
)

var fzRcsV1Seeds = []fzSeed{
	{name: "text with suggestions and failover", body: fzRcsV1Full, ok: true},
	{name: "file", body: fzRcsV1File, ok: true},
	{name: "card", body: `{"to":"919876543210","content":` + fzContentCard + `}`, ok: true},
	{name: "carousel", body: `{"to":"919876543210","content":` + fzContentCarousel + `}`, ok: true},
	{name: "calendar and webview", body: `{"to":"919876543210","content":` + fzContentWebview + `,"validityPeriod":1,"validityPeriodTimeUnit":"DAYS"}`, ok: true},
	{name: "implausible destination", body: `{"to":"abc","content":{"type":"TEXT","text":"x"}}`, ok: true},
	{name: "relative notify url", body: `{"to":"919876543210","content":{"type":"TEXT","text":"x"},"notifyUrl":"/dlr"}`, ok: true},
	{name: "wrong types", body: `{"to":5,"content":"TEXT"}`},
	{name: "unknown content type", body: `{"to":"919876543210","content":{"type":"VIDEO"}}`},
	{name: "provider template is v2 only", body: `{"to":"919876543210","content":` + fzContentTemplate + `}`},
	{name: "empty text", body: `{"to":"919876543210","content":{"type":"TEXT","text":""}}`},
	{name: "text over 1000", body: `{"to":"919876543210","content":{"type":"TEXT","text":"` + strings.Repeat("a", 1001) + `"}}`},
	{name: "webview without mode", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi","suggestions":[{"type":"OPEN_URL","text":"x","postbackData":"y","url":"https://a.example","application":"WEBVIEW"}]}}`},
	{name: "calendar in the past", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi","suggestions":[{"type":"CREATE_CALENDAR_EVENT","text":"Add","postbackData":"cal","startTime":"2020-01-01T10:00:00.000+0000","endTime":"2020-01-01T11:00:00.000+0000","title":"t"}]}}`},
	{name: "location out of range", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi","suggestions":[{"type":"SHOW_LOCATION","text":"x","postbackData":"y","latitude":91,"longitude":1e400}]}}`},
	{name: "card without media or title", body: `{"to":"919876543210","content":{"type":"CARD","orientation":"VERTICAL","alignment":"LEFT","content":{"description":"d"}}}`},
	{name: "carousel of one", body: `{"to":"919876543210","content":{"type":"CAROUSEL","cardWidth":"SMALL","contents":[{"title":"1"}]}}`},
	{name: "truncated", body: `{"to":"919876543210","content":{"type":"TE`},
	{name: "zero validity means the maximum", ok: true, body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi"},"validityPeriod":0}`},
	{name: "fractional validity", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi"},"validityPeriod":1.5}`},
	{name: "failover without from", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi"},"smsFailover":{"text":"x"}}`},
	{name: "failover dlt without entity", body: `{"to":"919876543210","content":{"type":"TEXT","text":"hi"},"smsFailover":{"from":"S","text":"x","regional":{"indiaDlt":{}}}}`},
	{name: "null content", body: `{"to":"919876543210","content":null}`},
	{name: "empty object", body: `{}`},
	{name: "invalid utf-8 destination", ok: true, body: "{\"to\":\"\xff\xfe\",\"content\":{\"type\":\"TEXT\",\"text\":\"hi\"}}"},
}

var fzRcsV1BulkSeeds = []fzSeed{
	{name: "two messages", body: `{"messages":[` + fzRcsV1Full + `,` + fzRcsV1File + `]}`, ok: true},
	{name: "no messages", body: `{"messages":[]}`, ok: true},
	{name: "null messages", body: `{"messages":null}`, ok: true},
	{name: "empty object", body: `{}`, ok: true},
	{name: "invalid message", body: `{"messages":[{}]}`},
	{name: "null message", body: `{"messages":[` + fzRcsV1File + `,null]}`},
	{name: "messages object", body: `{"messages":{}}`},
	{name: "truncated", body: `{"messages":[` + fzRcsV1File},
}

const fzRcsV2Full = `{"messages":[{"sender":"JioCXAgent","destinations":[{"to":"+919876543210","messageId":"m-1"},{"to":"919876543211"}],"content":` + fzContentText + `,` +
	`"options":{"platform":{"entityId":"ent","applicationId":"app"},"validityPeriod":{"amount":30,"timeUnit":"MINUTES"},"campaignReferenceId":"diwali",` +
	`"smsFailover":{"sender":"JIOCXS","text":"Your order has shipped","validityPeriod":{"amount":1,"timeUnit":"HOURS"},` + fzDltFull + `}},` +
	`"webhooks":{"delivery":{"url":"https://hooks.example.com/dlr","intermediateReport":true,"notify":true,"receiveTriggeredFailoverReports":true},"contentType":"application/json","callbackData":"order-42","seen":{"url":"https://hooks.example.com/seen"}}}],` +
	`"options":{"schedule":{"bulkId":"bulk-diwali","sendAt":"2026-01-10T09:00:00.000+0000","sendingSpeedLimit":{"amount":10,"timeUnit":"MINUTE"}},"tracking":{"shortenUrl":true,"trackClicks":true,"trackingUrl":"https://t.example.com","removeProtocol":false,"customDomain":"t.example.com"}}}`

func fzRcsV2One(content string) string {
	return `{"messages":[{"sender":"JioCXAgent","destinations":[{"to":"919876543210"}],"content":` + content + `}]}`
}

var fzRcsV2Seeds = []fzSeed{
	{name: "text with suggestions, failover and webhooks", body: fzRcsV2Full, ok: true},
	{name: "provider template", body: fzRcsV2One(fzContentTemplate), ok: true},
	{name: "file with suggestions", body: fzRcsV2One(`{"type":"FILE","file":{"url":"https://cdn.example.com/a.pdf"},"suggestions":[` + fzSugReply + `]}`), ok: true},
	{name: "card", body: fzRcsV2One(fzContentCard), ok: true},
	{name: "carousel", body: fzRcsV2One(fzContentCarousel), ok: true},
	{name: "calendar and webview", body: fzRcsV2One(fzContentWebview), ok: true},
	{name: "empty text", body: fzRcsV2One(`{"type":"TEXT","text":""}`), ok: true},
	{name: "ordered with failover on the first", ok: true, body: `{"messages":[{"sender":"S","destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"one"},"options":{"smsFailover":{"text":"one"}}},{"sender":"S","destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"two"}}],"options":{"messageOrdering":{"respectOrder":true,"stopOnFailure":true}}}`},
	{name: "delivery window", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"deliveryTimeWindow":{"days":["MONDAY","FRIDAY"],"from":{"hour":9,"minute":0},"to":{"hour":17,"minute":30}}}}]}`},
	{name: "mms failover", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"mmsFailover":{"sender":"x","content":{"messageSegments":[{"type":"TEXT","text":"hi"}]}}}}]}`},
	{name: "mms failover without content", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"mmsFailover":{"sender":"x"}}}]}`},
	{name: "mms failover segment without type", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"mmsFailover":{"content":{"messageSegments":[{"text":"hi"}]}}}}]}`},
	{name: "empty messageOrdering asks for ordering", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"}}],"options":{"messageOrdering":{}}}`},
	{name: "sms and mms failover", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"smsFailover":{"text":"x"},"mmsFailover":{}}}]}`},
	{name: "ordered single message", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"}}],"options":{"messageOrdering":{"respectOrder":true}}}`},
	{name: "window from without to", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"deliveryTimeWindow":{"days":["MONDAY"],"from":{"hour":9,"minute":0}}}}]}`},
	{name: "sendAt too far", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"}}],"options":{"schedule":{"sendAt":"2027-01-01T00:00:00.000+0000"}}}`},
	{name: "sendAt not a time", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"}}],"options":{"schedule":{"sendAt":"tomorrow"}}}`},
	{name: "text over 3072", body: fzRcsV2One(`{"type":"TEXT","text":"` + strings.Repeat("a", 3073) + `"}`)},
	{name: "no destinations", body: `{"messages":[{"destinations":[],"content":{"type":"TEXT","text":"hi"}}]}`},
	{name: "no messages", body: `{"messages":[]}`},
	{name: "empty object", body: `{}`},
	{name: "content without type", body: fzRcsV2One(`{"text":"hi"}`)},
	{name: "twelve suggestions", body: fzRcsV2One(`{"type":"TEXT","text":"hi","suggestions":[` + strings.TrimSuffix(strings.Repeat(fzSugReply+",", 12), ",") + `]}`)},
	{name: "validity in days", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"hi"},"options":{"validityPeriod":{"amount":1,"timeUnit":"DAYS"}}}]}`},
	{name: "wrong types", body: `{"messages":[{"destinations":"919876543210","content":[]}],"options":7}`},
	{name: "truncated", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"type":"TEXT","text":"h`},
}

var fzSmsV2Seeds = []fzSeed{
	{name: "every option", ok: true, body: `{"bulkId":"bulk-1","messages":[{"from":"JIOCXS","destinations":[{"to":"+919876543210","messageId":"m-1"},{"to":"919876543211"}],"text":"Your OTP is 123456","callbackData":"otp","notifyUrl":"https://hooks.example.com/dlr","notifyContentType":"application/json","intermediateReport":true,"validityPeriod":720,"flash":false,"language":{"languageCode":"TR"},"transliteration":"TURKISH",` + fzDltFull + `,"sendAt":"2026-01-03T10:00:00.000+0000","deliveryTimeWindow":{"days":["MONDAY"],"from":{"hour":0,"minute":0},"to":{"hour":23,"minute":59}},"entityId":"ent","applicationId":"app","campaignReferenceId":"otp"}],"sendingSpeedLimit":{"amount":10,"timeUnit":"MINUTE"},"urlOptions":{"shortenUrl":true},"tracking":{"track":"SMS"},"includeSmsCountInResponse":true}`},
	{name: "minimal", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"hi"}]}`},
	{name: "no text", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}]}]}`},
	{name: "long ids are clipped", ok: true, body: `{"bulkId":"` + strings.Repeat("b", 150) + `","messages":[{"destinations":[{"to":"919876543210","messageId":"` + strings.Repeat("m", 250) + `"}],"text":"hi"}]}`},
	{name: "long unicode text", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"` + strings.Repeat("नमस्ते ", 40) + `"}],"includeSmsCountInResponse":true}`},
	{name: "two messages", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"a"},{"destinations":[{"to":"919876543211"},{"to":""}],"text":"b"}]}`},
	{name: "no destinations", body: `{"messages":[{"text":"hi"}]}`},
	{name: "empty object", body: `{}`},
	{name: "zero validity means the maximum", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"hi","validityPeriod":0}]}`},
	{name: "destination too long", body: `{"messages":[{"destinations":[{"to":"` + strings.Repeat("9", 65) + `"}],"text":"hi"}]}`},
	{name: "bad sendAt", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"hi","sendAt":"2026-01-03"}]}`},
	{name: "turkey iys without recipient type", body: `{"messages":[{"destinations":[{"to":"905321234567"}],"text":"hi","regional":{"turkeyIys":{"brandCode":1}}}]}`},
	{name: "wrong types", body: `{"messages":[{"destinations":[{"to":919876543210}],"text":false}],"includeSmsCountInResponse":"yes"}`},
	{name: "truncated", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"text":"hi"`},
}

var fzSmsV3Seeds = []fzSeed{
	{name: "every option", ok: true, body: `{"messages":[{"sender":"JIOCXS","destinations":[{"to":"+919876543210","messageId":"m-1","networkId":405}],"content":{"text":"Şişli kargo","transliteration":"TURKISH","language":{"languageCode":"TR","singleShift":true,"lockingShift":false}},"options":{"platform":{"entityId":"e","applicationId":"a"},"validityPeriod":{"amount":2,"timeUnit":"HOURS"},"deliveryTimeWindow":{"days":["SUNDAY"]},"campaignReferenceId":"c",` + fzDltFull + `,"flash":true},"webhooks":{"delivery":{"url":"https://hooks.example.com/dlr","intermediateReport":true,"notify":false},"contentType":"application/json","callbackData":"cb"}}],"options":{"schedule":{"bulkId":"b-1","sendAt":"2026-01-05T00:00:00.000+05:30"},"tracking":{"trackClicks":true},"includeSmsCountInResponse":true,"conversionTracking":{"useConversionTracking":true,"conversionTrackingName":"otp"}}}`},
	{name: "binary", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"hex":"54 65 73 74","dataCoding":4,"esmClass":0}}],"options":{"includeSmsCountInResponse":true}}`},
	{name: "long binary", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"hex":"` + strings.Repeat("ab", 300) + `"}}]}`},
	{name: "minimal", ok: true, body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"text":"hi"}}]}`},
	{name: "text and hex", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"text":"hi","hex":"00"}}]}`},
	{name: "odd hex", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"hex":"abc"}}]}`},
	{name: "unknown language", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"text":"hi","language":{"languageCode":"XX"}}}]}`},
	{name: "unknown transliteration", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"text":"hi","transliteration":"KLINGON"}}]}`},
	{name: "no destinations", body: `{"messages":[{"destinations":[],"content":{"text":"hi"}}]}`},
	{name: "no content", body: `{"messages":[{"destinations":[{"to":"919876543210"}]}]}`},
	{name: "empty object", body: `{}`},
	{name: "network id over int32", body: `{"messages":[{"destinations":[{"to":"919876543210","networkId":2147483648}],"content":{"text":"hi"}}]}`},
	{name: "truncated", body: `{"messages":[{"destinations":[{"to":"919876543210"}],"content":{"te`},
}

var fzPreviewSeeds = []fzSeed{
	{name: "gsm", ok: true, body: `{"text":"Hello"}`},
	{name: "turkish", ok: true, body: `{"text":"Şişli","languageCode":"TR"}`},
	{name: "greek transliteration", ok: true, body: `{"text":"Ελλάδα","transliteration":"GREEK"}`},
	{name: "autodetect", ok: true, body: `{"text":"¿Qué tal? ñ","languageCode":"AUTODETECT","transliteration":"NONE"}`},
	{name: "everything", ok: true, body: `{"text":"Ça va? ` + strings.Repeat("€", 100) + `","languageCode":"PT","transliteration":"ALL"}`},
	{name: "empty text", ok: true, body: `{"text":""}`},
	{name: "emoji", ok: true, body: `{"text":"` + strings.Repeat("\U0001F600", 40) + `"}`},
	{name: "no text", body: `{"languageCode":"TR"}`},
	{name: "empty object", body: `{}`},
	{name: "invalid utf-8", ok: true, body: "{\"text\":\"\xff\xfe\"}"},
	{name: "text not a string", body: `{"text":5}`},
	{name: "lower-case language", body: `{"text":"x","languageCode":"tr"}`},
	{name: "unknown transliteration", body: `{"text":"x","transliteration":"KLINGON"}`},
	{name: "truncated", body: `{"text":"Hel`},
}
