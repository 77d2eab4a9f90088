package numberplan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReserved(t *testing.T) {
	t.Parallel()
	cases := map[string]*Behavior{
		"919999120001":  {RCS: 1, SMS: 2},
		"+919999540099": {RCS: 5, SMS: 4},
		"91999912000":   nil, // too short
		"9199991200011": nil, // too long
		"919998120001":  nil, // outside the range
		"91999912a001":  nil,
	}
	for n, want := range cases {
		b, ok := Reserved(n)
		if (want == nil) == ok || (want != nil && b != *want) {
			t.Errorf("Reserved(%s) = %v %v, want %v", n, b, ok, want)
		}
	}
	if got := (Behavior{RCS: 8, SMS: 7}).Effective(); got != (Behavior{}) {
		t.Errorf("reserved digits behave as 0: %v", got)
	}
}

func TestResolvePrecedence(t *testing.T) {
	t.Parallel()
	p, err := New([]Profile{
		{Prefix: "91", RCS: 3},                          // all accounts, short prefix
		{Prefix: "9198", RCS: 1},                        // all accounts, longer prefix
		{Number: "919812345678", RCS: 4},                // all accounts, exact
		{Account: "a", Prefix: "9198123", RCS: 6},       // account a, prefix
		{Account: "a", Number: "+919999000001", SMS: 5}, // account a beats the reserved range
	})
	if err != nil {
		t.Fatal(err)
	}
	type q struct{ account, number string }
	cases := map[q]Decision{
		{"a", "919812345678"}: {Behavior: Behavior{RCS: 6}, Source: SourceProfile}, // the account's own prefix wins over a global exact
		{"b", "919812345678"}: {Behavior: Behavior{RCS: 4}, Source: SourceProfile},
		{"b", "919811111111"}: {Behavior: Behavior{RCS: 1}, Source: SourceProfile},
		{"b", "917000000000"}: {Behavior: Behavior{RCS: 3}, Source: SourceProfile},
		{"a", "919999000001"}: {Behavior: Behavior{SMS: 5}, Source: SourceProfile},
		{"b", "919999200001"}: {Behavior: Behavior{RCS: 3}, Source: SourceProfile}, // a global prefix beats the range too
		{"b", "447700900000"}: {Source: SourceDefault},
	}
	for in, want := range cases {
		got := p.Resolve(in.account, in.number)
		got.Profile = nil
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Resolve(%q, %s) (-want +got):\n%s", in.account, in.number, diff)
		}
	}
	if n := p.Clear("a"); n != 2 || len(p.Profiles("a")) != 3 {
		t.Fatalf("Clear(a) removed %d, left %v", n, p.Profiles("a"))
	}
	if got := p.Resolve("", "919999200001"); got.Source != SourceProfile {
		t.Fatalf("global profiles still apply: %+v", got)
	}
	for _, bad := range []Profile{{RCS: 1}, {Number: "1", Prefix: "2"}, {Number: "12a"}, {Number: "1", RCS: 10}} {
		if bad.Validate() == nil {
			t.Errorf("%+v validated", bad)
		}
	}
}
