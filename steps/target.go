package steps

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/jiocxsim/jiocxsim/simulator"
	"github.com/jiocxsim/jiocxsim/simulator/client"
	"github.com/jiocxsim/jiocxsim/simulator/clock"
)

// Endpoint is what one scenario talks to.
type Endpoint struct {
	// BaseURL is the API's base URL.
	BaseURL string
	// APIKey is the scenario's key: its own account on a simulator, the
	// configured key on a real account.
	APIKey string
	// Username and Password are Basic credentials, when the target has them.
	Username, Password string
	// Control is the control-plane client scoped to the key; nil when the
	// target has no control plane (a real account, or --no-control).
	Control *client.Client
	// ControlToken is the target's control-plane token, for the control
	// clients a scenario makes for other keys (GL-AUTH-4's second account).
	ControlToken string
	// FakeClock says time only moves when the scenario advances it.
	FakeClock bool
	// KnownAccounts says the target refuses keys it does not know (a real
	// account, or a simulator with a strict key list), not just malformed ones.
	KnownAccounts bool
	// RealAccount says the target is a real JioCX account: the test number
	// plan does not exist there.
	RealAccount bool
	// NewKey returns another key with its own account (GL-AUTH-4); nil when
	// the target cannot provide one.
	NewKey func() string
	close  func()
}

// Target provides an Endpoint per scenario.
type Target interface {
	// Name describes the target in reports.
	Name() string
	// Open prepares one scenario's endpoint.
	Open(ctx context.Context) (*Endpoint, error)
}

// Close releases a scenario's endpoint.
func (e *Endpoint) Close() {
	if e.close != nil {
		e.close()
	}
}

// NewAPIKey returns a random key in Infobip's shape (32 hex, a dash, a
// UUID), which an open-mode simulator accepts as a fresh account.
func NewAPIKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[:32] + "-" + h[32:40] + "-" + h[40:44] + "-4" + h[45:48] + "-a" + h[49:52] + "-" + h[52:64]
}

// InProcess is a target that starts a fresh simulator for every scenario, on
// its own fake clock, so scenarios never disturb each other.
type InProcess struct {
	// Options are extra simulator options for every scenario.
	Options []simulator.Option
}

// Name implements Target.
func (InProcess) Name() string { return "in-process simulator (fake clock)" }

// Open implements Target.
func (t InProcess) Open(context.Context) (*Endpoint, error) {
	fake := clock.NewFake(time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC))
	// Known accounts only, as on the real platform: the scenario's key and
	// login, and a second account for the isolation checks.
	key, second := NewAPIKey(), NewAPIKey()
	user := simulator.User{Username: "user-" + key[:8], Password: "secret"}
	opts := []simulator.Option{simulator.WithClock(fake), simulator.WithAccounts(
		simulator.Account{Name: "scenario", APIKeys: []string{key}, Users: []simulator.User{user}},
		simulator.Account{Name: "second", APIKeys: []string{second}},
	)}
	sim, err := simulator.New(append(opts, t.Options...)...)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(sim)
	return &Endpoint{
		BaseURL: srv.URL, APIKey: key, Username: user.Username, Password: user.Password,
		Control: client.New(srv.URL, client.WithAPIKey(key)), FakeClock: true, KnownAccounts: true,
		NewKey: func() string { return second },
		close: func() {
			srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = sim.Close(ctx)
		},
	}, nil
}

// Remote is a target at a base URL: another process, a container, another
// machine, or a real JioCX account.
type Remote struct {
	URL string
	// APIKey is the account's key. Empty means the target is a simulator in
	// open mode: every scenario then gets a fresh key (its own account).
	APIKey string
	// Username and Password are Basic credentials for GL-AUTH-3, if any.
	Username, Password string
	// ControlToken is sent to a control plane that requires one.
	ControlToken string
	// RealAccount marks a real JioCX account: scenarios that rely on the test
	// number plan (@numberplan) are skipped.
	RealAccount bool

	control, fake bool
}

// Name implements Target.
func (t *Remote) Name() string {
	switch {
	case t.RealAccount:
		return t.URL + " (a real account: scenarios tagged @control, @clock or @numberplan are skipped)"
	case t.control && t.fake:
		return t.URL + " (simulator, control plane, fake clock)"
	case t.control:
		return t.URL + " (simulator, control plane)"
	}
	return t.URL + " (no control plane: scenarios tagged @control or @clock are skipped)"
}

// Probe asks the target whether it has a control plane and a fake clock. A
// control plane that refuses the harness (401 or 403) is an error, not an
// absence: running on would skip every @control scenario and look green.
func (t *Remote) Probe(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(t.URL, "/")+"/_sim/clock", nil)
	if err != nil {
		return err
	}
	if t.ControlToken != "" {
		req.Header.Set(client.TokenHeader, t.ControlToken)
	}
	// The clock is shared state: any credential may read it, so the probe
	// works on a simulator whose control plane wants a token for the rest.
	key := t.APIKey
	if key == "" {
		key = NewAPIKey()
	}
	req.Header.Set("Authorization", "App "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("target %s does not answer: %w", t.URL, err)
	}
	defer resp.Body.Close()
	var body struct {
		Fake bool `json:"fake"`
	}
	switch {
	case t.RealAccount:
		// A real account has no control plane, whatever /_sim/clock answers.
	case resp.StatusCode == http.StatusOK:
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			return fmt.Errorf("target %s: GET /_sim/clock answered 200 but not the simulator's JSON: %w", t.URL, err)
		}
		t.control, t.fake = true, body.Fake
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		hint := "pass --control-token with the simulator's token (or --real-account if the target is a JioCX account)"
		if t.ControlToken != "" {
			hint = "the --control-token given is not the simulator's"
		}
		return fmt.Errorf("%d: the control plane of %s refused the harness: %s (Go: Remote.ControlToken)", resp.StatusCode, t.URL, hint)
	case resp.StatusCode == http.StatusNotFound:
		// No control plane (--no-control, or not a simulator).
	default:
		return fmt.Errorf("target %s: GET /_sim/clock answered HTTP %d", t.URL, resp.StatusCode)
	}
	return nil
}

// Open implements Target.
func (t *Remote) Open(context.Context) (*Endpoint, error) {
	key := t.APIKey
	var newKey func() string
	if key == "" {
		key, newKey = NewAPIKey(), NewAPIKey
	}
	ep := &Endpoint{BaseURL: strings.TrimRight(t.URL, "/"), APIKey: key, Username: t.Username, Password: t.Password,
		FakeClock: t.fake, NewKey: newKey, KnownAccounts: t.APIKey != "", RealAccount: t.RealAccount, ControlToken: t.ControlToken}
	if t.APIKey == "" && t.Username == "" {
		ep.Username, ep.Password = "user-"+key[:8], "secret"
	}
	if t.control {
		opts := []client.Option{client.WithAPIKey(key)}
		if t.ControlToken != "" {
			opts = append(opts, client.WithToken(t.ControlToken))
		}
		ep.Control = client.New(ep.BaseURL, opts...)
	}
	return ep, nil
}
