package simulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// isoRoute is one request to every control route.
type isoRoute struct {
	method, path, body string
	// kind: "" an account's data, "shared" the clock, "admin" the whole server.
	kind string
	// header is sent with every call of the case (Last-Event-ID for the
	// event stream's replay).
	header map[string]string
}

var isoRoutes = []isoRoute{
	{method: "GET", path: "/_sim/messages"},
	{method: "GET", path: "/_sim/messages/sms-6"},
	{method: "POST", path: "/_sim/reset"},
	{method: "GET", path: "/_sim/unknown", kind: "admin"},
	{method: "GET", path: "/_sim/limits", kind: "admin"},
	{method: "GET", path: "/_sim/clock", kind: "shared"},
	{method: "POST", path: "/_sim/clock/advance?by=1s", kind: "shared"},
	{method: "GET", path: "/_sim/numbers"},
	{method: "GET", path: "/_sim/numbers/919999000042"},
	{method: "PUT", path: "/_sim/numbers/profiles", body: `{"number":"919999000001","rcs":1,"sms":1}`},
	{method: "POST", path: "/_sim/numbers/profiles", body: `{"number":"919999000001","rcs":1,"sms":1}`},
	{method: "DELETE", path: "/_sim/numbers/profiles"},
	{method: "GET", path: "/_sim/settings"},
	{method: "PUT", path: "/_sim/settings", body: `{"deliveryReportUrl":"http://127.0.0.1:9/a"}`},
	{method: "GET", path: "/_sim/webhooks/attempts?timeout=1ms"},
	{method: "GET", path: "/_sim/webhooks/failed"},
	{method: "POST", path: "/_sim/webhooks/redeliver"},
	{method: "POST", path: "/_sim/webhooks/redeliver?id=fb-1"},
	{method: "GET", path: "/_sim/wait?messageId=sms-6&timeout=1ms"},
	{method: "PUT", path: "/_sim/faults", body: `{"path":"/sms/1/logs","status":429,"count":1}`},
	{method: "GET", path: "/_sim/faults"},
	{method: "GET", path: "/_sim/dlt"},
	{method: "PUT", path: "/_sim/dlt", body: `{}`},
	{method: "PUT", path: "/_sim/dlt/mode", body: `{"mode":"off"}`},
	{method: "GET", path: "/_sim/links"},
	{method: "POST", path: "/_sim/clicks", body: `{"messageId":"sms-6"}`},
	{method: "GET", path: "/_sim/tracking/domains"},
	{method: "PUT", path: "/_sim/tracking/domains", body: `{"domain":"a.example","verified":true}`},
	{method: "POST", path: "/_sim/inbound", body: `{"channel":"SMS","from":"919999000001","to":"919800000001","text":"hi"}`},
	{method: "GET", path: "/_sim/inbound"},
	{method: "PUT", path: "/_sim/inbound/config", body: `{"channel":"SMS","number":"919800000001","url":"http://127.0.0.1:9/in"}`},
	{method: "GET", path: "/_sim/subscribers"},
	{method: "PUT", path: "/_sim/subscribers", body: `{"sender":"DemoAgent","user":"919999000002"}`},
	{method: "DELETE", path: "/_sim/subscribers?sender=BAgent&user=919999000077"},
	{method: "GET", path: "/_sim/events"},
	// The journal, the event stream (replaying from the first event) and
	// the set-up hold B's requests, B's inbound message and B's settings.
	{method: "GET", path: "/_sim/requests"},
	{method: "GET", path: "/_sim/events/stream", header: map[string]string{"Last-Event-ID": "1"}},
	{method: "GET", path: "/_sim/export"},
	// An import naming B in its body still lands in the caller's account.
	{method: "POST", path: "/_sim/import", body: `{"account":"` + cIDB + `","settings":{"deliveryReportUrl":"http://127.0.0.1:9/a"},"dltMode":"off"}`},
	{method: "GET", path: "/_sim/callbacks/faults"},
	{method: "PUT", path: "/_sim/callbacks/faults", body: `{"account":"` + cIDB + `","kind":"drop","count":1}`},
	{method: "DELETE", path: "/_sim/callbacks/faults"},
	// Both accounts have a sender SharedAgent: B's is in testing, with a
	// test number only B knows, and has B's own template b_tpl.
	{method: "GET", path: "/_sim/senders"},
	{method: "PUT", path: "/_sim/senders", body: `{"sender":"SharedAgent","phase":"launched"}`},
	{method: "GET", path: "/_sim/templates?sender=SharedAgent"},
	{method: "PUT", path: "/_sim/templates", body: `{"sender":"SharedAgent","template":"welcome_1","status":"SUSPENDED"}`},
	{method: "PUT", path: "/_sim/templates", body: `{"sender":"SharedAgent","template":"b_tpl","status":"REJECTED"}`},
}

// isoStreamBeat is the event stream's heartbeat in the isolation test: the
// stream writes its replay before the first heartbeat, so reading up to it
// reads the whole replay.
const isoStreamBeat = 20 * time.Millisecond

func isoDo(t *testing.T, ts *simtest.Server, rt isoRoute, query string, headers map[string]string) hReply {
	t.Helper()
	path := rt.path
	if query != "" {
		if strings.Contains(path, "?") {
			path += "&" + query
		} else {
			path += "?" + query
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, rt.method, ts.URL+path, strings.NewReader(rt.body))
	if err != nil {
		t.Fatal(err)
	}
	if rt.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range rt.header {
		req.Header.Set(k, v)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		// The stream stays open: read its replay, up to the first heartbeat.
		var seen []byte
		buf := make([]byte, 4096)
		for !strings.Contains(string(seen), "\n: heartbeat\n") {
			n, err := resp.Body.Read(buf)
			seen = append(seen, buf[:n]...)
			if err != nil {
				t.Fatalf("%s %s: stream ended before its first heartbeat: %v; read %s", rt.method, path, err, seen)
			}
		}
		return hReply{status: resp.StatusCode, body: seen}
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return hReply{status: resp.StatusCode, body: b}
}

// isoSeed gives account B state of every kind the control plane shows,
// with a marker that must never reach account A.
func isoSeed(t *testing.T, ts *simtest.Server) {
	t.Helper()
	cSeed(t, ts)
	sim := ts.Sim
	sim.SetSettings(cKeyB, simulator.AccountSettings{DeliveryReportURL: "http://127.0.0.1:9/b-marker"})
	if err := sim.SetProfile(simulator.Profile{Account: cKeyB, Number: "919999000042", RCS: 2, SMS: 1, Note: "b-marker"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Inbound(cKeyB, simulator.InboundMessage{Channel: "SMS", From: "919999000009", To: "919800000001", Text: "b-marker"}); err != nil {
		t.Fatal(err)
	}
	sim.BlockUser(cKeyB, "BAgent", "919999000077")
	if err := sim.InjectFault(simulator.Fault{Account: cKeyB, Path: "/sms/3/logs", Status: 429, Count: 5}); err != nil {
		t.Fatal(err)
	}
	if err := sim.SetDLTMode(cKeyB, simulator.DLTStrict); err != nil {
		t.Fatal(err)
	}
	sim.SetCustomDomain(cKeyB, "b-marker.example", true)
	// Not B's report URL: the clock advances below would spend the fault.
	if err := sim.InjectCallbackFault(simulator.CallbackFault{Account: cKeyB, Kind: simulator.CallbackDrop, URL: "http://127.0.0.1:9/b-marker-faults"}); err != nil {
		t.Fatal(err)
	}
	sim.SetSenderPhase(cKeyB, "SharedAgent", false, []string{"919999000066"})
	if r := hDo(t, ts, http.MethodPost, "/rcs/1/senders/SharedAgent/templates", "App "+cKeyB, "application/json",
		`{"templateName":"b_tpl","providers":["JIO"],"content":{"type":"TEXT","text":"b-marker {{name}}"}}`); r.status != http.StatusOK {
		t.Fatalf("B's template: %d %s", r.status, r.body)
	}
}

// isoBTemplates returns the providers' decisions on each template B's
// sender SharedAgent sees, by template name.
func isoBTemplates(t *testing.T, ts *simtest.Server) map[string]map[string]string {
	t.Helper()
	r := hDo(t, ts, http.MethodGet, "/_sim/templates?sender=SharedAgent", "App "+cKeyB, "", "")
	var body struct {
		Templates []struct {
			Name      string `json:"name"`
			Providers map[string]struct {
				Status string `json:"status"`
			} `json:"providers"`
		} `json:"templates"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || r.status != http.StatusOK {
		t.Fatalf("B's templates: %d %s %v", r.status, r.body, err)
	}
	out := map[string]map[string]string{}
	for _, tp := range body.Templates {
		out[tp.Name] = map[string]string{}
		for p, st := range tp.Providers {
			out[tp.Name][p] = st.Status
		}
	}
	return out
}

// isoBUntouched fails when anything of account B changed.
func isoBUntouched(t *testing.T, ts *simtest.Server, when string) {
	t.Helper()
	sim := ts.Sim
	if n := len(sim.Messages(simulator.MessageFilter{Account: cKeyB})); n != 2 {
		t.Errorf("%s: B has %d messages, want 2", when, n)
	}
	if u := sim.Settings(cKeyB).DeliveryReportURL; !strings.Contains(u, "b-marker") {
		t.Errorf("%s: B's deliveryReportUrl is %q", when, u)
	}
	if len(sim.Numbers(cKeyB).Profiles) == 0 {
		t.Errorf("%s: B's profile is gone", when)
	}
	if len(sim.Blocks(cKeyB)) != 1 {
		t.Errorf("%s: B's opt-out is gone", when)
	}
	if len(sim.InboundRecords(cKeyB)) != 1 {
		t.Errorf("%s: B's inbound log changed: %d", when, len(sim.InboundRecords(cKeyB)))
	}
	if _, mode := sim.DLT(cKeyB); mode != simulator.DLTStrict {
		t.Errorf("%s: B's DLT mode is %s", when, mode)
	}
	// B's two API calls of isoSeed (a send, a template), kept under B's id.
	if j := sim.Requests(simulator.RequestFilter{Account: cKeyB}); len(j.Requests) != 2 || j.Requests[0].Account != cIDB {
		t.Errorf("%s: B's journal has %d entries: %+v", when, len(j.Requests), j.Requests)
	}
	if armed, _ := sim.CallbackFaults(cKeyB); len(armed) != 1 || !strings.Contains(armed[0].URL, "b-marker") {
		t.Errorf("%s: B's armed callback faults: %+v", when, armed)
	}
	r := hDo(t, ts, http.MethodGet, "/_sim/senders", "App "+cKeyB, "", "")
	if !strings.Contains(string(r.body), `"senderName":"SharedAgent","senderStatus":"READY_FOR_TESTING","testNumbers":[{"testNumber":"919999000066"`) {
		t.Errorf("%s: B's sender SharedAgent changed: %s", when, r.body)
	}
	tpl := isoBTemplates(t, ts)
	if tpl["welcome_1"]["JIO"] != "APPROVED" || tpl["b_tpl"]["JIO"] != "PENDING" {
		t.Errorf("%s: B's templates changed: %v", when, tpl)
	}
}

// TestControlIsolationEveryRoute: with a control token configured, every
// /_sim route refuses a caller without a credential, refuses ?account= of
// another account to a credential, serves a credential its own account only
// (nothing of B shows, nothing of B changes), and serves ?account= to the
// token.
func TestControlIsolationEveryRoute(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithControlToken("tok"),
		simulator.WithEventStream(1000, 1000, isoStreamBeat))
	isoSeed(t, ts)

	var covered []string
	for _, rt := range isoRoutes {
		tpl := regexp.MustCompile(`\?.*`).ReplaceAllString(rt.path, "")
		covered = append(covered, rt.method+" "+tpl)
	}
	for _, r := range simulator.ControlRoutes(ts.Sim) {
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(r), `[^/]+`) + "$")
		found := false
		for _, c := range covered {
			if re.MatchString(c) {
				found = true
			}
		}
		if !found {
			t.Errorf("control route %s has no isolation case", r)
		}
	}

	authA := map[string]string{"Authorization": "App " + simtest.APIKey}
	for _, rt := range isoRoutes {
		if r := isoDo(t, ts, rt, "", nil); r.status != http.StatusUnauthorized {
			t.Errorf("%s %s without credential or token: %d, want 401; %s", rt.method, rt.path, r.status, r.body)
		}
		if r := isoDo(t, ts, rt, "", map[string]string{simulator.ControlTokenHeader: "wrong"}); r.status != http.StatusUnauthorized {
			t.Errorf("%s %s with a wrong token: %d, want 401", rt.method, rt.path, r.status)
		}
		if r := isoDo(t, ts, rt, "account="+cIDB, nil); r.status != http.StatusUnauthorized {
			t.Errorf("%s %s ?account=B without credential: %d, want 401", rt.method, rt.path, r.status)
		}
		want := http.StatusForbidden
		if rt.kind == "admin" {
			want = http.StatusUnauthorized
		}
		if r := isoDo(t, ts, rt, "account="+cIDB, authA); r.status != want {
			t.Errorf("%s %s with A's key and ?account=B: %d, want %d; %s", rt.method, rt.path, r.status, want, r.body)
		}
	}
	isoBUntouched(t, ts, "after the refused calls")

	for _, rt := range isoRoutes {
		r := isoDo(t, ts, rt, "", authA)
		if rt.kind == "admin" {
			if r.status != http.StatusUnauthorized {
				t.Errorf("%s %s with A's key: %d, want 401 (about every account)", rt.method, rt.path, r.status)
			}
			continue
		}
		if r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
			t.Errorf("%s %s with A's key: %d; %s", rt.method, rt.path, r.status, r.body)
		}
		for _, leak := range []string{cIDB, cKeyB, "b-marker", "BAgent", "919999000066"} {
			if strings.Contains(string(r.body), leak) {
				t.Errorf("%s %s with A's key shows B's %q: %s", rt.method, rt.path, leak, r.body)
			}
		}
		if strings.Contains(string(r.body), simtest.APIKey) {
			t.Errorf("%s %s shows an API key: %s", rt.method, rt.path, r.body)
		}
	}
	isoBUntouched(t, ts, "after A's own calls")

	tok := map[string]string{simulator.ControlTokenHeader: "tok"}
	r := isoDo(t, ts, isoRoute{method: "GET", path: "/_sim/messages"}, "account="+cIDB, tok)
	if r.status != http.StatusOK || !strings.Contains(string(r.body), "sms-7") || strings.Contains(string(r.body), cKeyB) {
		t.Errorf("token with ?account=B: %d %s", r.status, r.body)
	}
	// B's data is there to leak: the token asking for B sees what A's calls
	// above must not (so their checks can fail).
	for _, c := range []struct {
		rt   isoRoute
		want string
	}{
		{isoRoute{method: "GET", path: "/_sim/requests"}, `"path":"/sms/2/text/advanced"`},
		{isoRoute{method: "GET", path: "/_sim/events/stream", header: map[string]string{"Last-Event-ID": "1"}}, "b-marker"},
		{isoRoute{method: "GET", path: "/_sim/export"}, "b-marker"},
		{isoRoute{method: "GET", path: "/_sim/callbacks/faults"}, "b-marker"},
		{isoRoute{method: "GET", path: "/_sim/senders"}, "919999000066"},
		{isoRoute{method: "GET", path: "/_sim/templates?sender=SharedAgent"}, "b-marker"},
	} {
		r := isoDo(t, ts, c.rt, "account="+cIDB, tok)
		if r.status != http.StatusOK || !strings.Contains(string(r.body), c.want) || !strings.Contains(string(r.body), cIDB) || strings.Contains(string(r.body), cKeyB) {
			t.Errorf("token with ?account=B: %s %s: %d, want %q and B's id, never B's key: %s", c.rt.method, c.rt.path, r.status, c.want, r.body)
		}
	}
	for _, rt := range isoRoutes {
		if r := isoDo(t, ts, rt, "account="+cIDB, tok); r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
			t.Errorf("%s %s with the token and ?account=B: %d; %s", rt.method, rt.path, r.status, r.body)
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{Account: cKeyB})); n != 0 {
		t.Errorf("the token's POST /_sim/reset?account=B left %d of B's messages", n)
	}
}

// TestControlLoopbackWithoutToken: with no token, unscoped calls are allowed
// over loopback only; a credential still confines a call to its account.
func TestControlLoopbackWithoutToken(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs())
	cSeed(t, ts)
	if r := cDo(t, ts, http.MethodGet, "/_sim/messages", nil); r.status != http.StatusOK || !strings.Contains(string(r.body), "sms-7") {
		t.Fatalf("loopback unscoped: %d %s", r.status, r.body)
	}
	if r := cDo(t, ts, http.MethodGet, "/_sim/messages", map[string]string{"Authorization": "App " + simtest.APIKey}); strings.Contains(string(r.body), "sms-7") {
		t.Errorf("A's credential sees B's message: %s", r.body)
	}

	// The same calls arriving on a non-loopback local address are refused.
	remote := func(path string, h map[string]string) int {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = "10.1.2.3:8080"
		for k, v := range h {
			req.Header.Set(k, v)
		}
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 8080}))
		rec := httptest.NewRecorder()
		ts.Sim.ServeHTTP(rec, req)
		return rec.Code
	}
	if st := remote("/_sim/messages", nil); st != http.StatusUnauthorized {
		t.Errorf("non-loopback unscoped without a token: %d, want 401", st)
	}
	if st := remote("/_sim/messages?account="+cIDB, nil); st != http.StatusUnauthorized {
		t.Errorf("non-loopback ?account= without a token: %d, want 401", st)
	}
	if st := remote("/_sim/messages", map[string]string{"Authorization": "App " + simtest.APIKey}); st != http.StatusOK {
		t.Errorf("non-loopback with a credential: %d, want 200", st)
	}
	if st := remote("/_sim/messages?account="+cIDB, map[string]string{"Authorization": "App " + simtest.APIKey}); st != http.StatusForbidden {
		t.Errorf("non-loopback credential A with ?account=B: %d, want 403", st)
	}
}

// TestControlTokenGeneratedForNonLoopback: a server told it listens beyond
// loopback makes a random token and says so; a loopback one does not.
func TestControlTokenGeneratedForNonLoopback(t *testing.T) {
	t.Parallel()
	var toks []string
	for i := 0; i < 2; i++ {
		sim, err := simulator.New(simulator.WithListenAddrs("0.0.0.0:8080"))
		if err != nil {
			t.Fatal(err)
		}
		tok := sim.ControlToken()
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(tok) {
			t.Fatalf("generated token %q", tok)
		}
		if !strings.Contains(sim.ControlBanner(), tok) {
			t.Errorf("banner does not print the generated token: %s", sim.ControlBanner())
		}
		toks = append(toks, tok)
		_ = sim.Close(context.Background())
	}
	if toks[0] == toks[1] {
		t.Error("two starts generated the same token")
	}
	sim, err := simulator.New(simulator.WithListenAddrs("127.0.0.1:8080"))
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close(context.Background())
	if sim.ControlToken() != "" || !strings.Contains(sim.ControlBanner(), "OPEN") {
		t.Errorf("loopback listener: token %q, banner %q", sim.ControlToken(), sim.ControlBanner())
	}
	sim2, err := simulator.New(simulator.WithListenAddrs("0.0.0.0:8080"), simulator.WithControlToken("mine"))
	if err != nil {
		t.Fatal(err)
	}
	defer sim2.Close(context.Background())
	if sim2.ControlToken() != "mine" {
		t.Errorf("configured token replaced by %q", sim2.ControlToken())
	}
}

// TestAccountIDsOnTheWire: no control answer shows an API key, in open mode
// or for an account named after its key.
func TestAccountIDsOnTheWire(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithAccounts(simulator.Account{Name: cKeyB, APIKeys: []string{cKeyB}}))
	if r := hDo(t, ts, http.MethodPost, "/sms/3/messages", "App "+cKeyB, "application/json", hSMS3(`{"text":"x"}`)); r.status != 200 {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	r := cDo(t, ts, http.MethodGet, "/_sim/messages", nil)
	if strings.Contains(string(r.body), cKeyB) || !strings.Contains(string(r.body), cIDB) {
		t.Errorf("messages show %s", r.body)
	}
	id, err := ts.Sim.AccountOf("App " + cKeyB)
	if err != nil || id != cIDB {
		t.Errorf("AccountOf = %q, %v", id, err)
	}
}

// TestBrowserGuard: Host, Origin and Content-Type checks on the control plane.
func TestBrowserGuard(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithCounterIDs(), simulator.WithPublicHosts("sim.team"))
	cSeed(t, ts)
	do := func(method, path, host, origin, ct, body string) int {
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := ts.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	self := strings.TrimPrefix(ts.URL, "http://")
	cases := []struct {
		name                              string
		method, path, host, origin, ct, b string
		want                              int
	}{
		{"own host", "GET", "/_sim/messages", "", "", "", "", 200},
		{"localhost", "GET", "/_sim/messages", "localhost:1234", "", "", "", 200},
		{"public host", "GET", "/_sim/messages", "sim.team:8080", "", "", "", 200},
		{"rebound name", "GET", "/_sim/messages", "evil.example:8080", "", "", "", 403},
		{"same origin", "GET", "/_sim/messages", "", "http://" + self, "", "", 200},
		{"cross-site origin", "GET", "/_sim/messages", "", "http://evil.example", "", "", 403},
		{"null origin", "GET", "/_sim/messages", "", "null", "", "", 403},
		{"text/plain reset", "POST", "/_sim/reset", "", "", "text/plain", "x", 415},
		{"form profile", "POST", "/_sim/numbers/profiles", "", "", "application/x-www-form-urlencoded", "number=1", 415},
		{"cross-site body-less reset", "POST", "/_sim/reset", "", "http://evil.example", "", "", 403},
		{"JSON profile", "POST", "/_sim/numbers/profiles", "", "", "application/json; charset=utf-8", `{"number":"919999000001","rcs":1,"sms":1}`, 200},
		{"the API is not guarded", "GET", "/readyz", "evil.example", "", "", "", 200},
	}
	for _, c := range cases {
		if got := do(c.method, c.path, c.host, c.origin, c.ct, c.b); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	if n := len(ts.Sim.Messages(simulator.MessageFilter{})); n != 5 {
		t.Errorf("%d messages: a refused reset went through", n)
	}
	// The guard wraps any handler (the web UI).
	h := ts.Sim.Guard(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	req := httptest.NewRequest("GET", "/ui/", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("guarded UI with a foreign Host: %d", rec.Code)
	}
}
