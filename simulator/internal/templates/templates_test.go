package templates

import (
	"encoding/json"
	"testing"
)

func withProviders(states ...string) Template {
	t := Template{Providers: map[string]ProviderState{}}
	for i, s := range states {
		t.Providers[string(rune('A'+i))] = ProviderState{Status: s}
	}
	return t
}

// TestStatusAggregates follows RcsTemplateApiStatus's definitions.
func TestStatusAggregates(t *testing.T) {
	for want, states := range map[string][]string{
		Pending:            {Pending, Rejected},
		Approved:           {Approved, Approved},
		Rejected:           {Rejected, Suspended},
		Suspended:          {Suspended, Suspended},
		ApprovedInProgress: {Approved, Pending},
		ApprovedPartially:  {Approved, Rejected},
	} {
		if got := withProviders(states...).Status(); got != want {
			t.Errorf("%v: %s, want %s", states, got, want)
		}
	}
	if withProviders().Status() != Pending {
		t.Error("a template with no provider is not PENDING")
	}
}

// TestCheck: unknown, not approved, wrong parameters, ok; seeds are seen by
// every account and an account's own template wins over a seed.
func TestCheck(t *testing.T) {
	var r Registry
	r.Put(Template{Account: Any, Sender: Any, Name: "hi", Content: json.RawMessage(`{"type":"TEXT","text":"Hi {{name}} from {{ city }}"}`),
		Providers: map[string]ProviderState{"JIO": {Status: Approved}}})
	r.Put(Template{Account: "acme", Sender: "Agent", Name: "hi", Content: json.RawMessage(`{"type":"TEXT","text":"Hi"}`),
		Providers: map[string]ProviderState{"JIO": {Status: Pending}}})
	for _, c := range []struct {
		account, name string
		params        []Param
		want          Problem
	}{
		{"other", "hi", []Param{{"name", "A"}, {"city", "Pune"}}, OK},
		{"other", "hi", []Param{{"name", "A"}}, WrongParameters},
		{"other", "hi", []Param{{"name", "A"}, {"city", "P"}, {"x", "y"}}, WrongParameters},
		{"other", "nope", nil, Unknown},
		{"acme", "hi", nil, NotApproved},
	} {
		if got, why := r.Check(c.account, "Agent", c.name, c.params); got != c.want {
			t.Errorf("%s/%s %v: %v (%s), want %v", c.account, c.name, c.params, got, why, c.want)
		}
	}
	if r.Delete("other", "Agent", "hi") {
		t.Error("an account deleted a seed")
	}
	r.Reset("")
	if _, ok := r.Get("acme", "Agent", "hi"); !ok {
		t.Error("Reset removed the seed")
	}
}
