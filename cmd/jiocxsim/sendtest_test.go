package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

const testKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

// startSim runs a simulator on the real clock with short delays, as a user
// would run `jiocxsim serve` (send-test needs time to pass by itself).
func startSim(t *testing.T) string {
	t.Helper()
	sim, err := simulator.New(simulator.WithClock(clock.Real{}), simulator.WithDelays(simulator.Delays{RCS: 20 * time.Millisecond, SMS: 20 * time.Millisecond, Slow: 50 * time.Millisecond, Seen: 20 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); _ = sim.Close(context.Background()) })
	return srv.URL
}

var offsets = regexp.MustCompile(`\+ *\d+\.\d{3}s`)

func TestSendTest(t *testing.T) {
	t.Parallel()
	base := startSim(t)
	cases := []struct {
		name      string
		args      []string
		code      int
		timeline  []string // lines in order, offsets and ids removed
		mentioned []string
	}{
		{"delivered over RCS", []string{"--phone", "9999000001"}, 0,
			[]string{"accepted PENDING_ENROUTE (7)", "RCS DELIVERED_TO_HANDSET (5), sender DemoAgent", "result: delivered over RCS"}, nil},
		{"fallback, v2 shows the RCS step", []string{"--phone", "9999100001", "--api", "v2", "--sms-message", "Hello by SMS"}, 0,
			[]string{"accepted PENDING_ACCEPTED (26)", "RCS not delivered: EC_UNKNOWN_USER (7002); falling back to SMS", "SMS DELIVERED_TO_HANDSET (5), sender DEMOSMS", "result: delivered over SMS"}, nil},
		{"fallback, v1 by pulling", []string{"--phone", "9999300001", "--sms-message", "Hello by SMS", "--pull"}, 0,
			[]string{"accepted PENDING_ENROUTE (7)", "RCS not delivered; the SMS fallback was taken", "SMS DELIVERED_TO_HANDSET (5), sender DEMOSMS", "result: delivered over SMS"},
			[]string{"reports pulled from GET /rcs/2/reports"}},
		{"DLT mismatch", []string{"--phone", "9999100002", "--sms-message", "Your OTP: 1234", "--india", "--pe-id", "1101234567890123456", "--template-id", "1107161234567890123"}, 1,
			[]string{"accepted PENDING_ENROUTE (7)", "RCS not delivered; the SMS fallback was taken", "SMS UNDELIVERABLE_REJECTED_OPERATOR (4), EC_TEMPLATE_NOT_MATCHED (4129), sender DEMOSMS", "result: not delivered (UNDELIVERABLE_REJECTED_OPERATOR)"},
			[]string{"India DLT PE 1101234567890123456 template 1107161234567890123"}},
		{"DLT match", []string{"--phone", "9999100003", "--sms-message", "Your OTP is 1234. Do not share it with anyone.", "--india", "--pe-id", "1101234567890123456", "--template-id", "1107161234567890123"}, 0,
			[]string{"accepted PENDING_ENROUTE (7)", "RCS not delivered; the SMS fallback was taken", "SMS DELIVERED_TO_HANDSET (5), sender DEMOSMS", "result: delivered over SMS"}, nil},
		{"no fallback", []string{"--phone", "9999100004"}, 1,
			[]string{"accepted PENDING_ENROUTE (7)", "RCS UNDELIVERABLE_REJECTED_OPERATOR (4), EC_UNKNOWN_USER (7002), sender DemoAgent", "result: not delivered (UNDELIVERABLE_REJECTED_OPERATOR)"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var out, errb bytes.Buffer
			args := append([]string{"send-test", "--url", base, "--api-key", testKey, "--timeout", "10s"}, c.args...)
			code := run(context.Background(), args, &out, &errb)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, c.code, out.String(), errb.String())
			}
			var got []string
			for _, l := range strings.Split(out.String(), "\n") {
				if strings.HasPrefix(l, "  +") || strings.HasPrefix(l, "result:") {
					l = strings.Join(strings.Fields(offsets.ReplaceAllString(l, "")), " ")
					l = regexp.MustCompile(`, messageId \S+`).ReplaceAllString(l, "")
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.timeline, "\n") {
				t.Fatalf("timeline:\n%s\nwant:\n%s\nfull output:\n%s", strings.Join(got, "\n"), strings.Join(c.timeline, "\n"), out.String())
			}
			for _, m := range c.mentioned {
				if !strings.Contains(out.String(), m) {
					t.Errorf("output does not mention %q:\n%s", m, out.String())
				}
			}
		})
	}
}

func TestSendTestRefusedRequest(t *testing.T) {
	t.Parallel()
	base := startSim(t)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"send-test", "--url", base, "--api-key", "not-a-key", "--phone", "9999000001"}, &out, &errb)
	if code != 1 || !strings.Contains(out.String(), "refused") || !strings.Contains(out.String(), "UNAUTHORIZED") {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
}
