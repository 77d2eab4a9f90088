package steps

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// TestRealAccountMode runs the checklist the way it runs against a real
// JioCX account (one known key, no control plane, no number plan, real
// time): what can run passes, everything else is skipped with its reason,
// and the JUnit report says so.
func TestRealAccountMode(t *testing.T) {
	t.Parallel()
	key := NewAPIKey()
	sim, err := simulator.New(simulator.WithClock(clock.Real{}), simulator.WithoutControl(),
		simulator.WithAccounts(simulator.Account{Name: "real", APIKeys: []string{key}}),
		simulator.WithDelays(simulator.Delays{RCS: 10 * time.Millisecond, SMS: 10 * time.Millisecond, Slow: 20 * time.Millisecond, Seen: 10 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer func() { srv.Close(); _ = sim.Close(context.Background()) }()
	target := &Remote{URL: srv.URL, APIKey: key, RealAccount: true}
	if err := target.Probe(context.Background()); err != nil {
		t.Fatal(err)
	}
	junit := filepath.Join(t.TempDir(), "report.xml")
	var out bytes.Buffer
	res, err := Run(Options{Target: target, Format: "progress,junit:" + junit, Output: &out, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 0 {
		t.Fatalf("status %d:\n%s", res.Status, out.String())
	}
	byID := map[string]Tally{}
	for _, r := range res.Requirements {
		byID[r.ID] = r
	}
	for _, id := range []string{"GL-AUTH-1", "GL-AUTH-2", "GL-ERR-1", "GL-SEND-4", "GL-MA-1"} {
		if byID[id].Passed == 0 || byID[id].Failed != 0 {
			t.Errorf("%s should run and pass against a real account: %+v", id, byID[id])
		}
	}
	for _, id := range []string{"GL-SEND-1", "GL-FB-1", "GL-MO-1", "GL-CLK-1", "GL-MA-4"} {
		if r := byID[id]; r.Passed != 0 || r.Skipped == 0 {
			t.Errorf("%s should be skipped against a real account: %+v", id, r)
		}
	}
	reasons := map[string]bool{}
	for _, s := range res.Skipped {
		reasons[strings.SplitN(s.Reason, ",", 2)[0]] = true
	}
	for _, want := range []string{"relies on the simulator's test number plan", "needs the control plane"} {
		if !reasons[want] {
			t.Errorf("no skip reason %q among %v", want, reasons)
		}
	}
	var table bytes.Buffer
	res.WriteTable(&table)
	if !strings.Contains(table.String(), "scenarios were skipped:") {
		t.Errorf("the table does not list the skips:\n%s", table.String())
	}
	if err := FixJUnit(junit, res.Skipped); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(junit)
	if bytes.Contains(b, []byte(`type="skipped"`)) || !bytes.Contains(b, []byte(`<skipped message="relies on the simulator`)) || !bytes.Contains(b, []byte(`errors="0"`)) {
		t.Fatalf("JUnit report not rewritten:\n%.2000s", b)
	}
}
