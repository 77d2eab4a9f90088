package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

func TestFormatEvent(t *testing.T) {
	t.Parallel()
	at := wire.NewTime(time.Date(2026, 1, 2, 10, 0, 5, 0, time.UTC))
	status := wire.StreamEvent{Seq: 3, Type: wire.EventMessageStatus, At: at, Account: "acct", MessageID: "m-1", To: "919812345678",
		Data: json.RawMessage(`{"channel":"SMS","status":{"groupName":"DELIVERED","name":"DELIVERED_TO_HANDSET"},"note":"delivered"}`)}
	want := "2026-01-02T10:00:05.000+0000 message.status   acct       m-1 919812345678 SMS DELIVERED/DELIVERED_TO_HANDSET (delivered)"
	if got := formatEvent(status, false); got != want {
		t.Errorf("plain:\n got %q\nwant %q", got, want)
	}
	if got := formatEvent(status, true); !strings.HasPrefix(got, cGreen) || !strings.HasSuffix(got, cReset) {
		t.Errorf("a delivery is not green: %q", got)
	}
	cb := wire.StreamEvent{Type: wire.EventCallbackAttempt, At: at, Account: "acct",
		Data: json.RawMessage(`{"url":"http://127.0.0.1:9/dlr","kind":"delivery-sms","attempt":20,"statusCode":500,"outcome":"exhausted"}`)}
	if got := formatEvent(cb, true); !strings.HasPrefix(got, cRed) || !strings.Contains(got, "delivery-sms #20 http://127.0.0.1:9/dlr HTTP 500 exhausted") {
		t.Errorf("exhausted callback: %q", got)
	}
	if got := formatEvent(cb, false); strings.Contains(got, "\x1b") {
		t.Errorf("colour without a terminal: %q", got)
	}
}

func TestWatchRejectsBadColour(t *testing.T) {
	t.Parallel()
	var out, errb strings.Builder
	if code := runWatch([]string{"--color", "pink"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--color") {
		t.Errorf("code %d, stderr %q", code, errb.String())
	}
}
