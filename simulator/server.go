package simulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"github.com/jiocxsim/jiocxsim/simulator/clock"
	"github.com/jiocxsim/jiocxsim/simulator/internal/auth"
	"github.com/jiocxsim/jiocxsim/simulator/internal/bus"
	"github.com/jiocxsim/jiocxsim/simulator/internal/dlt"
	"github.com/jiocxsim/jiocxsim/simulator/internal/faults"
	"github.com/jiocxsim/jiocxsim/simulator/internal/ids"
	"github.com/jiocxsim/jiocxsim/simulator/internal/inbound"
	"github.com/jiocxsim/jiocxsim/simulator/internal/journal"
	"github.com/jiocxsim/jiocxsim/simulator/internal/lifecycle"
	"github.com/jiocxsim/jiocxsim/simulator/internal/numberplan"
	"github.com/jiocxsim/jiocxsim/simulator/internal/pull"
	"github.com/jiocxsim/jiocxsim/simulator/internal/schema"
	"github.com/jiocxsim/jiocxsim/simulator/internal/senders"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store"
	"github.com/jiocxsim/jiocxsim/simulator/internal/store/sqlite"
	"github.com/jiocxsim/jiocxsim/simulator/internal/templates"
	"github.com/jiocxsim/jiocxsim/simulator/internal/tracking"
	"github.com/jiocxsim/jiocxsim/simulator/internal/webhook"
	"github.com/jiocxsim/jiocxsim/simulator/wire"
)

// Server is a simulated JioCX API. It is an http.Handler.
type Server struct {
	cfg     config
	clock   clock.Clock
	log     *slog.Logger
	ids     *ids.Generator
	auth    *auth.Authenticator
	store   *store.Store
	router  *mux.Router
	schemas schemas

	plan       *numberplan.Plan
	engine     *lifecycle.Engine
	dispatcher *webhook.Dispatcher
	pull       *pull.Queue
	settings   settingsStore
	waiters    waiters
	attemptSig attemptSignal

	inboundConfigs *inbound.Registry
	subscribers    *inbound.Subscribers
	keywords       inbound.Keywords
	inboundLog     inboundLog
	conversations  conversations
	templates      *templates.Registry
	senders        *senders.Registry
	rcsEpoch       time.Time // when the fixture's senders and templates were seeded
	events         eventLog
	gate           *faults.Gate
	dlt            *dlt.Store
	shortener      *tracking.Shortener
	cbFaults       callbackFaults

	// envelopes maps a route path template to its error envelope, so that a
	// wrong method on a known path answers in that path's envelope.
	envelopes map[string]wire.Envelope

	mu             sync.Mutex
	unknown        map[string]int // "METHOD /path" -> calls to paths the simulator does not know
	unknownDropped int            // calls not listed: beyond maxUnknownPaths distinct paths

	// advanceMu keeps two Advance calls from interleaving their steps.
	advanceMu sync.Mutex

	// Observability: the request journal, the event bus and the metrics.
	journal *journal.Journal
	bus     *bus.Bus
	metrics *metrics
	// callbackTimes carries each callback POST's duration to its attempt event.
	callbackTimes *postTimes
	// durable is the database of a server started WithDataDir (else nil).
	durable *durable
	access  accessState // control token, own addresses (control_access.go)
	// apiSlots bounds the API handlers running at once (serving.go).
	apiSlots chan struct{}
}

// New builds a server.
func New(opts ...Option) (*Server, error) {
	cfg := defaults()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if !cfg.seedSet {
		cfg.seed = entropySeed()
	}
	g := ids.New(cfg.seed, cfg.idMode)
	authn := auth.New(cfg.clock, cfg.tokenRandom, cfg.accounts)
	// Start-up profiles may name their account by key or name: keep its id.
	cfg.profiles = append([]numberplan.Profile(nil), cfg.profiles...)
	for i := range cfg.profiles {
		cfg.profiles[i].Account = authn.Resolve(cfg.profiles[i].Account)
	}
	plan, err := numberplan.New(cfg.profiles)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:       cfg,
		clock:     cfg.clock,
		log:       cfg.logger,
		ids:       g,
		auth:      authn,
		store:     store.New(),
		envelopes: map[string]wire.Envelope{},
		unknown:   map[string]int{},
		plan:      plan,
		pull:      &pull.Queue{Max: min(cfg.maxMessages, pull.DefaultMax)},

		inboundConfigs: &inbound.Registry{},
		subscribers:    &inbound.Subscribers{},
		keywords:       cfg.keywords,
		gate:           faults.New(throttles(cfg.noRateLimits)),
		dlt:            dlt.NewStore(dltDefaults(cfg.dltRegistry), cfg.dltMode),
		templates:      &templates.Registry{},
		senders:        &senders.Registry{},
	}
	s.rcsEpoch = cfg.clock.Now()
	if err := s.seedRCSManagement(s.rcsEpoch); err != nil {
		return nil, err
	}
	// An account's own senders and templates are part of its set-up, kept
	// by a durable simulator like the rest of it (the seeds are not).
	s.senders.OnChange, s.templates.OnChange = s.setupChanged, s.setupChanged
	patterns := cfg.trackerPatterns
	if patterns == nil {
		patterns = tracking.DefaultTrackerPatterns()
	}
	if s.shortener, err = tracking.New(func() string { return s.ids.Code() }, patterns); err != nil {
		return nil, err
	}
	s.settings.def = cfg.defaults
	s.cbFaults.rng = rand.New(rand.NewPCG(cfg.seed, 0xc0ffee)) // callback faults draw from their own seeded stream
	s.store.SetMax(cfg.maxMessages)
	s.store.OnChange(s.waiters.notify)
	client := cfg.httpClient
	if client == nil {
		client = s.callbackClient()
	}
	if cfg.dataDir != "" {
		// Opened before the dispatcher and the engine, which keep their
		// pending work in it; read back by openDurable below.
		db, err := sqlite.Open(cfg.dataDir)
		if err != nil {
			return nil, fmt.Errorf("simulator: %s: %w", cfg.dataDir, err)
		}
		s.durable = &durable{db: db, dirty: map[string]bool{}}
	}
	s.dispatcher = webhook.New(webhook.Options{
		Pending: s.pendingRecords(),
		Clock:   cfg.clock, Client: s.timedClient(client), Logger: cfg.logger, Policy: cfg.retry,
		Workers: cfg.workers, QueueLimit: cfg.queueLimit,
		Guard: s.checkCallbackURL, KeepUserinfo: cfg.access.callbackUserinfo, OnRefused: s.callbackRefused,
		Lanes: callbackLanes(cfg.access.callbackLanes),
	})
	s.dispatcher.OnDelivered(s.delivered)
	s.dispatcher.OnAttempt(s.attemptSig.broadcast)
	s.engine = lifecycle.New(cfg.clock, s.store, plan, cfg.delays, lifecycle.Hooks{
		Report:    s.route,
		Filter:    s.filterSMS,
		Blocked:   s.subscribers.Blocked,
		RCSCheck:  s.rcsLegCheck,
		Delivered: s.autoReply,
	})
	s.engine.Handle(stepSeen, s.userSeen)
	s.engine.Handle(stepAutoReply, s.userReplies)
	s.apiSlots = make(chan struct{}, apiConcurrency)
	s.access.token = cfg.controlToken
	s.access.stopCtx, s.access.stopCancel = context.WithCancel(context.Background())
	for _, a := range cfg.access.listenAddrs {
		if err := s.noteListener(a); err != nil {
			_ = s.dispatcher.Close(context.Background())
			_ = s.closeDurable()
			return nil, err
		}
	}
	if _, real := cfg.clock.(clock.Real); real {
		s.engine.UseWorkers(2)
	}
	s.store.SetEvictable(func(m *store.Message) bool { return m.Status.Final() && !s.engine.Busy(m.Seq) })
	s.observe()
	if cfg.maxAge > 0 {
		s.store.SetMaxAge(cfg.maxAge, s.clock.Now)
	}
	if cfg.dataDir != "" {
		if err := s.openDurable(); err != nil {
			s.access.stopCancel()
			s.engine.Stop()
			_ = s.dispatcher.Close(context.Background())
			return nil, err
		}
	}
	s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler. Repeated slashes in the path are
// folded first: a base URL configured with a trailing slash makes clients
// call //sms/3/messages, and redirecting a POST would lose its body.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.learnLocalAddr(r)
	if strings.Contains(r.URL.Path, "//") {
		p := r.URL.Path
		for strings.Contains(p, "//") {
			p = strings.ReplaceAll(p, "//", "/")
		}
		r.URL.Path, r.URL.RawPath = p, ""
	}
	s.observeRequest(w, r, s.router)
}

// Close stops background work and waits for it. It is safe to call twice.
func (s *Server) Close(ctx context.Context) error {
	s.stopping()
	s.engine.Stop()
	s.bus.Close()
	err := s.dispatcher.Close(ctx)
	if derr := s.closeDurable(); err == nil {
		err = derr
	}
	return err
}

// Clock returns the server's clock (a *clock.Fake when built with one).
func (s *Server) Clock() clock.Clock { return s.clock }

// SampleAPIKey returns an API key the server accepts: in open mode a fresh
// well-formed key from the seeded source, else the first configured key.
func (s *Server) SampleAPIKey() string {
	for _, a := range s.cfg.accounts {
		if len(a.APIKeys) > 0 {
			return a.APIKeys[0]
		}
	}
	if !s.auth.Open() {
		return ""
	}
	return s.ids.APIKey()
}

// submit stores accepted messages and returns copies as stored.
func (s *Server) submit(msgs ...*store.Message) []*store.Message {
	if !s.cfg.allowDuplicateIDs {
		s.refuseDuplicates(msgs)
	}
	// The messages and their first steps land in one commit: a crash never
	// keeps a message without the step that would finish it.
	s.beginUnit()
	stored := s.store.AddStarting(msgs...)
	seqs := make([]uint64, len(stored))
	for i, m := range stored {
		seqs[i] = m.Seq
		if m.Tracking != nil {
			// Links carry the message's store sequence, so tracking runs once
			// the message is stored.
			if up, ok := s.store.Update(m.Seq, s.applyTracking); ok {
				stored[i] = up
			}
		}
		s.engine.Start(stored[i])
	}
	s.store.Started(seqs...)
	s.endUnit()
	// A durable server answers once the messages are committed: nothing it
	// accepted is lost to a crash. Concurrent requests share one commit.
	s.acceptedDurably()
	return stored
}

// handler is what every API route implements: it returns the HTTP status and
// the body to write, or an error (a *wire.Problem for API errors) that the
// adapter renders in the route's envelope.
type handler func(c *call) (int, any, error)

// call is one request as handlers see it.
type call struct {
	r         *http.Request
	body      []byte
	principal auth.Principal
}

type route struct {
	method, path string
	env          wire.Envelope
	scopes       []string // any of them grants access; nil means no auth needed
	public       bool     // no Authorization needed
	h            handler
}

func (s *Server) handle(rt route) {
	s.envelopes[rt.path] = rt.env
	s.router.Handle(rt.path, s.adapt(rt)).Methods(rt.method)
}

// adapt turns a handler into an http.Handler: authentication, body limit,
// JSON writing and error envelopes, in one place.
func (s *Server) adapt(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{r: r}
		noteRoute(r, rt.path)
		if !rt.public {
			p, err := s.auth.Authenticate(r.Header.Get("Authorization"))
			if err == nil {
				noteAccount(r, p.Account)
			}
			if err != nil {
				noteOf(r).Problem = "refused credentials: " + err.Error()
				s.writeProblem(w, rt.env, &wire.Problem{HTTPStatus: http.StatusUnauthorized})
				return
			}
			noteOf(r).Account = p.Account
			if !p.Allowed(rt.scopes) {
				noteOf(r).Problem = "the credentials lack the scope of " + rt.path
				s.writeProblem(w, rt.env, &wire.Problem{HTTPStatus: http.StatusForbidden})
				return
			}
			c.principal = p
		}
		if st := s.gate.Check(c.principal.Account, r.Method, rt.path, s.clock.Now()); st != 0 {
			noteOf(r).Problem = "rate limit or injected fault"
			s.writeProblem(w, rt.env, &wire.Problem{HTTPStatus: st})
			return
		}
		if r.Body != nil && r.Method != http.MethodGet {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.maxBody))
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					noteOf(r).Problem = "body over the size limit"
					s.writeProblem(w, rt.env, &wire.Problem{HTTPStatus: http.StatusRequestEntityTooLarge})
					return
				}
				s.writeProblem(w, rt.env, badRequest("body", "could not read the request body: "+err.Error()))
				return
			}
			c.body = body
		}
		s.apiSlots <- struct{}{}
		status, body, err := rt.h(c)
		<-s.apiSlots
		if err != nil {
			var p *wire.Problem
			if !errors.As(err, &p) {
				s.log.Error("handler failed", "path", r.URL.Path, "err", err)
				p = &wire.Problem{HTTPStatus: http.StatusInternalServerError}
			}
			noteProblem(r, p)
			s.writeProblem(w, rt.env, p)
			return
		}
		writeJSON(w, status, body)
	})
}

func (s *Server) writeProblem(w http.ResponseWriter, env wire.Envelope, p *wire.Problem) {
	status := p.HTTPStatus
	if !wire.KnownProblem(status) {
		status = http.StatusInternalServerError // Render answers an unknown status with the 500 body
	}
	writeJSON(w, status, p.Render(env))
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body)
}

// badRequest is a 400 naming one property.
func badRequest(property, violation string) *wire.Problem {
	return &wire.Problem{HTTPStatus: http.StatusBadRequest, Violations: []wire.Violation{{Property: property, Violation: violation}}}
}

// decode validates body against n and then decodes it into dst. Every
// violation is reported with its property path.
func (s *Server) decode(c *call, n schema.Node, dst any) error {
	vs, pruned, err := schema.Validate(n, c.body, s.clock.Now())
	if err != nil {
		return badRequest("body", err.Error())
	}
	if len(vs) > 0 {
		p := &wire.Problem{HTTPStatus: http.StatusBadRequest}
		for _, v := range vs {
			p.Violations = append(p.Violations, wire.Violation{Property: v.Property, Violation: v.Message})
		}
		return p
	}
	if err := fillChecked(s.schemas.filler, pruned, dst); err != nil {
		return err
	}
	return nil
}

// maxUnknownPaths bounds the distinct unknown paths counted; maxUnknownKey
// bounds each one's length (a 900 KB path is kept as its first 256 bytes).
const (
	maxUnknownPaths = 1000
	maxUnknownKey   = 256
)

func truncateKey(k string) string {
	if len(k) <= maxUnknownKey {
		return k
	}
	return strings.ToValidUTF8(k[:maxUnknownKey], "") + "…"
}

// modernPrefixes are the API generations that answer in the new envelope.
var modernPrefixes = []string{"/rcs/2/", "/rcs/1/events", "/sms/3/", "/messages-api/"}

func envelopeForPath(path string) wire.Envelope {
	for _, p := range modernPrefixes {
		if strings.HasPrefix(path, p) {
			return wire.Modern
		}
	}
	return wire.Legacy
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if isControlPath(r.URL.Path) && !s.cfg.noControl {
		writeJSON(w, http.StatusNotFound, controlError{Error: "no control endpoint " + r.Method + " " + r.URL.Path})
		return
	}
	s.mu.Lock()
	key := truncateKey(r.Method + " " + r.URL.Path)
	if _, seen := s.unknown[key]; seen || len(s.unknown) < maxUnknownPaths {
		s.unknown[key]++
	} else {
		s.unknownDropped++
	}
	s.mu.Unlock()
	noteOf(r).Problem = "unknown path"
	s.writeProblem(w, envelopeForPath(r.URL.Path), &wire.Problem{HTTPStatus: http.StatusNotFound})
}

func isControlPath(p string) bool { return p == "/_sim" || strings.HasPrefix(p, "/_sim/") }

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if isControlPath(r.URL.Path) {
		writeJSON(w, http.StatusMethodNotAllowed, controlError{Error: r.Method + " is not allowed on " + r.URL.Path})
		return
	}
	env, ok := s.envelopes[r.URL.Path]
	if !ok {
		env = envelopeForPath(r.URL.Path)
	}
	s.writeProblem(w, env, &wire.Problem{HTTPStatus: http.StatusMethodNotAllowed})
}

// UnknownCall is a request to a path the simulator does not implement.
type UnknownCall struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Count  int    `json:"count"`
}

// UnknownCalls lists the requests to unknown paths, so a test can assert that
// an integration called nothing the simulator does not know.
func (s *Server) UnknownCalls() []UnknownCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]UnknownCall, 0, len(s.unknown))
	for k, n := range s.unknown {
		m, p, _ := strings.Cut(k, " ")
		out = append(out, UnknownCall{Method: m, Path: p, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Method < out[j].Path+out[j].Method })
	return out
}

// throttles are Infobip's published request limits (x-throttling-info), per
// account and endpoint. The send endpoints have none.
func throttles(off bool) map[string]faults.Limit {
	if off {
		return nil
	}
	perSecond := func(n int) faults.Limit { return faults.Limit{Requests: n, Window: time.Second} }
	perMinute := func(n int) faults.Limit { return faults.Limit{Requests: n, Window: time.Minute} }
	return map[string]faults.Limit{
		"/rcs/1/events":                 perSecond(100),
		"/rcs/2/capability-check/query": perSecond(100),
		"/rcs/2/logs":                   perMinute(120),
		"/sms/3/logs":                   perMinute(120),
		"/sms/1/logs":                   perMinute(120),
		"/auth/1/session":               perSecond(10),
		"/auth/1/oauth2/token":          perSecond(10),
	}
}

// Fault makes the next Count requests to Path answer Status (429 or 500) in
// the endpoint's envelope instead of running.
type Fault = faults.Fault

// InjectFault arms a fault; its Account field scopes it (empty: every account).
func (s *Server) InjectFault(f Fault) error {
	f.Account = s.acct(f.Account)
	if f.Status != http.StatusTooManyRequests && f.Status != http.StatusInternalServerError {
		return errors.New("simulator: a fault answers 429 or 500")
	}
	if f.Count < 1 || f.Path == "" {
		return errors.New("simulator: a fault needs a path and a count of at least 1")
	}
	s.gate.Inject(f)
	return nil
}

func dltDefaults(r *dlt.Registry) dlt.Registry {
	if r == nil {
		return SampleDLTRegistry()
	}
	return *r
}

// refuseDuplicates dooms a message whose client-chosen messageId the account
// already used (in an earlier request or earlier in this one): Infobip
// reports it REJECTED_DUPLICATE_MESSAGE_ID.
func (s *Server) refuseDuplicates(msgs []*store.Message) {
	seen := map[string]bool{}
	for _, m := range msgs {
		if !m.ClientMessageID || m.Status.Final() {
			continue
		}
		_, earlier := s.store.Get(m.Account, m.MessageID)
		if earlier || seen[m.MessageID] {
			m.EditExtras().Refusal = &store.Refusal{Status: wire.StatusFor(wire.StatusRejectedDuplicateMessageID), Error: wire.NoError(),
				Reason: "messageId " + m.MessageID + " was already used by this account"}
			m.Warnings = append(m.Warnings, "duplicate messageId: the message is rejected")
		}
		seen[m.MessageID] = true
	}
}
