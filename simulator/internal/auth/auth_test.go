package auth

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/ids"
)

const goodKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

func basic(u, p string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p)) }

func TestOpenMode(t *testing.T) {
	t.Parallel()
	a := New(clock.NewFake(time.Unix(0, 0)), ids.New(1, ids.Random), nil)
	cases := []struct {
		header, account string
		err             error
	}{
		{"App " + goodKey, goodKey, nil},
		{"app " + goodKey, goodKey, nil},
		{"App not-a-key", "", ErrInvalid},
		{"App", "", ErrInvalid},
		{"", "", ErrMissing},
		{"Token " + goodKey, "", ErrInvalid},
		{basic("alice", "pw"), "user:alice", nil},
		{basic("alice", ""), "", ErrInvalid},
		{"Basic ***", "", ErrInvalid},
		{"IBSSO nope", "", ErrInvalid},
		{"Bearer nope", "", ErrInvalid},
	}
	for _, c := range cases {
		p, err := a.Authenticate(c.header)
		if !errors.Is(err, c.err) || p.Account != c.account {
			t.Errorf("%q: got (%q, %v), want (%q, %v)", c.header, p.Account, err, c.account, c.err)
		}
	}
}

func TestStrictModeAndTokens(t *testing.T) {
	t.Parallel()
	fake := clock.NewFake(time.Unix(0, 0))
	a := New(fake, ids.New(1, ids.Random), []Account{{
		Name: "acme", APIKeys: []string{"k1"}, Users: []User{{"bob", "secret"}},
		Scopes: []string{"sms:message:send"},
	}})
	if p, err := a.Authenticate("App k1"); err != nil || p.Account != "acme" {
		t.Fatalf("configured key: %v %v", p, err)
	}
	if _, err := a.Authenticate("App " + goodKey); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unlisted well-formed key accepted in strict mode: %v", err)
	}
	if _, err := a.Authenticate(basic("bob", "wrong")); !errors.Is(err, ErrInvalid) {
		t.Fatalf("wrong password: %v", err)
	}
	sess, err := a.NewSession("bob", "secret")
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Authenticate("IBSSO " + sess)
	if err != nil || p.Account != "acme" {
		t.Fatalf("session: %v %v", p, err)
	}
	if !p.Allowed([]string{"message:send", "sms:message:send"}) || p.Allowed([]string{"rcs:message:send"}) {
		t.Fatalf("scopes %v", p.Scopes)
	}
	if _, err := a.Authenticate("Bearer " + sess); !errors.Is(err, ErrInvalid) {
		t.Fatal("IBSSO token accepted as Bearer")
	}
	tok, life, err := a.NewToken("bob", "secret")
	if err != nil || life != 7200 {
		t.Fatalf("token: %v %d", err, life)
	}
	if _, _, err := a.NewToken("bob", "bad"); !errors.Is(err, ErrInvalid) {
		t.Fatal("bad client secret accepted")
	}
	fake.Advance(SessionLifetime)
	if _, err := a.Authenticate("IBSSO " + sess); !errors.Is(err, ErrInvalid) {
		t.Fatal("session still valid after its lifetime")
	}
	if _, err := a.Authenticate("Bearer " + tok); err != nil {
		t.Fatalf("bearer expired early: %v", err)
	}
	fake.Advance(TokenLifetime)
	if _, err := a.Authenticate("Bearer " + tok); !errors.Is(err, ErrInvalid) {
		t.Fatal("bearer still valid after its lifetime")
	}
}
