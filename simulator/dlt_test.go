package simulator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/simtest"
)

// TestDLTScrubbing sends SMS v3 messages to an Indian number with the sample
// registry's ids and checks each outcome in the store (the report carries the
// same status and error).
func TestDLTScrubbing(t *testing.T) {
	t.Parallel()
	const pe, otp, order = "1101234567890123456", "1107161234567890123", "1107161234567890124"
	type send struct {
		name, sender, text, to string
		dlt                    map[string]any
	}
	cases := []struct {
		send
		status, err string
		warning     bool
	}{
		{send{"matches its template", "DEMOSMS", "Your OTP is 4821. Do not share it with anyone.", "919999000001", map[string]any{"principalEntityId": pe, "contentTemplateId": otp}}, "DELIVERED_TO_HANDSET", "NO_ERROR", false},
		{send{"telemarketer registered", "DEMOSMS", "Your OTP is 4821. Do not share it with anyone.", "919999000002", map[string]any{"principalEntityId": pe, "contentTemplateId": otp, "telemarketerId": "1702000000000001"}}, "DELIVERED_TO_HANDSET", "NO_ERROR", false},
		{send{"no DLT ids, lenient", "DEMOSMS", "anything", "919999000003", nil}, "DELIVERED_TO_HANDSET", "NO_ERROR", true},
		{send{"not an Indian number", "DEMOSMS", "anything", "447700900123", nil}, "DELIVERED_TO_HANDSET", "NO_ERROR", false},
		{send{"unknown PE", "DEMOSMS", "x", "919999000004", map[string]any{"principalEntityId": "1100000000000000000", "contentTemplateId": otp}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_ENTITY_NOT_FOUND", false},
		{send{"PE not numeric", "DEMOSMS", "x", "919999000005", map[string]any{"principalEntityId": "DEMO"}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_ENTITY_ID", false},
		{send{"inactive PE", "DORMNT", "Dormant 1", "919999000006", map[string]any{"principalEntityId": "1105550000000000001", "contentTemplateId": "1107169999999990003"}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_ENTITY_INACTIVE", false},
		{send{"unknown template", "DEMOSMS", "x", "919999000007", map[string]any{"principalEntityId": pe, "contentTemplateId": "1107160000000000000"}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_TEMPLATE_ID", false},
		{send{"text does not match", "DEMOSMS", "Your OTP: 4821", "919999000008", map[string]any{"principalEntityId": pe, "contentTemplateId": otp}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_NOT_MATCHED", false},
		{send{"header not on the template", "DEMOTX", "Your OTP is 4821. Do not share it with anyone.", "919999000009", map[string]any{"principalEntityId": pe, "contentTemplateId": otp}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_HEADER_NOT_REGISTERED_FOR_TEMPLATE", false},
		{send{"template of another entity", "DEMOSMS", "Dormant 1", "919999000010", map[string]any{"principalEntityId": pe, "contentTemplateId": "1107169999999990003"}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_NOT_REGISTERED_TO_ENTITY", false},
		{send{"inactive template", "DEMOSMS", "Old template 1", "919999000011", map[string]any{"principalEntityId": pe, "contentTemplateId": "1107169999999990001"}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_INACTIVE", false},
		{send{"blacklisted header", "BADHDR", "x", "919999000012", map[string]any{"principalEntityId": pe, "contentTemplateId": otp}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_HEADER_BLACKLISTED", false},
		{send{"variable over 30 characters", "DEMOTX", "Your order " + strings.Repeat("9", 31) + " has shipped and will arrive by Friday.", "919999000013", map[string]any{"principalEntityId": pe, "contentTemplateId": order}}, "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_VARIABLE_EXCEEDED_MAX_LENGTH", false},
	}
	ts := simtest.NewServer(t)
	for i, c := range cases {
		msg := map[string]any{"sender": c.sender, "destinations": []any{map[string]any{"to": c.to, "messageId": fmt.Sprintf("d%d", i)}}, "content": map[string]any{"text": c.text}}
		if c.dlt != nil {
			msg["options"] = map[string]any{"regional": map[string]any{"indiaDlt": c.dlt}}
		}
		if status, body := lcPost(t, ts, "/sms/3/messages", map[string]any{"messages": []any{msg}}); status != 200 {
			t.Fatalf("%s: %d %s", c.name, status, body)
		}
	}
	ts.Sim.Advance(time.Second)
	for i, c := range cases {
		m, _ := ts.Sim.Message("", fmt.Sprintf("d%d", i))
		if diff := cmp.Diff([]string{c.status, c.err}, []string{m.Status.Name, m.Error.Name}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
		hasWarning := false
		for _, w := range m.Warnings {
			hasWarning = hasWarning || strings.Contains(w, "would be rejected by DLT scrubbing")
		}
		if hasWarning != c.warning {
			t.Errorf("%s: warnings %q", c.name, m.Warnings)
		}
		if c.err != "NO_ERROR" && m.Error.GroupName != "OPERATOR_ERRORS" {
			t.Errorf("%s: DLT errors are operator errors, got %s", c.name, m.Error.GroupName)
		}
	}
}

// TestDLTStrictModeAndFallbackLeg: in strict mode an Indian SMS without DLT
// ids fails; an RCS fallback is scrubbed with the fallback's sender and text.
func TestDLTStrictModeAndFallbackLeg(t *testing.T) {
	t.Parallel()
	ts := simtest.NewServer(t, simulator.WithDLT(simulator.SampleDLTRegistry(), simulator.DLTStrict))
	sends := []map[string]any{
		{"from": "DemoAgent", "to": "919999100001", "messageId": "no-ids", "content": map[string]any{"type": "TEXT", "text": "Hi"},
			"smsFailover": map[string]any{"from": "DEMOSMS", "text": "Hi"}},
		{"from": "DemoAgent", "to": "919999100002", "messageId": "mismatch", "content": map[string]any{"type": "TEXT", "text": "Hi"},
			"smsFailover": map[string]any{"from": "DEMOSMS", "text": "Hi there",
				"regional": map[string]any{"indiaDlt": map[string]any{"principalEntityId": "1101234567890123456", "contentTemplateId": "1107161234567890125"}}}},
		{"from": "DemoAgent", "to": "919999100003", "messageId": "good", "content": map[string]any{"type": "TEXT", "text": "Hi"},
			"smsFailover": map[string]any{"from": "DEMOSMS", "text": "Hi Asha, reply YES to get order updates on RCS.",
				"regional": map[string]any{"indiaDlt": map[string]any{"principalEntityId": "1101234567890123456", "contentTemplateId": "1107161234567890125"}}}},
	}
	for _, b := range sends {
		if status, body := lcPost(t, ts, "/ott/rcs/1/message", b); status != 200 {
			t.Fatalf("%d %s", status, body)
		}
	}
	ts.Sim.Advance(time.Second)
	got := map[string][]string{}
	for _, id := range []string{"no-ids", "mismatch", "good"} {
		m, _ := ts.Sim.Message("", id)
		got[id] = []string{m.FinalChannel, m.Status.Name, m.Error.Name}
	}
	want := map[string][]string{
		"no-ids":   {"SMS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_INVALID_ENTITY_ID"},
		"mismatch": {"SMS", "UNDELIVERABLE_REJECTED_OPERATOR", "EC_TEMPLATE_NOT_MATCHED"},
		"good":     {"SMS", "DELIVERED_TO_HANDSET", "NO_ERROR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// The mode is per account: switching this account off lets the next one through.
	if err := ts.Sim.SetDLTMode(simtest.APIKey, simulator.DLTOff); err != nil {
		t.Fatal(err)
	}
	sends[0]["messageId"] = "off"
	lcPost(t, ts, "/ott/rcs/1/message", sends[0])
	ts.Sim.Advance(time.Second)
	if m, _ := ts.Sim.Message("", "off"); m.Status.Name != "DELIVERED_TO_HANDSET" {
		t.Fatalf("mode off: %s %s", m.Status.Name, m.Error.Name)
	}
}
