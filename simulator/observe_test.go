package simulator_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

const oSMS = `{"messages":[{"destinations":[{"to":"919812345678"}],"content":{"text":"hello"}}]}`

func TestJournalRecordsAcceptedAndRefusedRequests(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithJournal(100, 16))
	ctx := context.Background()
	ok := hPost(t, ts, "/sms/3/messages", oSMS)
	if ok.status != http.StatusOK {
		t.Fatalf("send: %d %s", ok.status, ok.body)
	}
	bad := hPost(t, ts, "/sms/3/messages", `{"messages":[{"destinations":[],"content":{"text":""}}]}`)
	if bad.status != http.StatusBadRequest {
		t.Fatalf("bad send: %d %s", bad.status, bad.body)
	}
	hDo(t, ts, http.MethodGet, "/sms/9/nowhere?x=1", "App "+simtest.APIKey, "", "")
	hDo(t, ts, http.MethodPost, "/sms/3/messages", "App "+cKeyB, "application/json", oSMS) // another account

	a := client.New(ts.URL, client.WithAPIKey(simtest.APIKey))
	j, err := a.Requests(ctx, client.RequestQuery{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Method, Path, Query string
		Status              int
	}
	var got []row
	for _, e := range j.Requests {
		got = append(got, row{e.Method, e.Path, e.Query, e.Status})
		if e.Account != cIDA {
			t.Errorf("entry %d of account %q, want A's id %q", e.ID, e.Account, cIDA)
		}
	}
	want := []row{{"GET", "/sms/9/nowhere", "x=1", 404}, {"POST", "/sms/3/messages", "", 400}, {"POST", "/sms/3/messages", "", 200}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("journal (-want +got):\n%s", diff)
	}
	accepted, refused := j.Requests[2], j.Requests[1]
	msgs := ts.Sim.Messages(simulator.MessageFilter{Account: simtest.APIKey})
	if len(msgs) != 1 || !cmp.Equal(accepted.MessageIDs, []string{msgs[0].MessageID}) {
		t.Errorf("messageIds %v, stored %d messages", accepted.MessageIDs, len(msgs))
	}
	if accepted.RequestBody != oSMS[:16] || !accepted.Truncated || len(accepted.ResponseBody) != 16 {
		t.Errorf("bodies not cut to 16 bytes: %q / %q", accepted.RequestBody, accepted.ResponseBody)
	}
	if len(refused.Violations) == 0 || refused.Violations[0].Property == "" {
		t.Errorf("refused request without violations: %+v", refused)
	}
	if !accepted.At.Equal(simtest.Start()) {
		t.Errorf("at %v, want the fake clock's %v", accepted.At, simtest.Start())
	}

	f, err := a.Requests(ctx, client.RequestQuery{Status: "4xx", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Requests) != 1 || f.Requests[0].Status != 404 {
		t.Errorf("4xx limit 1: %+v", f.Requests)
	}
	if _, err := a.Requests(ctx, client.RequestQuery{Status: "abc"}); err == nil {
		t.Error("a bad status filter was accepted")
	}
	if err := a.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if j, _ := a.Requests(ctx, client.RequestQuery{}); len(j.Requests) != 0 {
		t.Errorf("journal after reset: %+v", j.Requests)
	}
	if j := ts.Sim.Requests(simulator.RequestFilter{}); len(j.Requests) != 1 || j.Requests[0].Account != cIDB {
		t.Errorf("reset of one account touched the other's journal: %+v", j.Requests)
	}
}

func TestJournalCountsDropped(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithJournal(2, 100))
	for i := 0; i < 5; i++ {
		hDo(t, ts, http.MethodGet, "/sms/3/reports", "App "+simtest.APIKey, "", "")
	}
	// A Go caller may name the account by its key or by its id: both select
	// the entries kept under the id.
	for _, name := range []string{simtest.APIKey, cIDA} {
		j := ts.Sim.Requests(simulator.RequestFilter{Account: name})
		if len(j.Requests) != 2 || j.Dropped != 3 {
			t.Errorf("account %s: kept %d dropped %d, want 2 and 3", name, len(j.Requests), j.Dropped)
		}
	}
}

// nextEvent reads one event or fails after a generous bound.
func nextEvent(t *testing.T, ch <-chan wire.StreamEvent) wire.StreamEvent {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return wire.StreamEvent{}
}

func TestEventStreamFollowsAMessageAndReplays(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := client.New(ts.URL, client.WithAPIKey(simtest.APIKey))
	events, _, err := a.Stream(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Another account's events are not in this stream.
	hDo(t, ts, http.MethodPost, "/sms/3/messages", "App "+cKeyB, "application/json", oSMS)
	if r := hPost(t, ts, "/sms/3/messages", oSMS); r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	if _, err := ts.Sim.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	var types []string
	var id string
	var last uint64
	for {
		e := nextEvent(t, events)
		if e.Account != cIDA {
			t.Fatalf("event of account %q in a stream scoped to %q", e.Account, cIDA)
		}
		if id == "" {
			id = e.MessageID
		}
		if e.MessageID != id || e.To != "919812345678" {
			t.Errorf("event %+v is not about %s", e, id)
		}
		types = append(types, e.Type)
		last = e.Seq
		if e.Type == wire.EventReportQueued {
			break
		}
	}
	if types[0] != wire.EventMessageAccepted || !strings.Contains(strings.Join(types, " "), wire.EventMessageStatus) {
		t.Errorf("types %v: want message.accepted, then message.status steps, then report.queued", types)
	}
	cancel()

	// Reconnecting with Last-Event-ID replays what came after it.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	again, _, err := a.Stream(ctx2, last-1)
	if err != nil {
		t.Fatal(err)
	}
	if e := nextEvent(t, again); e.Seq != last || e.Type != wire.EventReportQueued {
		t.Errorf("replayed %+v, want seq %d", e, last)
	}

	// Close ends the stream cleanly.
	if err := ts.Sim.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case _, ok := <-again:
		if ok {
			for range again {
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stream still open after Close")
	}
}

// The ring keeps events nobody was listening to, unencoded until someone
// reads them: a stream opened later with a Last-Event-ID gets them, with the
// same data a live subscriber would have got.
func TestEventStreamReplaysEventsEmittedWithNoListener(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	// Nothing subscribes before the message lives its life.
	if r := hPost(t, ts, "/sms/3/messages", oSMS); r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	if _, err := ts.Sim.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	replay, _, cancelSub := ts.Sim.Subscribe(simtest.APIKey, 1)
	cancelSub()
	if len(replay) < 2 {
		t.Fatalf("replayed %d events after seq 1, want the message's steps and report: %+v", len(replay), replay)
	}
	msgs := ts.Sim.Messages(simulator.MessageFilter{Account: simtest.APIKey})
	if len(msgs) != 1 {
		t.Fatalf("stored %d messages", len(msgs))
	}
	for i, e := range replay {
		if e.Seq != uint64(i+2) || e.MessageID != msgs[0].MessageID || e.Account != cIDA {
			t.Errorf("replay[%d] = %+v, want seq %d of message %s", i, e, i+2, msgs[0].MessageID)
		}
		var d struct {
			Channel string
			Status  wire.Status
		}
		if err := json.Unmarshal(e.Data, &d); err != nil || d.Channel != "SMS" || d.Status.Name == "" {
			t.Errorf("replay[%d] %s: data %s (%v), want the channel and status", i, e.Type, e.Data, err)
		}
	}
	if last := replay[len(replay)-1]; last.Type != wire.EventReportQueued ||
		!strings.Contains(string(last.Data), `"name":"`+msgs[0].Status.Name+`"`) {
		t.Errorf("last replayed %s %s, want the report of status %s", last.Type, last.Data, msgs[0].Status.Name)
	}

	// The SSE stream replays the same events with the same bytes.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := client.New(ts.URL, client.WithAPIKey(simtest.APIKey))
	events, _, err := a.Stream(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range replay {
		got := nextEvent(t, events)
		if got.Seq != want.Seq || got.Type != want.Type || string(got.Data) != string(want.Data) {
			t.Errorf("streamed %d %s %s, want %d %s %s", got.Seq, got.Type, got.Data, want.Seq, want.Type, want.Data)
		}
	}
}

func TestEventStreamHeartbeatAndBadLastEventID(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithEventStream(10, 10, 20*time.Millisecond))
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/_sim/events/stream", nil)
	req.Header.Set("Last-Event-ID", "x")
	if r, err := ts.Client.Do(req); err != nil || r.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad Last-Event-ID: %v %v", r, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/_sim/events/stream", nil)
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("content type %q", ct)
	}
	buf := make([]byte, 256)
	var seen strings.Builder
	for !strings.Contains(seen.String(), ": heartbeat") {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatalf("read: %v (got %q)", err, seen.String())
		}
		seen.Write(buf[:n])
	}
}

func TestMetricsParse(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	other := simtest.NewServer(t) // a second server in the process must not share counts
	hPost(t, ts, "/sms/3/messages", oSMS)
	hPost(t, ts, "/sms/3/messages", `{}`)
	hDo(t, ts, http.MethodGet, "/nowhere/1", "", "", "")
	if _, err := ts.Sim.Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	scrape := func(s *simtest.Server) map[string]*dto {
		r := cDo(t, s, http.MethodGet, "/metrics", nil)
		if r.status != http.StatusOK {
			t.Fatalf("/metrics: %d", r.status)
		}
		p := expfmt.NewTextParser(model.UTF8Validation)
		fams, err := p.TextToMetricFamilies(strings.NewReader(string(r.body)))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		out := map[string]*dto{}
		for name, f := range fams {
			for _, m := range f.GetMetric() {
				key := name
				for _, l := range m.GetLabel() {
					key += "," + l.GetName() + "=" + l.GetValue()
				}
				v := m.GetCounter().GetValue() + m.GetGauge().GetValue()
				out[key] = &dto{v}
			}
		}
		return out
	}
	got := scrape(ts)
	for key, want := range map[string]float64{
		"jiocxsim_http_requests_total,method=POST,route=/sms/3/messages,status=200": 1,
		"jiocxsim_http_requests_total,method=POST,route=/sms/3/messages,status=400": 1,
		"jiocxsim_http_requests_total,method=GET,route=unknown,status=404":          1,
		"jiocxsim_messages_accepted_total,api=sms/3":                                1,
		"jiocxsim_messages_final_total,group=DELIVERED,status=DELIVERED_TO_HANDSET": 1,
		"jiocxsim_store_messages":                      1,
		"jiocxsim_lifecycle_pending_messages":          0,
		"jiocxsim_lifecycle_steps_pending":             0,
		"jiocxsim_callback_attempts_log_dropped_total": 0,
		"jiocxsim_callback_queue_depth":                0,
	} {
		if g, ok := got[key]; !ok || g.v != want {
			t.Errorf("%s = %v (present %v), want %v", key, g, ok, want)
		}
	}
	if _, ok := got["go_goroutines"]; !ok {
		t.Error("no Go runtime metrics")
	}
	if g := scrape(other)["jiocxsim_store_messages"]; g == nil || g.v != 0 {
		t.Errorf("the other server's store_messages = %v, want 0", g)
	}
}

type dto struct{ v float64 }

func TestNoControlKeepsNoJournalButCounts(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithoutControl())
	hPost(t, ts, "/sms/3/messages", oSMS)
	if j := ts.Sim.Requests(simulator.RequestFilter{}); len(j.Requests) != 0 {
		t.Errorf("journal kept %d requests nobody can read", len(j.Requests))
	}
	r := cDo(t, ts, http.MethodGet, "/metrics", nil)
	if !strings.Contains(string(r.body), `jiocxsim_http_requests_total{method="POST",route="/sms/3/messages",status="200"} 1`) {
		t.Errorf("request not counted:\n%s", r.body)
	}
}
