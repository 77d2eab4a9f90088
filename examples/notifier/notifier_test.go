package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
	"github.com/jiocxsim/jiocxsim/steps"
)

// runSuite starts the notifier with the given breaks and runs the
// integration suite against it, with an in-process simulator as its
// platform.
func runSuite(t *testing.T, breaks ...string) steps.Result {
	t.Helper()
	a, err := steps.LoadAdapter("adapter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A free port for the platform, known before the service starts.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	platform := ln.Addr().String()
	ln.Close()
	svc := New(Config{Platform: "http://" + platform, APIKey: a.Config().APIKey, Agent: "DemoAgent", SMSSender: "DEMOSMS",
		PrincipalEntity: "1101234567890123456", Template: "1107161234567890124", Tracking: true,
		RetryBase: 250 * time.Millisecond, Breaks: breaks})
	srv := httptest.NewServer(svc)
	defer srv.Close()
	defer svc.Wait()
	var out bytes.Buffer
	res, err := steps.Run(steps.Options{Integration: a.WithService(srv.URL), PlatformListen: platform, Output: &out, Format: "progress"})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	res.WriteTable(&table)
	t.Logf("breaks %v:\n%s", breaks, table.String())
	return res
}

func verdicts(res steps.Result) map[string]string {
	out := map[string]string{}
	for _, r := range res.Requirements {
		switch {
		case r.Failed > 0:
			out[r.ID] = "FAIL"
		case r.Passed == 0:
			out[r.ID] = "SKIPPED"
		default:
			out[r.ID] = "PASS"
		}
	}
	return out
}

// TestGoodNotifierPassesEveryRequirement: every GL-INT requirement runs and passes.
func TestGoodNotifierPassesEveryRequirement(t *testing.T) {
	t.Parallel()
	res := runSuite(t)
	v := verdicts(res)
	for _, r := range steps.Requirements {
		if !strings.HasPrefix(r.ID, "GL-INT-") {
			continue
		}
		if v[r.ID] != "PASS" {
			t.Errorf("%s (%s): %s, want PASS", r.ID, r.Title, v[r.ID])
		}
	}
	if res.Status != 0 {
		t.Errorf("suite status %d, want 0; failures: %+v", res.Status, res.Failures)
	}
}

// TestBrokenNotifiersFail: each break fails the suite, and the requirement
// that names the break fails with a reason that says what is wrong.
func TestBrokenNotifiersFail(t *testing.T) {
	t.Parallel()
	cases := []struct {
		brk, id, reason string
	}{
		{BreakForgetDLT, "GL-INT-3", "carries no India DLT principal entity"},
		{BreakIgnoreStop, "GL-INT-8", "after STOP it must send nothing more"},
		{BreakReports500, "GL-INT-5", "with HTTP 500"},
		{BreakCountDuplicates, "GL-INT-6", "counts 2 delivery reports"},
		{BreakDropOn429, "GL-INT-10", "must be retried later, not dropped"},
		{BreakOwnShortener, "GL-INT-11", "already wrapped"},
		{BreakLongSuggestion, "GL-INT-4", "suggestions[0].text"},
	}
	for _, tc := range cases {
		t.Run(tc.brk, func(t *testing.T) {
			t.Parallel()
			res := runSuite(t, tc.brk)
			if res.Status == 0 {
				t.Fatalf("the suite passed a notifier with %s", tc.brk)
			}
			if v := verdicts(res)[tc.id]; v != "FAIL" {
				t.Errorf("%s: %s is %s, want FAIL", tc.brk, tc.id, v)
			}
			found := false
			for _, f := range res.Failures {
				for _, id := range f.IDs {
					if id == tc.id && strings.Contains(f.Reason, tc.reason) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%s: no %s failure whose reason says %q; failures: %+v", tc.brk, tc.id, tc.reason, res.Failures)
			}
		})
	}
}

// TestNotifierAgainstARemoteSimulator runs the suite with the platform as
// another server reached over HTTP (PlatformURL), as --target does: the
// harness configures it over /_sim/ and reads its request journal.
func TestNotifierAgainstARemoteSimulator(t *testing.T) {
	t.Parallel()
	a, err := steps.LoadAdapter("adapter.yaml")
	if err != nil {
		t.Fatal(err)
	}
	key := a.Config().APIKey
	sim := simtest.NewServer(t, simulator.WithAccounts(simulator.Account{Name: "notifier", APIKeys: []string{key}}))
	svc := New(Config{Platform: sim.URL, APIKey: key, Agent: "DemoAgent", SMSSender: "DEMOSMS",
		PrincipalEntity: "1101234567890123456", Template: "1107161234567890124", Tracking: true,
		RetryBase: 250 * time.Millisecond, Breaks: []string{BreakLongSuggestion}})
	srv := httptest.NewServer(svc)
	defer srv.Close()
	defer svc.Wait()
	var out bytes.Buffer
	res, err := steps.Run(steps.Options{Integration: a.WithService(srv.URL), PlatformURL: sim.URL, Output: &out})
	if err != nil {
		t.Fatal(err)
	}
	v := verdicts(res)
	for _, id := range []string{"GL-INT-1", "GL-INT-3", "GL-INT-6", "GL-INT-8", "GL-INT-10"} {
		if v[id] != "PASS" {
			t.Errorf("%s: %s, want PASS; failures %+v", id, v[id], res.Failures)
		}
	}
	// The journal of the remote simulator shows the refused request.
	if v["GL-INT-4"] != "FAIL" {
		t.Errorf("GL-INT-4: %s, want FAIL (the long suggestion is refused with 400)", v["GL-INT-4"])
	}
}

// TestReportBeforeSendAnswerIsKept: the platform may post a message's report
// before the service has read the answer to its send (the suite's GL-INT-7
// caught this as a flake). The service must apply that report once the
// answer names the message, not drop it.
func TestReportBeforeSendAnswerIsKept(t *testing.T) {
	var svcURL string
	platform := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		report := `{"results":[{"messageId":"m-1","channel":"SMS","status":{"groupName":"DELIVERED","name":"DELIVERED_TO_HANDSET"}}]}`
		resp, err := http.Post(svcURL+"/dlr", "application/json", strings.NewReader(report))
		if err != nil {
			t.Errorf("posting the early report: %v", err)
		} else {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("the early report was answered %d, want 200", resp.StatusCode)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"messages":[{"messageId":"m-1","status":{"groupName":"PENDING"}}]}`)
	}))
	defer platform.Close()
	svc := New(Config{Platform: platform.URL, APIKey: "k", Agent: "DemoAgent", SMSSender: "DEMOSMS"})
	srv := httptest.NewServer(svc)
	defer srv.Close()
	svcURL = srv.URL
	resp, err := http.Post(srv.URL+"/campaigns", "application/json", strings.NewReader(`{"to":"447700900001","text":"hi","fallbackText":"hi"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	svc.Wait()
	resp, err = http.Get(srv.URL + "/messages?to=447700900001")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m message
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.MessageID != "m-1" || m.Status != "DELIVERED" || m.Channel != "SMS" || m.Reports != 1 {
		t.Errorf("after a report that came before the send's answer the service reads %+v, want m-1 DELIVERED over SMS, 1 report", m)
	}
}
