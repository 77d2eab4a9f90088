package dlt

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sample() Registry {
	return Registry{
		Entities: []Entity{{ID: "1101234567890123456", Name: "Acme"}, {ID: "1109999999999999999", Status: "inactive"}, {ID: "1108888888888888888", Status: Blacklisted}, {ID: "1107777777777777777"}},
		Headers: []Header{{ID: "ACMEIN", EntityID: "1101234567890123456"}, {ID: "ACMEOL", EntityID: "1101234567890123456", Status: Inactive},
			{ID: "ACMEBL", EntityID: "1101234567890123456", Status: Blacklisted}, {ID: "OTHERS", EntityID: "1107777777777777777"}, {ID: "ACMEPR", EntityID: "1101234567890123456"}},
		Templates: []Template{
			{ID: "1107161234567890123", EntityID: "1101234567890123456", Headers: []string{"ACMEIN", "OTHERS"}, Text: "Your OTP is {#var#}. Valid for {#var#} minutes."},
			{ID: "1107160000000000001", EntityID: "1101234567890123456", Headers: []string{"ACMEIN"}, Text: "Old", Status: Inactive},
			{ID: "1107160000000000002", EntityID: "1101234567890123456", Headers: []string{"ACMEIN"}, Text: "Bad", Status: Blacklisted},
			{ID: "1107160000000000003", EntityID: "1107777777777777777", Headers: []string{"ACMEIN"}, Text: "Other {#var#}"},
		},
		Telemarketers: []Telemarketer{{ID: "1702000000000001"}, {ID: "1702000000000002", Status: Inactive}, {ID: "1702000000000003", Status: Blacklisted}},
	}
}

func TestScrub(t *testing.T) {
	t.Parallel()
	good := Request{Destination: "919999000001", Header: "ACMEIN", Text: "Your OTP is 123456. Valid for 10 minutes.",
		EntityID: "1101234567890123456", TemplateID: "1107161234567890123", HasDLT: true}
	with := func(f func(*Request)) Request { r := good; f(&r); return r }
	cases := []struct {
		name string
		mode string
		req  Request
		err  int
		warn bool
	}{
		{"registered and matching", Strict, good, 0, false},
		{"telemarketer registered", Strict, with(func(r *Request) { r.TelemarketerID = "1702000000000001" }), 0, false},
		{"not Indian", Strict, with(func(r *Request) { r.Destination = "447700900000"; r.EntityID = "" }), 0, false},
		{"mode off", Off, with(func(r *Request) { r.EntityID = "" }), 0, false},
		{"no ids, strict", Strict, with(func(r *Request) { r.EntityID, r.TemplateID, r.HasDLT = "", "", false }), ErrInvalidEntityID, false},
		{"no ids, lenient", Lenient, with(func(r *Request) { r.EntityID, r.TemplateID, r.HasDLT = "", "", false }), 0, true},
		{"ids given are checked in lenient mode", Lenient, with(func(r *Request) { r.TemplateID = "999" }), ErrInvalidTemplateID, false},
		{"PE not numeric", Strict, with(func(r *Request) { r.EntityID = "ACME" }), ErrInvalidEntityID, false},
		{"PE unknown", Strict, with(func(r *Request) { r.EntityID = "1100000000000000000" }), ErrEntityNotFound, false},
		{"PE inactive", Strict, with(func(r *Request) { r.EntityID = "1109999999999999999" }), ErrEntityInactive, false},
		{"PE blacklisted", Strict, with(func(r *Request) { r.EntityID = "1108888888888888888" }), ErrEntityBlacklisted, false},
		{"header unknown", Strict, with(func(r *Request) { r.Header = "NOPE" }), ErrHeaderNotFound, false},
		{"header inactive", Strict, with(func(r *Request) { r.Header = "ACMEOL" }), ErrHeaderInactive, false},
		{"header blacklisted", Strict, with(func(r *Request) { r.Header = "ACMEBL" }), ErrHeaderBlacklisted, false},
		{"header of another entity", Strict, with(func(r *Request) { r.Header = "OTHERS" }), ErrPEIDNotMatchedWithHeader, false},
		{"template missing", Strict, with(func(r *Request) { r.TemplateID = "" }), ErrInvalidTemplateID, false},
		{"template unknown", Strict, with(func(r *Request) { r.TemplateID = "1107169999999999999" }), ErrInvalidTemplateID, false},
		{"template inactive", Strict, with(func(r *Request) { r.TemplateID = "1107160000000000001" }), ErrTemplateInactive, false},
		{"template blacklisted", Strict, with(func(r *Request) { r.TemplateID = "1107160000000000002" }), ErrTemplateBlacklisted, false},
		{"template of another entity", Strict, with(func(r *Request) { r.TemplateID = "1107160000000000003" }), ErrTemplateNotRegToEntity, false},
		{"header not on the template", Strict, with(func(r *Request) { r.Header = "ACMEPR" }), ErrHeaderNotRegForTemplate, false},
		{"text does not match", Strict, with(func(r *Request) { r.Text = "Your OTP: 123456" }), ErrTemplateNotMatched, false},
		{"variable over 30", Strict, with(func(r *Request) { r.Text = "Your OTP is " + strings.Repeat("9", 31) + ". Valid for 10 minutes." }), ErrTemplateVariableTooLong, false},
		{"telemarketer unknown", Strict, with(func(r *Request) { r.TelemarketerID = "1" }), ErrTelemarketerNotRegistered, false},
		{"telemarketer inactive", Strict, with(func(r *Request) { r.TelemarketerID = "1702000000000002" }), ErrTelemarketerInactive, false},
		{"telemarketer blacklisted", Strict, with(func(r *Request) { r.TelemarketerID = "1702000000000003" }), ErrTelemarketerBlacklisted, false},
	}
	for _, c := range cases {
		v := Scrub(sample(), c.mode, c.req)
		if v.Error != c.err || (v.Warning != "") != c.warn {
			t.Errorf("%s: got %+v, want error %d warning %v", c.name, v, c.err, c.warn)
		}
		if v.Error != 0 && v.Reason == "" {
			t.Errorf("%s: a refusal needs a reason", c.name)
		}
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tpl := "Dear {#var#}, your order {#var#} ships today."
	cases := map[string]MatchResult{
		"Dear Asha, your order 42 ships today.":                           Matches,
		"Dear , your order  ships today.":                                 Matches, // a variable may be empty
		"Dear Asha,\nyour order 42 ships today.":                          NoMatch, // literal whitespace is exact
		"dear Asha, your order 42 ships today.":                           NoMatch, // literal case is exact
		"Dear Asha, your order 42 ships today!":                           NoMatch,
		"Dear " + strings.Repeat("x", 30) + ", your order 1 ships today.": Matches,
		"Dear " + strings.Repeat("x", 31) + ", your order 1 ships today.": VariableTooLong,
		"Dear Asha (a.k.a. [x]), your order 1+1 ships today.":             Matches, // regexp characters in text are text
	}
	for text, want := range cases {
		if got := Match(tpl, text); got != want {
			t.Errorf("Match(%q) = %v, want %v", text, got, want)
		}
	}
	if Match("Rate: 5.00 (fixed) {#var#}", "Rate: 5.00 (fixed) ok") != Matches {
		t.Error("regexp characters in the template must be literal")
	}
}

func TestStoreModesAndReset(t *testing.T) {
	t.Parallel()
	s := NewStore(sample(), Lenient)
	if s.Mode("a") != Lenient {
		t.Fatal("default mode")
	}
	if err := s.SetMode("a", "loose"); err == nil {
		t.Fatal("invalid mode accepted")
	}
	if err := s.SetMode("a", Strict); err != nil || s.Mode("a") != Strict || s.Mode("b") != Lenient {
		t.Fatalf("per-account mode: %v", err)
	}
	if err := s.SetRegistry("a", Registry{Headers: []Header{{ID: "X", EntityID: "missing"}}}); err == nil {
		t.Fatal("a header of an unregistered entity was accepted")
	}
	if err := s.SetRegistry("a", Registry{}); err != nil || len(s.Registry("a").Entities) != 0 || len(s.Registry("b").Entities) != 4 {
		t.Fatalf("per-account registry: %v", err)
	}
	s.Reset("a")
	if diff := cmp.Diff(sample(), s.Registry("a")); diff != "" || s.Mode("a") != Lenient {
		t.Fatalf("reset (-want +got):\n%s", diff)
	}
}
