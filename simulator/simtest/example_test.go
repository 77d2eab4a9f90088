package simtest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// In a test: a simulator on a fake clock, closed when the test ends.
func ExampleNewServer() {
	t := &testing.T{} // in a real test, the *testing.T you are given
	ts := simtest.NewServer(t, simulator.WithCounterIDs())

	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/sms/3/messages", strings.NewReader(
		`{"messages":[{"sender":"DEMOSMS","destinations":[{"to":"919999010001"}],"content":{"text":"Hi"}}]}`))
	req.Header.Set("Authorization", "App "+simtest.APIKey)
	resp, err := ts.Client.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()

	ts.Clock.Advance(time.Second) // S=1: the handset is absent
	m, _ := ts.Sim.Message("", "sms-2")
	fmt.Println(m.Status.Name, m.Error.Name)
	// Output: UNDELIVERABLE_NOT_DELIVERED EC_ABSENT_SUBSCRIBER
}
