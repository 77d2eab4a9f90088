package simulator_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator"
)

// sendOne posts one SMS and returns the answer's bulk and message ids.
func sendOne(t *testing.T, sim *simulator.Server) string {
	t.Helper()
	srv := httptest.NewServer(sim)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/sms/3/messages", strings.NewReader(
		`{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"447700900001"}],"content":{"text":"Hi"}}]}`))
	req.Header.Set("Authorization", "App "+sim.SampleAPIKey())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("send: %d %s", resp.StatusCode, b.String())
	}
	return b.String()
}

// TestIDsDifferAcrossStarts: two servers with default options (two starts of
// `jiocxsim serve`) never hand out the same ids; the same seed does.
func TestIDsDifferAcrossStarts(t *testing.T) {
	t.Parallel()
	a, err := simulator.New()
	if err != nil {
		t.Fatal(err)
	}
	b, err := simulator.New()
	if err != nil {
		t.Fatal(err)
	}
	if a.Seed() == b.Seed() {
		t.Fatalf("two default servers drew the same seed %d", a.Seed())
	}
	if x, y := sendOne(t, a), sendOne(t, b); x == y {
		t.Fatalf("two default servers answered the same ids: %s", x)
	}
	c, err := simulator.New(simulator.WithSeed(a.Seed()))
	if err != nil {
		t.Fatal(err)
	}
	d, err := simulator.New(simulator.WithSeed(a.Seed()))
	if err != nil {
		t.Fatal(err)
	}
	if x, y := sendOne(t, c), sendOne(t, d); x != y {
		t.Fatalf("the same seed gave different ids:\n%s\n%s", x, y)
	}
}
