package senders

import "testing"

func TestAllowed(t *testing.T) {
	var r Registry
	if !r.Allowed("acme", "Unknown", "919999000001") {
		t.Fatal("an unknown sender is not launched")
	}
	r.Put(Sender{Account: Any, Name: "Pilot", Status: Testing, TestNumbers: []TestNumber{{Number: "919999000001", Status: TestApproved}}})
	r.Put(Sender{Account: "acme", Name: "Beta", Status: Testing, TestNumbers: []TestNumber{{Number: "919999000002", Status: "WAITING_FOR_TESTER_ACCEPTANCE"}}})
	for _, c := range []struct {
		account, sender, number string
		want                    bool
	}{
		{"acme", "Pilot", "919999000001", true},
		{"acme", "Pilot", "919999000009", false},
		{"other", "Pilot", "919999000001", true},
		{"acme", "Beta", "919999000002", false}, // not yet accepted
		{"other", "Beta", "919999000002", true}, // another account's sender state
	} {
		if got := r.Allowed(c.account, c.sender, c.number); got != c.want {
			t.Errorf("%+v: %v", c, got)
		}
	}
	r.Update("acme", "Pilot", func(s *Sender) { s.Status = Launched })
	if !r.Allowed("acme", "Pilot", "919999000009") || r.Allowed("other", "Pilot", "919999000009") {
		t.Error("launching one account's copy of a seeded sender")
	}
}
