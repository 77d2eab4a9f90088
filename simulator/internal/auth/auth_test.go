package auth

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

const goodKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9"

func basic(u, p string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p)) }

func TestOpenMode(t *testing.T) {
	t.Parallel()
	a := New(clock.NewFake(time.Unix(0, 0)), nil, nil)
	cases := []struct {
		header, account string
		err             error
	}{
		{"App " + goodKey, ID(goodKey), nil},
		{"app " + goodKey, ID(goodKey), nil},
		{"App not-a-key", "", ErrInvalid},
		{"App", "", ErrInvalid},
		{"", "", ErrMissing},
		{"Token " + goodKey, "", ErrInvalid},
		{basic("alice", "pw"), ID("user:alice"), nil},
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
	a := New(fake, nil, []Account{{
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

func TestAccountIDsAreNotCredentials(t *testing.T) {
	t.Parallel()
	id := ID(goodKey)
	if id == goodKey || strings.Contains(goodKey, strings.TrimPrefix(id, "acct-")) || len(id) != len("acct-")+12 {
		t.Fatalf("ID(key) = %q: must be a short digest, not the key", id)
	}
	if ID(goodKey) != id {
		t.Fatal("ID is not stable")
	}
	if AccountID(Account{Name: "acme", APIKeys: []string{"k1"}}) != "acme" {
		t.Fatal("a configured account's plain name should be its id")
	}
	if got := AccountID(Account{Name: "k1", APIKeys: []string{"k1"}}); got != ID("k1") {
		t.Fatalf("an account named after its key shows %q", got)
	}
	if got := AccountID(Account{Name: "pw", Users: []User{{"bob", "pw"}}}); got != ID("pw") {
		t.Fatalf("an account named after a password shows %q", got)
	}
}

func TestTokensComeFromTheInjectedSourceNotTheSeed(t *testing.T) {
	t.Parallel()
	// Two authenticators on crypto/rand never hand out the same first token
	// (the seeded id stream used to make it identical on every start).
	a, b := New(clock.NewFake(time.Unix(0, 0)), nil, nil), New(clock.NewFake(time.Unix(0, 0)), nil, nil)
	ta, err := a.NewSession("u", "p")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := b.NewSession("u", "p")
	if err != nil {
		t.Fatal(err)
	}
	if ta == tb || len(ta) != 64 {
		t.Fatalf("tokens %q and %q: want two different 64-hex-digit tokens", ta, tb)
	}
	// An injected reader makes them deterministic for tests.
	fixed := New(clock.NewFake(time.Unix(0, 0)), bytes.NewReader(bytes.Repeat([]byte{0xab}, 32)), nil)
	tok, _, err := fixed.NewToken("u", "p")
	if err != nil || tok != strings.Repeat("ab", 32) {
		t.Fatalf("injected source: %q %v", tok, err)
	}
	// An exhausted source is an error, never a weak token.
	if _, _, err := fixed.NewToken("u", "p"); err == nil {
		t.Fatal("a token was issued from an empty random source")
	}
}
