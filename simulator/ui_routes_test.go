package simulator_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jiocxsim/jiocxsim/simulator"
)

func TestUIMounting(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts []simulator.Option
		ui   bool
	}{
		{"default on", nil, true},
		{"WithUI(false)", []simulator.Option{simulator.WithUI(false)}, false},
		{"WithoutControl", []simulator.Option{simulator.WithoutControl()}, false},
		{"WithUI(true) but WithoutControl", []simulator.Option{simulator.WithUI(true), simulator.WithoutControl()}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sim, err := simulator.New(tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = sim.Close(t.Context()) })
			for _, p := range []string{"/", "/ui/", "/ui/app.js"} {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, p, nil)
				req.Host = "127.0.0.1:8080" // the browser guard admits the listener's own address
				sim.ServeHTTP(rec, req)
				served := rec.Code == http.StatusOK && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json")
				if served != tc.ui {
					t.Errorf("GET %s = %d %s, UI served %v, want %v", p, rec.Code, rec.Header().Get("Content-Type"), served, tc.ui)
				}
			}
			// Only "/" itself is the UI: other unknown paths keep the API's 404.
			rec := httptest.NewRecorder()
			sim.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/sms/9/nothing", nil))
			if rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("unknown path = %d %s, want the API's JSON 404", rec.Code, rec.Header().Get("Content-Type"))
			}
		})
	}
}

// TestUIGuarded: the UI's pages pass the browser guard as /_sim does: a
// foreign Host (a DNS name rebound to the simulator) or a cross-site Origin
// gets 403 and none of the page, while the simulator's own address,
// localhost and a public host are served.
func TestUIGuarded(t *testing.T) {
	t.Parallel()
	sim, err := simulator.New(simulator.WithPublicHosts("sim.team"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close(t.Context()) })
	for _, tc := range []struct {
		path, host, origin string
		want               int
	}{
		{"/", "127.0.0.1:8080", "", http.StatusOK},
		{"/", "localhost:8080", "", http.StatusOK},
		{"/", "sim.team:8080", "", http.StatusOK},
		{"/", "evil.example:8080", "", http.StatusForbidden},
		{"/", "127.0.0.1:8080", "http://evil.example", http.StatusForbidden},
		{"/ui/", "evil.example", "", http.StatusForbidden},
		{"/ui/app.js", "evil.example", "", http.StatusForbidden},
		{"/ui", "evil.example", "", http.StatusForbidden},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		req.Host = tc.host
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("GET %s Host %s Origin %q: %d, want %d", tc.path, tc.host, tc.origin, rec.Code, tc.want)
		}
		if tc.want == http.StatusForbidden && strings.Contains(rec.Body.String(), "<html") {
			t.Errorf("GET %s Host %s: the refusal carries the page", tc.path, tc.host)
		}
	}
}
