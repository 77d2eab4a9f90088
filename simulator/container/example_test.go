package container_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/container"
)

// The README's "In CI" example, as compiled code: start the image on the
// host's network with the fake clock, point the account's delivery reports
// at an endpoint of the test, send, move time, and read the outcome.
// (Not run by go test: it needs Docker; TestContainer does the same.)
func ExampleRun() {
	ctx := context.Background()
	sim, err := container.Run(ctx, "jiocxsim:latest", container.WithHostNetwork(), container.WithFakeClock())
	defer func() { _ = testcontainers.TerminateContainer(sim) }()
	if err != nil {
		log.Fatal(err)
	}
	base, _ := sim.BaseURL(ctx)
	ctl, _ := sim.Control(ctx)

	reports := make(chan string, 8)
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reports <- string(b)
	}))
	defer sink.Close()
	dlr, _ := sim.CallbackURL(sink.URL + "/dlr")
	if err := ctl.SetSettings(ctx, client.Settings{DeliveryReportURL: dlr}); err != nil {
		log.Fatal(err)
	}

	// What the application under test does, given base and sim.APIKey().
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/ott/rcs/1/message", strings.NewReader(
		`{"from":"DemoAgent","to":"919999100001","content":{"type":"TEXT","text":"Your order has shipped"},"smsFailover":{"from":"DEMOSMS","text":"Your order has shipped"}}`))
	req.Header.Set("Authorization", "App "+sim.APIKey())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()

	if err := ctl.Advance(ctx, time.Minute); err != nil { // the fake clock: no waiting
		log.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	select {
	case r := <-reports:
		fmt.Println(strings.Contains(r, `"channel":"SMS"`))
	case <-wait.Done():
		log.Fatal("no report")
	}
}
