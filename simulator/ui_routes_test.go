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
				sim.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
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
