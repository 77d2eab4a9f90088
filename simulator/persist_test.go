package simulator_test

import (
	"context"
	"net/http"
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
	if err := c.SetSettings(ctx, client.Settings{DeliveryReportURL: "http://127.0.0.1:9/dlr"}); err != nil {
		t.Fatal(err)
	}
	before := first.Sim.Messages(simulator.MessageFilter{})
	if len(before) != 1 || before[0].DoneAt.IsZero() {
		t.Fatalf("before restart: %+v", before)
	}
	if err := first.Sim.Close(ctx); err != nil {
		t.Fatal(err)
	}

	second := simtest.NewServer(t, simulator.WithDataDir(dir))
	after := second.Sim.Messages(simulator.MessageFilter{})
	if len(after) != 1 || after[0].MessageID != before[0].MessageID || len(after[0].History) != len(before[0].History) ||
		after[0].Status != before[0].Status || time.Duration(after[0].Validity) != time.Duration(before[0].Validity) {
		t.Fatalf("after restart:\n%+v\nwant\n%+v", after, before)
	}
	if !second.Clock.Now().Equal(simtest.Start().Add(time.Hour)) {
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
	if len(all) != 2 || all[1].MessageID == all[0].MessageID || all[1].Seq <= all[0].Seq {
		t.Errorf("ids or seqs repeated after restart: %s/%d then %s/%d", all[0].MessageID, all[0].Seq, all[1].MessageID, all[1].Seq)
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
