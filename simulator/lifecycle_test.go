package simulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// outcome is what a message ends as: the leg that ended it, its status and error.
type outcome struct {
	Channel string
	Status  int
	Error   int
}

// expectedOutcome encodes the public number plan (919999RSNNNN).
func expectedOutcome(r, s int, failover bool, contentType string) outcome {
	rcsErr := map[int]int{1: wire.ErrUnknownUser, 3: wire.ErrForbiddenAccess, 4: wire.ErrBlockedUser, 6: wire.ErrRCSBadRequest}
	delivered := r == 0 || r == 5 || r >= 7 || (r == 6 && contentType == "TEXT")
	if delivered {
		return outcome{"RCS", wire.StatusDeliveredToHandset, wire.ErrNoError}
	}
	if !failover {
		if r == 2 {
			return outcome{"RCS", wire.StatusExpiredExpired, wire.ErrValidityExpired}
		}
		return outcome{"RCS", wire.StatusUndeliverableRejectedOperator, rcsErr[r]}
	}
	return smsOutcome(s)
}

func smsOutcome(s int) outcome {
	switch s {
	case 1:
		return outcome{"SMS", wire.StatusUndeliverableNotDelivered, wire.ErrAbsentSubscriber}
	case 2:
		return outcome{"SMS", wire.StatusRejectedDND, wire.ErrDestAddressBlacklisted}
	case 3:
		return outcome{"SMS", wire.StatusExpiredExpired, wire.ErrValidityExpired}
	case 5:
		return outcome{"SMS", wire.StatusUndeliverableNotDelivered, wire.ErrUnknownSubscriber}
	}
	return outcome{"SMS", wire.StatusDeliveredToHandset, wire.ErrNoError}
}

func lcPost(t *testing.T, ts *simtest.Server, path string, body any) (int, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func lcGet(t *testing.T, ts *simtest.Server, path string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	resp, err := ts.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// TestNumberPlanEveryCell sends to every R x S cell, with and without
// failover, through v1 and v2, on the fake clock, and checks the final state
// of each message and the report the pull endpoint returns.
// pullAllRCSReports drains the RCS pull endpoint, a page at a time, until
// it answers an empty page.
func pullAllRCSReports(t *testing.T, ts *simtest.Server) []wire.RCSReport {
	t.Helper()
	var all []wire.RCSReport
	for {
		status, body := lcGet(t, ts, "/rcs/2/reports?limit=1000")
		if status != http.StatusOK {
			t.Fatalf("pull: HTTP %d %s", status, body)
		}
		var page wire.Reports[wire.RCSReport]
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		if len(page.Results) == 0 {
			return all
		}
		all = append(all, page.Results...)
	}
}

func TestNumberPlanEveryCell(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	type cell struct {
		api              string
		r, s             int
		failover         bool
		content          string
		to, id           string
		triggeredReports bool
	}
	var cells []cell
	n := 0
	for _, api := range []string{"v1", "v2"} {
		for r := 0; r <= 9; r++ {
			for s := 0; s <= 9; s++ {
				for _, fo := range []bool{false, true} {
					for _, content := range []string{"TEXT", "CARD"} {
						if content == "CARD" && r != 6 {
							continue
						}
						n++
						cells = append(cells, cell{api: api, r: r, s: s, failover: fo, content: content,
							to: fmt.Sprintf("919999%d%d%04d", r, s, n), id: fmt.Sprintf("cell-%d", n),
							triggeredReports: api == "v2" && fo})
					}
				}
			}
		}
	}
	content := func(kind string) map[string]any {
		if kind == "CARD" {
			return map[string]any{"type": "CARD", "orientation": "VERTICAL", "alignment": "LEFT",
				"content": map[string]any{"title": "Sale", "media": map[string]any{"file": map[string]any{"url": "https://example.test/a.png"}, "height": "MEDIUM"}}}
		}
		return map[string]any{"type": "TEXT", "text": "Hello"}
	}
	for _, c := range cells {
		var status int
		var body []byte
		if c.api == "v1" {
			req := map[string]any{"from": "Agent", "to": c.to, "messageId": c.id, "content": content(c.content), "callbackData": "cb-" + c.id,
				"validityPeriod": 1, "validityPeriodTimeUnit": "HOURS"}
			if c.failover {
				req["smsFailover"] = map[string]any{"from": "BRAND", "text": "Hello by SMS", "validityPeriod": 60, "validityPeriodTimeUnit": "MINUTES"}
			}
			status, body = lcPost(t, ts, "/ott/rcs/1/message", req)
		} else {
			msg := map[string]any{"sender": "Agent", "destinations": []any{map[string]any{"to": c.to, "messageId": c.id}}, "content": content(c.content),
				"webhooks": map[string]any{"callbackData": "cb-" + c.id, "delivery": map[string]any{"receiveTriggeredFailoverReports": c.triggeredReports}}}
			hour := map[string]any{"amount": 1, "timeUnit": "HOURS"}
			msg["options"] = map[string]any{"validityPeriod": hour}
			if c.failover {
				msg["options"] = map[string]any{"validityPeriod": hour, "smsFailover": map[string]any{"sender": "BRAND", "text": "Hello by SMS", "validityPeriod": hour}}
			}
			status, body = lcPost(t, ts, "/rcs/2/messages", map[string]any{"messages": []any{msg}})
		}
		if status != http.StatusOK {
			t.Fatalf("%+v: HTTP %d %s", c, status, body)
		}
	}
	// Every leg is valid for an hour: an offline RCS leg (R=2) expires after
	// one hour and a never-delivered SMS (S=3) one hour later.
	if _, err := ts.Sim.Advance(3 * time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		want := expectedOutcome(c.r, c.s, c.failover, c.content)
		m, ok := ts.Sim.Message("", c.id)
		if !ok {
			t.Fatalf("%s: not stored", c.id)
		}
		got := outcome{m.FinalChannel, m.Status.ID, m.Error.ID}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s R=%d S=%d failover=%v %s %s (-want +got):\n%s", c.api, c.r, c.s, c.failover, c.content, c.to, diff)
		}
	}
	// Every report waits for the pull endpoint (no URL was given), each once.
	all := pullAllRCSReports(t, ts)
	byID := map[string][]wire.RCSReport{}
	for _, r := range all {
		byID[r.MessageID] = append(byID[r.MessageID], r)
	}
	for _, c := range cells {
		want := expectedOutcome(c.r, c.s, c.failover, c.content)
		reps := byID[c.id]
		wantN := 1
		if c.triggeredReports && want.Channel == "SMS" {
			wantN = 2
		}
		if len(reps) != wantN {
			t.Errorf("%s: %d reports, want %d", c.id, len(reps), wantN)
			continue
		}
		last := reps[len(reps)-1]
		if last.Status.ID != want.Status || last.Error.ID != want.Error || last.CallbackData != "cb-"+c.id || last.Channel != "" {
			t.Errorf("%s: final report %+v, want %+v with callbackData and no channel (pull)", c.id, last, want)
		}
		if wantN == 2 && (reps[0].Status.ID != wire.StatusPendingEnroute || reps[0].Error.ID == wire.ErrNoError) {
			t.Errorf("%s: failover step report %+v, want PENDING_ENROUTE with the RCS error", c.id, reps[0])
		}
	}
}

func TestDirectSMSOutcomes(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	for s := 0; s <= 9; s++ {
		to := fmt.Sprintf("9199990%d%04d", s, s)
		status, body := lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{map[string]any{
			"sender": "BRAND", "destinations": []any{map[string]any{"to": to, "messageId": fmt.Sprintf("s%d", s)}},
			"content": map[string]any{"text": "hi"},
			"options": map[string]any{"validityPeriod": map[string]any{"amount": 2, "timeUnit": "HOURS"}},
		}}})
		if status != 200 {
			t.Fatalf("HTTP %d %s", status, body)
		}
	}
	ts.Sim.Advance(3 * time.Hour)
	for s := 0; s <= 9; s++ {
		m, _ := ts.Sim.Message("", fmt.Sprintf("s%d", s))
		got := outcome{m.FinalChannel, m.Status.ID, m.Error.ID}
		if diff := cmp.Diff(smsOutcome(s), got); diff != "" {
			t.Errorf("S=%d (-want +got):\n%s", s, diff)
		}
		if s == 3 && !m.DoneAt.Equal(simtest.Start().Add(2*time.Hour)) {
			t.Errorf("S=3 expired at %v, want at the 2h validity end", m.DoneAt)
		}
	}
	_, body := lcGet(t, ts, "/sms/3/reports")
	var page wire.Reports[wire.SMSReportV3]
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Results) != 10 {
		t.Fatalf("%d reports, want 10: %s", len(page.Results), body)
	}
	_, body = lcGet(t, ts, "/sms/3/reports")
	if err := json.Unmarshal(body, &page); err != nil || len(page.Results) != 0 {
		t.Fatalf("second pull returned %s, want no results (each report once)", body)
	}
}

var _ = simulator.Condition{}

// TestScheduledSendWaitsForSendAt: a message scheduled an hour ahead stays
// pending until then, and its validity counts from sendAt.
func TestScheduledSendWaitsForSendAt(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	sendAt := simtest.Start().Add(time.Hour).Format("2006-01-02T15:04:05.000-0700")
	status, body := lcPost(t, ts, "/sms/3/messages", map[string]any{
		"messages": []any{map[string]any{"sender": "S", "destinations": []any{map[string]any{"to": "447700900001", "messageId": "later"}}, "content": map[string]any{"text": "x"},
			"webhooks": map[string]any{"contentType": "application/xml"}}},
		"options": map[string]any{"schedule": map[string]any{"sendAt": sendAt}},
	})
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	ts.Sim.Advance(59 * time.Minute)
	if m, _ := ts.Sim.Message("", "later"); m.Status.Name != "PENDING_ACCEPTED" || !m.XMLReports || len(m.Warnings) != 0 {
		t.Fatalf("before sendAt: %s, xmlReports %v, warnings %q", m.Status.Name, m.XMLReports, m.Warnings)
	}
	ts.Sim.Advance(2 * time.Minute)
	m, _ := ts.Sim.Message("", "later")
	if m.Status.Name != "DELIVERED_TO_HANDSET" || !m.DoneAt.Equal(simtest.Start().Add(time.Hour+300*time.Millisecond)) {
		t.Fatalf("after sendAt: %s at %v", m.Status.Name, m.DoneAt)
	}
}

// TestCapabilityResultsWithoutURLAreKept: async capability results with
// nowhere to go are listed as failed callbacks, not dropped.
func TestCapabilityResultsWithoutURLAreKept(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t)
	if status, body := lcPost(t, ts, "/rcs/2/capability-check/notify", map[string]any{"sender": "A", "phoneNumbers": []any{"919999100001", "919999000001"}}); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	failed := ts.Sim.FailedWebhooks("")
	if len(failed) != 1 || len(failed[0].Items) != 2 || failed[0].Reason == "" {
		t.Fatalf("failed %+v", failed)
	}
}
