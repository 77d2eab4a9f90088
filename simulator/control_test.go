package simulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// cKeyB is a second well-formed API key: in open mode, a second account.
const cKeyB = "11112222333344445555666677778888-8f4b3d9a-e931-478d-a994-28a725159ab9"

// cIDA and cIDB are the ids the two accounts are shown by (never their keys).
var cIDA, cIDB = simulator.AccountID(simtest.APIKey), simulator.AccountID(cKeyB)

// Bodies the control tests send, kept to compare with what is stored.
const (
	cBodyA1 = `{"messages":[{"destinations":[{"to":"+919812345678"},{"to":"41793026727"}],"content":{"text":"hi"}}],` +
		`"options":{"schedule":{"bulkId":"bulk-a"}}}`
	cBodyA2 = `{"messages":[{"sender":"DemoAgent","destinations":[{"to":"919812345678"}],"content":{"type":"TEXT","text":"rich"}}]}`
	cBodyB  = `{"messages":[{"destinations":[{"to":"12"},{"to":"919812345678"}],"text":"from b"}]}`
)

// cDo sends a request with extra headers.
func cDo(t *testing.T, ts *simtest.Server, method, path string, headers map[string]string) hReply {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return hReply{status: resp.StatusCode, header: resp.Header, body: b}
}

// cSeed sends, in this order:
//
//	account A (simtest.APIKey): SMS v3 to two numbers in bulk-a (sms-1, sms-2),
//	                            RCS v2 to one number (bulk-3, rcs-4);
//	account B (cKeyB):          SMS v2 to "12" and to one number (bulk-5, sms-6 rejected, sms-7).
func cSeed(t *testing.T, ts *simtest.Server) {
	t.Helper()
	for _, s := range []struct{ key, path, body string }{
		{simtest.APIKey, "/sms/3/messages", cBodyA1},
		{simtest.APIKey, "/rcs/2/messages", cBodyA2},
		{cKeyB, "/sms/2/text/advanced", cBodyB},
	} {
		r := hDo(t, ts, http.MethodPost, s.path, "App "+s.key, "application/json", s.body)
		if r.status != http.StatusOK {
			t.Fatalf("seed %s: status %d, body %s", s.path, r.status, r.body)
		}
	}
}

// cMessageIDs decodes a GET /_sim/messages answer into its message ids.
func cMessageIDs(t *testing.T, body []byte) []string {
	t.Helper()
	var out struct {
		Messages []struct {
			MessageID string `json:"messageId"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("messages body %s: %v", body, err)
	}
	ids := []string{}
	for _, m := range out.Messages {
		ids = append(ids, m.MessageID)
	}
	return ids
}

func TestControlMessagesFilters(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	cSeed(t, ts)
	authA := map[string]string{"Authorization": "App " + simtest.APIKey}
	authB := map[string]string{"Authorization": "App " + cKeyB}
	tests := []struct {
		name    string
		query   string
		headers map[string]string
		want    []string
		bug     string
	}{
		{name: "everything, oldest first", query: "", want: []string{"sms-1", "sms-2", "rcs-4", "sms-6", "sms-7"}},
		{name: "destination without +", query: "destination=919812345678", want: []string{"sms-1", "rcs-4", "sms-7"}},
		{name: "destination with + (encoded)", query: "destination=%2B919812345678", want: []string{"sms-1", "rcs-4", "sms-7"}},
		{name: "destination with a literal + (decoded as a space)", query: "destination=+919812345678", want: []string{"sms-1", "rcs-4", "sms-7"},
			bug: ""},
		{name: "channel SMS", query: "channel=SMS", want: []string{"sms-1", "sms-2", "sms-6", "sms-7"}},
		{name: "channel rcs lower case", query: "channel=rcs", want: []string{"rcs-4"}},
		{name: "status group", query: "status=PENDING", want: []string{"sms-1", "sms-2", "rcs-4", "sms-7"}},
		{name: "status name", query: "status=REJECTED_DESTINATION", want: []string{"sms-6"}},
		{name: "status name lower case", query: "status=pending_accepted", want: []string{"sms-1", "sms-2", "rcs-4", "sms-7"}},
		{name: "bulkId given by the client", query: "bulkId=bulk-a", want: []string{"sms-1", "sms-2"}},
		{name: "bulkId generated", query: "bulkId=bulk-5", want: []string{"sms-6", "sms-7"}},
		{name: "messageId", query: "messageId=rcs-4", want: []string{"rcs-4"}},
		{name: "limit", query: "limit=2", want: []string{"sms-1", "sms-2"}},
		{name: "limit 0 is no limit", query: "limit=0", want: []string{"sms-1", "sms-2", "rcs-4", "sms-6", "sms-7"}},
		{name: "filters combine", query: "channel=SMS&destination=919812345678&limit=5", want: []string{"sms-1", "sms-7"}},
		{name: "no match", query: "destination=000", want: []string{}},

		{name: "scoped by Authorization A", headers: authA, want: []string{"sms-1", "sms-2", "rcs-4"}},
		{name: "scoped by Authorization B", headers: authB, want: []string{"sms-6", "sms-7"}},
		{name: "scoped by Authorization B with a filter", query: "destination=919812345678", headers: authB, want: []string{"sms-7"}},
		{name: "scoped by ?account=", query: "account=" + cIDB, want: []string{"sms-6", "sms-7"}},
		{name: "?account= with a filter", query: "account=" + cIDA + "&channel=SMS", want: []string{"sms-1", "sms-2"}},
		{name: "?account= of another account over open loopback control", query: "account=" + cIDB, headers: authA, want: []string{"sms-6", "sms-7"}},
		{name: "unknown account", query: "account=nobody", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			path := "/_sim/messages"
			if tt.query != "" {
				path += "?" + tt.query
			}
			r := cDo(t, ts, http.MethodGet, path, tt.headers)
			if r.status != http.StatusOK {
				t.Fatalf("status = %d; body %s", r.status, r.body)
			}
			hCheckJSONType(t, r)
			if diff := cmp.Diff(tt.want, cMessageIDs(t, r.body)); diff != "" {
				t.Errorf("GET %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestControlErrors(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	cSeed(t, ts)
	tests := []struct {
		name, method, path string
		headers            map[string]string
		status             int
		want               string
		bug                string
	}{
		{"negative limit", http.MethodGet, "/_sim/messages?limit=-1", nil, 400, `{"error":"limit must be a non-negative integer"}`, ""},
		{"non-numeric limit", http.MethodGet, "/_sim/messages?limit=ten", nil, 400, `{"error":"limit must be a non-negative integer"}`, ""},
		{"unknown message", http.MethodGet, "/_sim/messages/nope", nil, 404, `{"error":"no message nope"}`, ""},
		{"bad credentials", http.MethodGet, "/_sim/messages", map[string]string{"Authorization": "App abc"}, 401,
			`{"error":"Authorization does not name a known account: invalid credentials"}`, ""},
		{"unknown control path", http.MethodGet, "/_sim/nope", nil, 404, `{"error":"no control endpoint GET /_sim/nope"}`, ""},
		{"wrong method", http.MethodDelete, "/_sim/messages", nil, 405, `{"error":"DELETE is not allowed on /_sim/messages"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
			r := cDo(t, ts, tt.method, tt.path, tt.headers)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d; body %s", r.status, tt.status, r.body)
			}
			hCheckJSONType(t, r)
			if diff := hJSONDiff(t, []byte(tt.want), r.body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestControlMessageByID(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	cSeed(t, ts)
	// The same client messageId in both accounts.
	for _, key := range []string{simtest.APIKey, cKeyB} {
		body := `{"messages":[{"destinations":[{"to":"41793026727","messageId":"dup"}],"content":{"text":"` + key[:4] + `"}}]}`
		if r := hDo(t, ts, http.MethodPost, "/sms/3/messages", "App "+key, "application/json", body); r.status != http.StatusOK {
			t.Fatalf("send: %d %s", r.status, r.body)
		}
	}
	tests := []struct {
		name, path string
		headers    map[string]string
		status     int
		account    string
	}{
		{"found", "/_sim/messages/sms-1", nil, 200, cIDA},
		{"found with its account", "/_sim/messages/sms-1", map[string]string{"Authorization": "App " + simtest.APIKey}, 200, cIDA},
		{"another account's message is not found", "/_sim/messages/sms-1", map[string]string{"Authorization": "App " + cKeyB}, 404, ""},
		{"?account= scopes", "/_sim/messages/sms-7?account=" + cIDB, nil, 200, cIDB},
		{"?account= hides other accounts", "/_sim/messages/sms-7?account=" + cIDA, nil, 404, ""},
		{"shared id, account A", "/_sim/messages/dup", map[string]string{"Authorization": "App " + simtest.APIKey}, 200, cIDA},
		{"shared id, account B", "/_sim/messages/dup", map[string]string{"Authorization": "App " + cKeyB}, 200, cIDB},
		{"shared id, unscoped: the latest", "/_sim/messages/dup", nil, 200, cIDB},
		{"not found", "/_sim/messages/sms-99", nil, 404, ""},
	}
	for _, tt := range tests {
		r := cDo(t, ts, http.MethodGet, tt.path, tt.headers)
		if r.status != tt.status {
			t.Errorf("%s: status = %d, want %d; body %s", tt.name, r.status, tt.status, r.body)
			continue
		}
		hCheckJSONType(t, r)
		if tt.status != 200 {
			continue
		}
		var m struct {
			Account   string `json:"account"`
			MessageID string `json:"messageId"`
		}
		if err := json.Unmarshal(r.body, &m); err != nil {
			t.Fatal(err)
		}
		if wantID := strings.TrimPrefix(strings.SplitN(tt.path, "?", 2)[0], "/_sim/messages/"); m.MessageID != wantID || m.Account != tt.account {
			t.Errorf("%s: got %s in %q, want %s in %q", tt.name, m.MessageID, m.Account, wantID, tt.account)
		}
	}
}

// TestControlStoredRequest: a stored message keeps the request it came in,
// body included, and the messages of one request share it.
func TestControlStoredRequest(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	// Whitespace and an unknown property: the Go twin keeps the exact bytes.
	body := "{\n  \"messages\": [{\"destinations\": [{\"to\": \"+919812345678\"}, {\"to\": \"41793026727\"}],\n  \"content\": {\"text\": \"hi\"}, \"x-unknown\": [1, 2]}]\n}"
	if r := hDo(t, ts, http.MethodPost, "/sms/3/messages", "App "+simtest.APIKey, "application/json", body); r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	r := cDo(t, ts, http.MethodGet, "/_sim/messages/sms-2", nil)
	if r.status != http.StatusOK {
		t.Fatalf("GET: %d %s", r.status, r.body)
	}
	var got struct {
		Account     string          `json:"account"`
		API         string          `json:"api"`
		Channel     string          `json:"channel"`
		BulkID      string          `json:"bulkId"`
		Destination string          `json:"destination"`
		Text        string          `json:"text"`
		Content     json.RawMessage `json:"content"`
		AcceptedAt  string          `json:"acceptedAt"`
		Request     struct {
			Method     string          `json:"method"`
			Path       string          `json:"path"`
			Body       json.RawMessage `json:"body"`
			ReceivedAt string          `json:"receivedAt"`
		} `json:"request"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("%s: %v", r.body, err)
	}
	start := simtest.Start().Format("2006-01-02T15:04:05Z07:00")
	type summary struct{ Account, API, Channel, BulkID, Destination, Text, AcceptedAt, Method, Path, ReceivedAt string }
	if diff := cmp.Diff(summary{cIDA, "sms/3", "SMS", "bulk-1", "919812345678", "hi", start, "POST", "/sms/3/messages", start},
		summary{got.Account, got.API, got.Channel, got.BulkID, got.Destination, got.Text, got.AcceptedAt, got.Request.Method, got.Request.Path, got.Request.ReceivedAt}); diff != "" {
		t.Errorf("stored message (-want +got):\n%s", diff)
	}
	if diff := hJSONDiff(t, []byte(body), got.Request.Body); diff != "" {
		t.Errorf("request.body over HTTP (-sent +stored):\n%s", diff)
	}
	if diff := hJSONDiff(t, []byte(`{"text":"hi"}`), got.Content); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	msgs := ts.Sim.Messages(simulator.MessageFilter{})
	if len(msgs) != 2 {
		t.Fatalf("stored %d messages, want 2", len(msgs))
	}
	for _, m := range msgs {
		if string(m.Request.Body) != body {
			t.Errorf("%s: Go twin request body = %q, want the exact bytes sent %q", m.MessageID, m.Request.Body, body)
		}
	}
	if msgs[0].Request != msgs[1].Request {
		t.Error("the two messages of one request do not share one Request")
	}
}

func TestControlReset(t *testing.T) {
	t.Parallel()
	t.Run("one account by ?account=, then one by Authorization, then all", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		cSeed(t, ts)
		r := cDo(t, ts, http.MethodPost, "/_sim/reset?account="+url.QueryEscape(cIDA), nil)
		if r.status != http.StatusOK {
			t.Fatalf("reset: %d %s", r.status, r.body)
		}
		hCheckJSON(t, `{"removedMessages":3}`, r.body)
		if diff := cmp.Diff([]string{"sms-6", "sms-7"}, cMessageIDs(t, cDo(t, ts, http.MethodGet, "/_sim/messages", nil).body)); diff != "" {
			t.Errorf("after resetting A (-want +got):\n%s", diff)
		}
		if r := cDo(t, ts, http.MethodGet, "/_sim/messages/sms-1", nil); r.status != http.StatusNotFound {
			t.Errorf("A's message after reset: status %d", r.status)
		}
		// Sending again works and ids keep counting.
		if r := hPost(t, ts, "/sms/3/messages", hSMS3(`{"text":"again"}`)); r.status != http.StatusOK {
			t.Fatalf("send after reset: %d", r.status)
		}
		r = cDo(t, ts, http.MethodPost, "/_sim/reset", map[string]string{"Authorization": "App " + cKeyB})
		hCheckJSON(t, `{"removedMessages":2}`, r.body)
		if diff := cmp.Diff([]string{"sms-9"}, cMessageIDs(t, cDo(t, ts, http.MethodGet, "/_sim/messages", nil).body)); diff != "" {
			t.Errorf("after resetting B (-want +got):\n%s", diff)
		}
		r = cDo(t, ts, http.MethodPost, "/_sim/reset", nil)
		hCheckJSON(t, `{"removedMessages":1}`, r.body)
		hCheckJSON(t, `{"messages":[]}`, cDo(t, ts, http.MethodGet, "/_sim/messages", nil).body)
	})
	t.Run("all at once", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t, simulator.WithCounterIDs())
		cSeed(t, ts)
		r := cDo(t, ts, http.MethodPost, "/_sim/reset", nil)
		if r.status != http.StatusOK {
			t.Fatalf("reset: %d %s", r.status, r.body)
		}
		hCheckJSONType(t, r)
		hCheckJSON(t, `{"removedMessages":5}`, r.body)
		if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 0 {
			t.Errorf("%d messages left", n)
		}
	})
	t.Run("GET is not allowed", func(t *testing.T) {
		t.Parallel()
		ts := simtest.NewServer(t)
		if r := cDo(t, ts, http.MethodGet, "/_sim/reset", nil); r.status != http.StatusMethodNotAllowed {
			t.Errorf("GET /_sim/reset: status %d, want 405", r.status)
		}
	})
}

func TestControlUnknownCalls(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	hCheckJSON(t, `{"calls":[],"dropped":0}`, cDo(t, ts, http.MethodGet, "/_sim/unknown", nil).body)
	cDo(t, ts, http.MethodGet, "/foo", nil)
	cDo(t, ts, http.MethodGet, "/foo", nil)
	cDo(t, ts, http.MethodPost, "/sms/3/nope", nil)
	cDo(t, ts, http.MethodPost, "/ott/rcs/1/messages", nil) // a typo of a real path
	cDo(t, ts, http.MethodGet, "/rcs/2/messages", nil)      // wrong method: not unknown
	hPost(t, ts, "/sms/3/messages", hSMS3(`{"text":"x"}`))  // known: not counted
	r := cDo(t, ts, http.MethodGet, "/_sim/unknown", nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	hCheckJSONType(t, r)
	hCheckJSON(t, `{"calls":[`+
		`{"method":"GET","path":"/foo","count":2},`+
		`{"method":"POST","path":"/ott/rcs/1/messages","count":1},`+
		`{"method":"POST","path":"/sms/3/nope","count":1}],"dropped":0}`, r.body)
	want := []simulator.UnknownCall{
		{Method: "GET", Path: "/foo", Count: 2},
		{Method: "POST", Path: "/ott/rcs/1/messages", Count: 1},
		{Method: "POST", Path: "/sms/3/nope", Count: 1},
	}
	if diff := cmp.Diff(want, ts.Sim.UnknownCalls()); diff != "" {
		t.Errorf("UnknownCalls (-want +got):\n%s", diff)
	}
}

func TestControlToken(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithControlToken("t0k3n"))
	cSeed(t, ts) // the API itself needs no control token
	tests := []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"no header", nil, 401},
		{"wrong token", map[string]string{simulator.ControlTokenHeader: "nope"}, 401},
		{"token in Authorization is not enough", map[string]string{"Authorization": "t0k3n"}, 401},
		{"right token", map[string]string{simulator.ControlTokenHeader: "t0k3n"}, 200},
	}
	for _, tt := range tests {
		for _, target := range []struct{ method, path string }{
			{http.MethodGet, "/_sim/messages"}, {http.MethodGet, "/_sim/messages/sms-1"},
			{http.MethodGet, "/_sim/unknown"}, {http.MethodPost, "/_sim/reset?account=nobody"},
		} {
			r := cDo(t, ts, target.method, target.path, tt.headers)
			if r.status != tt.status {
				t.Errorf("%s %s, %s: status = %d, want %d; body %s", target.method, target.path, tt.name, r.status, tt.status, r.body)
				continue
			}
			hCheckJSONType(t, r)
			if tt.status == 401 && !strings.Contains(string(r.body), simulator.ControlTokenHeader) && !strings.Contains(string(r.body), "Authorization") {
				t.Errorf("%s %s, %s: the refusal %s names neither the token header nor Authorization", target.method, target.path, tt.name, r.body)
			}
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 5 {
		t.Errorf("%d messages, want 5 (no reset went through without the token)", n)
	}
}

func TestWithoutControl(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithoutControl())
	cSeed(t, ts)
	paths := []struct{ method, path string }{
		{http.MethodGet, "/_sim/messages"}, {http.MethodGet, "/_sim/messages/sms-1"},
		{http.MethodPost, "/_sim/reset"}, {http.MethodGet, "/_sim/unknown"},
	}
	for _, p := range paths {
		r := cDo(t, ts, p.method, p.path, nil)
		if r.status != http.StatusNotFound {
			t.Errorf("%s %s: status = %d, want 404", p.method, p.path, r.status)
		}
		hCheckJSONType(t, r)
	}
	// The Go methods still work, and nothing was reset.
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 5 {
		t.Errorf("Go twin sees %d messages, want 5", n)
	}
	t.Run("answers like any unknown path", func(t *testing.T) {
		for _, p := range paths {
			hCheckJSON(t, hLegacy404, cDo(t, ts, p.method, p.path, nil).body)
		}
	})
}

// TestControlGoTwins: the Go methods answer what the HTTP control plane does.
func TestControlGoTwins(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	cSeed(t, ts)
	marshal := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	filters := []struct {
		query string
		f     simulator.MessageFilter
	}{
		{"", simulator.MessageFilter{}},
		{"account=" + cIDB, simulator.MessageFilter{Account: cKeyB}}, // Go methods also take the key
		{"destination=%2B919812345678", simulator.MessageFilter{Destination: "+919812345678"}},
		{"channel=RCS", simulator.MessageFilter{Channel: "RCS"}},
		{"status=REJECTED", simulator.MessageFilter{Status: "REJECTED"}},
		{"bulkId=bulk-a&limit=1", simulator.MessageFilter{BulkID: "bulk-a", Limit: 1}},
	}
	for _, tt := range filters {
		r := cDo(t, ts, http.MethodGet, "/_sim/messages?"+tt.query, nil)
		want := marshal(map[string]any{"messages": ts.Sim.Messages(tt.f)})
		if diff := hJSONDiff(t, want, r.body); diff != "" {
			t.Errorf("?%s: (-Go +HTTP):\n%s", tt.query, diff)
		}
	}
	for _, c := range []struct{ account, id, accountID string }{{"", "sms-1", ""}, {simtest.APIKey, "rcs-4", cIDA}, {cKeyB, "sms-6", cIDB}} {
		m, ok := ts.Sim.Message(c.account, c.id)
		if !ok {
			t.Fatalf("Message(%q, %q) not found", c.account, c.id)
		}
		r := cDo(t, ts, http.MethodGet, "/_sim/messages/"+c.id+"?account="+url.QueryEscape(c.accountID), nil)
		if diff := hJSONDiff(t, marshal(m), r.body); diff != "" {
			t.Errorf("message %s (-Go +HTTP):\n%s", c.id, diff)
		}
	}
	if _, ok := ts.Sim.Message(simtest.APIKey, "sms-6"); ok {
		t.Error("Message(A, B's id) found a message")
	}
	if n := ts.Sim.Reset(cKeyB); n != 2 {
		t.Errorf("Reset(B) = %d, want 2", n)
	}
	if diff := cmp.Diff([]string{"sms-1", "sms-2", "rcs-4"}, cMessageIDs(t, cDo(t, ts, http.MethodGet, "/_sim/messages", nil).body)); diff != "" {
		t.Errorf("HTTP after Go Reset(B) (-want +got):\n%s", diff)
	}
	if n := ts.Sim.Reset(""); n != 3 {
		t.Errorf("Reset(\"\") = %d, want 3", n)
	}
	hCheckJSON(t, `{"messages":[]}`, cDo(t, ts, http.MethodGet, "/_sim/messages", nil).body)
}
