package simulator_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// A simulator on a fake clock: send an RCS message with SMS fallback to a
// number without RCS, move time on, and read what became of it.
func ExampleNew() {
	fake := clock.NewFake(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	sim, err := simulator.New(simulator.WithClock(fake), simulator.WithCounterIDs())
	if err != nil {
		panic(err)
	}
	defer sim.Close(context.Background())
	srv := httptest.NewServer(sim)
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/ott/rcs/1/message", strings.NewReader(`{
		"from": "DemoAgent", "to": "919999100001",
		"content": {"type": "TEXT", "text": "Your order shipped"},
		"smsFailover": {"from": "DEMOSMS", "text": "Your order shipped (SMS)"}}`))
	req.Header.Set("Authorization", "App 003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()

	sim.Advance(time.Second)
	m, _ := sim.Message("", "rcs-1")
	fmt.Println(m.FinalChannel, m.Status.Name, m.Error.Name)
	for _, e := range m.History {
		fmt.Println(e.At.Format("15:04:05.000"), e.Channel, e.Note)
	}
	// Output:
	// SMS DELIVERED_TO_HANDSET NO_ERROR
	// 10:00:00.000 RCS accepted
	// 10:00:00.000 RCS RCS sent
	// 10:00:00.300 RCS RCS failed: EC_UNKNOWN_USER; falling back to SMS
	// 10:00:00.300 SMS SMS fallback sent
	// 10:00:00.600 SMS delivered to handset
}
