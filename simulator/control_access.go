package simulator

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/jiocxsim/jiocxsim/simulator/internal/auth"
)

// Who may do what on the control plane (one place, used by every /_sim route):
//
//   - A call with an API credential (App, Basic, IBSSO, Bearer) acts on that
//     credential's account only. ?account= naming the same account is fine;
//     naming another one is a cross-account call.
//   - A call without a credential acts on every account (or, with
//     ?account=ID, on that one): a cross-account call.
//   - Cross-account calls need the control token in X-Jiocxsim-Token. When no
//     token is configured they are allowed only over a loopback connection
//     (and a non-loopback listener gets a generated token, so that case
//     arises only for an embedder that never said where it listens).
//   - A wrong token is refused even on a call that would not need one.

// accessState is what the server knows about its own listeners: the control
// token (configured or generated) and the addresses it is reached at, which
// the callback guard keeps callbacks away from.
type accessState struct {
	mu        sync.Mutex
	token     string
	generated bool
	// listeners are the addresses the server was told it listens on.
	listeners []*net.TCPAddr
	// seen are local addresses requests arrived at (learned, bounded).
	seen map[string]bool
	// localIPs are this machine's addresses, read when a listener on the
	// unspecified address is registered.
	localIPs []net.IP

	// stopCtx ends when the server starts shutting down: long-polls answer.
	stopCtx    context.Context
	stopCancel context.CancelFunc
}

// maxSeenAddrs bounds the learned local addresses.
const maxSeenAddrs = 64

func (a *accessState) controlToken() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.token
}

// ControlToken returns the token cross-account control calls need: the
// configured one, the one generated for a non-loopback listener, or "".
func (s *Server) ControlToken() string { return s.access.controlToken() }

// noteListener records an address the server listens on; a non-loopback
// one without a configured token gets a generated token.
func (s *Server) noteListener(tcp *net.TCPAddr) error {
	a := &s.access
	a.mu.Lock()
	defer a.mu.Unlock()
	a.listeners = append(a.listeners, tcp)
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		if ips, err := localAddrs(); err == nil {
			a.localIPs = ips
		}
	}
	if a.token == "" && !isLoopback(tcp.IP) && !s.cfg.noControl {
		r := s.cfg.tokenRandom
		if r == nil {
			r = rand.Reader
		}
		var b [16]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return err
		}
		a.token, a.generated = hex.EncodeToString(b[:]), true
	}
	return nil
}

func localAddrs() ([]net.IP, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP)
		}
	}
	return out, nil
}

func isLoopback(ip net.IP) bool { return ip != nil && ip.IsLoopback() }

// learnLocalAddr records the local address a request arrived at, so an
// embedder's server (httptest, its own listener) is protected from
// self-callbacks without telling the simulator where it listens.
func (s *Server) learnLocalAddr(r *http.Request) {
	la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return
	}
	k := la.String()
	a := &s.access
	a.mu.Lock()
	if a.seen == nil {
		a.seen = map[string]bool{}
	}
	if !a.seen[k] && len(a.seen) < maxSeenAddrs {
		a.seen[k] = true
	}
	a.mu.Unlock()
}

// viaLoopback reports whether the request came over a loopback connection
// (an in-process call with no connection counts as one).
func viaLoopback(r *http.Request) bool {
	la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true
	}
	tcp, ok := la.(*net.TCPAddr)
	return ok && isLoopback(tcp.IP)
}

// ControlBanner describes the control plane's access rules in a few lines
// for a start-up banner, including a generated token.
func (s *Server) ControlBanner() string {
	if s.cfg.noControl {
		return "control:  off (--no-control)\n"
	}
	a := &s.access
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.generated:
		return "control:  /_sim/ scoped to each caller's credential; calls across accounts need\n" +
			"          " + ControlTokenHeader + ": " + a.token + "   (generated: the listener is not loopback-only; set --control-token to choose one)\n"
	case a.token != "":
		return "control:  /_sim/ scoped to each caller's credential; calls across accounts need " + ControlTokenHeader + " (--control-token)\n"
	}
	return "control:  /_sim/ scoped to each caller's credential; calls across accounts are OPEN to any local process (loopback listener, no --control-token)\n"
}

// controlScope resolves the account a control call acts on ("" for every
// account). It writes the refusal itself and returns ok=false when the call
// may not proceed.
func (s *Server) controlScope(w http.ResponseWriter, r *http.Request) (string, bool) {
	tok := s.access.controlToken()
	sent := r.Header.Get(ControlTokenHeader)
	tokenOK := tok != "" && subtle.ConstantTimeCompare([]byte(sent), []byte(tok)) == 1
	if sent != "" && !tokenOK {
		writeJSON(w, http.StatusUnauthorized, controlError{Error: "the " + ControlTokenHeader + " header does not match the control token"})
		return "", false
	}
	crossOK := tokenOK || (tok == "" && viaLoopback(r))
	asked, named := r.URL.Query()["account"]
	want := ""
	if named {
		want = asked[0]
	}
	if hdr := r.Header.Get("Authorization"); hdr != "" {
		p, err := s.auth.Authenticate(hdr)
		if err != nil {
			writeJSON(w, http.StatusUnauthorized, controlError{Error: "Authorization does not name a known account: " + err.Error()})
			return "", false
		}
		if !named || want == p.Account {
			return p.Account, true
		}
		if !crossOK {
			writeJSON(w, http.StatusForbidden, controlError{Error: "?account= names another account than the credential's: that needs the " + ControlTokenHeader + " header"})
			return "", false
		}
		return want, true
	}
	if !crossOK {
		writeJSON(w, http.StatusUnauthorized, controlError{Error: "the control plane needs an API credential (Authorization) for its own account, or the " + ControlTokenHeader + " header for every account"})
		return "", false
	}
	return want, true
}

// controlShared admits a call to state every account shares (the clock):
// any valid credential, or what a cross-account call needs.
func (s *Server) controlShared(w http.ResponseWriter, r *http.Request) bool {
	_, ok := s.controlScope(w, r)
	return ok
}

// controlAdmin admits a call about the whole server (unknown paths): only
// what a cross-account call needs.
func (s *Server) controlAdmin(w http.ResponseWriter, r *http.Request) bool {
	tok := s.access.controlToken()
	sent := r.Header.Get(ControlTokenHeader)
	if tok != "" && subtle.ConstantTimeCompare([]byte(sent), []byte(tok)) == 1 {
		return true
	}
	if tok == "" && sent == "" && viaLoopback(r) {
		return true
	}
	writeJSON(w, http.StatusUnauthorized, controlError{Error: "this control endpoint is about every account: it needs the " + ControlTokenHeader + " header"})
	return false
}

// Guard wraps a handler meant for people and their tools, not for the API's
// clients (the control plane and the web UI) with the browser checks: the
// Host must be the listener's own (an IP literal, localhost, a listener's
// host name) or a public host (WithPublicHosts), which defeats DNS
// rebinding; an Origin must be that same origin or a public host; and a
// write that carries a body (or a Content-Type) must be application/json,
// which no cross-site form can send.
func (s *Server) Guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if msg, status := s.browserCheck(r); status != 0 {
			writeJSON(w, status, controlError{Error: msg})
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) browserCheck(r *http.Request) (string, int) {
	if !s.hostAllowed(r.Host) {
		return "Host " + r.Host + " is not this simulator's (start it with --public-host " + hostOnly(r.Host) + " to allow it)", http.StatusForbidden
	}
	if o := r.Header.Get("Origin"); o != "" && !s.originAllowed(o, r.Host) {
		return "cross-site request from Origin " + o + " refused", http.StatusForbidden
	}
	if r.Header.Get("Origin") == "" && r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "cross-site request refused", http.StatusForbidden
	}
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		ct := r.Header.Get("Content-Type")
		if ct == "" && r.ContentLength == 0 {
			return "", 0 // a body-less write: no form can send one without an Origin
		}
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return "control writes need Content-Type: application/json", http.StatusUnsupportedMediaType
		}
	}
	return "", 0
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.Trim(h, "[]")
	}
	return strings.Trim(hostport, "[]")
}

func (s *Server) hostAllowed(hostport string) bool {
	h := strings.ToLower(hostOnly(hostport))
	if h == "" {
		return true // HTTP/1.0 without Host: no browser sends that
	}
	if net.ParseIP(h) != nil || h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true // DNS rebinding needs a name; an address literal cannot be rebound
	}
	for _, p := range s.cfg.publicHosts {
		if p == "*" || strings.EqualFold(p, h) || strings.EqualFold(p, hostport) {
			return true
		}
	}
	s.access.mu.Lock()
	defer s.access.mu.Unlock()
	for _, l := range s.cfg.listenNames {
		if strings.EqualFold(l, h) {
			return true
		}
	}
	return false
}

func (s *Server) originAllowed(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // "null" and the like
	}
	if strings.EqualFold(u.Host, host) {
		return true
	}
	for _, p := range s.cfg.publicHosts {
		if p == "*" || strings.EqualFold(p, u.Hostname()) || strings.EqualFold(p, u.Host) {
			return true
		}
	}
	return false
}

// acct maps the account argument of a Go method to the account's id, so Go
// callers may keep naming an account by its API key or configured name
// (see AccountOf); over HTTP ?account= takes the id.
func (s *Server) acct(account string) string { return s.auth.Resolve(account) }

// AccountOf returns the non-secret id the account of an Authorization
// header value (App KEY, Basic ..., IBSSO ..., Bearer ...) is shown by, the
// value ?account= takes.
func (s *Server) AccountOf(authorization string) (string, error) {
	p, err := s.auth.Authenticate(authorization)
	return p.Account, err
}

// AccountID is the id an open-mode account is shown by: for an API key
// "acct-" and 12 hex digits of its SHA-256; for a Basic login, of
// "user:LOGIN". A configured account is shown by its name unless the name is
// one of its credentials.
func AccountID(keyOrUser string) string { return auth.ID(keyOrUser) }
