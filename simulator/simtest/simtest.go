// Package simtest starts a simulator for a test, in the style of httptest:
//
//	ts := simtest.NewServer(t, simulator.WithCounterIDs())
//	resp, _ := ts.Client.Post(ts.URL+"/sms/3/messages", ...)
//
// The server runs on a loopback port, uses a fake clock unless an option says
// otherwise, and is closed when the test ends.
package simtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// Start is when every simtest fake clock begins: a fixed instant, so that
// timestamps in golden files never change.
func Start() time.Time { return time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC) }

// APIKey is a well-formed key the simulator accepts in open mode.
const APIKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

// Server is a running simulator.
type Server struct {
	// URL is the base URL, http://127.0.0.1:port.
	URL string
	// Client is an HTTP client for the server.
	Client *http.Client
	// Sim is the simulator, for its Go control methods.
	Sim *simulator.Server
	// Clock is the fake clock the simulator runs on (nil when WithClock
	// replaced it).
	Clock *clock.Fake
}

// NewServer starts a simulator on a fake clock set to Start() with seed 1,
// so a test sees the same ids and keys on every run; later options win, so
// WithClock(clock.Real{}) gives real time and WithSeed another seed.
func NewServer(tb testing.TB, opts ...simulator.Option) *Server {
	tb.Helper()
	fake := clock.NewFake(Start())
	sim, err := simulator.New(append([]simulator.Option{simulator.WithClock(fake), simulator.WithSeed(1)}, opts...)...)
	if err != nil {
		tb.Fatalf("simtest: %v", err)
	}
	hs := httptest.NewServer(sim)
	ts := &Server{URL: hs.URL, Client: hs.Client(), Sim: sim}
	if sim.Clock() == clock.Clock(fake) {
		ts.Clock = fake
	}
	tb.Cleanup(func() {
		hs.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := sim.Close(ctx); err != nil {
			tb.Errorf("simtest: close: %v", err)
		}
	})
	return ts
}
