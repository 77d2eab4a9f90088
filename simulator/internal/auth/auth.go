// Package auth turns an Authorization header into the account it belongs to,
// for the four schemes Infobip accepts: App (API key), Basic, IBSSO (session
// token from /auth/1/session) and Bearer (OAuth2 client-credentials token).
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// Lifetimes of issued tokens. Infobip documents 60 minutes for IBSSO sessions;
// the OAuth2 lifetime is not documented and 7200 s is the simulator's choice.
const (
	SessionLifetime = 60 * time.Minute
	TokenLifetime   = 7200 * time.Second
)

// Errors returned by Authenticate and the token issuers.
var (
	ErrMissing = errors.New("no credentials")
	ErrInvalid = errors.New("invalid credentials")
)

// Account names one tenant and the credentials that reach it.
type Account struct {
	Name    string   `json:"name"`
	APIKeys []string `json:"apiKeys,omitempty"`
	// Users log in with Basic, open IBSSO sessions, and (as Infobip documents
	// client_id and client_secret to be the login's username and password)
	// exchange OAuth2 client credentials for Bearer tokens.
	Users []User `json:"users,omitempty"`
	// Scopes limits what the account's credentials may call; empty means all.
	Scopes []string `json:"scopes,omitempty"`
}

// User is a Basic / IBSSO login.
type User struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Principal is an authenticated caller.
type Principal struct {
	// Account is the account's id: the name a configured account was given,
	// unless that name is one of its own credentials, and for open-mode
	// accounts a digest of the credential (see ID). It is shown on the wire,
	// so it is never a credential itself.
	Account string
	// Scopes the caller holds; nil means every scope.
	Scopes []string
}

// Allowed reports whether the principal holds one of the scopes (or any scope
// when the list is empty).
func (p Principal) Allowed(anyOf []string) bool {
	if p.Scopes == nil || len(anyOf) == 0 {
		return true
	}
	for _, want := range anyOf {
		for _, have := range p.Scopes {
			if want == have {
				return true
			}
		}
	}
	return false
}

// WellFormedKey reports whether key has the shape of an Infobip API key:
// 32 hex digits, a dash, and a UUID (keyshape.go).
func WellFormedKey(key string) bool { return wellFormedKey(key) }

// Authenticator resolves credentials. In open mode (no accounts configured)
// every well-formed API key and every Basic user is its own account, so a
// local run needs no set-up; with accounts it accepts only what they list.
type Authenticator struct {
	clock  clock.Clock
	random io.Reader // where tokens come from: crypto/rand unless a test injects one
	open   bool

	keys  map[string]Principal
	users map[string]userEntry
	names map[string]string // configured name -> id

	mu     sync.Mutex
	tokens map[string]token // IBSSO and Bearer tokens
	issued int
}

type userEntry struct {
	secret string
	p      Principal
}

type token struct {
	scheme  string
	p       Principal
	expires time.Time
}

// ID derives the non-secret id an open-mode account is shown by: "acct-"
// and the first 12 hex digits of a SHA-256 of what names it (the API key,
// or "user:" and the login). It is stable across restarts and reveals
// nothing usable about the key.
func ID(name string) string {
	sum := sha256.Sum256([]byte("jiocxsim account\x00" + name))
	return "acct-" + hex.EncodeToString(sum[:6])
}

// AccountID is the id a configured account is shown by: its name, unless the
// name is one of its own credentials (an API key or a password, as
// `serve --api-key K` names the account K), then ID(name).
func AccountID(acc Account) string {
	secret := false
	for _, k := range acc.APIKeys {
		secret = secret || k == acc.Name
	}
	for _, u := range acc.Users {
		secret = secret || u.Password == acc.Name
	}
	if secret || acc.Name == "" {
		return ID(acc.Name)
	}
	return acc.Name
}

// New builds an authenticator. With no accounts it runs in open mode.
// Tokens are drawn from random (crypto/rand when nil): a session or OAuth2
// token is a credential, so it must not come from the seeded id stream.
func New(c clock.Clock, random io.Reader, accounts []Account) *Authenticator {
	if random == nil {
		random = rand.Reader
	}
	a := &Authenticator{
		clock: c, random: random, open: len(accounts) == 0,
		keys: map[string]Principal{}, users: map[string]userEntry{},
		names: map[string]string{}, tokens: map[string]token{},
	}
	for _, acc := range accounts {
		p := Principal{Account: AccountID(acc)}
		a.names[acc.Name] = p.Account
		if len(acc.Scopes) > 0 {
			p.Scopes = append([]string(nil), acc.Scopes...)
		}
		for _, k := range acc.APIKeys {
			a.keys[k] = p
		}
		for _, u := range acc.Users {
			a.users[u.Username] = userEntry{u.Password, p}
		}
	}
	return a
}

// Open reports whether any well-formed credential is accepted.
func (a *Authenticator) Open() bool { return a.open }

// Authenticate resolves an Authorization header value.
func (a *Authenticator) Authenticate(header string) (Principal, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return Principal{}, ErrMissing
	}
	scheme, cred, ok := strings.Cut(header, " ")
	cred = strings.TrimSpace(cred)
	if !ok || cred == "" {
		return Principal{}, ErrInvalid
	}
	switch strings.ToLower(scheme) {
	case "app":
		return a.apiKey(cred)
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(cred)
		if err != nil {
			return Principal{}, ErrInvalid
		}
		user, pass, ok := strings.Cut(string(raw), ":")
		if !ok {
			return Principal{}, ErrInvalid
		}
		return a.login(user, pass)
	case "ibsso":
		return a.tokenPrincipal("IBSSO", cred)
	case "bearer":
		return a.tokenPrincipal("Bearer", cred)
	}
	return Principal{}, ErrInvalid
}

func (a *Authenticator) apiKey(key string) (Principal, error) {
	if p, ok := a.keys[key]; ok {
		return p, nil
	}
	if a.open && WellFormedKey(key) {
		return Principal{Account: ID(key)}, nil
	}
	return Principal{}, ErrInvalid
}

func (a *Authenticator) login(user, pass string) (Principal, error) {
	if e, ok := a.users[user]; ok && e.secret == pass {
		return e.p, nil
	}
	if a.open && user != "" && pass != "" {
		return Principal{Account: ID("user:" + user)}, nil
	}
	return Principal{}, ErrInvalid
}

func (a *Authenticator) tokenPrincipal(scheme, tok string) (Principal, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.tokens[tok]
	if !ok || t.scheme != scheme {
		return Principal{}, ErrInvalid
	}
	if !a.clock.Now().Before(t.expires) {
		delete(a.tokens, tok)
		return Principal{}, ErrInvalid
	}
	return t.p, nil
}

// NewSession logs a user in and returns an IBSSO token valid for SessionLifetime.
func (a *Authenticator) NewSession(user, pass string) (string, error) {
	p, err := a.login(user, pass)
	if err != nil {
		return "", err
	}
	return a.issue("IBSSO", p, SessionLifetime)
}

// NewToken exchanges OAuth2 client credentials (a login's username and
// password) for a Bearer token and returns it with its lifetime in seconds.
func (a *Authenticator) NewToken(clientID, secret string) (string, int, error) {
	p, err := a.login(clientID, secret)
	if err != nil {
		return "", 0, err
	}
	tok, err := a.issue("Bearer", p, TokenLifetime)
	return tok, int(TokenLifetime / time.Second), err
}

// EndSession revokes an IBSSO token (DELETE /auth/1/session).
func (a *Authenticator) EndSession(tok string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.tokens, tok)
}

func (a *Authenticator) issue(scheme string, p Principal, life time.Duration) (string, error) {
	var raw [32]byte
	if _, err := io.ReadFull(a.random, raw[:]); err != nil {
		return "", err
	}
	tok := hex.EncodeToString(raw[:])
	now := a.clock.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.issued++
	if a.issued%1000 == 0 {
		for k, t := range a.tokens { // forget expired tokens now and then
			if !now.Before(t.expires) {
				delete(a.tokens, k)
			}
		}
	}
	a.tokens[tok] = token{scheme: scheme, p: p, expires: now.Add(life)}
	return tok, nil
}

// Resolve maps what a Go caller may name an account by (its id, a
// configured name, one of its API keys, or in open mode a key or
// "user:LOGIN") to the account's id; anything else is returned as it is.
func (a *Authenticator) Resolve(name string) string {
	if name == "" {
		return ""
	}
	if p, ok := a.keys[name]; ok {
		return p.Account
	}
	if id, ok := a.names[name]; ok {
		return id
	}
	if a.open && (WellFormedKey(name) || strings.HasPrefix(name, "user:")) {
		return ID(name)
	}
	return name
}
