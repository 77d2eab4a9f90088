package simulator_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

func TestDataSurvivesARestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()

	first := simtest.NewServer(t, simulator.WithDataDir(dir))
	if r := hPost(t, first, "/sms/3/messages", oSMS); r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	if _, err := first.Sim.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	c := client.New(first.URL, client.WithAPIKey(simtest.APIKey))
	if err := c.SetProfile(ctx, client.Profile{Number: "919800000001", RCS: 2}); err != nil {
		t.Fatal(err)
	}
	// A tracked message: its short link must survive too.
	tracked := `{"messages":[{"destinations":[{"to":"919812345679"}],"content":{"text":"see https://shop.example.com/a"}}],` +
		`"options":{"tracking":{"shortenUrl":true,"trackClicks":true}}}`
	if r := hPost(t, first, "/sms/3/messages", tracked); r.status != http.StatusOK {
		t.Fatalf("tracked send: %d %s", r.status, r.body)
	}
	if _, err := first.Sim.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	links := first.Sim.Links(simtest.APIKey, "")
	if len(links) != 1 {
		t.Fatalf("links before restart: %+v", links)
	}
	if _, err := first.Sim.Click(links[0].Code, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Sim.Inbound(simtest.APIKey, simulator.InboundMessage{Channel: "SMS", From: "919812345678", To: "JIOCXS", Text: "hello back"}); err != nil {
		t.Fatal(err)
	}
	before := first.Sim.Messages(simulator.MessageFilter{})
	if len(before) != 2 || before[0].DoneAt.IsZero() {
		t.Fatalf("before restart: %+v", before)
	}
	pullsBefore := hDo(t, first, http.MethodGet, "/sms/3/reports?limit=1", "App "+simtest.APIKey, "", "")
	if pullsBefore.status != http.StatusOK || !strings.Contains(string(pullsBefore.body), before[0].MessageID) {
		t.Fatalf("first pull: %d %s", pullsBefore.status, pullsBefore.body)
	}
	if err := c.SetSettings(ctx, client.Settings{DeliveryReportURL: "http://127.0.0.1:9/dlr"}); err != nil {
		t.Fatal(err)
	}
	if err := first.Sim.Close(ctx); err != nil {
		t.Fatal(err)
	}

	second := simtest.NewServer(t, simulator.WithDataDir(dir))
	after := second.Sim.Messages(simulator.MessageFilter{})
	if len(after) != 2 || after[0].MessageID != before[0].MessageID || len(after[0].History) != len(before[0].History) ||
		*after[0].Status != *before[0].Status || time.Duration(after[0].Validity) != time.Duration(before[0].Validity) {
		t.Fatalf("after restart:\n%+v\nwant\n%+v", after, before)
	}
	if in := second.Sim.InboundRecords(simtest.APIKey); len(in) != 1 || in[0].Message.Text != "hello back" || in[0].Body == nil {
		t.Errorf("inbound records after restart: %+v", in)
	}
	if l := second.Sim.Links(simtest.APIKey, ""); len(l) != 1 || l[0].Clicks != 1 || l[0].Code != links[0].Code {
		t.Errorf("short link after restart: %+v", l)
	}
	// The first report was pulled before the restart; only the second waits.
	pulls := hDo(t, second, http.MethodGet, "/sms/3/reports", "App "+simtest.APIKey, "", "")
	if pulls.status != http.StatusOK || strings.Contains(string(pulls.body), before[0].MessageID) || !strings.Contains(string(pulls.body), before[1].MessageID) {
		t.Errorf("pull after restart: %d %s", pulls.status, pulls.body)
	}
	if !second.Clock.Now().Equal(simtest.Start().Add(2 * time.Hour)) {
		t.Errorf("fake clock at %v, want where it stopped", second.Clock.Now())
	}
	if got := second.Sim.Settings(simtest.APIKey).DeliveryReportURL; got != "http://127.0.0.1:9/dlr" {
		t.Errorf("settings lost: %q", got)
	}
	if d := second.Sim.Resolve(simtest.APIKey, "919800000001"); d.Profile == nil || d.Profile.RCS != 2 {
		t.Errorf("profile lost: %+v", d)
	}
	if r := hPost(t, second, "/sms/3/messages", oSMS); r.status != http.StatusOK {
		t.Fatalf("send after restart: %d", r.status)
	}
	all := second.Sim.Messages(simulator.MessageFilter{})
	if len(all) != 3 || all[2].MessageID == all[0].MessageID || all[2].MessageID == all[1].MessageID || all[2].Seq <= all[1].Seq {
		t.Errorf("ids or seqs repeated after restart: %+v", all)
	}

	// Reset clears the account in the database too.
	if err := client.New(second.URL, client.WithAPIKey(simtest.APIKey)).Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := second.Sim.Close(ctx); err != nil {
		t.Fatal(err)
	}
	third := simtest.NewServer(t, simulator.WithDataDir(dir))
	if n := len(third.Sim.Messages(simulator.MessageFilter{})); n != 0 {
		t.Errorf("%d messages survived a reset", n)
	}
	if l := third.Sim.Links(simtest.APIKey, ""); len(l) != 0 {
		t.Errorf("links survived a reset: %+v", l)
	}
	if got := third.Sim.Settings(simtest.APIKey).DeliveryReportURL; got != "" {
		t.Errorf("settings survived a reset: %q", got)
	}
}

func TestExportImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := simtest.NewServer(t)
	ca := client.New(a.URL, client.WithAPIKey(simtest.APIKey))
	if err := ca.SetProfile(ctx, client.Profile{Number: "919800000002", SMS: 3}); err != nil {
		t.Fatal(err)
	}
	if err := ca.SetCustomDomain(ctx, "go.example.com", true); err != nil {
		t.Fatal(err)
	}
	exp := cDo(t, a, http.MethodGet, "/_sim/export", map[string]string{"Authorization": "App " + simtest.APIKey})
	if exp.status != http.StatusOK {
		t.Fatalf("export: %d %s", exp.status, exp.body)
	}
	b := simtest.NewServer(t)
	imp := hDo(t, b, http.MethodPost, "/_sim/import", "App "+cKeyB, "application/json", string(exp.body))
	if imp.status != http.StatusOK {
		t.Fatalf("import: %d %s", imp.status, imp.body)
	}
	got := b.Sim.Export(cKeyB)
	if len(got.Profiles) != 1 || got.Profiles[0].SMS != 3 || !got.Domains["go.example.com"] {
		t.Errorf("imported set-up: %+v", got)
	}
	if bad := hDo(t, b, http.MethodPost, "/_sim/import", "App "+cKeyB, "application/json", `{"dltMode":"loud"}`); bad.status != http.StatusBadRequest {
		t.Errorf("bad import answered %d", bad.status)
	}
}

// TestDatabaseSizeStaysFlatUnderRetention sends many times the cap: freed
// pages are reused and the WAL is checkpointed, so the files stop growing.
// A message still in its lifecycle is never evicted, so the fake clock runs
// every burst of sends to its end (delivered, report queued) and the client
// pulls the burst's reports, as one without a webhook would: the store then
// holds at most the cap and the pull queue stays short, as under a steady
// load.
func TestDatabaseSizeStaysFlatUnderRetention(t *testing.T) {
	t.Parallel()
	const burst = 100 // sends between clock advances: well under the cap
	ts := simtest.NewServer(t, simulator.WithDataDir(t.TempDir()), simulator.WithMaxMessages(500), simulator.WithDataWriteBehind())
	var sizes []int64
	for round := 0; round < 4; round++ {
		for i := 0; i < 2000; i++ {
			if r := hPost(t, ts, "/sms/3/messages", oSMS); r.status != http.StatusOK {
				t.Fatalf("send: %d", r.status)
			}
			if (i+1)%burst == 0 {
				if _, err := ts.Sim.Advance(time.Minute); err != nil {
					t.Fatal(err)
				}
				if r := hDo(t, ts, http.MethodGet, "/sms/3/reports?limit=1000", "App "+simtest.APIKey, "", ""); r.status != http.StatusOK || strings.Count(string(r.body), `"messageId"`) != burst {
					t.Fatalf("pulling the burst's reports: %d, %d reports, want %d", r.status, strings.Count(string(r.body), `"messageId"`), burst)
				}
			}
		}
		ts.Sim.SyncData()
		sizes = append(sizes, ts.Sim.DataBytes())
	}
	t.Logf("database bytes after each 2000 sends (cap 500 messages): %v", sizes)
	msgs := ts.Sim.Messages(simulator.MessageFilter{})
	if n := len(msgs); n > 500 {
		t.Errorf("%d messages kept over a cap of 500", n)
	}
	for _, m := range msgs {
		if !m.Status.Final() {
			t.Fatalf("message %s is still %s after its burst's clock advance: the test no longer lets messages finish", m.MessageID, m.Status.Name)
		}
	}
	if last, second := sizes[len(sizes)-1], sizes[1]; last > second*5/4 {
		t.Errorf("database grew from %d to %d bytes under a steady cap", second, last)
	}
}
