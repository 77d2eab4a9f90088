package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator/client"
)

// results decodes the "results" of every accepted request to an endpoint.
func results(got []Received) []map[string]any {
	var out []map[string]any
	for _, r := range got {
		if r.Status < 200 || r.Status > 299 {
			continue
		}
		var body struct {
			Results []map[string]any `json:"results"`
		}
		if json.Unmarshal(r.Body, &body) == nil {
			out = append(out, body.Results...)
		}
	}
	return out
}

func str(m map[string]any, path ...string) string {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = mm[p]
	}
	switch v := cur.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	}
	b, _ := json.Marshal(cur)
	return string(b)
}

func (w *World) reportsFor(got []Received) []map[string]any {
	var out []map[string]any
	for _, r := range results(got) {
		if str(r, "messageId") == w.messageID {
			out = append(out, r)
		}
	}
	return out
}

func summarize(reports []map[string]any) string {
	if len(reports) == 0 {
		return "(none)"
	}
	var lines []string
	for _, r := range reports {
		lines = append(lines, fmt.Sprintf("messageId=%s channel=%s status=%s error=%s", str(r, "messageId"), str(r, "channel"), str(r, "status", "name"), str(r, "error", "name")))
	}
	return strings.Join(lines, "\n")
}

func (w *World) reportArrives(ctx context.Context, name, status, errName string) error {
	if w.messageID == "" {
		return fmt.Errorf("no message was accepted, so no report can arrive (last answer HTTP %d %s)", w.lastStatus, w.lastResp)
	}
	if err := w.settle(ctx); err != nil {
		return err
	}
	got, err := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool {
		for _, r := range w.reportsFor(got) {
			if str(r, "status", "name") == status {
				return true
			}
		}
		return false
	})
	reports := w.reportsFor(got)
	if err != nil {
		return fmt.Errorf("no report with status %s for message %s at %q within %s; it received:\n%s", status, w.messageID, name, w.ReportTimeout, summarize(reports))
	}
	for _, r := range reports {
		if str(r, "status", "name") == status {
			w.report = r
			break
		}
	}
	if diff := cmp.Diff(errName, str(w.report, "error", "name")); diff != "" {
		return fmt.Errorf("report error (-want +got):\n%s", diff)
	}
	if err := checkCode("status", knownStatuses, w.report["status"]); err != nil {
		return err
	}
	return checkCode("error", knownErrors, w.report["error"])
}

func (w *World) needReport() error {
	if w.report == nil {
		return fmt.Errorf("no report received yet")
	}
	return nil
}

func (w *World) reportHasNoChannel() error {
	if err := w.needReport(); err != nil {
		return err
	}
	if _, ok := w.report["channel"]; ok {
		return fmt.Errorf("report has channel %q; Infobip sets it only when a failover was requested", str(w.report, "channel"))
	}
	return nil
}

func (w *World) reportChannelAndSender(channel, sender string) error {
	if err := w.needReport(); err != nil {
		return err
	}
	got := []string{str(w.report, "channel"), str(w.report, "sender")}
	if diff := cmp.Diff([]string{channel, sender}, got); diff != "" {
		return fmt.Errorf("report [channel sender] (-want +got):\n%s", diff)
	}
	return nil
}

func (w *World) reportGroup(group string) error {
	if err := w.needReport(); err != nil {
		return err
	}
	if diff := cmp.Diff(group, str(w.report, "status", "groupName")); diff != "" {
		return fmt.Errorf("status group (-want +got):\n%s", diff)
	}
	return nil
}

func (w *World) reportIDs(messageID, callbackData string) error {
	if err := w.needReport(); err != nil {
		return err
	}
	got := []string{str(w.report, "messageId"), str(w.report, "callbackData")}
	if diff := cmp.Diff([]string{messageID, callbackData}, got); diff != "" {
		return fmt.Errorf("report [messageId callbackData] (-want +got):\n%s", diff)
	}
	return nil
}

func (w *World) reportBodyIs(doc *godog.DocString) error {
	if err := w.needReport(); err != nil {
		return err
	}
	got, _ := json.Marshal(map[string]any{"results": []any{w.report}})
	diff, err := jsonDiff([]byte(doc.Content), got, w.vars())
	if err != nil {
		return err
	}
	if diff != "" {
		return fmt.Errorf("report body (-want +got):\n%s", diff)
	}
	return nil
}

// quiet lets what is due happen: with a control plane the message's report
// log then says where each report went (and the checks read it); without one
// the scenario listens for a while.
func (w *World) quiet(ctx context.Context) error {
	if w.ep.Control != nil && w.messageID != "" {
		return w.settle(ctx)
	}
	_, _ = w.sink.Await(w.ns, "\x00never", quietPeriod, func([]Received) bool { return false })
	return nil
}

func (w *World) noReportArrived(ctx context.Context, name string) error {
	if err := w.quiet(ctx); err != nil {
		return err
	}
	if n := len(w.sink.Requests(w.ns, name)); n != 0 {
		return fmt.Errorf("%q received %d requests, want none:\n%s", name, n, summarize(results(w.sink.Requests(w.ns, name))))
	}
	if w.ep.Control != nil && w.messageID != "" {
		m, err := w.ep.Control.Message(ctx, w.messageID)
		if err != nil {
			return err
		}
		for _, r := range m.Reports {
			if r.URL == w.sink.URL(w.ns, name) {
				return fmt.Errorf("a %s report was sent to %q", r.Status.Name, name)
			}
		}
	}
	return nil
}

func (w *World) exactlyNReports(ctx context.Context, n int, name string) error {
	if err := w.quiet(ctx); err != nil {
		return err
	}
	if w.ep.Control != nil && w.messageID != "" {
		// The message's report log is authoritative: count what was sent to
		// the endpoint, then wait for that many to have arrived.
		m, err := w.ep.Control.Message(ctx, w.messageID)
		if err != nil {
			return err
		}
		sent := 0
		for _, r := range m.Reports {
			if r.URL == w.sink.URL(w.ns, name) {
				sent++
			}
		}
		if sent != n {
			return fmt.Errorf("%d reports were sent to %q, want %d", sent, name, n)
		}
		_, _ = w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool { return len(results(got)) >= n })
	}
	if got := results(w.sink.Requests(w.ns, name)); len(got) != n {
		return fmt.Errorf("%q received %d reports, want %d:\n%s", name, len(got), n, summarize(got))
	}
	return nil
}

func tableMaps(t *godog.Table) ([]map[string]string, error) {
	if len(t.Rows) < 1 {
		return nil, fmt.Errorf("the table needs a header row")
	}
	var head []string
	for _, c := range t.Rows[0].Cells {
		head = append(head, c.Value)
	}
	var out []map[string]string
	for _, r := range t.Rows[1:] {
		m := map[string]string{}
		for i, c := range r.Cells {
			m[head[i]] = c.Value
		}
		out = append(out, m)
	}
	return out, nil
}

func (w *World) reportsInOrder(ctx context.Context, name string, table *godog.Table) error {
	rows, err := tableMaps(table)
	if err != nil {
		return err
	}
	type step struct{ Channel, Status, Error string }
	var want []step
	for _, r := range rows {
		want = append(want, step{r["channel"], r["status"], r["error"]})
	}
	if err := w.settle(ctx); err != nil {
		return err
	}
	got, _ := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool { return len(w.reportsFor(got)) >= len(want) })
	var have []step
	for _, r := range w.reportsFor(got) {
		have = append(have, step{str(r, "channel"), str(r, "status", "name"), str(r, "error", "name")})
	}
	if diff := cmp.Diff(want, have); diff != "" {
		return fmt.Errorf("reports for message %s at %q, in arrival order (-want +got):\n%s", w.messageID, name, diff)
	}
	return nil
}

func (w *World) endpointCalled(ctx context.Context, name string, n int) error {
	if w.ep.Control != nil {
		// Wait for the simulator to record the attempt, not just for the POST
		// to arrive: only then is its retry scheduled, and time may move on.
		if _, err := w.ep.Control.Attempts(ctx, n, w.ReportTimeout); err != nil {
			return fmt.Errorf("waiting for callback attempt %d: %w", n, err)
		}
	}
	got, _ := w.sink.Await(w.ns, name, w.ReportTimeout, func(got []Received) bool { return len(got) >= n })
	if len(got) != n {
		return fmt.Errorf("%q was called %d times, want %d", name, len(got), n)
	}
	return nil
}

func (w *World) endpointAccepted(name string, n int) error {
	if got := results(w.sink.Requests(w.ns, name)); len(got) != n {
		return fmt.Errorf("%q accepted %d reports, want %d:\n%s", name, len(got), n, summarize(got))
	}
	return nil
}

// ---- pull endpoints

var pullPaths = map[string]string{"RCS": "/rcs/2/reports", "SMS v2": "/sms/1/reports", "SMS v3": "/sms/3/reports"}

func (w *World) pull(ctx context.Context, kind, auth string) ([]map[string]any, error) {
	path, ok := pullPaths[kind]
	if !ok {
		return nil, fmt.Errorf("unknown report kind %q", kind)
	}
	q := ""
	if w.messageID != "" {
		q = "?messageId=" + url.QueryEscape(w.messageID)
	}
	if err := w.call(ctx, http.MethodGet, path+q, nil, &auth); err != nil {
		return nil, err
	}
	if w.lastStatus != http.StatusOK {
		return nil, fmt.Errorf("GET %s answered HTTP %d: %s", path, w.lastStatus, w.lastResp)
	}
	var body struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(w.lastResp, &body); err != nil {
		return nil, err
	}
	return body.Results, nil
}

func (w *World) pullsN(ctx context.Context, n, kind string) error {
	want := 0
	if n != "no" {
		want, _ = strconv.Atoi(n)
	}
	got, err := w.pull(ctx, kind, w.auth)
	if err != nil {
		return err
	}
	if len(got) != want {
		return fmt.Errorf("pulled %d %s reports for message %s, want %d:\n%s", len(got), kind, w.messageID, want, summarize(got))
	}
	return nil
}

// ---- accounts

func (w *World) accountSentNothingTo(ctx context.Context, to string) error {
	c, err := w.control()
	if err != nil {
		return err
	}
	msgs, err := c.Messages(ctx, client.MessageQuery{Destination: to})
	if err != nil {
		return err
	}
	if len(msgs) != 0 {
		return fmt.Errorf("%d messages to %s were accepted, want none", len(msgs), to)
	}
	return nil
}

func (w *World) secondIntegrationSeesNothing(ctx context.Context, to string) error {
	if w.ep.NewKey == nil {
		return w.skip("the target has one account only")
	}
	if _, err := w.control(); err != nil {
		return err
	}
	w.secondKey = w.ep.NewKey()
	second := client.New(w.ep.BaseURL, client.WithAPIKey(w.secondKey), client.WithToken(w.ep.ControlToken))
	msgs, err := second.Messages(ctx, client.MessageQuery{Destination: to})
	if err != nil {
		return err
	}
	if len(msgs) != 0 {
		return fmt.Errorf("the second account sees %d messages of the first", len(msgs))
	}
	return nil
}

func (w *World) secondIntegrationPullsNothing(ctx context.Context) error {
	if w.secondKey == "" {
		return fmt.Errorf("no second integration yet")
	}
	got, err := w.pull(ctx, "RCS", "App "+w.secondKey)
	if err != nil {
		return err
	}
	if len(got) != 0 {
		return fmt.Errorf("the second account pulled %d reports of the first:\n%s", len(got), summarize(got))
	}
	return nil
}

// ---- capability

func (w *World) checksCapability(ctx context.Context, agent string, table *godog.Table) error {
	rows, err := tableMaps(table)
	if err != nil {
		return err
	}
	w.capWant = map[string]string{}
	var numbers []string
	for _, r := range rows {
		numbers = append(numbers, r["number"])
		w.capWant[r["number"]] = r["capability"]
	}
	if err := w.postJSON(ctx, "/rcs/2/capability-check/query", map[string]any{"sender": agent, "phoneNumbers": numbers}, nil); err != nil {
		return err
	}
	if w.lastStatus != http.StatusOK {
		return fmt.Errorf("capability check answered HTTP %d: %s", w.lastStatus, w.lastResp)
	}
	var resp struct {
		Results []struct {
			PhoneNumber string `json:"phoneNumber"`
			Code        string `json:"code"`
		} `json:"capabilityCheckResults"`
	}
	if err := json.Unmarshal(w.lastResp, &resp); err != nil {
		return err
	}
	w.capability = map[string]string{}
	for _, r := range resp.Results {
		w.capability[r.PhoneNumber] = r.Code
	}
	return nil
}

func (w *World) eachCapabilityAsListed() error {
	if diff := cmp.Diff(w.capWant, w.capability); diff != "" {
		return fmt.Errorf("capabilities (-want +got):\n%s", diff)
	}
	return nil
}
